// The PSP header (google/psp src/psp.h struct psp_hdr): next_hdr | hdr_ext_len |
// crypt_off (bits 0-5, 4-byte units; 6-7 reserved) | S D version(4) V 1 | SPI u32 | IV u64,
// then (hdr_ext_len - 1) x 8 bytes of extension, the first 8 the virtualization cookie when V.
import { BASE_HDR_LEN, CRYPT_OFF_MASK, EXT_UNIT, VC_LEN, type PspVersion } from './constants.ts';

export interface PspHeader {
  nextHeader: number;
  /** Raw hdr_ext_len field. */
  hdrExtLen: number;
  /** crypt_off in 4-byte units (bits 0-5). */
  cryptOffset: number;
  /** crypt_off bits 6-7, carried as is (authenticated, never interpreted). */
  reserved: number;
  s: boolean;
  d: boolean;
  version: number;
  v: boolean;
  alwaysOne: boolean;
  spi: number;
  iv: bigint;
}

/** The fields a sender chooses; the rest follow from them. */
export interface HeaderFields {
  nextHeader: number;
  cryptOffset: number;
  s: boolean;
  d: boolean;
  version: PspVersion;
  spi: number;
  iv: bigint;
  /** The virtualization cookie, when one is carried. */
  vc?: Uint8Array;
}

export function buildHeader(f: HeaderFields): Uint8Array {
  const h = new Uint8Array(BASE_HDR_LEN);
  const dv = new DataView(h.buffer);
  h[0] = f.nextHeader;
  h[1] = 1 + (f.vc ? VC_LEN / EXT_UNIT : 0);
  h[2] = f.cryptOffset & CRYPT_OFF_MASK;
  h[3] = (f.s ? 0x80 : 0) | (f.d ? 0x40 : 0) | (f.version << 2) | (f.vc ? 0x02 : 0) | 0x01;
  dv.setUint32(4, f.spi >>> 0);
  dv.setBigUint64(8, BigInt.asUintN(64, f.iv));
  return h;
}

/** Reads the 16 base bytes; the caller has checked there are that many. */
export function parseHeader(b: Uint8Array): PspHeader {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    nextHeader: b[0],
    hdrExtLen: b[1],
    cryptOffset: b[2] & CRYPT_OFF_MASK,
    reserved: b[2] >>> 6,
    s: (b[3] & 0x80) !== 0,
    d: (b[3] & 0x40) !== 0,
    version: (b[3] >>> 2) & 0x0f,
    v: (b[3] & 0x02) !== 0,
    alwaysOne: (b[3] & 0x01) !== 0,
    spi: dv.getUint32(4),
    iv: dv.getBigUint64(8),
  };
}

/** GCM nonce = SPI || IV: the 12 header bytes from offset 4. */
export const nonceOf = (packet: Uint8Array): Uint8Array => packet.subarray(4, BASE_HDR_LEN);
