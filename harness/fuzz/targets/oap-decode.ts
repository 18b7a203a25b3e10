// oap.decode on mutated headers, as requests and as responses. Genome: a context byte
// (0: decode as a request; k: as a response to a request whose digest is DIGESTS[k-1],
// modulo 9), then the header. The context is a field too, so a request can be decoded as
// a response and back. Decoding checks no signature, so nothing is re-signed here.
import { OFFSET, encodeHeader, reqHashLen } from '../../model/oap/hdr.ts';
import { CIPHERS, DIGESTS, NID_UNDEF, SHA256_NID, SHA384_NID } from '../../model/oap/nids.ts';
import { concat, toHex, utf8 } from '../../util/bytes.ts';
import type { Field, Genome, OopTarget } from '../types.ts';

const none = new Uint8Array(0);
const base = { id: new Uint8Array(16).fill(0x42), timestamp: 1_750_000_000_000_000_000n, cipherNid: CIPHERS[0].nid, kdfNid: SHA256_NID, mdNid: SHA384_NID, kexFmt: 0 as const, kexRole: 0 as const };

/** reqMdNid per context byte: a request, then a response to each digest. */
const CONTEXTS = [NID_UNDEF, ...DIGESTS.map((d) => d.nid)];
export const reqMdNidOf = (ctx: number | undefined): number => CONTEXTS[(ctx ?? 0) % CONTEXTS.length];

/** NID values a mutant picks: unset, and every known one (negotiation and downgrade paths). */
const CIPHER_NIDS = [NID_UNDEF, ...CIPHERS.map((c) => c.nid)];
const DIGEST_NIDS = [NID_UNDEF, ...DIGESTS.map((d) => d.nid)];

/** The fields of a header that starts at `at` in `b`; `hashLen`: the req_hash a response carries. */
export function oapFields(b: Uint8Array, at = 0, hashLen = 0): Field[] {
  const u16 = (o: number) => (b.length >= at + o + 2 ? (b[at + o] << 8) | b[at + o + 1] : 0);
  const fixed: Field[] = [
    { name: 'id', off: OFFSET.id, len: 16, kind: 'bytes' },
    { name: 'timestamp', off: OFFSET.timestamp, len: 8, kind: 'value' },
    { name: 'cipher_nid', off: OFFSET.cipher, len: 2, kind: 'value', values: CIPHER_NIDS },
    { name: 'kdf_nid', off: OFFSET.kdf, len: 2, kind: 'value', values: DIGEST_NIDS },
    { name: 'md_nid', off: OFFSET.md, len: 2, kind: 'value', values: DIGEST_NIDS },
    { name: 'crt_len', off: OFFSET.crtLen, len: 2, kind: 'len' },
    { name: 'kex_flags', off: OFFSET.kexLen, len: 1, kind: 'flags' },
    { name: 'kex_len', off: OFFSET.kexLen, len: 2, kind: 'len' },
    { name: 'data_len', off: OFFSET.dataLen, len: 2, kind: 'len' },
  ];
  const f = fixed.map((x) => ({ ...x, off: x.off + at }));
  let o = at + 36;
  for (const [name, len] of [['crt', u16(OFFSET.crtLen)], ['kex', u16(OFFSET.kexLen) & 0x3fff], ['data', u16(OFFSET.dataLen)], ['req_hash', hashLen]] as const) {
    if (o >= b.length) break;
    if (len) f.push({ name, off: o, len: Math.min(len, b.length - o), kind: 'bytes' });
    o += len;
  }
  if (o < b.length) f.push({ name: 'sig', off: o, len: b.length - o, kind: 'bytes' });
  return f;
}

const ctxOf = (md: number) => CONTEXTS.indexOf(md);
const genome = (md: number, h: Parameters<typeof encodeHeader>[0]): Genome => ({ bytes: concat(Uint8Array.of(ctxOf(md)), encodeHeader(h)), reseal: false });
const SHA512 = DIGESTS.find((d) => d.name === 'sha512')!.nid;

export const oapDecode: OopTarget = {
  name: 'oap-decode',
  description: 'oap.decode on mutated requests and responses (lengths, NIDs, kex bits, req_hash per digest, trailing bytes)',
  setup: [],
  seeds: () => [
    genome(NID_UNDEF, { ...base, crt: none, kex: new Uint8Array(32).fill(3), data: none, reqHash: none, sig: none }),
    genome(NID_UNDEF, { ...base, kexFmt: 1, kexRole: 1, crt: new Uint8Array(40).fill(1), kex: new Uint8Array(64).fill(2), data: utf8('data'), reqHash: none, sig: new Uint8Array(64).fill(9) }),
    genome(NID_UNDEF, { ...base, cipherNid: 0, kdfNid: 0, mdNid: 0, crt: none, kex: none, data: none, reqHash: none, sig: none }),
    genome(SHA384_NID, { ...base, crt: none, kex: new Uint8Array(32).fill(4), data: utf8('response data'), reqHash: new Uint8Array(48).fill(5), sig: none }),
    genome(SHA256_NID, { ...base, crt: new Uint8Array(40).fill(1), kex: none, data: none, reqHash: new Uint8Array(32).fill(6), sig: new Uint8Array(72).fill(7) }),
    genome(SHA512, { ...base, kexFmt: 1, crt: none, kex: new Uint8Array(48).fill(8), data: utf8('x'), reqHash: new Uint8Array(64).fill(9), sig: none }),
  ],
  fields: (b) => [{ name: 'context', off: 0, len: 1, kind: 'value' }, ...oapFields(b, 1, reqHashLen(reqMdNidOf(b[0])))],
  calls: (g) => [{ op: 'oap.decode', args: { packet: toHex(g.bytes.subarray(1)), reqMdNid: reqMdNidOf(g.bytes[0]) } }],
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
