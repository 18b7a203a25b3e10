// Nonce and packet layout of o7s-keyrot-v1: nonce byte 0 = (epoch & 1) << 7, bytes
// 1..3 = 0, bytes 4..11 = counter big-endian; packet = nonce || ciphertext || tag.
import { aeadOpen, aeadSeal, AEAD_TAG_LEN } from '../../crypto/index.ts';
import { concat } from '../../util/bytes.ts';
import { counterLimit, type KeyrotProfile } from './profile.ts';
import { splitCounter } from './tree.ts';

export const NONCE_LEN = 12;

export function makeNonce(epoch: number, ctr: number): Uint8Array {
  const n = new Uint8Array(NONCE_LEN);
  n[0] = (epoch & 1) << 7;
  new DataView(n.buffer).setBigUint64(4, BigInt(ctr));
  return n;
}

export type NonceParse = { ok: true; parity: 0 | 1; ctr: number } | { ok: false; reason: 'TRUNCATED' | 'BAD_NONCE' | 'CTR_RANGE' };

/** Reads the nonce of a packet; reserved bits must be zero and the counter in range. */
export function parseNonce(p: KeyrotProfile, packet: Uint8Array): NonceParse {
  if (packet.length < NONCE_LEN + AEAD_TAG_LEN) return { ok: false, reason: 'TRUNCATED' };
  if ((packet[0] & 0x7f) !== 0 || packet[1] !== 0 || packet[2] !== 0 || packet[3] !== 0) return { ok: false, reason: 'BAD_NONCE' };
  const big = new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getBigUint64(4);
  if (big >= BigInt(counterLimit(p))) return { ok: false, reason: 'CTR_RANGE' };
  return { ok: true, parity: (packet[0] >> 7) as 0 | 1, ctr: Number(big) };
}

export function sealPacket(p: KeyrotProfile, key: Uint8Array, epoch: number, ctr: number, pt: Uint8Array): Uint8Array {
  splitCounter(p, ctr);
  const nonce = makeNonce(epoch, ctr);
  return concat(nonce, aeadSeal(p.aead, key, nonce, pt));
}

export function openPacket(p: KeyrotProfile, key: Uint8Array, packet: Uint8Array): Uint8Array | null {
  return aeadOpen(p.aead, key, packet.subarray(0, NONCE_LEN), packet.subarray(NONCE_LEN));
}
