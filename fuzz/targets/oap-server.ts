// OAP server (harness/model/oap/server.ts OapServer.process) on any bytes as a request:
// decode, freshness, X.509 parse + chain + signature, SPKI / raw KEM keys, encapsulation,
// decapsulation, DHE, the signed response. Input: byte 0's low bit picks the fixture's
// server (0: X25519, 1: ML-KEM-768 with a KEM key), the rest is the request. Every exec
// meets an empty replay cache at ANCHOR + 3 ms, with the server's ephemeral secrets for
// whatever exchange the request leads it to run.
import { hash } from '../../harness/crypto/index.ts';
import {
  NID_UNDEF, SHA384_NID, cipherByNid, cipherRank, decodeHeader, digestByNid, digestRank, kdfHash, kexRank,
  type AuthReason, type DecodeReason, type FreshnessReason, type KexReason, type ServerReject,
} from '../../harness/model/oap/index.ts';
import { equal } from '../../harness/util/bytes.ts';
import { check, checkEqual, checkReason } from '../lib/check.ts';
import { SERVER_NOW, freshServer, serverEphemeralBytes } from '../lib/oap-fixture.ts';

const REASONS = {
  decode: { TOO_SHORT: 1, UNKNOWN_CIPHER_NID: 1, UNKNOWN_KDF_NID: 1, UNKNOWN_MD_NID: 1, LENGTHS_EXCEED_PACKET: 1, UNSIGNED_TRAILING_BYTES: 1 } satisfies Record<DecodeReason, 1>,
  freshness: { FUTURE_TIMESTAMP: 1, OUTDATED_TIMESTAMP: 1, REPLAY: 1 } satisfies Record<FreshnessReason, 1>,
  auth: { CERT_UNPARSABLE: 1, CERT_UNTRUSTED: 1, CERT_ISSUER_NOT_CA: 1, CERT_EXPIRED: 1, BAD_SIGNATURE: 1 } satisfies Record<AuthReason, 1>,
  kex: {
    KEX_MISSING: 1, NO_CIPHER: 1, KDF_TOO_WEAK: 1, KEX_UNPARSABLE: 1, KEX_TOO_WEAK: 1, KEX_NOT_CONFIGURED: 1, KEM_KEY_MISSING: 1, DECAP_FAILED: 1, ENCAP_FAILED: 1, DHE_FAILED: 1,
  } satisfies Record<KexReason, 1>,
} satisfies Record<ServerReject['stage'], Record<string, 1>>;

export function fuzz(data: Uint8Array): void {
  if (data.length === 0) return;
  const i = (data[0] & 1) as 0 | 1;
  const request = data.subarray(1);
  const server = freshServer(i);
  const r = server.process(request, SERVER_NOW, serverEphemeralBytes(request, i));
  const remembered = server.state().replayCache;
  if (r.status === 'rejected') {
    check(Object.hasOwn(REASONS, r.stage), `undeclared stage ${r.stage}`);
    checkReason(r.reason, REASONS[r.stage], `stage ${r.stage}`);
    check(r.reason !== 'REPLAY', 'REPLAY from an empty replay cache');
    check(remembered === (r.stage === 'decode' || r.stage === 'freshness' ? 0 : 1), `replay cache holds ${remembered} after a ${r.stage} rejection`);
    return;
  }
  check(remembered === 1, `replay cache holds ${remembered} after an accepted request`);
  const req = decodeHeader(request);
  check(req.ok, 'accepted a request that does not decode');
  const q = req.hdr;
  const reqMd = q.mdNid !== NID_UNDEF ? q.mdNid : SHA384_NID;
  const d = decodeHeader(r.response, reqMd);
  check(d.ok, `response does not decode as a response to md ${reqMd}`);
  const p = d.hdr;
  const cfg = server.endpoint.config;
  check(equal(p.id, q.id), 'response id != request id');
  check(p.timestamp === SERVER_NOW, 'response timestamp != now');
  check(equal(p.reqHash, hash(digestByNid(reqMd)!.name, request)), 'response reqHash != H(request)');
  check(equal(p.crt, server.endpoint.credentials!.cert) && p.sig.length > 0, 'response not signed with the server certificate');
  check(p.mdNid === cfg.digestNid && p.data.length === 0, 'response md or data is not the server own');
  check(equal(r.data, q.data), 'piggybacked data != the request data');
  check(r.authenticated === q.crt.length > 0, 'authenticated although unsigned, or the reverse');
  // key null exactly when no key exchange ran: the request carried no key material.
  check((r.key === null) === (q.kex.length === 0), 'key null although a key exchange ran, or the reverse');
  checkEqual([r.kex === null, r.kdf === null], [r.key === null, r.key === null], 'kex / kdf reported without a key, or the reverse');
  check(r.key === null || r.key.length === 32, 'flow key is not 32 bytes');
  // The server's contribution travels in the response unless the client encapsulated.
  check((p.kex.length === 0) === (r.key === null || r.kemMode === 'client'), 'response kex field does not match the exchange');
  // Negotiation never ends below either side's offer, nor below the configured exchange.
  check(cipherRank(p.cipherNid) >= Math.max(cipherRank(q.cipherNid), cipherRank(cfg.cipherNid)), 'cipher downgraded');
  check(r.cipher === (cipherByNid(p.cipherNid)?.name ?? null), 'reported cipher != response cipher');
  if (r.key) {
    check(digestRank(p.kdfNid) >= Math.max(digestRank(q.kdfNid), digestRank(cfg.kdfNid)), 'KDF downgraded');
    check(r.kdf === kdfHash(p.kdfNid), 'reported KDF != response KDF');
    check(kexRank(r.kex) >= kexRank(cfg.kex), 'key exchange weaker than configured');
  }
}
