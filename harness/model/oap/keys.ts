// The 32-byte flow key of an exchange (Ouroboros src/lib/crypt/openssl.c):
// DHE: HKDF(kdf, ss, salt = SHA-256(smaller || larger of the two public keys as sent,
//      memcmp order, shorter first on a tie), info "o7s-ossl-dhe");
// KEM: HKDF(kdf, ss, salt = SHA-256(encapsulation key as sent), info "o7s-ossl-encap").
import { hash, hkdf } from '../../crypto/index.ts';
import { concat, utf8 } from '../../util/bytes.ts';
import { kdfHash } from './nids.ts';

export const SYMMKEYSZ = 32;
export const HKDF_INFO_DHE = 'o7s-ossl-dhe';
export const HKDF_INFO_ENCAP = 'o7s-ossl-encap';

/** derive_salt_from_pk_bytes_dhe: canonical order of the two keys. */
export function dheSalt(local: Uint8Array, remote: Uint8Array): Uint8Array {
  const n = Math.min(local.length, remote.length);
  let cmp = 0;
  for (let i = 0; i < n && cmp === 0; i++) cmp = local[i] - remote[i];
  const localFirst = cmp < 0 || (cmp === 0 && local.length < remote.length);
  return hash('sha256', localFirst ? concat(local, remote) : concat(remote, local));
}

export function dheKey(kdfNid: number, ss: Uint8Array, local: Uint8Array, remote: Uint8Array): Uint8Array {
  return hkdf(kdfHash(kdfNid), ss, dheSalt(local, remote), utf8(HKDF_INFO_DHE), SYMMKEYSZ);
}

export function kemKey(kdfNid: number, ss: Uint8Array, encapsKeyAsSent: Uint8Array): Uint8Array {
  return hkdf(kdfHash(kdfNid), ss, hash('sha256', encapsKeyAsSent), utf8(HKDF_INFO_ENCAP), SYMMKEYSZ);
}
