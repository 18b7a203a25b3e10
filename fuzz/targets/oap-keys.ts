// The key and certificate parsers the OAP model trusts (through harness/crypto's
// wrappers): parseCert (crypto/x509.ts), spkiDecode (crypto/kex.ts) and kemKeyAlgorithm
// (model/oap/config.ts), each on the whole input.
import { hybridFromPublicLen, isKem, spkiDecode, spkiEncode } from '../../harness/crypto/kex.ts';
import { parseCert } from '../../harness/crypto/x509.ts';
import { certName, kemKeyAlgorithm } from '../../harness/model/oap/index.ts';
import { pki } from '../../harness/suites/oap-common.ts';
import { equal } from '../../harness/util/bytes.ts';
import { check } from '../lib/check.ts';

// parseCert turns any library exception into null: if the bundle broke the asn1 packages,
// every input would be "unparsable" and the run would look clean. Refuse to start instead.
for (const alg of ['ecdsa-p256', 'ml-dsa-44'] as const) {
  if (!parseCert(pki(alg).server.cert)) throw new Error(`oap-keys: the ${alg} test PKI's server certificate does not parse (broken bundle?)`);
}

/** Does `part` occur in `whole`? */
function contains(whole: Uint8Array, part: Uint8Array): boolean {
  return Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).indexOf(Buffer.from(part.buffer, part.byteOffset, part.byteLength)) >= 0;
}

export function fuzz(data: Uint8Array): void {
  const c = parseCert(data);
  if (c) {
    // The signature is checked over tbs and names are matched by bytes: both must be the certificate's own bytes.
    const head = data[1] < 0x80 ? 2 : 2 + (data[1] & 0x7f);
    check(equal(data.subarray(head, head + c.tbs.length), c.tbs), 'tbs is not the signed bytes of the input');
    check(contains(c.tbs, c.subject) && contains(c.tbs, c.issuer), 'subject / issuer are not bytes of the certificate');
    check(c.signature.length > 0 && c.key.pub.length > 0, 'certificate without signature or key');
    certName(c);
  }
  const s = spkiDecode(data);
  if (s) check(equal(spkiEncode(s.alg, s.raw), data), `spkiEncode(spkiDecode(x)) != x (${s.alg})`);
  const k = kemKeyAlgorithm(data);
  const hybrid = hybridFromPublicLen(data.length);
  if (hybrid) check(k === hybrid, 'a raw hybrid-length key is not taken as that hybrid');
  else check(k === (s && isKem(s.alg) ? s.alg : null), `kemKeyAlgorithm ${k} != the KEM of the SPKI (${s?.alg ?? 'none'})`);
}
