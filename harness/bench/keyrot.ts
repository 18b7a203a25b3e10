// Full keyrot tree (128 nodes x 2 directions x 64 leaves = 16,384 leaf keys) against a
// bare node:crypto HMAC-SHA256 loop over the same number of HMAC blocks, in one run.
import { hmac } from '../crypto/index.ts';
import { KeyTree, O7S_KEYROT_V1 } from '../model/keyrot/index.ts';
import { measure, type Bench } from './types.ts';

const P = O7S_KEYROT_V1;
/** HMAC invocations in a full tree: the node block (nodes x 32 / 32) plus 64 per node and direction. */
const BLOCKS = P.nodes + P.nodes * 2 * P.leavesPerNode;
const LEAVES = P.nodes * 2 * P.leavesPerNode;

export const bench: Bench = {
  name: 'keyrot',
  async run() {
    const seed = new Uint8Array(32).fill(7);
    const fullTree = () => {
      const t = new KeyTree(P, seed);
      for (let n = 0; n < P.nodes; n++) for (const d of [0, 1] as const) t.leaves(n, d);
    };
    const key = new Uint8Array(32).fill(1);
    const msg = new Uint8Array(32 + 18 + 1);
    const bare = () => {
      for (let i = 0; i < BLOCKS; i++) hmac('sha256', key, msg);
    };
    const trees = await measure(1, fullTree, 1500);
    const loops = await measure(1, bare, 1500);
    return [
      {
        name: `full tree (${LEAVES} leaf keys, ${BLOCKS} HMAC blocks)`,
        unit: 'trees',
        rate: trees,
        baseline: { name: `bare HMAC-SHA256 loop of ${BLOCKS} blocks`, rate: loops },
        target: 'time <= 1.5x the bare loop',
      },
    ];
  },
};
