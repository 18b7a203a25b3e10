// Profile o7s-keyrot-v1: our reading of Ouroboros "irmd: Deliver flow re-keying"
// (shared/seeds/000, 001). Every constant is a parameter so a vector file records
// the build it was made for, and small profiles let tests reach the edges.
import type { AeadName, HashName } from '../../crypto/index.ts';

export interface KeyrotProfile {
  name: string;
  hash: HashName;
  /** HKDF info for the node expansion. */
  nodeLabel: string;
  /** HKDF info prefix for the leaf expansion; one direction byte follows. */
  leafLabel: string;
  /** Node keys per seed (KR_NODES_SZ / 32 = 128). */
  nodes: number;
  /** Leaf keys per node and direction (2^KEY_NODE_BITS = 64). */
  leavesPerNode: number;
  /** log2 of packets per leaf key: the low counter bits are the leaf's seq (20). */
  seqBits: number;
  /** Raise RB_REKEY when the TX direction has this many leaf keys or fewer left (KEY_REKEY_WATERMARK). */
  watermark: number;
  aead: AeadName;
  /** Epoch grace: how long TX waits for the peer on a new epoch, and RX keeps the old one after. */
  graceMs: number;
}

export const KEY_LEN = 32;
export const SEED_LEN = 32;

export const O7S_KEYROT_V1: Readonly<KeyrotProfile> = Object.freeze({
  name: 'o7s-keyrot-v1',
  hash: 'sha256',
  nodeLabel: 'o7s-keyrot-nodes',
  leafLabel: 'o7s-keyrot-leaves',
  nodes: 128,
  leavesPerNode: 64,
  seqBits: 20,
  watermark: 512,
  aead: 'aes-256-gcm',
  graceMs: 2000,
});

export class ProfileError extends Error {}

const isPow2 = (x: number) => Number.isInteger(x) && x > 0 && (x & (x - 1)) === 0;

/** Merge overrides onto the default and check the layout still fits a 64-bit counter field. */
export function makeProfile(over: Partial<KeyrotProfile> = {}): KeyrotProfile {
  const p = { ...O7S_KEYROT_V1, ...over };
  if (!isPow2(p.nodes) || !isPow2(p.leavesPerNode)) throw new ProfileError('nodes and leavesPerNode must be powers of two');
  if (!Number.isInteger(p.seqBits) || p.seqBits < 0 || p.seqBits > 32) throw new ProfileError('seqBits must be 0..32');
  if (counterBits(p) > 52) throw new ProfileError('counter layout exceeds 52 bits');
  if (p.nodes * KEY_LEN > 255 * 32 || p.leavesPerNode * KEY_LEN > 255 * 32) throw new ProfileError('expansion exceeds HKDF limit');
  if (!Number.isInteger(p.watermark) || p.watermark < 0) throw new ProfileError('watermark must be >= 0');
  if (!Number.isInteger(p.graceMs) || p.graceMs < 0) throw new ProfileError('graceMs must be >= 0');
  return p;
}

export const leafBits = (p: KeyrotProfile) => Math.log2(p.leavesPerNode);
export const nodeBits = (p: KeyrotProfile) => Math.log2(p.nodes);
export const counterBits = (p: KeyrotProfile) => nodeBits(p) + leafBits(p) + p.seqBits;
/** First counter value that may not be used (2^33 for v1). */
export const counterLimit = (p: KeyrotProfile) => 2 ** counterBits(p);
export const totalLeaves = (p: KeyrotProfile) => p.nodes * p.leavesPerNode;
