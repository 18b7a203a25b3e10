// OAP client (harness/model/oap/client.ts OapClient.complete) on any bytes as the server's
// response: decode as a response, id, certificate parse + chain + signature, request hash,
// name, cipher / KDF downgrade, DHE, KEM decapsulation. Input: byte 0 modulo the number of
// fixture clients picks the client, whose pending request is the fixture's seed request;
// the rest is the response, completed at ANCHOR + 6 ms.
import { hash } from '../../harness/crypto/index.ts';
import { NID_UNDEF, SHA384_NID, cipherByNid, cipherRank, decodeHeader, digestByNid, digestByName, digestRank, type CompleteReason } from '../../harness/model/oap/index.ts';
import { equal } from '../../harness/util/bytes.ts';
import { check, checkEqual, checkReason } from '../lib/check.ts';
import { CLIENT_NOW, fuzzClients, oapSeedResponses } from '../lib/oap-fixture.ts';

const REASONS = {
  NO_PENDING_REQUEST: 1, TOO_SHORT: 1, UNKNOWN_CIPHER_NID: 1, UNKNOWN_KDF_NID: 1, UNKNOWN_MD_NID: 1, LENGTHS_EXCEED_PACKET: 1, UNSIGNED_TRAILING_BYTES: 1,
  ID_MISMATCH: 1, CERT_UNPARSABLE: 1, CERT_UNTRUSTED: 1, CERT_ISSUER_NOT_CA: 1, CERT_EXPIRED: 1, BAD_SIGNATURE: 1, REQ_HASH_MISMATCH: 1, NAME_MISMATCH: 1,
  NO_CIPHER: 1, CIPHER_DOWNGRADE: 1, KDF_DOWNGRADE: 1, KEX_MISSING: 1, DECAP_FAILED: 1, DHE_FAILED: 1,
} satisfies Record<CompleteReason, 1>;

const clients = fuzzClients().map((c) => {
  const d = decodeHeader(c.request);
  if (!d.ok) throw new Error('oap-client: a seed request does not decode');
  const reqMd = d.hdr.mdNid !== NID_UNDEF ? d.hdr.mdNid : SHA384_NID;
  return { ...c, id: d.hdr.id, reqMd, reqHash: hash(digestByNid(reqMd)!.name, c.request) };
});
const seedResponses = oapSeedResponses();

export function fuzz(data: Uint8Array): void {
  if (data.length === 0) return;
  const i = data[0] % clients.length;
  const c = clients[i];
  const response = data.subarray(1);
  c.rearm();
  const r = c.client.complete(response, CLIENT_NOW);
  check(!c.client.state().pending, 'complete left the request pending');
  if (r.status === 'rejected') {
    checkReason(r.reason, REASONS, 'complete');
    check(r.reason !== 'NO_PENDING_REQUEST', 'NO_PENDING_REQUEST although a request was pending');
    return;
  }
  const d = decodeHeader(response, c.reqMd);
  check(d.ok, `completed with a response that does not decode as a response to md ${c.reqMd}`);
  const p = d.hdr;
  const cfg = c.client.endpoint.config;
  check(equal(p.id, c.id), 'completed with a response id != the request id');
  check(equal(p.reqHash, c.reqHash), 'completed with a reqHash != H(request)');
  check(r.authenticated === p.crt.length > 0, 'authenticated although unsigned, or the reverse');
  check(!r.authenticated || r.peer === c.client.endpoint.name, 'authenticated a server of another name');
  check(equal(r.data, p.data), 'piggybacked data != the response data');
  check((r.key === null) === (cfg.kex === null) && r.kex === cfg.kex, 'key / kex do not follow the client configuration');
  if (r.key) {
    check(r.key.length === 32, 'flow key is not 32 bytes');
    check(r.cipher === cipherByNid(p.cipherNid)?.name && cipherRank(p.cipherNid) >= cipherRank(cfg.cipherNid), 'cipher downgraded or misreported');
    check(r.kdf !== null && digestRank(digestByName(r.kdf)!.nid) >= digestRank(cfg.kdfNid), 'KDF downgraded');
  }
  for (const s of seedResponses) if (s.client === i && equal(s.response, response)) checkEqual(r.key, s.key, 'client key != server key on an unmutated exchange');
}
