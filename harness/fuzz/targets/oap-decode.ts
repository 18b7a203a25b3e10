// oap.decode on mutated requests (reqMdNid 0): the header's length fields, NIDs, the
// kex F/R bits and the unsigned-exactness rule. Decoding checks no signature, so
// nothing is re-signed here.
import { OFFSET, encodeHeader } from '../../model/oap/hdr.ts';
import { SHA256_NID, SHA384_NID, CIPHERS } from '../../model/oap/nids.ts';
import { toHex, utf8 } from '../../util/bytes.ts';
import type { Field, OopTarget } from '../types.ts';

const none = new Uint8Array(0);
const base = { id: new Uint8Array(16).fill(0x42), timestamp: 1_750_000_000_000_000_000n, cipherNid: CIPHERS[0].nid, kdfNid: SHA256_NID, mdNid: SHA384_NID, kexFmt: 0 as const, kexRole: 0 as const };

export function oapFields(b: Uint8Array): Field[] {
  const u16 = (o: number) => (b.length >= o + 2 ? (b[o] << 8) | b[o + 1] : 0);
  const f: Field[] = [
    { name: 'id', off: OFFSET.id, len: 16, kind: 'bytes' },
    { name: 'timestamp', off: OFFSET.timestamp, len: 8, kind: 'value' },
    { name: 'cipher_nid', off: OFFSET.cipher, len: 2, kind: 'value' },
    { name: 'kdf_nid', off: OFFSET.kdf, len: 2, kind: 'value' },
    { name: 'md_nid', off: OFFSET.md, len: 2, kind: 'value' },
    { name: 'crt_len', off: OFFSET.crtLen, len: 2, kind: 'len' },
    { name: 'kex_flags', off: OFFSET.kexLen, len: 1, kind: 'flags' },
    { name: 'kex_len', off: OFFSET.kexLen, len: 2, kind: 'len' },
    { name: 'data_len', off: OFFSET.dataLen, len: 2, kind: 'len' },
  ];
  let o = 36;
  for (const [name, len] of [['crt', u16(OFFSET.crtLen)], ['kex', u16(OFFSET.kexLen) & 0x3fff], ['data', u16(OFFSET.dataLen)]] as const) {
    if (o >= b.length) break;
    f.push({ name, off: o, len: Math.min(len, b.length - o), kind: 'bytes' });
    o += len;
  }
  if (o < b.length) f.push({ name: 'sig', off: o, len: b.length - o, kind: 'bytes' });
  return f;
}

export const oapDecode: OopTarget = {
  name: 'oap-decode',
  description: 'oap.decode on mutated request headers (lengths, NIDs, kex bits, trailing bytes)',
  setup: [],
  seeds: () =>
    [
      encodeHeader({ ...base, crt: none, kex: new Uint8Array(32).fill(3), data: none, reqHash: none, sig: none }),
      encodeHeader({ ...base, kexFmt: 1, kexRole: 1, crt: new Uint8Array(40).fill(1), kex: new Uint8Array(64).fill(2), data: utf8('data'), reqHash: none, sig: new Uint8Array(64).fill(9) }),
      encodeHeader({ ...base, cipherNid: 0, kdfNid: 0, mdNid: 0, crt: none, kex: none, data: none, reqHash: none, sig: none }),
    ].map((bytes) => ({ bytes, reseal: false })),
  fields: oapFields,
  request: (g) => ({ op: 'oap.decode', args: { packet: toHex(g.bytes), reqMdNid: 0 } }),
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
