// Peer authentication as Ouroboros src/irmd/oap/auth.c oap_auth_peer does it: load the
// DER certificate, verify it against the trusted store (X509_verify_cert: a chain of
// issuers from the store up to a self-signed root, every certificate inside its validity
// at `now`, every issuer a CA), then the signature over the signed region; the peer's name
// is the subject CN as openssl.c openssl_get_crt_name reads it.
import { certSignedBy, parseCert, type ParsedCert } from '../../crypto/x509.ts';
import { isEcdsa, verify, type SigAlg, type SigKeyPair } from '../../crypto/sig.ts';
import { equal } from '../../util/bytes.ts';
import { NID_UNDEF, kdfHash } from './nids.ts';
import type { HashName } from '../../crypto/index.ts';

export type CertReason = 'CERT_UNPARSABLE' | 'CERT_UNTRUSTED' | 'CERT_ISSUER_NOT_CA' | 'CERT_EXPIRED';
export type AuthReason = CertReason | 'BAD_SIGNATURE';

/** Longest issuer chain followed before giving up. */
const MAX_DEPTH = 8;

export class TrustStore {
  readonly certs: ParsedCert[];

  constructor(ders: Uint8Array[]) {
    this.certs = ders.map((d) => {
      const c = parseCert(d);
      if (!c) throw new RangeError('trusted certificate does not parse');
      return c;
    });
  }

  /** OK, or why the certificate does not chain to a trusted root at `nowMs`. */
  verifyChain(leaf: ParsedCert, nowMs: number): CertReason | null {
    let cur = leaf;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (nowMs < cur.notBefore || nowMs > cur.notAfter) return 'CERT_EXPIRED';
      const issuer = this.certs.find((c) => equal(c.subject, cur.issuer) && certSignedBy(cur, c.key));
      if (!issuer) return 'CERT_UNTRUSTED';
      if (issuer !== cur && !issuer.ca) return 'CERT_ISSUER_NOT_CA';
      if (equal(issuer.subject, issuer.issuer)) {
        if (nowMs < issuer.notBefore || nowMs > issuer.notAfter) return 'CERT_EXPIRED';
        return null;
      }
      cur = issuer;
    }
    return 'CERT_UNTRUSTED';
  }
}

/** A signer: certificate (DER) plus its key. */
export interface Credentials {
  cert: Uint8Array;
  key: SigKeyPair;
}

/**
 * The digest a signature uses: the header's md_nid; ECDSA with md_nid 0 uses OpenSSL's
 * default digest for EC keys (SHA-256); ML-DSA ignores it (openssl.c select_md).
 */
export function signatureDigest(alg: SigAlg, mdNid: number): HashName {
  return isEcdsa(alg) && mdNid === NID_UNDEF ? 'sha256' : kdfHash(mdNid);
}

/** Subject CN as X509_NAME_oneline + strstr("CN=") reads it, cut at ',' or '/'; '' when absent. */
export function certName(c: ParsedCert): string {
  const i = c.subjectLine.indexOf('CN=');
  if (i < 0) return '';
  const rest = c.subjectLine.slice(i + 3);
  const end = rest.search(/[,/]/);
  return end < 0 ? rest : rest.slice(0, end);
}

export type AuthResult = { ok: true; name: string; signed: boolean } | { ok: false; reason: AuthReason };

/** Unsigned headers are accepted as anonymous (auth.c: "No crt provided"). */
export function authenticatePeer(store: TrustStore, crt: Uint8Array, mdNid: number, signedRegion: Uint8Array, sig: Uint8Array, nowMs: number): AuthResult {
  if (crt.length === 0) return { ok: true, name: '', signed: false };
  const c = parseCert(crt);
  if (!c) return { ok: false, reason: 'CERT_UNPARSABLE' };
  const bad = store.verifyChain(c, nowMs);
  if (bad) return { ok: false, reason: bad };
  if (!verify(c.key.alg, c.key.pub, signatureDigest(c.key.alg, mdNid), signedRegion, sig)) return { ok: false, reason: 'BAD_SIGNATURE' };
  return { ok: true, name: certName(c), signed: true };
}
