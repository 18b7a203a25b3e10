// Key tree: seed -> node keys -> per-direction leaf keys (seed 000: "HKDF-expands it
// into 128 node keys ... each of the 128 node keys is itself a root -> HKDF-expanded
// into 64 leaf keys, forked per direction").
import { hkdfExpand, type Backend } from '../../crypto/index.ts';
import { concat, u8, utf8, wipe } from '../../util/bytes.ts';
import { KEY_LEN, SEED_LEN, counterBits, counterLimit, leafBits, type KeyrotProfile } from './profile.ts';

/** 0 = traffic sent by the allocating side (OAP client), 1 = the other direction. */
export type Direction = 0 | 1;

export class KeyrotError extends Error {
  constructor(readonly code: 'BAD_SEED' | 'BAD_NODE' | 'BAD_DIRECTION' | 'CTR_EXHAUSTED', message: string) {
    super(message);
  }
}

export interface CounterParts {
  node: number;
  leaf: number;
  seq: number;
}

/** ctr = node << (leafBits + seqBits) | leaf << seqBits | seq. */
export function splitCounter(p: KeyrotProfile, ctr: number): CounterParts {
  if (!Number.isSafeInteger(ctr) || ctr < 0 || ctr >= counterLimit(p)) {
    throw new KeyrotError('CTR_EXHAUSTED', `counter ${ctr} outside [0, 2^${counterBits(p)})`);
  }
  const seqSpan = 2 ** p.seqBits;
  const leafIndex = Math.floor(ctr / seqSpan);
  return { node: leafIndex >>> leafBits(p), leaf: leafIndex & (p.leavesPerNode - 1), seq: ctr % seqSpan };
}

export function expandNodes(p: KeyrotProfile, seed: Uint8Array, backend?: Backend): Uint8Array[] {
  if (seed.length !== SEED_LEN) throw new KeyrotError('BAD_SEED', `seed must be ${SEED_LEN} bytes`);
  const all = hkdfExpand(p.hash, seed, utf8(p.nodeLabel), p.nodes * KEY_LEN, backend);
  return Array.from({ length: p.nodes }, (_, i) => all.slice(i * KEY_LEN, (i + 1) * KEY_LEN));
}

export function expandLeaves(p: KeyrotProfile, node: Uint8Array, dir: Direction, backend?: Backend): Uint8Array[] {
  const all = hkdfExpand(p.hash, node, concat(utf8(p.leafLabel), u8(dir)), p.leavesPerNode * KEY_LEN, backend);
  return Array.from({ length: p.leavesPerNode }, (_, i) => all.slice(i * KEY_LEN, (i + 1) * KEY_LEN));
}

/**
 * One epoch's key material. The seed is expanded to node keys and wiped at once;
 * leaves are expanded lazily, one node and direction at a time.
 */
export class KeyTree {
  private readonly nodes: Uint8Array[];
  private readonly leafCache = new Map<number, Uint8Array[]>();

  constructor(readonly profile: KeyrotProfile, seed: Uint8Array, private readonly backend?: Backend) {
    const copy = seed.slice();
    this.nodes = expandNodes(profile, copy, backend);
    wipe(copy);
  }

  node(i: number): Uint8Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.profile.nodes) throw new KeyrotError('BAD_NODE', `node ${i} out of range`);
    return this.nodes[i];
  }

  leaves(i: number, dir: Direction): Uint8Array[] {
    if (dir !== 0 && dir !== 1) throw new KeyrotError('BAD_DIRECTION', `direction ${dir} is not 0 or 1`);
    const k = i * 2 + dir;
    let l = this.leafCache.get(k);
    if (!l) {
      l = expandLeaves(this.profile, this.node(i), dir, this.backend);
      this.leafCache.set(k, l);
    }
    return l;
  }

  /** The AEAD key protecting counter `ctr` in direction `dir`. */
  keyFor(dir: Direction, ctr: number): Uint8Array {
    const { node, leaf } = splitCounter(this.profile, ctr);
    return this.leaves(node, dir)[leaf];
  }

  /** Wipe everything (epoch retired). */
  destroy(): void {
    for (const n of this.nodes) wipe(n);
    for (const ls of this.leafCache.values()) for (const l of ls) wipe(l);
    this.leafCache.clear();
  }
}
