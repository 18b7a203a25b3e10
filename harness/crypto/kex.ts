// Key-exchange primitives as Ouroboros uses them through OpenSSL (src/lib/crypt/openssl.c):
// ECDH on P-256/384/521, X25519, X448 and ML-KEM-512/768/1024 keys travel as DER
// SubjectPublicKeyInfo; the hybrids X25519MLKEM768 / X448MLKEM1024 travel raw, ML-KEM part
// first, shared secret = ML-KEM ss || ECDH ss (OpenSSL EVP_PKEY-MLX-KEM(7)).
// Every secret is an argument, so a vector fixes every byte. Nothing here throws on
// bad peer input: parse/derive/decap return null.
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { x448 } from '@noble/curves/ed448.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { concat } from '../util/bytes.ts';

export type EcKex = 'prime256v1' | 'secp384r1' | 'secp521r1';
export type XKex = 'X25519' | 'X448';
export type MlKem = 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';
export type HybridKem = 'X25519MLKEM768' | 'X448MLKEM1024';
export type KexAlg = EcKex | XKex | MlKem | HybridKem;

export const KEX_ALGS: readonly KexAlg[] = ['prime256v1', 'secp384r1', 'secp521r1', 'X25519', 'X448', 'ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024', 'X25519MLKEM768', 'X448MLKEM1024'];

const EC = { prime256v1: p256, secp384r1: p384, secp521r1: p521 } as const;
const EC_OID = { prime256v1: '1.2.840.10045.3.1.7', secp384r1: '1.3.132.0.34', secp521r1: '1.3.132.0.35' } as const;
const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
const X = { X25519: x25519, X448: x448 } as const;
const X_OID = { X25519: '1.3.101.110', X448: '1.3.101.111' } as const;
const MLKEM = { 'ML-KEM-512': ml_kem512, 'ML-KEM-768': ml_kem768, 'ML-KEM-1024': ml_kem1024 } as const;
const MLKEM_OID = { 'ML-KEM-512': '2.16.840.1.101.3.4.4.1', 'ML-KEM-768': '2.16.840.1.101.3.4.4.2', 'ML-KEM-1024': '2.16.840.1.101.3.4.4.3' } as const;
const HYBRID = { X25519MLKEM768: { kem: 'ML-KEM-768', x: 'X25519' }, X448MLKEM1024: { kem: 'ML-KEM-1024', x: 'X448' } } as const;

export const isEc = (a: KexAlg): a is EcKex => a in EC;
export const isX = (a: KexAlg): a is XKex => a in X;
export const isMlKem = (a: KexAlg): a is MlKem => a in MLKEM;
export const isHybrid = (a: KexAlg): a is HybridKem => a in HYBRID;
export const isKem = (a: KexAlg): boolean => isMlKem(a) || isHybrid(a);

const ecFieldLen = (a: EcKex) => EC[a].lengths.secretKey!;

/** Length of the secret a key pair is made from: EC scalar, X private key, ML-KEM d||z seed, or both (hybrid). */
export function kexSecretLen(a: KexAlg): number {
  if (isEc(a)) return ecFieldLen(a);
  if (isX(a)) return X[a].lengths.secretKey!;
  if (isMlKem(a)) return MLKEM[a].lengths.seed!;
  const h = HYBRID[a];
  return MLKEM[h.kem].lengths.seed! + X[h.x].lengths.secretKey!;
}

/** Length of the randomness one encapsulation consumes: ML-KEM m, plus the ephemeral X key for a hybrid. */
export function encapsRandomLen(a: MlKem | HybridKem): number {
  return isMlKem(a) ? 32 : 32 + X[HYBRID[a].x].lengths.secretKey!;
}

/** Seed bytes enough for any algorithm's secret. */
export const KEX_SEED_LEN = 128;

/** A valid secret for `a` from KEX_SEED_LEN seed bytes (EC: reduced into [1, n-1] as FIPS 186-5 A.4.1). */
export function kexSecretFromSeed(a: KexAlg, seed: Uint8Array): Uint8Array {
  if (seed.length < KEX_SEED_LEN) throw new KexSecretError(`seed must be at least ${KEX_SEED_LEN} bytes`);
  if (isEc(a)) return EC[a].utils.randomSecretKey(seed.slice(0, EC[a].lengths.seed));
  return seed.slice(0, kexSecretLen(a));
}

