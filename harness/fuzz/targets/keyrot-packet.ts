// keyrot packets as genomes: nonce(12) || plaintext || tag(16). Re-sealing keeps the
// nonce bytes exactly as mutated (reserved bits, parity, counter) and encrypts the
// plaintext under the leaf key that counter selects, so the AEAD tag is right.
import { AEAD_TAG_LEN, aeadSeal } from '../../crypto/index.ts';
import { KeyTree, NONCE_LEN, O7S_KEYROT_V1, counterLimit, type Direction, type KeyrotProfile } from '../../model/keyrot/index.ts';
import { concat, readU64 } from '../../util/bytes.ts';
import type { Field, Genome } from '../types.ts';

/** The fields of a packet that starts at `at` in `b`. */
export function keyrotFields(b: Uint8Array, at = 0): Field[] {
  const f: Field[] = [
    { name: 'nonce.flags', off: 0, len: 1, kind: 'flags' },
    { name: 'nonce.reserved', off: 1, len: 3, kind: 'flags' },
    { name: 'nonce.ctr', off: 4, len: 8, kind: 'value' },
  ];
  const n = b.length - at;
  if (n >= NONCE_LEN + AEAD_TAG_LEN) {
    f.push({ name: 'ciphertext', off: NONCE_LEN, len: n - NONCE_LEN - AEAD_TAG_LEN, kind: 'bytes' });
    f.push({ name: 'tag', off: n - AEAD_TAG_LEN, len: AEAD_TAG_LEN, kind: 'bytes' });
  }
  return f.map((x) => ({ ...x, off: x.off + at }));
}

/** The plaintext genome of a packet the model would send: nonce, plaintext, room for the tag. */
export function keyrotGenome(nonce: Uint8Array, plaintext: Uint8Array): Genome {
  return { bytes: concat(nonce, plaintext, new Uint8Array(AEAD_TAG_LEN)), reseal: true };
}

/** Wire bytes of a genome; `tree` picks the keys by the nonce's parity bit. */
export function keyrotWire(g: Genome, dir: Direction, tree: (parity: 0 | 1) => KeyTree, p: KeyrotProfile = O7S_KEYROT_V1): Uint8Array {
  const b = g.bytes;
  if (!g.reseal || b.length < NONCE_LEN + AEAD_TAG_LEN) return b;
  const ctr = readU64(b, 4);
  if (ctr >= BigInt(counterLimit(p))) return b;
  const nonce = b.slice(0, NONCE_LEN);
  const key = tree((b[0] >> 7) as 0 | 1).keyFor(dir, Number(ctr));
  return concat(nonce, aeadSeal(p.aead, key, nonce, b.subarray(NONCE_LEN, b.length - AEAD_TAG_LEN)));
}

/** Key trees built once per seed (node expansion is the costly part). */
export function treeCache(seeds: readonly Uint8Array[]): (i: 0 | 1) => KeyTree {
  const trees: KeyTree[] = [];
  return (i) => (trees[i] ??= new KeyTree(O7S_KEYROT_V1, seeds[i]));
}
