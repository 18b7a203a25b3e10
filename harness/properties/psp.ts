// PSP in lockstep: two devices, one socket each, associated both ways; then sends
// (new data and retransmits), deliveries (any order, forged), descriptor completions,
// acks, rx rekeys, tx rekeys to the peer's newest key and device-key rotations.
import fc from 'fast-check';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { LINUX_PSP_REKEY } from '../model/psp/profile.ts';
import type { Lockstep } from './lockstep.ts';
import { cmd, flipBit, hexBytes, keyFor } from './gen.ts';
import type { PropertyDef } from './types.ts';

type Who = 'A' | 'B';
const peer = (w: Who): Who => (w === 'A' ? 'B' : 'A');

interface Side {
  sent: string[];
  /** Bound names of the descriptors of sends that went out. */
  descs: string[];
  /** [seq, end) of every segment sent, for retransmits and acks. */
  segments: [number, number][];
  sndNxt: number;
  /** The newest RX (spi, key) of this side, which its peer's TX should move to. */
  rx: { spi: string; key: string } | null;
  rotations: number;
}
interface World {
  base: number;
  side: Record<Who, Side>;
}
interface Setup {
  base: number;
  version: number;
  defer: [boolean, boolean];
  profile: { retransmitKey: 'instant' | 'seqno'; rxRekeyPhaseCheck: boolean };
}

async function onSock(w: World, ls: Lockstep, x: Who, op: string, args: JsonObject, bind?: string): Promise<JsonObject> {
  const r = await ls.step(op, { sock: `@S${x}`, ...args }, bind);
  const st = r.state as { tx?: { sndNxt: number } } | undefined;
  if (st?.tx) w.side[x].sndNxt = st.tx.sndNxt;
  if ((op === 'psp.rx_assoc' || op === 'psp.rx_rekey') && r.status === 'installed') w.side[x].rx = { spi: String(r.spi), key: String(r.key) };
  return r;
}

const who = fc.constantFrom<Who>('A', 'B');

const send = fc.tuple(who, hexBytes(1, 40), fc.option(fc.nat(), { freq: 4 })).map(([x, payload, retx]) =>
  cmd<World>(`${x} sends ${payload.length / 2} bytes${retx === null ? '' : ` (retransmit #${retx})`}`, async (w, ls) => {
    const s = w.side[x];
    const seq = retx === null || !s.segments.length ? s.sndNxt : s.segments[retx % s.segments.length][0];
    const name = `${x}${s.descs.length + s.sent.length}`;
    const r = await onSock(w, ls, x, 'psp.send', { seq, payload }, name);
    if (r.status !== 'sent') return;
    s.descs.push(name);
    s.sent.push(String(r.packet));
    s.segments.push([seq, seq + payload.length / 2]);
  }),
);

const deliver = fc.tuple(who, fc.nat()).map(([x, pick]) =>
  cmd<World>(`${x} receives ${peer(x)}'s packet #-${pick}`, async (w, ls) => {
    const from = w.side[peer(x)].sent;
    await onSock(w, ls, x, 'psp.recv', { packet: from[from.length - 1 - (pick % from.length)] });
  }, (w) => w.side[peer(x)].sent.length > 0),
);

const forge = fc.tuple(who, fc.nat(), fc.nat()).map(([x, pick, bit]) =>
  cmd<World>(`${x} receives a forged packet`, async (w, ls) => {
    const from = w.side[peer(x)].sent;
    await onSock(w, ls, x, 'psp.recv', { packet: flipBit(from[pick % from.length], bit) });
  }, (w) => w.side[peer(x)].sent.length > 0),
);

const complete = fc.tuple(who, fc.nat()).map(([x, pick]) =>
  cmd<World>(`${x}'s driver completes descriptor #${pick}`, async (w, ls) => {
    const d = w.side[x].descs;
    await ls.step('psp.tx_complete', { desc: `@${d[pick % d.length]}` });
  }, (w) => w.side[x].descs.length > 0),
);