export interface KexKeyPair {
  alg: KexAlg;
  secret: Uint8Array;
  /** Raw public key: EC uncompressed point, X u-coordinate, ML-KEM ek, hybrid ML-KEM ek || X pk. */
  raw: Uint8Array;
  /** What the OAP header carries: DER SPKI, or raw for a hybrid. */
  wire: Uint8Array;
  /** Decapsulation key (ML-KEM / hybrid). */
  dk?: Uint8Array;
}

export class KexSecretError extends Error {}

export function kexKeyPair(a: KexAlg, secret: Uint8Array): KexKeyPair {
  if (secret.length !== kexSecretLen(a)) throw new KexSecretError(`${a}: secret must be ${kexSecretLen(a)} bytes`);
  let raw: Uint8Array;
  let dk: Uint8Array | undefined;
  if (isEc(a)) {
    if (!EC[a].utils.isValidSecretKey(secret)) throw new KexSecretError(`${a}: scalar out of range`);
    raw = EC[a].getPublicKey(secret, false);
  } else if (isX(a)) raw = X[a].getPublicKey(secret);
  else if (isMlKem(a)) ({ publicKey: raw, secretKey: dk } = MLKEM[a].keygen(secret));
  else {
    const h = HYBRID[a];
    const n = MLKEM[h.kem].lengths.seed!;
    const k = MLKEM[h.kem].keygen(secret.subarray(0, n));
    raw = concat(k.publicKey, X[h.x].getPublicKey(secret.subarray(n)));
    dk = concat(k.secretKey, secret.subarray(n));
  }
  return { alg: a, secret: secret.slice(), raw, wire: isHybrid(a) ? raw : spkiEncode(a, raw), dk };
}

function algId(a: Exclude<KexAlg, HybridKem>): AlgorithmIdentifier {
  if (isEc(a)) return new AlgorithmIdentifier({ algorithm: EC_PUBLIC_KEY_OID, parameters: oidDer(EC_OID[a]) });
  return new AlgorithmIdentifier({ algorithm: isX(a) ? X_OID[a] : MLKEM_OID[a as MlKem] });
}

function oidDer(oid: string): ArrayBuffer {
  return AsnConvert.serialize(new ECParameters({ namedCurve: oid }));
}

export function spkiEncode(a: Exclude<KexAlg, HybridKem>, raw: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(new SubjectPublicKeyInfo({ algorithm: algId(a), subjectPublicKey: raw.slice().buffer })));
}

/** Which key a DER SPKI holds, or null: unparsable, trailing bytes, unknown type, or a point off the curve. */
export function spkiDecode(der: Uint8Array): { alg: Exclude<KexAlg, HybridKem>; raw: Uint8Array } | null {
  try {
    const spki = AsnConvert.parse(der, SubjectPublicKeyInfo);
    const raw = new Uint8Array(spki.subjectPublicKey);
    const oid = spki.algorithm.algorithm;
    let alg: Exclude<KexAlg, HybridKem> | undefined;
    if (oid === EC_PUBLIC_KEY_OID && spki.algorithm.parameters) {
      const curve = AsnConvert.parse(spki.algorithm.parameters, ECParameters).namedCurve;
      alg = (Object.keys(EC_OID) as EcKex[]).find((c) => EC_OID[c] === curve);
    } else alg = (Object.keys(X_OID) as XKex[]).find((x) => X_OID[x] === oid) ?? (Object.keys(MLKEM_OID) as MlKem[]).find((m) => MLKEM_OID[m] === oid);
    if (!alg || !publicKeyValid(alg, raw)) return null;
    // Re-encoding must give the same bytes: no trailing data, no alternative encodings.
    const again = spkiEncode(alg, raw);
    if (again.length !== der.length || again.some((b, i) => b !== der[i])) return null;
    return { alg, raw };
  } catch {
    return null;
  }
}

