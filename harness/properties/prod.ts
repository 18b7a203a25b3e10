// secnet PROD in lockstep: sites A (alpha, knows B's address) and B (bravo, no address
// for A) on a lossy network with short timers: data, delivery in any order,
// duplicates, losses, restarts, time advances, and injected NAKs and PRODs.
import fc from 'fast-check';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { PROFILE_NAMES } from '../model/prod/index.ts';
import { toHex, utf8 } from '../util/bytes.ts';
import { ADDR_A, ADDR_B, CFG_A, CFG_B } from '../suites/prod-scenarios.ts';
import type { Lockstep } from './lockstep.ts';
import { cmd, hexBytes } from './gen.ts';
import type { PropertyDef } from './types.ts';

type Who = 'A' | 'B';
const peer = (w: Who): Who => (w === 'A' ? 'B' : 'A');
const ADDR: Record<Who, string> = { A: ADDR_A, B: ADDR_B };
const CFG: Record<Who, JsonObject> = { A: CFG_A, B: CFG_B };
/** Short timers so retransmission, WAIT and key expiry all happen within 50 steps. */
const TIMERS = { setupTimeout: 100, setupRetries: 2, waitTime: 500, keyLifetime: 3000, renegotiateTime: 2000 };

interface Packet {
  to: string;
  from: string;
  packet: string;
}
interface World {
  now: number;
  net: Packet[];
}

const whoAt = (addr: string): Who | undefined => (addr === ADDR_A ? 'A' : addr === ADDR_B ? 'B' : undefined);

async function onSite(w: World, ls: Lockstep, x: Who, op: string, args: JsonObject): Promise<void> {
  const r = await ls.step(op, { site: `@${x}`, ...args });
  for (const p of (r.packets ?? []) as unknown as { to: string; packet: string }[]) w.net.push({ to: p.to, from: ADDR[x], packet: p.packet });
}

const who = fc.constantFrom<Who>('A', 'B');

const advance = fc.tuple(who, fc.constantFrom(1, 50, 101, 250, 501, 1000, 3001)).map(([x, ms]) =>
  cmd<World>(`${x} sees ${ms} ms pass`, async (w, ls) => {
    w.now += ms;
    await onSite(w, ls, x, 'prod.advance', { now: w.now });
  }),
);

const data = fc.tuple(who, hexBytes(1, 16)).map(([x, d]) => cmd<World>(`${x} gets data to send`, (w, ls) => onSite(w, ls, x, 'prod.outgoing', { now: w.now, data: d })));

/** Pick 0 delivers the oldest packet in flight; keep leaves it in flight (a duplicate later). */
const deliver = fc.tuple(fc.nat(), fc.boolean()).map(([pick, keep]) =>
  cmd<World>(`deliver packet #${pick}${keep ? ' (duplicated)' : ''}`, async (w, ls) => {
    const i = pick % w.net.length;
    const p = w.net[i];
    if (!keep) w.net.splice(i, 1);
    const x = whoAt(p.to);
    if (x) await onSite(w, ls, x, 'prod.incoming', { now: w.now, packet: p.packet, from: p.from });
  }, (w) => w.net.length > 0),
);

const lose = fc.nat().map((pick) => cmd<World>(`lose packet #${pick}`, async (w) => void w.net.splice(pick % w.net.length, 1), (w) => w.net.length > 0));

const restart = who.map((x) =>
  cmd<World>(`${x} restarts (keys lost)`, async (w, ls) => {
    await onSite(w, ls, x, 'prod.control', { now: w.now, run: false });
    await onSite(w, ls, x, 'prod.control', { now: w.now, run: true });
  }),
);

const name = (s: string) => ({ name: toHex(utf8(s)), extra: '' });
/** Injected packets are built by the model's own encoder (prod.encode is compared too). */
/** A NAK's indices: as the peer sends it, from a stranger, or to no one (an unclaimed bare NAK). */
const nakIndices = fc.constantFrom('peer', 'stranger', 'unclaimed');
const inject = fc.tuple(who, fc.constantFrom('NAK', 'PROD'), nakIndices).map(([x, label, idx]) =>
  cmd<World>(`${x} receives a ${label} from ${peer(x)}${label === 'NAK' && idx !== 'peer' ? ` (${idx})` : ''}`, async (w, ls) => {
    const me = CFG[x];
    const them = CFG[peer(x)];
    const message: JsonObject = label === 'NAK'
      ? { label, dest: idx === 'unclaimed' ? 0 : me.index, source: idx === 'stranger' ? 99 : them.index, body: '' }
      : { label, dest: 0, source: 0, sender: name(String(them.localName)), receiver: name(String(me.localName)) };
    const enc = await ls.step('prod.encode', { message });
    await onSite(w, ls, x, 'prod.incoming', { now: w.now, packet: String(enc.packet), from: ADDR[peer(x)] });
  }),
);

const state = who.map((x) => cmd<World>(`${x} state`, (w, ls) => onSite(w, ls, x, 'prod.state', {})));

export const prodProperty: PropertyDef<{ profile: string }, World> = {
  name: 'prod-recovery',
  mechanism: 'prod',
  description: 'two sites on a lossy network: data, deliveries, duplicates, losses, restarts, time, injected NAKs and PRODs',
  reqs: ['PROD-005', 'PROD-006', 'PROD-007', 'PROD-008', 'PROD-009', 'PROD-012', 'PROD-013', 'PROD-017', 'PROD-018', 'PROD-019', 'PROD-021', 'PROD-022'],
  ops: ['prod.createSite', 'prod.outgoing', 'prod.incoming', 'prod.advance', 'prod.control', 'prod.state', 'prod.encode'],
  profile: { name: 'secnet-notes' },
  profileNote: `short timers ${JSON.stringify(TIMERS)} so retransmissions, WAIT and key expiry are reached within 50 steps; each run picks profile ${PROFILE_NAMES.join(' or ')}`,
  setup: fc.record({ profile: fc.constantFrom(...PROFILE_NAMES) }),
  async init(s, ls) {
    for (const x of ['A', 'B'] as const) await ls.step('prod.createSite', { profile: s.profile, config: { ...CFG[x], ...TIMERS }, now: 0 }, x);
    return { now: 0, net: [] };
  },
  command: fc.oneof(
    { arbitrary: deliver, weight: 8 },
    { arbitrary: data, weight: 4 },
    { arbitrary: advance, weight: 3 },
    { arbitrary: lose, weight: 1 },
    { arbitrary: restart, weight: 1 },
    { arbitrary: inject, weight: 2 },
    { arbitrary: state, weight: 1 },
  ),
};
