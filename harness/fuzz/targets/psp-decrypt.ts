// psp.decrypt on mutated bare PSP packets. Genome: header | ext | payload | ICV room,
// all in the clear; re-sealing keeps every header bit as mutated (reserved, always-1,
// hdr_ext_len, crypt_off) and recomputes the ICV with the key the SPI and version select.
import { aeadSeal } from '../../crypto/index.ts';
import { BASE_HDR_LEN, CRYPT_UNIT, ICV_LEN, isGmac, isVersion, keyLen, VERSIONS, type PspVersion } from '../../model/psp/constants.ts';
import { deriveKey } from '../../model/psp/kdf.ts';
import { buildHeader } from '../../model/psp/header.ts';
import { concat, readU32, toHex, utf8 } from '../../util/bytes.ts';
import type { Field, Genome, OopTarget } from '../types.ts';

export const PSP_KEYS = [new Uint8Array(32).fill(0x0a), new Uint8Array(32).fill(0x0b)] as const;

export function pspWire(g: Genome): Uint8Array {
  const b = g.bytes;
  if (!g.reseal || b.length < BASE_HDR_LEN + ICV_LEN) return b;
  const version = (b[3] >>> 2) & 0x0f;
  if (!isVersion(version)) return b;
  const end = b.length - ICV_LEN;
  const clearEnd = isGmac(version) ? end : Math.min(end, BASE_HDR_LEN + (b[2] & 0x3f) * CRYPT_UNIT);
  const key = deriveKey(PSP_KEYS, readU32(b, 4), version);
  const aead = keyLen(version) === 16 ? 'aes-128-gcm' : 'aes-256-gcm';
  return concat(b.subarray(0, clearEnd), aeadSeal(aead, key, b.subarray(4, BASE_HDR_LEN), b.subarray(clearEnd, end), b.subarray(0, clearEnd)));
}

/** A packet the model would send, in the clear with room for the ICV; crypt offset 3 carries a cookie. */
export function pspGenome(version: PspVersion, cryptOffset: number, spi: number): Genome {
  const vc = cryptOffset === 3 ? new Uint8Array(8).fill(0xc) : undefined;
  const h = buildHeader({ nextHeader: 17, cryptOffset, s: false, d: false, version, spi, iv: 5n, vc });
  return { bytes: concat(h, vc ?? new Uint8Array(0), utf8('payload of a psp packet'), new Uint8Array(ICV_LEN)), reseal: true };
}

export const pspFields = (b: Uint8Array): Field[] => [
  { name: 'next_hdr', off: 0, len: 1, kind: 'value' },
  { name: 'hdr_ext_len', off: 1, len: 1, kind: 'len' },
  { name: 'crypt_off', off: 2, len: 1, kind: 'flags' },
  { name: 'S D version V 1', off: 3, len: 1, kind: 'flags' },
  { name: 'spi', off: 4, len: 4, kind: 'value' },
  { name: 'iv', off: 8, len: 8, kind: 'value' },
  ...(b.length > BASE_HDR_LEN + ICV_LEN ? [{ name: 'payload', off: BASE_HDR_LEN, len: b.length - BASE_HDR_LEN - ICV_LEN, kind: 'bytes' as const }] : []),
];

export const pspDecrypt: OopTarget = {
  name: 'psp-decrypt',
  description: 'psp.decrypt on mutated PSP packets with the ICV recomputed under the derived key (header bits, hdr_ext_len, crypt_off, version)',
  setup: [],
  seeds: () => VERSIONS.flatMap((version) => [0, 1, 3].map((off) => pspGenome(version, off, off === 1 ? 0x9a345678 : 0x12345678))),
  fields: pspFields,
  calls: (g) => [{ op: 'psp.decrypt', args: { key0: toHex(PSP_KEYS[0]), key1: toHex(PSP_KEYS[1]), packet: toHex(pspWire(g)) } }],
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
