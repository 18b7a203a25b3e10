// X.509 certificates for the OAP test PKI, built and parsed with @peculiar/asn1-x509 (DER
// by schema, not by hand) and signed with sig.ts, so the same inputs give the same bytes.
// ECDSA certificates use ecdsa-with-SHA256/384/512 by issuer curve; ML-DSA certificates
// use id-ml-dsa-44/65/87 (RFC 9881). parseCert never throws: bad DER is null.
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import {
  AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, BasicConstraints, Certificate, Extension, Extensions, KeyUsage, KeyUsageFlags, Name,
  RelativeDistinguishedName, SubjectPublicKeyInfo, TBSCertificate, Validity, Version, id_ce_basicConstraints, id_ce_keyUsage,
} from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import type { HashName } from './index.ts';
import { isEcdsa, isValidSigPublicKey, sign, verify, type SigAlg, type SigKeyPair } from './sig.ts';

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const CURVE_OID: Record<string, string> = { 'ecdsa-p256': '1.2.840.10045.3.1.7', 'ecdsa-p384': '1.3.132.0.34', 'ecdsa-p521': '1.3.132.0.35' };
const MLDSA_OID: Record<string, string> = { 'ml-dsa-44': '2.16.840.1.101.3.4.3.17', 'ml-dsa-65': '2.16.840.1.101.3.4.3.18', 'ml-dsa-87': '2.16.840.1.101.3.4.3.19' };
/** Certificate signature algorithms and the digest each implies. */
const SIG_OID: Record<string, { alg: 'ecdsa' | SigAlg; digest: HashName }> = {
  '1.2.840.10045.4.3.2': { alg: 'ecdsa', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { alg: 'ecdsa', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { alg: 'ecdsa', digest: 'sha512' },
  ...Object.fromEntries(Object.entries(MLDSA_OID).map(([a, o]) => [o, { alg: a as SigAlg, digest: 'sha256' as HashName }])),
};
const CERT_DIGEST: Record<string, HashName> = { 'ecdsa-p256': 'sha256', 'ecdsa-p384': 'sha384', 'ecdsa-p521': 'sha512' };
const ATTR_SHORT: Record<string, string> = { '2.5.4.6': 'C', '2.5.4.8': 'ST', '2.5.4.7': 'L', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN' };
const CN = '2.5.4.3';

export interface CertSpec {
  subject: { CN: string; O?: string };
  issuer: { CN: string; O?: string };
  serial: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  subjectKey: { alg: SigAlg; pub: Uint8Array };
  issuerKey: SigKeyPair;
}

function name(n: { CN: string; O?: string }): Name {
  const rdn = (type: string, v: string) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: v }) })]);
  return new Name([...(n.O ? [rdn('2.5.4.10', n.O)] : []), rdn(CN, n.CN)]);
}

function sigAlgId(issuer: SigAlg): AlgorithmIdentifier {
  if (isEcdsa(issuer)) return new AlgorithmIdentifier({ algorithm: Object.keys(SIG_OID).find((o) => SIG_OID[o].digest === CERT_DIGEST[issuer])! });
  return new AlgorithmIdentifier({ algorithm: MLDSA_OID[issuer] });
}

function spki(alg: SigAlg, pub: Uint8Array): SubjectPublicKeyInfo {
  const algorithm = isEcdsa(alg)
    ? new AlgorithmIdentifier({ algorithm: EC_PUBLIC_KEY, parameters: AsnConvert.serialize(new ECParameters({ namedCurve: CURVE_OID[alg] })) })
    : new AlgorithmIdentifier({ algorithm: MLDSA_OID[alg] });
  return new SubjectPublicKeyInfo({ algorithm, subjectPublicKey: pub.slice().buffer });
}

const ext = (id: string, critical: boolean, value: unknown) => new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