function publicKeyValid(a: Exclude<KexAlg, HybridKem>, raw: Uint8Array): boolean {
  try {
    if (isEc(a)) {
      if (raw[0] !== 0x04) return false;
      EC[a].Point.fromBytes(raw).assertValidity();
      return true;
    }
    if (isX(a)) return raw.length === X[a].lengths.publicKey;
    return raw.length === MLKEM[a].lengths.publicKey;
  } catch {
    return false;
  }
}

/** Raw-format hybrid public key by its length (Ouroboros __openssl_hybrid_algo_from_len). */
export function hybridFromPublicLen(n: number): HybridKem | null {
  for (const a of Object.keys(HYBRID) as HybridKem[]) if (n === hybridPublicLen(a)) return a;
  return null;
}

export function hybridPublicLen(a: HybridKem): number {
  return MLKEM[HYBRID[a].kem].lengths.publicKey! + X[HYBRID[a].x].lengths.publicKey!;
}

export function kemCipherTextLen(a: MlKem | HybridKem): number {
  if (isMlKem(a)) return MLKEM[a].lengths.cipherText!;
  return MLKEM[HYBRID[a].kem].lengths.cipherText! + X[HYBRID[a].x].lengths.publicKey!;
}

/** ECDH: the raw shared secret (EC: x-coordinate, field length), or null if the peer key is unusable. */
export function dhSharedSecret(own: KexKeyPair, peerRaw: Uint8Array): Uint8Array | null {
  try {
    if (isEc(own.alg)) return EC[own.alg].getSharedSecret(own.secret, peerRaw, true).slice(1);
    if (isX(own.alg)) {
      const ss = X[own.alg].getSharedSecret(own.secret, peerRaw);
      return ss.every((b) => b === 0) ? null : ss;
    }
  } catch {
    /* invalid peer point */
  }
  return null;
}

/** Encapsulate to a raw encapsulation key with caller-given randomness. */
export function kemEncapsulate(a: MlKem | HybridKem, ekRaw: Uint8Array, rand: Uint8Array): { ct: Uint8Array; ss: Uint8Array } | null {
  if (rand.length !== encapsRandomLen(a)) throw new KexSecretError(`${a}: encapsulation randomness must be ${encapsRandomLen(a)} bytes`);
  try {
    if (isMlKem(a)) {
      if (ekRaw.length !== MLKEM[a].lengths.publicKey) return null;
      const { cipherText, sharedSecret } = MLKEM[a].encapsulate(ekRaw, rand);
      return { ct: cipherText, ss: sharedSecret };
    }
    const h = HYBRID[a];
    if (ekRaw.length !== hybridPublicLen(a)) return null;
    const nk = MLKEM[h.kem].lengths.publicKey!;
    const m = MLKEM[h.kem].encapsulate(ekRaw.subarray(0, nk), rand.subarray(0, 32));
    const eph = X[h.x].getPublicKey(rand.subarray(32));
    const xss = X[h.x].getSharedSecret(rand.subarray(32), ekRaw.subarray(nk));
    if (xss.every((b) => b === 0)) return null;
    return { ct: concat(m.cipherText, eph), ss: concat(m.sharedSecret, xss) };
  } catch {
    return null;
  }
}

/** Decapsulate; null when the ciphertext has the wrong length or the ECDH part is unusable (ML-KEM itself rejects implicitly). */
export function kemDecapsulate(own: KexKeyPair, ct: Uint8Array): Uint8Array | null {
  const a = own.alg;
  if (!isKem(a) || !own.dk || ct.length !== kemCipherTextLen(a as MlKem | HybridKem)) return null;
  try {
    if (isMlKem(a)) return MLKEM[a].decapsulate(ct, own.dk);
    const h = HYBRID[a as HybridKem];
    const nct = MLKEM[h.kem].lengths.cipherText!;
    const ndk = MLKEM[h.kem].lengths.secretKey!;
    const mss = MLKEM[h.kem].decapsulate(ct.subarray(0, nct), own.dk.subarray(0, ndk));
    const xss = X[h.x].getSharedSecret(own.dk.subarray(ndk), ct.subarray(nct));
    if (xss.every((b) => b === 0)) return null;
    return concat(mss, xss);
  } catch {
    return null;
  }
}
