// Build a header on the wire: the certificate goes in when there are credentials, and the
// signature over the signed region is appended (hdr.c oap_hdr_encode).
import { sign } from '../../crypto/sig.ts';
import { concat } from '../../util/bytes.ts';
import { encodeSignedRegion, type OapHeader } from './hdr.ts';
import { signatureDigest, type Credentials } from './pki.ts';

export function sealHeader(h: Omit<OapHeader, 'crt' | 'sig'>, creds: Credentials | undefined): Uint8Array {
  const region = encodeSignedRegion({ ...h, crt: creds?.cert ?? new Uint8Array(0) });
  if (!creds) return region;
  return concat(region, sign(creds.key, signatureDigest(creds.key.alg, h.mdNid), region));
}