const ack = fc.tuple(who, fc.nat()).map(([x, pick]) =>
  cmd<World>(`${peer(x)} acks ${x}'s segment #${pick}`, async (w, ls) => {
    const segs = w.side[x].segments;
    await onSock(w, ls, x, 'psp.ack', { upTo: segs[pick % segs.length][1] });
  }, (w) => w.side[x].segments.length > 0),
);

const rxRekey = who.map((x) => cmd<World>(`${x} rx rekey`, async (w, ls) => void (await onSock(w, ls, x, 'psp.rx_rekey', {}))));

const txRekey = who.map((x) =>
  cmd<World>(`${x} tx rekey to ${peer(x)}'s newest key`, async (w, ls) => {
    const k = w.side[peer(x)].rx!;
    await onSock(w, ls, x, 'psp.tx_rekey', { spi: k.spi, key: k.key });
  }),
);

const rotate = who.map((x) =>
  cmd<World>(`${x}'s device rotates its key`, async (w, ls) => {
    await ls.step('psp.dev_rotate', { dev: `@D${x}`, key: keyFor(w.base, `psp-${x}-rot-${w.side[x].rotations++}`) });
  }),
);

const state = who.map((x) => cmd<World>(`${x} state`, async (w, ls) => void (await onSock(w, ls, x, 'psp.sock_state', {}))));

export const pspProperty: PropertyDef<Setup, World> = {
  name: 'psp-rekey',
  mechanism: 'psp',
  description: 'two associated sockets: sends and retransmits, deliveries, forged packets, completions, acks, rx/tx rekeys and device-key rotations',
  reqs: ['PSP-RX-001', 'PSP-RX-002', 'PSP-RX-003', 'PSP-RX-004', 'PSP-RX-007', 'PSP-RX-009', 'PSP-TX-002', 'PSP-TX-004', 'PSP-TX-005', 'PSP-TX-006', 'PSP-TX-007', 'PSP-TX-008'],
  ops: ['psp.dev_create', 'psp.dev_rotate', 'psp.sock_create', 'psp.rx_assoc', 'psp.rx_rekey', 'psp.recv', 'psp.tx_assoc', 'psp.tx_rekey', 'psp.send', 'psp.tx_complete', 'psp.ack', 'psp.sock_state'],
  profile: { ...LINUX_PSP_REKEY },
  profileNote: 'each run picks the PSP version, deferred TX key deletion per device, and both profile choices (retransmitKey instant/seqno, rxRekeyPhaseCheck); the model has no size parameter to shrink',
  setup: fc.record({
    base: fc.nat(),
    version: fc.integer({ min: 0, max: 3 }),
    defer: fc.tuple(fc.boolean(), fc.boolean()),
    profile: fc.record({ retransmitKey: fc.constantFrom<'instant' | 'seqno'>('instant', 'seqno'), rxRekeyPhaseCheck: fc.boolean() }),
  }),
  async init(s, ls) {
    const side = (): Side => ({ sent: [], descs: [], segments: [], sndNxt: 0, rx: null, rotations: 0 });
    const w: World = { base: s.base, side: { A: side(), B: side() } };
    for (const [x, defer] of [['A', s.defer[0]], ['B', s.defer[1]]] as const) {
      await ls.step('psp.dev_create', { key0: keyFor(s.base, `psp-${x}-k0`), key1: keyFor(s.base, `psp-${x}-k1`), deferTxKeyDel: defer }, `D${x}`);
      await ls.step('psp.sock_create', { dev: `@D${x}`, version: s.version, profile: s.profile }, `S${x}`);
    }
    for (const x of ['A', 'B'] as const) await onSock(w, ls, x, 'psp.rx_assoc', {});
    for (const x of ['A', 'B'] as const) await onSock(w, ls, x, 'psp.tx_assoc', { ...w.side[peer(x)].rx! });
    return w;
  },
  command: fc.oneof(
    { arbitrary: send, weight: 6 },
    { arbitrary: deliver, weight: 5 },
    { arbitrary: complete, weight: 3 },
    { arbitrary: rxRekey, weight: 2 },
    { arbitrary: txRekey, weight: 2 },
    { arbitrary: rotate, weight: 2 },
    { arbitrary: ack, weight: 1 },
    { arbitrary: forge, weight: 1 },
    { arbitrary: state, weight: 1 },
  ),
};
