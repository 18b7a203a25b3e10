// keyrot.open: one packet against (seed, dir, epoch). Genome: a context byte (bit 0: the
// direction, bit 1: the epoch the receiver is in), then a packet the model sealed, mutated
// and re-sealed with the model's leaf key for the mutated nonce in that direction.
import { makeNonce } from '../../model/keyrot/index.ts';
import { concat, toHex, utf8 } from '../../util/bytes.ts';
import type { Field, OopTarget } from '../types.ts';
import { keyrotFields, keyrotGenome, keyrotWire, treeCache } from './keyrot-packet.ts';

const SEED = new Uint8Array(32).fill(0x5a);
const tree = treeCache([SEED, SEED]);
const DIR_BIT = 1;
const EPOCH_BIT = 2;

export const keyrotOpen: OopTarget = {
  name: 'keyrot-open',
  description: 'keyrot.open on mutated packets re-sealed under the model leaf key (nonce parsing, counter range, epoch parity, direction)',
  setup: [],
  seeds: () =>
    [0, 1, 2 ** 20 - 1, 2 ** 20, 2 ** 26, 2 ** 33 - 1].flatMap((ctr, i) =>
      [0, DIR_BIT].flatMap((dir) => [
        { ...keyrotGenome(makeNonce(0, ctr), utf8(`packet ${i}`)), ctx: dir },
        { ...keyrotGenome(makeNonce(1, ctr), new Uint8Array(0)), ctx: dir | EPOCH_BIT },
      ]).map(({ ctx, ...g }) => ({ ...g, bytes: concat(Uint8Array.of(ctx), g.bytes) })),
    ),
  fields: (b) => [{ name: 'context (dir, epoch)', off: 0, len: 1, kind: 'flags' } satisfies Field, ...keyrotFields(b, 1)],
  calls: (g) => {
    const ctx = g.bytes[0] ?? 0;
    const dir = (ctx & DIR_BIT) as 0 | 1;
    const packet = keyrotWire({ bytes: g.bytes.subarray(1), reseal: g.reseal }, dir, tree);
    return [{ op: 'keyrot.open', args: { seed: toHex(SEED), dir, epoch: ctx & EPOCH_BIT ? 1 : 0, packet: toHex(packet) } }];
  },
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