export function makeCert(s: CertSpec): Uint8Array {
  const usage = s.ca ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign : KeyUsageFlags.digitalSignature;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: s.serial.slice().buffer,
    signature: sigAlgId(s.issuerKey.alg),
    issuer: name(s.issuer),
    validity: new Validity({ notBefore: s.notBefore, notAfter: s.notAfter }),
    subject: name(s.subject),
    subjectPublicKeyInfo: spki(s.subjectKey.alg, s.subjectKey.pub),
    extensions: new Extensions([ext(id_ce_basicConstraints, true, new BasicConstraints({ cA: s.ca })), ext(id_ce_keyUsage, true, new KeyUsage(usage))]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = sign(s.issuerKey, CERT_DIGEST[s.issuerKey.alg] ?? 'sha256', tbsDer);
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: sigAlgId(s.issuerKey.alg), signatureValue: signature.slice().buffer });
  return new Uint8Array(AsnConvert.serialize(cert));
}

export interface ParsedCert {
  tbs: Uint8Array;
  /** Signature algorithm of the issuer, with the digest for ECDSA. */
  sigAlg: { alg: 'ecdsa' | SigAlg; digest: HashName };
  signature: Uint8Array;
  subject: Uint8Array;
  issuer: Uint8Array;
  /** X509_NAME_oneline form, e.g. "/O=o7s/CN=name". */
  subjectLine: string;
  key: { alg: SigAlg; pub: Uint8Array };
  notBefore: number;
  notAfter: number;
  ca: boolean;
}

/** Null for anything that is not a well-formed certificate with a known key and signature algorithm. */
export function parseCert(der: Uint8Array): ParsedCert | null {
  try {
    const c = AsnConvert.parse(der, Certificate);
    if (!c.tbsCertificateRaw) return null;
    const again = new Uint8Array(AsnConvert.serialize(c));
    if (again.length !== der.length || again.some((b, i) => b !== der[i])) return null;
    const t = c.tbsCertificate;
    const sigAlg = SIG_OID[c.signatureAlgorithm.algorithm];
    if (!sigAlg || t.signature.algorithm !== c.signatureAlgorithm.algorithm) return null;
    const key = keyOf(t.subjectPublicKeyInfo);
    if (!key) return null;
    const bc = t.extensions?.find((e) => e.extnID === id_ce_basicConstraints);
    const ca = bc ? AsnConvert.parse(bc.extnValue, BasicConstraints).cA : false;
    return {
      tbs: new Uint8Array(c.tbsCertificateRaw),
      sigAlg,
      signature: new Uint8Array(c.signatureValue),
      subject: new Uint8Array(AsnConvert.serialize(t.subject)),
      issuer: new Uint8Array(AsnConvert.serialize(t.issuer)),
      subjectLine: oneline(t.subject),
      key,
      notBefore: t.validity.notBefore.getTime().getTime(),
      notAfter: t.validity.notAfter.getTime().getTime(),
      ca,
    };
  } catch {
    return null;
  }
}

function keyOf(s: SubjectPublicKeyInfo): { alg: SigAlg; pub: Uint8Array } | null {
  const pub = new Uint8Array(s.subjectPublicKey);
  let alg: SigAlg | undefined;
  if (s.algorithm.algorithm === EC_PUBLIC_KEY && s.algorithm.parameters) {
    const curve = AsnConvert.parse(s.algorithm.parameters, ECParameters).namedCurve;
    alg = Object.keys(CURVE_OID).find((a) => CURVE_OID[a] === curve) as SigAlg | undefined;
  } else alg = Object.keys(MLDSA_OID).find((a) => MLDSA_OID[a] === s.algorithm.algorithm) as SigAlg | undefined;
  return alg && isValidSigPublicKey(alg, pub) ? { alg, pub } : null;
}

function oneline(n: Name): string {
  let out = '';
  for (const rdn of n) for (const atv of rdn) out += `/${ATTR_SHORT[atv.type] ?? atv.type}=${atv.value.toString()}`;
  return out;
}

/** Does `issuerKey` verify the certificate's signature (right algorithm family included)? */
export function certSignedBy(c: ParsedCert, issuerKey: { alg: SigAlg; pub: Uint8Array }): boolean {
  const family = isEcdsa(issuerKey.alg) ? 'ecdsa' : issuerKey.alg;
  if (family !== c.sigAlg.alg) return false;
  return verify(issuerKey.alg, issuerKey.pub, c.sigAlg.digest, c.tbs, c.signature);
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
