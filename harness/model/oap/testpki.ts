// A deterministic test PKI like Ouroboros's OAP tests use (root CA, intermediate CA, server
// and client certificates): same seed, same keys, same DER. Both CAs go in the trust
// store, as oap_test_setup adds root and intermediate.
import { Drbg } from '../../crypto/index.ts';
import { SIG_SEED_LEN, sigKeyPair, type SigAlg, type SigKeyPair } from '../../crypto/sig.ts';
import { makeCert } from '../../crypto/x509.ts';

export const SERVER_NAME = 'test-1.unittest.o7s';
export const CLIENT_NAME = 'client-1.unittest.o7s';
const ORG = 'o7s test PKI';
const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const NOT_AFTER = new Date('2045-01-01T00:00:00Z');

export interface Issued {
  cert: Uint8Array;
  key: SigKeyPair;
}

export interface TestPki {
  alg: SigAlg;
  root: Issued;
  intermediate: Issued;
  server: Issued;
  client: Issued;
  /** Issued by the intermediate, but expired on 2025-06-01. */
  expiredServer: Issued;
  /** A second, unrelated root and a server certificate it signed: not trusted by the first. */
  strangerServer: Issued;
}

export function makeTestPki(alg: SigAlg, seed: string, serverName = SERVER_NAME): TestPki {
  const rng = new Drbg(`oap test pki/${alg}/${seed}`);
  const key = () => sigKeyPair(alg, rng.bytes(SIG_SEED_LEN));
  const serial = () => {
    const s = rng.bytes(8);
    s[0] &= 0x7f;
    s[0] |= 0x01;
    return s;
  };
  const issue = (cn: string, issuer: { cn: string; key: SigKeyPair }, ca: boolean, k = key(), notAfter = NOT_AFTER): Issued => ({
    key: k,
    cert: makeCert({ subject: { CN: cn, O: ORG }, issuer: { CN: issuer.cn, O: ORG }, serial: serial(), notBefore: NOT_BEFORE, notAfter, ca, subjectKey: k, issuerKey: issuer.key }),
  });
  const rootKey = key();
  const root = issue('root.ca.o7s', { cn: 'root.ca.o7s', key: rootKey }, true, rootKey);
  const intermediate = issue('im.ca.o7s', { cn: 'root.ca.o7s', key: rootKey }, true);
  const im = { cn: 'im.ca.o7s', key: intermediate.key };
  const strangerKey = key();
  return {
    alg,
    root,
    intermediate,
    server: issue(serverName, im, false),
    client: issue(CLIENT_NAME, im, false),
    expiredServer: issue(serverName, im, false, key(), new Date('2025-06-01T00:00:00Z')),
    strangerServer: issue(serverName, { cn: 'root.ca.o7s', key: strangerKey }, false),
  };
}
