// Epoch grace in lockstep: an initiator A and a responder B of one flow on a small
// keyrot profile, driven by sends, deliveries (in order or not, forged, reflected),
// rekeys (good and wrong) and time advances around the grace deadline.
import fc from 'fast-check';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { O7S_KEYROT_V1 } from '../model/keyrot/index.ts';
import { TINY_PROFILE } from '../suites/epoch-scenarios.ts';
import type { Lockstep } from './lockstep.ts';
import { cmd, flipBit, hexBytes, keyFor } from './gen.ts';
import type { PropertyDef } from './types.ts';

type Who = 'A' | 'B';
const peer = (w: Who): Who => (w === 'A' ? 'B' : 'A');
const GRACE = TINY_PROFILE.graceMs;

interface Side {
  txEpoch: number;
  sent: string[];
}
interface World {
  base: number;
  now: number;
  side: Record<Who, Side>;
}
interface Setup {
  base: number;
  epoch: number;
}

async function call(w: World, ls: Lockstep, who: Who, op: string, args: JsonObject): Promise<JsonObject> {
  const r = await ls.step(op, { ep: `@${who}`, ...args });
  const st = r.state as { txEpoch: number } | undefined;
  if (st) w.side[who].txEpoch = st.txEpoch;
  return r;
}

const who = fc.constantFrom<Who>('A', 'B');

const advance = fc
  .constantFrom(1, 10, GRACE / 2, GRACE - 1, GRACE, GRACE + 1)
  .map((ms) => cmd<World>(`advance ${ms} ms`, async (w) => void (w.now += ms)));

const send = fc.tuple(who, hexBytes(0, 24)).map(([s, pt]) =>
  cmd<World>(`${s} sends ${pt.length / 2} bytes`, async (w, ls) => {
    const r = await call(w, ls, s, 'epoch.send', { plaintext: pt, now: w.now });
    if (r.status === 'sent') w.side[s].sent.push(String(r.packet));
  }),
);

/** Pick 0 is the peer's latest packet; higher picks deliver older ones (reordering, replay). */
const deliver = fc.tuple(who, fc.nat()).map(([s, pick]) =>
  cmd<World>(`${s} receives ${peer(s)}'s packet #-${pick}`, async (w, ls) => {
    const from = w.side[peer(s)].sent;
    await call(w, ls, s, 'epoch.recv', { packet: from[from.length - 1 - (pick % from.length)], now: w.now });
  }, (w) => w.side[peer(s)].sent.length > 0),
);

const forge = fc.tuple(who, fc.nat(), fc.nat(), fc.boolean()).map(([s, pick, bit, truncate]) =>
  cmd<World>(`${s} receives a ${truncate ? 'truncated' : 'forged'} packet`, async (w, ls) => {
    const from = w.side[peer(s)].sent;
    const p = from[from.length - 1 - (pick % from.length)];
    await call(w, ls, s, 'epoch.recv', { packet: truncate ? p.slice(0, 2 * (bit % (p.length / 2))) : flipBit(p, bit), now: w.now });
  }, (w) => w.side[peer(s)].sent.length > 0),
);

const reflect = fc.tuple(who, fc.nat()).map(([s, pick]) =>
  cmd<World>(`${s} receives its own packet back`, async (w, ls) => {
    const own = w.side[s].sent;
    await call(w, ls, s, 'epoch.recv', { packet: own[pick % own.length], now: w.now });
  }, (w) => w.side[s].sent.length > 0),
);

const rekeyTo = async (w: World, ls: Lockstep, s: Who, step: number) => {
  const epoch = (w.side[s].txEpoch + step) & 0xff;
  await call(w, ls, s, 'epoch.rekey', { seed: keyFor(w.base, `epoch-${epoch}`), epoch, now: w.now });
};
const rekey = fc.tuple(who, fc.constantFrom(1, 1, 1, 2)).map(([s, step]) => cmd<World>(`${s} rekeys to its epoch + ${step}`, (w, ls) => rekeyTo(w, ls, s, step)));
const rekeyBoth = who.map((s) =>
  cmd<World>(`${s} then ${peer(s)} rekey`, async (w, ls) => {
    await rekeyTo(w, ls, s, 1);
    await rekeyTo(w, ls, peer(s), 1);
  }),
);

const state = who.map((s) => cmd<World>(`${s} state`, async (w, ls) => void (await call(w, ls, s, 'epoch.state', {}))));

export const epochProperty: PropertyDef<Setup, World> = {
  name: 'epoch-grace',
  mechanism: 'epoch',
  description: 'two ends of a flow: sends, in-order and out-of-order delivery, forged/truncated/reflected packets, rekeys and time advances',
  reqs: ['EPOCH-001', 'EPOCH-002', 'EPOCH-003', 'EPOCH-004', 'EPOCH-005', 'EPOCH-006', 'EPOCH-007', 'EPOCH-008', 'EPOCH-009', 'EPOCH-010', 'KEYROT-006', 'KEYROT-008'],
  ops: ['epoch.create', 'epoch.rekey', 'epoch.send', 'epoch.recv', 'epoch.state'],
  profile: { ...O7S_KEYROT_V1 },
  profileNote: `small keyrot profile ${JSON.stringify(TINY_PROFILE)}: 8 packets per epoch, so the watermark, exhaustion and both grace deadlines are reached within 50 steps`,
  setup: fc.record({ base: fc.nat(), epoch: fc.constantFrom(0, 1, 254, 255) }),
  async init(s, ls) {
    const seed = keyFor(s.base, `epoch-${s.epoch}`);
    for (const [bind, role] of [['A', 'initiator'], ['B', 'responder']] as const) {
      await ls.step('epoch.create', { role, seed, epoch: s.epoch, profile: TINY_PROFILE }, bind);
    }
    const side = (): Side => ({ txEpoch: s.epoch, sent: [] });
    return { base: s.base, now: 0, side: { A: side(), B: side() } };
  },
  // Weighted so that one side sends past the watermark and rekeys meet deadlines within 50 steps.
  command: fc.oneof(
    { arbitrary: send, weight: 6 },
    { arbitrary: deliver, weight: 5 },
    { arbitrary: advance, weight: 3 },
    { arbitrary: rekey, weight: 2 },
    { arbitrary: rekeyBoth, weight: 1 },
    { arbitrary: forge, weight: 2 },
    { arbitrary: reflect, weight: 1 },
    { arbitrary: state, weight: 1 },
  ),
};
