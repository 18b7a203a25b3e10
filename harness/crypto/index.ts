// The one module that wraps the crypto libraries: nothing outside harness/crypto/
// imports @noble/* or node:crypto. Each primitive exists in a noble and (where
// node:crypto has it) a node form; tests check they agree, hot paths use node.
import * as nodeCrypto from 'node:crypto';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { extract as nobleExtract, expand as nobleExpand } from '@noble/hashes/hkdf.js';
import { gcm, cmac } from '@noble/ciphers/aes.js';
import { chacha20poly1305, chacha20 } from '@noble/ciphers/chacha.js';
import { aesCmacNode } from './cmac.ts';

export type HashName = 'sha256' | 'sha384' | 'sha512' | 'sha3-256' | 'sha3-384' | 'sha3-512' | 'blake2b512' | 'blake2s256';
export type AeadName = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
export type Backend = 'node' | 'noble';

export const HASHES: readonly HashName[] = ['sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-384', 'sha3-512', 'blake2b512', 'blake2s256'];
export const AEADS: readonly AeadName[] = ['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305'];

const NOBLE_HASH = {
  sha256, sha384, sha512, 'sha3-256': sha3_256, 'sha3-384': sha3_384, 'sha3-512': sha3_512, blake2b512: blake2b, blake2s256: blake2s,
} as const;

/** Output length in bytes of a digest. */
export function hashLen(h: HashName): number {
  return NOBLE_HASH[h].outputLen;
}

export function hash(h: HashName, data: Uint8Array, backend: Backend = 'node'): Uint8Array {
  if (backend === 'noble') return NOBLE_HASH[h](data);
  return new Uint8Array(nodeCrypto.createHash(h).update(data).digest());
}

export function hmac(h: HashName, key: Uint8Array, data: Uint8Array, backend: Backend = 'node'): Uint8Array {
  if (backend === 'noble') return nobleHmac(NOBLE_HASH[h], key, data);
  return new Uint8Array(nodeCrypto.createHmac(h, key).update(data).digest());
}

export function hkdfExtract(h: HashName, salt: Uint8Array, ikm: Uint8Array, backend: Backend = 'node'): Uint8Array {
  if (backend === 'noble') return nobleExtract(NOBLE_HASH[h], ikm, salt);
  // RFC 5869: an empty salt is HashLen zero bytes.
  return hmac(h, salt.length ? salt : new Uint8Array(hashLen(h)), ikm, 'node');
}

/**
 * HKDF-Expand (RFC 5869 section 2.3). node:crypto has no expand-only call, so the
 * node form runs the T(i) chain over createHmac; the noble form is noble's expand.
 */
export function hkdfExpand(h: HashName, prk: Uint8Array, info: Uint8Array, length: number, backend: Backend = 'node'): Uint8Array {
  if (backend === 'noble') return nobleExpand(NOBLE_HASH[h], prk, info, length);
  const hl = hashLen(h);
  if (length > 255 * hl) throw new RangeError('HKDF-Expand: length > 255 * HashLen');
  const out = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  const ctr = new Uint8Array(1);
  for (let i = 0, o = 0; o < length; i++) {
    ctr[0] = i + 1;
    t = nodeCrypto.createHmac(h, prk).update(t).update(info).update(ctr).digest();
    out.set(t.subarray(0, Math.min(hl, length - o)), o);
    o += hl;
  }
  return out;
}

export function hkdf(h: HashName, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number, backend: Backend = 'node'): Uint8Array {
  if (backend === 'node') return new Uint8Array(nodeCrypto.hkdfSync(h, ikm, salt, info, length));
  return hkdfExpand(h, hkdfExtract(h, salt, ikm, 'noble'), info, length, 'noble');
}

export const AEAD_TAG_LEN = 16;

export function aeadKeyLen(a: AeadName): number {
  return a === 'aes-128-gcm' ? 16 : 32;
}

