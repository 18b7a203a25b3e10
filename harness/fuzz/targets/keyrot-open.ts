// keyrot.open: one packet against (seed, dir 0, epoch 0). Mutants of packets the model
// sealed, re-sealed with the model's leaf key for the mutated nonce.
import { makeNonce } from '../../model/keyrot/index.ts';
import { toHex, utf8 } from '../../util/bytes.ts';
import type { OopTarget } from '../types.ts';
import { keyrotFields, keyrotGenome, keyrotWire, treeCache } from './keyrot-packet.ts';

const SEED = new Uint8Array(32).fill(0x5a);
const tree = treeCache([SEED, SEED]);

export const keyrotOpen: OopTarget = {
  name: 'keyrot-open',
  description: 'keyrot.open on mutated packets re-sealed under the model leaf key (nonce parsing, counter range, epoch parity)',
  setup: [],
  seeds: () =>
    [0, 1, 2 ** 20 - 1, 2 ** 20, 2 ** 26, 2 ** 33 - 1].flatMap((ctr, i) => [keyrotGenome(makeNonce(0, ctr), utf8(`packet ${i}`)), keyrotGenome(makeNonce(1, ctr), new Uint8Array(0))]),
  fields: keyrotFields,
  calls: (g) => [{ op: 'keyrot.open', args: { seed: toHex(SEED), dir: 0, epoch: 0, packet: toHex(keyrotWire(g, 0, tree)) } }],
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
