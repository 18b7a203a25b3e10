// OAP algorithm identifiers and strength ranks (Ouroboros include/ouroboros/crypt.h NIDs,
// src/lib/crypt.c *_supported_nids "ordered in strength preference, lowest first").
// A rank is 1-based; 0 means "none" (NID_undef); an unknown NID has no rank.
import type { HashName } from '../../crypto/index.ts';
import type { KexAlg } from '../../crypto/kex.ts';

export const NID_UNDEF = 0;

export type CipherName = 'aes-128-ctr' | 'aes-192-ctr' | 'aes-256-ctr' | 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';

/** Ciphers, weakest first. */
export const CIPHERS: readonly { nid: number; name: CipherName }[] = [
  { nid: 904, name: 'aes-128-ctr' },
  { nid: 905, name: 'aes-192-ctr' },
  { nid: 906, name: 'aes-256-ctr' },
  { nid: 895, name: 'aes-128-gcm' },
  { nid: 898, name: 'aes-192-gcm' },
  { nid: 901, name: 'aes-256-gcm' },
  { nid: 1018, name: 'chacha20-poly1305' },
];

/** Digests (KDF hash and signature digest), weakest first. */
export const DIGESTS: readonly { nid: number; name: HashName }[] = [
  { nid: 1057, name: 'blake2s256' },
  { nid: 672, name: 'sha256' },
  { nid: 1096, name: 'sha3-256' },
  { nid: 673, name: 'sha384' },
  { nid: 1097, name: 'sha3-384' },
  { nid: 1056, name: 'blake2b512' },
  { nid: 674, name: 'sha512' },
  { nid: 1098, name: 'sha3-512' },
];

/**
 * Key exchanges, weakest first. FFDHE (ranks 1, 4, 6 upstream: ffdhe2048 1126, ffdhe3072
 * 1127, ffdhe4096 1128) is left out of the model; the ranks below keep upstream's order
 * and values so comparisons match.
 */
export const KEXES: readonly { nid: number; name: KexAlg; rank: number }[] = [
  { nid: 415, name: 'prime256v1', rank: 2 },
  { nid: 1034, name: 'X25519', rank: 3 },
  { nid: 715, name: 'secp384r1', rank: 5 },
  { nid: 1035, name: 'X448', rank: 7 },
  { nid: 716, name: 'secp521r1', rank: 8 },
  { nid: 1454, name: 'ML-KEM-512', rank: 9 },
  { nid: 1455, name: 'ML-KEM-768', rank: 10 },
  { nid: 1456, name: 'ML-KEM-1024', rank: 11 },
  { nid: 2053, name: 'X25519MLKEM768', rank: 12 },
  { nid: 2054, name: 'X448MLKEM1024', rank: 13 },
];

export const SHA384_NID = 673;
export const SHA256_NID = 672;

export const cipherByNid = (nid: number) => CIPHERS.find((c) => c.nid === nid);
export const cipherByName = (n: string) => CIPHERS.find((c) => c.name === n);
export const digestByNid = (nid: number) => DIGESTS.find((d) => d.nid === nid);
export const digestByName = (n: string) => DIGESTS.find((d) => d.name === n);
export const kexByName = (n: string) => KEXES.find((k) => k.name === n);

export const cipherRank = (nid: number): number => (nid === NID_UNDEF ? 0 : CIPHERS.findIndex((c) => c.nid === nid) + 1 || -1);
export const digestRank = (nid: number): number => (nid === NID_UNDEF ? 0 : DIGESTS.findIndex((d) => d.nid === nid) + 1 || -1);
export const kexRank = (k: KexAlg | null): number => (k === null ? 0 : kexByName(k)!.rank);

/** The hash behind a digest NID; NID_undef falls back to SHA-256 (openssl.c hash_nid_to_digest_name). */
export const kdfHash = (nid: number): HashName => digestByNid(nid)?.name ?? 'sha256';