/** Returns ciphertext || 16-byte tag. */
export function aeadSeal(a: AeadName, key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array = new Uint8Array(0), backend: Backend = 'node'): Uint8Array {
  if (backend === 'noble') return nobleAead(a, key, nonce, aad).encrypt(pt);
  const c = nodeCrypto.createCipheriv(a, key, nonce, { authTagLength: AEAD_TAG_LEN } as nodeCrypto.CipherGCMOptions) as nodeCrypto.CipherGCM;
  c.setAAD(aad, { plaintextLength: pt.length });
  const ct = Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
  return new Uint8Array(ct.buffer, ct.byteOffset, ct.byteLength);
}

/** Returns the plaintext, or null when authentication fails (never throws on bad data). */
export function aeadOpen(a: AeadName, key: Uint8Array, nonce: Uint8Array, ctTag: Uint8Array, aad: Uint8Array = new Uint8Array(0), backend: Backend = 'node'): Uint8Array | null {
  if (ctTag.length < AEAD_TAG_LEN) return null;
  if (backend === 'noble') {
    try {
      return nobleAead(a, key, nonce, aad).decrypt(ctTag);
    } catch {
      return null;
    }
  }
  const ct = ctTag.subarray(0, ctTag.length - AEAD_TAG_LEN);
  const tag = ctTag.subarray(ctTag.length - AEAD_TAG_LEN);
  const d = nodeCrypto.createDecipheriv(a, key, nonce, { authTagLength: AEAD_TAG_LEN } as nodeCrypto.CipherGCMOptions) as nodeCrypto.DecipherGCM;
  d.setAAD(aad, { plaintextLength: ct.length });
  d.setAuthTag(tag);
  try {
    const pt = Buffer.concat([d.update(ct), d.final()]);
    return new Uint8Array(pt.buffer, pt.byteOffset, pt.byteLength);
  } catch {
    return null;
  }
}

function nobleAead(a: AeadName, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array) {
  if (key.length !== aeadKeyLen(a)) throw new RangeError(`${a}: key must be ${aeadKeyLen(a)} bytes`);
  return a === 'chacha20-poly1305' ? chacha20poly1305(key, nonce, aad) : gcm(key, nonce, aad);
}

/** AES-CMAC (RFC 4493) with a 128/192/256-bit key. */
export function aesCmac(key: Uint8Array, data: Uint8Array, backend: Backend = 'noble'): Uint8Array {
  if (backend === 'noble') return cmac(data, key); // noble takes (message, key)
  // node:crypto has no CMAC call: cmac.ts builds it from node's AES.
  return aesCmacNode(key, data);
}

/** OS randomness, for things that are not reproduced (never for vectors). */
export function osRandom(n: number): Uint8Array {
  return new Uint8Array(nodeCrypto.randomBytes(n));
}

/**
 * Seeded deterministic generator for vector generation: ChaCha20 keystream keyed
 * by SHA-256(label-tagged seed). Same seed, same bytes, on every platform.
 */
export class Drbg {
  private readonly key: Uint8Array;
  private counter = 0;
  private buf = new Uint8Array(0);
  private pos = 0;

  constructor(readonly seed: string) {
    this.key = sha256(new TextEncoder().encode(`rekey-harness drbg v1\0${seed}`));
  }

  /** An independent generator for a named sub-task, so adding draws in one place moves nothing elsewhere. */
  fork(label: string): Drbg {
    return new Drbg(`${this.seed}/${label}`);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let o = 0; o < n; ) {
      if (this.pos >= this.buf.length) this.refill();
      const k = Math.min(n - o, this.buf.length - this.pos);
      out.set(this.buf.subarray(this.pos, this.pos + k), o);
      this.pos += k;
      o += k;
    }
    return out;
  }

  /** Uniform integer in [0, max) for max <= 2^32, by rejection. */
  int(max: number): number {
    if (!(max > 0 && max <= 2 ** 32)) throw new RangeError('Drbg.int: max out of range');
    const limit = 2 ** 32 - (2 ** 32 % max);
    for (;;) {
      const b = this.bytes(4);
      const x = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
      if (x < limit) return x % max;
    }
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  private refill(): void {
    const nonce = new Uint8Array(12);
    new DataView(nonce.buffer).setUint32(8, this.counter++);
    this.buf = chacha20(this.key, nonce, new Uint8Array(4096));
    this.pos = 0;
  }
}
