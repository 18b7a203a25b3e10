// The secrets one exchange consumes are inputs, so a vector fixes every byte (as ACVP does):
// `kexSecret` makes the ephemeral key pair (EC scalar, X25519/X448 private key, ML-KEM
// d||z seed, or both for a hybrid), `encapsRandom` feeds one encapsulation (ML-KEM m,
// plus the ephemeral X key of a hybrid).
import { encapsRandomLen, kexKeyPair, kexSecretLen, KexSecretError, type HybridKem, type KexAlg, type KexKeyPair, type MlKem } from '../../crypto/kex.ts';

export interface Ephemeral {
  kexSecret?: Uint8Array;
  encapsRandom?: Uint8Array;
}

/** The caller gave no, or unusable, ephemeral input for the algorithm negotiated: a harness error, not a verdict. */
export class EphemeralError extends Error {}

export function ephemeralKeyPair(e: Ephemeral, alg: KexAlg): KexKeyPair {
  if (!e.kexSecret) throw new EphemeralError(`kexSecret (${kexSecretLen(alg)} bytes) is needed for ${alg}`);
  try {
    return kexKeyPair(alg, e.kexSecret);
  } catch (err) {
    if (err instanceof KexSecretError) throw new EphemeralError(`kexSecret: ${err.message}`);
    throw err;
  }
}

export function ephemeralRandom(e: Ephemeral, alg: MlKem | HybridKem): Uint8Array {
  const n = encapsRandomLen(alg);
  if (!e.encapsRandom || e.encapsRandom.length !== n) throw new EphemeralError(`encapsRandom (${n} bytes) is needed for ${alg}`);
  return e.encapsRandom;
}
