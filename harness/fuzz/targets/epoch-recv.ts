// epoch.recv on a responder at epoch 0 with epoch 1 pending: packets of either parity
// re-sealed under that epoch's initiator-direction keys. An accepted epoch-1 packet
// promotes TX, so model and IUT are compared on events and state as well.
import { makeNonce } from '../../model/keyrot/index.ts';
import { toHex, utf8 } from '../../util/bytes.ts';
import type { OopTarget } from '../types.ts';
import { keyrotFields, keyrotGenome, keyrotWire, treeCache } from './keyrot-packet.ts';

const SEEDS = [new Uint8Array(32).fill(0x11), new Uint8Array(32).fill(0x22)] as const;
const tree = treeCache(SEEDS);

export const epochRecv: OopTarget = {
  name: 'epoch-recv',
  description: 'epoch.recv with epoch 1 pending: mutated packets of both parities re-sealed with the model keys',
  setup: [
    { op: 'epoch.create', args: { role: 'responder', seed: toHex(SEEDS[0]), epoch: 0, profile: { graceMs: 1000 } } },
    { op: 'epoch.rekey', args: { ep: '@0', seed: toHex(SEEDS[1]), epoch: 1, now: 0 } },
  ],
  seeds: () => [0, 1, 5, 2 ** 20].flatMap((ctr) => [keyrotGenome(makeNonce(0, ctr), utf8('e0')), keyrotGenome(makeNonce(1, ctr), utf8('e1'))]),
  fields: keyrotFields,
  calls: (g) => [{ op: 'epoch.recv', args: { ep: '@0', packet: toHex(keyrotWire(g, 0, tree)), now: 1 } }],
  verdict: (r) => ({ accept: r.status === 'accepted', reason: r.status === 'accepted' ? '' : String(r.reason) }),
};
