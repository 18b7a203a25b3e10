// Bare PSP payload: header | extension | payload | ICV. AAD = base header + crypt_off x 4
// bytes after it (extension included); the rest is encrypted (GCM) or only authenticated
// (GMAC: everything before the ICV is AAD). As google/psp src/psp_encrypt.c psp_encrypt().
import { aeadOpen, aeadSeal, type AeadName, type Backend } from '../../crypto/index.ts';
import { concat } from '../../util/bytes.ts';
import { BASE_HDR_LEN, CRYPT_UNIT, EXT_UNIT, ICV_LEN, VC_LEN, isGmac, isVersion, keyLen, type PspVersion } from './constants.ts';
import { buildHeader, nonceOf, parseHeader, type HeaderFields, type PspHeader } from './header.ts';

const aeadOf = (v: PspVersion): AeadName => (keyLen(v) === 16 ? 'aes-128-gcm' : 'aes-256-gcm');

export type SealResult = { ok: true; packet: Uint8Array } | { ok: false; reason: 'CRYPT_OFFSET_PAST_PAYLOAD' | 'KEY_SIZE_MISMATCH' };

/**
 * Seal `payload` under a derived key. As the reference, a crypt offset longer than the
 * payload (cookie not counted) is refused; a short offset encrypts the cookie's tail.
 */
export function seal(key: Uint8Array, f: HeaderFields, payload: Uint8Array, backend?: Backend): SealResult {
  if (key.length !== keyLen(f.version)) return { ok: false, reason: 'KEY_SIZE_MISMATCH' };
  const crypt = f.cryptOffset * CRYPT_UNIT;
  if (crypt > payload.length) return { ok: false, reason: 'CRYPT_OFFSET_PAST_PAYLOAD' };
  const base = buildHeader(f);
  const body = f.vc ? concat(f.vc, payload) : payload;
  const clear = isGmac(f.version) ? body.length : crypt;
  const aad = concat(base, body.subarray(0, clear));
  const sealed = aeadSeal(aeadOf(f.version), key, nonceOf(base), body.subarray(clear), aad, backend);
  return { ok: true, packet: concat(aad, sealed) };
}

export type OpenReason =
  | 'TRUNCATED'
  | 'HDR_EXT_LEN_TOO_SMALL'
  | 'CRYPT_OFFSET_PAST_PAYLOAD'
  | 'UNKNOWN_VERSION'
  | 'ALWAYS_ONE_CLEAR'
  | 'ICV_MISMATCH';

export interface Opened {
  header: PspHeader;
  /** Extension bytes after the base header (decrypted where they were encrypted). */
  ext: Uint8Array;
  /** The virtualization cookie when V is set. */
  vc?: Uint8Array;
  payload: Uint8Array;
}

export type CheckResult = { ok: true; header: PspHeader; version: PspVersion; extLen: number } | { ok: false; reason: OpenReason };

/**
 * Structural checks before any key is touched, in google/psp src/psp_decrypt.c order:
 * length, hdr_ext_len, crypt offset, version, always-1 bit. A V bit needs room for the cookie.
 */
export function checkPacket(packet: Uint8Array): CheckResult {
  if (packet.length < BASE_HDR_LEN + ICV_LEN) return { ok: false, reason: 'TRUNCATED' };
  const header = parseHeader(packet);
  const payloadLen = packet.length - BASE_HDR_LEN - ICV_LEN;
  if (header.hdrExtLen < 1 || (header.v && header.hdrExtLen < 1 + VC_LEN / EXT_UNIT)) return { ok: false, reason: 'HDR_EXT_LEN_TOO_SMALL' };
  const extLen = (header.hdrExtLen - 1) * EXT_UNIT;
  if (extLen > payloadLen) return { ok: false, reason: 'TRUNCATED' };
  if (header.cryptOffset * CRYPT_UNIT > payloadLen) return { ok: false, reason: 'CRYPT_OFFSET_PAST_PAYLOAD' };
  if (!isVersion(header.version)) return { ok: false, reason: 'UNKNOWN_VERSION' };
  if (!header.alwaysOne) return { ok: false, reason: 'ALWAYS_ONE_CLEAR' };
  return { ok: true, header, version: header.version, extLen };
}

export type OpenResult = ({ ok: true } & Opened) | { ok: false; reason: OpenReason | 'KEY_SIZE_MISMATCH' };

/** Authenticate (and decrypt) a packet that passed checkPacket; an empty ciphertext is still checked. */
export function open(key: Uint8Array, packet: Uint8Array, c: Extract<CheckResult, { ok: true }>, backend?: Backend): OpenResult {
  if (key.length !== keyLen(c.version)) return { ok: false, reason: 'KEY_SIZE_MISMATCH' };
  const end = packet.length - ICV_LEN;
  const clearEnd = isGmac(c.version) ? end : BASE_HDR_LEN + c.header.cryptOffset * CRYPT_UNIT;
  const pt = aeadOpen(aeadOf(c.version), key, nonceOf(packet), packet.subarray(clearEnd), packet.subarray(0, clearEnd), backend);
  if (!pt) return { ok: false, reason: 'ICV_MISMATCH' };
  const body = concat(packet.subarray(BASE_HDR_LEN, clearEnd), pt);
  const ext = body.slice(0, c.extLen);
  return { ok: true, header: c.header, ext, ...(c.header.v ? { vc: ext.slice(0, VC_LEN) } : {}), payload: body.slice(c.extLen) };
}
