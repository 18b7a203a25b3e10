// The OAP header (Ouroboros src/irmd/oap/hdr.h layout, hdr.c oap_hdr_decode rules).
// Big-endian; 36 fixed bytes: id 16 | timestamp u64 ns | cipher_nid u16 | kdf_nid u16 |
// md_nid u16 | crt_len u16 | F R kex_len(14) | data_len u16; then crt | kex | data |
// req_hash (responses) | signature. The signed region is everything before the signature.
import { hashLen } from '../../crypto/index.ts';
import { concat, u16be } from '../../util/bytes.ts';
import { NID_UNDEF, cipherByNid, digestByNid } from './nids.ts';

export const OAP_ID_SIZE = 16;
export const OAP_HDR_MIN_SIZE = 36;
export const KEX_FMT_BIT = 0x8000;
export const KEX_ROLE_BIT = 0x4000;
export const KEX_LEN_MASK = 0x3fff;
/** Byte offsets of the fixed fields (Ouroboros oap_test.c uses the same). */
export const OFFSET = { id: 0, timestamp: 16, cipher: 24, kdf: 26, md: 28, crtLen: 30, kexLen: 32, dataLen: 34 } as const;

export interface OapHeader {
  id: Uint8Array;
  /** UTC nanoseconds since the epoch. */
  timestamp: bigint;
  cipherNid: number;
  kdfNid: number;
  mdNid: number;
  /** F bit: 0 = DER SubjectPublicKeyInfo, 1 = raw (hybrid KEM). */
  kexFmt: 0 | 1;
  /** R bit: 0 = server encapsulates, 1 = client encapsulates. */
  kexRole: 0 | 1;
  crt: Uint8Array;
  kex: Uint8Array;
  data: Uint8Array;
  /** H(request); present on responses only. */
  reqHash: Uint8Array;
  sig: Uint8Array;
}

/** Decoded header plus the bytes it came from. */
export interface DecodedHeader extends OapHeader {
  /** Bytes covered by the signature. */
  signed: Uint8Array;
  raw: Uint8Array;
}

/** Decode rejections, in the order hdr.c checks them. */
export type DecodeReason = 'TOO_SHORT' | 'UNKNOWN_CIPHER_NID' | 'UNKNOWN_KDF_NID' | 'UNKNOWN_MD_NID' | 'LENGTHS_EXCEED_PACKET' | 'UNSIGNED_TRAILING_BYTES';
export const DECODE_REASONS: readonly DecodeReason[] = ['TOO_SHORT', 'UNKNOWN_CIPHER_NID', 'UNKNOWN_KDF_NID', 'UNKNOWN_MD_NID', 'LENGTHS_EXCEED_PACKET', 'UNSIGNED_TRAILING_BYTES'];

export type DecodeResult = { ok: true; hdr: DecodedHeader } | { ok: false; reason: DecodeReason };

/** req_hash length of a response: md_len(the request's digest); 0 decodes a request. */
export function reqHashLen(reqMdNid: number): number {
  if (reqMdNid === NID_UNDEF) return 0;
  const d = digestByNid(reqMdNid);
  if (!d) throw new RangeError(`reqMdNid ${reqMdNid} is not a digest`);
  return hashLen(d.name);
}

export function decodeHeader(buf: Uint8Array, reqMdNid: number = NID_UNDEF): DecodeResult {
  if (buf.length < OAP_HDR_MIN_SIZE) return { ok: false, reason: 'TOO_SHORT' };
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const cipherNid = v.getUint16(OFFSET.cipher);
  const kdfNid = v.getUint16(OFFSET.kdf);
  const mdNid = v.getUint16(OFFSET.md);
  if (cipherNid !== NID_UNDEF && !cipherByNid(cipherNid)) return { ok: false, reason: 'UNKNOWN_CIPHER_NID' };
  if (kdfNid !== NID_UNDEF && !digestByNid(kdfNid)) return { ok: false, reason: 'UNKNOWN_KDF_NID' };
  if (mdNid !== NID_UNDEF && !digestByNid(mdNid)) return { ok: false, reason: 'UNKNOWN_MD_NID' };
  const crtLen = v.getUint16(OFFSET.crtLen);
  const kexField = v.getUint16(OFFSET.kexLen);
  const kexLen = kexField & KEX_LEN_MASK;
  const dataLen = v.getUint16(OFFSET.dataLen);
  const hLen = reqHashLen(reqMdNid);
  const body = OAP_HDR_MIN_SIZE + crtLen + kexLen + dataLen + hLen;
  if (buf.length < body) return { ok: false, reason: 'LENGTHS_EXCEED_PACKET' };
  const sigLen = buf.length - body;
  if (crtLen === 0 && sigLen !== 0) return { ok: false, reason: 'UNSIGNED_TRAILING_BYTES' };
  let o = OAP_HDR_MIN_SIZE;
  const take = (n: number) => buf.slice(o, (o += n));
  return {
    ok: true,
    hdr: {
      id: buf.slice(0, OAP_ID_SIZE),
      timestamp: v.getBigUint64(OFFSET.timestamp),
      cipherNid,
      kdfNid,
      mdNid,
      kexFmt: kexField & KEX_FMT_BIT ? 1 : 0,
      kexRole: kexField & KEX_ROLE_BIT ? 1 : 0,
      crt: take(crtLen),
      kex: take(kexLen),
      data: take(dataLen),
      reqHash: take(hLen),
      sig: take(sigLen),
      signed: buf.slice(0, body),
      raw: buf.slice(),
    },
  };
}

export class EncodeError extends Error {}

/** Everything but the signature: the signed region. Lengths come from the fields. */
export function encodeSignedRegion(h: Omit<OapHeader, 'sig'>): Uint8Array {
  if (h.id.length !== OAP_ID_SIZE) throw new EncodeError(`id must be ${OAP_ID_SIZE} bytes`);
  if (h.crt.length > 0xffff || h.data.length > 0xffff) throw new EncodeError('crt and data must fit 16 bits');
  if (h.kex.length > KEX_LEN_MASK) throw new EncodeError('kex must fit 14 bits');
  if (h.timestamp < 0n || h.timestamp >= 1n << 64n) throw new EncodeError('timestamp must fit 64 bits');
  for (const n of [h.cipherNid, h.kdfNid, h.mdNid]) if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new EncodeError('NIDs must fit 16 bits');
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setBigUint64(0, h.timestamp);
  const kexField = h.kex.length | (h.kexFmt ? KEX_FMT_BIT : 0) | (h.kexRole ? KEX_ROLE_BIT : 0);
  return concat(h.id, ts, u16be(h.cipherNid), u16be(h.kdfNid), u16be(h.mdNid), u16be(h.crt.length), u16be(kexField), u16be(h.data.length), h.crt, h.kex, h.data, h.reqHash);
}

export function encodeHeader(h: OapHeader): Uint8Array {
  return concat(encodeSignedRegion(h), h.sig);
}
