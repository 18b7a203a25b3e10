// Keyrot derivation bugs (requirements KEYROT-*), planted in the keyrot.* ops and,
// for the watermark, in the epoch endpoint that raises it.
import { EpochEndpoint } from '../../harness/model/epoch/endpoint.ts';
import { counterLimit, makeProfile, splitCounter, type KeyrotProfile } from '../../harness/model/keyrot/index.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';
import type { JsonObject } from '../ops/types.ts';
import { adopt, derive, replaceOp, rewriteArgs } from './patch.ts';
import type { Mutant } from './types.ts';

const profileOf = (a: JsonObject): KeyrotProfile => makeProfile((a.profile ?? {}) as Partial<KeyrotProfile>);
const inRange = (a: JsonObject) => typeof a.ctr === 'number' && a.ctr >= 0 && a.ctr < counterLimit(profileOf(a));

export const keyrotMutants: Mutant[] = [
  {
    name: 'keyrot-dir-not-forked',
    mechanism: 'keyrot',
    reqs: ['KEYROT-002', 'KEYROT-003'],
    bug: 'leaf keys are expanded without the direction byte: both directions share direction 0\'s keys',
    ops: (ops) => rewriteArgs(ops, ['keyrot.leaves', 'keyrot.key', 'keyrot.seal', 'keyrot.open'], (a) => ({ ...a, dir: 0 })),
  },
  {
    name: 'keyrot-leaf-late',
    mechanism: 'keyrot',
    reqs: ['KEYROT-004'],
    bug: 'the leaf key switches one packet late: the first counter of a leaf still uses the previous leaf\'s key',
    ops: (ops) =>
      replaceOp(ops, 'keyrot.key', (orig) => (a, ctx) => {
        const r = orig(a, ctx);
        if (!inRange(a) || (a.ctr as number) === 0 || splitCounter(profileOf(a), a.ctr as number).seq !== 0) return r;
        return { ...r, key: orig({ ...a, ctr: (a.ctr as number) - 1 }, ctx).key };
      }),
  },
  {
    name: 'keyrot-nonce-no-epoch-bit',
    mechanism: 'keyrot',
    reqs: ['KEYROT-005'],
    bug: 'the nonce never carries the epoch parity bit: odd epochs are sealed as even ones',
    ops: (ops) => rewriteArgs(ops, ['keyrot.key', 'keyrot.seal'], (a) => ({ ...a, epoch: typeof a.epoch === 'number' ? a.epoch & 0xfe : a.epoch })),
  },
  {
    name: 'keyrot-ctr-wraps',
    mechanism: 'keyrot',
    reqs: ['KEYROT-006'],
    bug: 'the packet counter wraps at 2^33 instead of failing: keys and nonces are reused',
    ops: (ops) =>
      rewriteArgs(ops, ['keyrot.key', 'keyrot.seal'], (a) => (typeof a.ctr === 'number' ? { ...a, ctr: a.ctr % counterLimit(profileOf(a)) } : a)),
  },
  {
    name: 'keyrot-reserved-bits-ignored',
    mechanism: 'keyrot',
    reqs: ['KEYROT-007'],
    bug: 'open masks the reserved nonce bits instead of rejecting them, so a packet with them set still opens',
    ops: (ops) =>
      rewriteArgs(ops, ['keyrot.open'], (a) => {
        if (typeof a.packet !== 'string' || a.packet.length < 8 || !/^[0-9a-f]*$/.test(a.packet)) return a;
        const p = fromHex(a.packet);
        p[0] &= 0x80;
        p.fill(0, 1, 4);
        return { ...a, packet: toHex(p) };
      }),
  },
  {
    name: 'keyrot-watermark-never',
    mechanism: 'keyrot',
    reqs: ['KEYROT-008'],
    bug: 'RB_REKEY is never raised, however few leaf keys are left',
    ops: (ops) =>
      adopt(ops, 'epoch.create', 'epoch', derive(EpochEndpoint, {
        send: (orig) => function (...args) {
          const r = orig.apply(this, args);
          this.rekeySignalled = false;
          return { ...r, events: r.events.filter((e: { type: string }) => e.type !== 'RB_REKEY') };
        },
      })),
  },
];
