// Signatures as OAP uses them (Ouroboros src/lib/crypt/openssl.c openssl_sign/verify):
// ECDSA over the header's digest, DER-encoded, and pure ML-DSA (no digest, empty context).
// Signing is deterministic so vectors fix every byte: ECDSA per RFC 6979 with the message
// digest as HMAC hash (OpenSSL 3.2+ "nonce-type" 1), ML-DSA in FIPS 204's deterministic
// variant (OpenSSL "deterministic" 1). High-S values are kept, as OpenSSL does.
import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type { HashName } from './index.ts';

export type EcdsaAlg = 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521';
export type MlDsaAlg = 'ml-dsa-44' | 'ml-dsa-65' | 'ml-dsa-87';
export type SigAlg = EcdsaAlg | MlDsaAlg;

export const SIG_ALGS: readonly SigAlg[] = ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'];

const CURVE = { 'ecdsa-p256': p256, 'ecdsa-p384': p384, 'ecdsa-p521': p521 } as const;
const MLDSA = { 'ml-dsa-44': ml_dsa44, 'ml-dsa-65': ml_dsa65, 'ml-dsa-87': ml_dsa87 } as const;
const HASH = { sha256, sha384, sha512, 'sha3-256': sha3_256, 'sha3-384': sha3_384, 'sha3-512': sha3_512, blake2b512: blake2b, blake2s256: blake2s } as const;

export const isEcdsa = (a: SigAlg): a is EcdsaAlg => a in CURVE;

/** Seed bytes enough for any signature key. */
export const SIG_SEED_LEN = 128;

export interface SigKeyPair {
  alg: SigAlg;
  /** EC scalar, or the 32-byte ML-DSA seed xi. */
  secret: Uint8Array;
  /** EC uncompressed point, or the ML-DSA public key. */
  pub: Uint8Array;
  /** ML-DSA expanded signing key. */
  sk?: Uint8Array;
}

export function sigKeyPair(a: SigAlg, seed: Uint8Array): SigKeyPair {
  if (isEcdsa(a)) {
    const c = CURVE[a];
    const secret = c.utils.randomSecretKey(seed.slice(0, c.lengths.seed));
    return { alg: a, secret, pub: c.getPublicKey(secret, false) };
  }
  const secret = seed.slice(0, 32);
  const k = MLDSA[a].keygen(secret);
  return { alg: a, secret, pub: k.publicKey, sk: k.secretKey };
}

export class SigKeyError extends Error {}

/** The key pair of a raw secret: EC scalar in [1, n-1], or 32-byte ML-DSA seed. */
export function sigKeyFromSecret(a: SigAlg, secret: Uint8Array): SigKeyPair {
  if (isEcdsa(a)) {
    const c = CURVE[a];
    if (secret.length !== c.lengths.secretKey || !c.utils.isValidSecretKey(secret)) throw new SigKeyError(`${a}: secret must be a ${c.lengths.secretKey}-byte scalar in [1, n-1]`);
    return { alg: a, secret: secret.slice(), pub: c.getPublicKey(secret, false) };
  }
  if (secret.length !== 32) throw new SigKeyError(`${a}: secret must be the 32-byte seed`);
  const k = MLDSA[a].keygen(secret);
  return { alg: a, secret: secret.slice(), pub: k.publicKey, sk: k.secretKey };
}

const instances = new Map<string, ReturnType<typeof ecdsa>>();
function ecdsaWith(a: EcdsaAlg, h: HashName) {
  const k = `${a}/${h}`;
  let e = instances.get(k);
  if (!e) instances.set(k, (e = ecdsa(CURVE[a].Point, HASH[h])));
  return e;
}

/** ECDSA needs a digest; ML-DSA ignores it. */
export function sign(key: SigKeyPair, digest: HashName, msg: Uint8Array): Uint8Array {
  if (isEcdsa(key.alg)) return ecdsaWith(key.alg, digest).sign(msg, key.secret, { prehash: true, lowS: false, format: 'der' });
  return MLDSA[key.alg as MlDsaAlg].sign(msg, key.sk!, { extraEntropy: false });
}

const JWK_CURVE = { 'ecdsa-p256': 'P-256', 'ecdsa-p384': 'P-384', 'ecdsa-p521': 'P-521' } as const;
/** Public keys as OpenSSL objects, by curve and point; bounded, since a fuzzer shows endless new keys. */
const nodeKeys = new Map<string, KeyObject | null>();
function nodeEcKey(a: EcdsaAlg, pub: Uint8Array): KeyObject | null {
  const id = `${a}:${Buffer.from(pub).toString('hex')}`;
  let k = nodeKeys.get(id);
  if (k === undefined) {
    const n = CURVE[a].lengths.publicKey! - 1; // coordinate bytes: the compressed form is 0x02/0x03 || x
    const b64 = (x: Uint8Array) => Buffer.from(x).toString('base64url');
    try {
      k = pub.length === 2 * n + 1 && pub[0] === 0x04 ? createPublicKey({ key: { kty: 'EC', crv: JWK_CURVE[a], x: b64(pub.subarray(1, 1 + n)), y: b64(pub.subarray(1 + n)) }, format: 'jwk' }) : null;
    } catch {
      k = null; // not a point on the curve
    }
    if (nodeKeys.size >= 256) nodeKeys.clear();
    nodeKeys.set(id, k);
  }
  return k;
}

/**
 * False for any malformed key or signature; never throws. ECDSA verifies through OpenSSL
 * (node:crypto), as Ouroboros does, at a twentieth of noble's cost; signing stays with noble
 * for RFC 6979's deterministic nonces, which node:crypto does not offer.
 */
export function verify(a: SigAlg, pub: Uint8Array, digest: HashName, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    if (isEcdsa(a)) {
      const key = nodeEcKey(a, pub);
      return key !== null && nodeVerify(digest, msg, { key, dsaEncoding: 'der' }, sig);
    }
    return MLDSA[a as MlDsaAlg].verify(sig, msg, pub);
  } catch {
    return false;
  }
}

export function isValidSigPublicKey(a: SigAlg, pub: Uint8Array): boolean {
  try {
    if (isEcdsa(a)) {
      if (pub[0] !== 0x04) return false;
      CURVE[a].Point.fromBytes(pub).assertValidity();
      return true;
    }
    return pub.length === MLDSA[a as MlDsaAlg].lengths.publicKey;
  } catch {
    return false;
  }
}
