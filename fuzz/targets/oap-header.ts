// OAP header decode (harness/model/oap/hdr.ts decodeHeader), as a request and as a
// response to a request whose digest the input's length picks (every digest is reached
// as lengths vary, at two decodes per exec rather than nine).
import { DECODE_REASONS, OAP_HDR_MIN_SIZE, decodeHeader, encodeHeader } from '../../harness/model/oap/hdr.ts';
import { DIGESTS, NID_UNDEF } from '../../harness/model/oap/nids.ts';
import { equal } from '../../harness/util/bytes.ts';
import { check } from '../lib/check.ts';


export function fuzz(data: Uint8Array): void {
  for (const md of [NID_UNDEF, DIGESTS[data.length % DIGESTS.length].nid]) {
    const r = decodeHeader(data, md);
    if (!r.ok) {
      check(DECODE_REASONS.includes(r.reason), `undeclared reason ${r.reason}`);
      continue;
    }
    const h = r.hdr;
    const parts = h.crt.length + h.kex.length + h.data.length + h.reqHash.length + h.sig.length;
    check(OAP_HDR_MIN_SIZE + parts === data.length, 'decoded lengths do not add up to the input');
    check(h.signed.length + h.sig.length === data.length, 'signed region + signature != input');
    check(h.crt.length > 0 || h.sig.length === 0, 'unsigned header with a signature');
    check(equal(encodeHeader(h), data), 'encode(decode(x)) != x');
  }
}
