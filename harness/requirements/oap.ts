// OAP-*: the Ouroboros flow allocation protocol (DESIGN.md section 3 "OAP"), checked
// against dstaesse/ouroboros at the Feb 2026 snapshot. Tests under src/irmd/oap/tests are
// mirrored as requirements and vectors.
import type { Requirement } from './types.ts';

const O = 'dstaesse/ouroboros:';
const HDR_H = `${O}src/irmd/oap/hdr.h`;
const HDR_C = `${O}src/irmd/oap/hdr.c`;
const SRV = `${O}src/irmd/oap/srv.c`;
const CLI = `${O}src/irmd/oap/cli.c`;
const AUTH = `${O}src/irmd/oap/auth.c`;
const CRYPT = `${O}src/lib/crypt.c`;
const OSSL = `${O}src/lib/crypt/openssl.c`;
const CRYPT_H = `${O}include/ouroboros/crypt.h`;
const T = `${O}src/irmd/oap/tests/oap_test.c`;
const TPQC = `${O}src/irmd/oap/tests/oap_test_pqc.c`;
const TCOMMON = `${O}src/irmd/oap/tests/common.c`;
const S000 = 'shared/seeds/000_cda5637b450a16c5.txt';

const r = (id: string, level: Requirement['level'], title: string, sources: Requirement['sources'], decision?: string): Requirement => ({
  id, mechanism: 'oap', level, title, sources, ...(decision ? { decision } : {}),
});
const q = (ref: string, quote: string) => ({ ref, quote });

export const OAP_REQUIREMENTS: Requirement[] = [
  r('OAP-HDR-001', 'MUST', 'Big-endian header: id 16 | timestamp u64 ns | cipher_nid | kdf_nid | md_nid | crt_len | F R kex_len(14) | data_len, then crt | kex | data | req_hash | signature', [
    q(HDR_H, '#define OAP_HDR_MIN_SIZE (OAP_ID_SIZE + sizeof(uint64_t) + 6 * sizeof(uint16_t))'),
    q(HDR_H, 'F (bit 15): Format - 0 = X.509 DER, 1 = Raw/Hybrid; R (bit 14): Role - 0 = Server encaps, 1 = Client encaps; Bits 0-13: Length'),
  ]),
  r('OAP-HDR-002', 'MUST', 'A header shorter than 36 bytes is rejected', [q(HDR_C, 'if (hdr.len < OAP_HDR_MIN_SIZE) goto fail_decode;')]),
  r('OAP-HDR-003', 'MUST', 'A non-zero cipher NID must be a known cipher (895 898 901 904 905 906 1018); 0 is allowed', [
    q(HDR_C, 'NID_undef is valid at parse time, else must be known'), q(T, 'test_oap_unsupported_nid: Server should reject unsupported cipher NID'),
  ]),
  r('OAP-HDR-004', 'MUST', 'A non-zero KDF NID must be a known digest (672 673 674 1096 1097 1098 1056 1057)', [q(HDR_C, 'md_validate_nid(oap_hdr->kdf_nid) < 0')]),
  r('OAP-HDR-005', 'MUST', 'A non-zero md NID must be a known digest', [q(HDR_C, 'md_validate_nid(oap_hdr->md_nid) < 0')]),
  r('OAP-HDR-006', 'MUST', 'Decode rules apply in order: size, cipher NID, KDF NID, md NID, lengths, unsigned-exact; the first failing rule is the verdict', [q(HDR_C, 'oap_hdr_decode checks in this order')],
    'Each rule has its own reason code (TOO_SHORT, UNKNOWN_CIPHER_NID, UNKNOWN_KDF_NID, UNKNOWN_MD_NID, LENGTHS_EXCEED_PACKET, UNSIGNED_TRAILING_BYTES); upstream returns -1 for all.'),
  r('OAP-HDR-007', 'MUST', 'A header whose crt, kex, data (and req_hash) lengths exceed the packet is rejected (inflated length, truncated packet)', [
    q(HDR_C, 'if (hdr.len < (size_t) offset + crt_len + oap_hdr->kex.len + data_len + hash_len) goto fail_decode;'),
    q(T, 'test_oap_inflated_length_field'), q(TCOMMON, 'truncated_request'),
  ]),
  r('OAP-HDR-008', 'MUST', 'The signature is whatever follows; an unsigned header (crt_len 0) must end exactly after its fields', [q(HDR_C, 'Unsigned packets must not have trailing bytes: if (crt_len == 0 && sig_len != 0)')]),
  r('OAP-HDR-009', 'MUST', 'A response carries req_hash of md_len(request md_nid, SHA-384 when 0) bytes; a request none', [
    q(HDR_H, 'Response: sig_len = total - 36 - crt_len - kex_len - data_len - hash_len where hash_len = md_len(req_md_nid / sha384)'),
  ]),
  r('OAP-HDR-010', 'MUST', 'The encoder sets F only for hybrid KEM data and R only for client-encapsulated KEM data; no flags without kex data', [
    q(HDR_C, 'if (hdr->kex.len > 0 && IS_KEM_ALGORITHM(kcfg->x.str)) { if (IS_HYBRID_KEM(...)) kex_len |= OAP_KEX_FMT_BIT; if (kcfg->x.mode == KEM_MODE_CLIENT_ENCAP) kex_len |= OAP_KEX_ROLE_BIT; }'),
  ]),
  r('OAP-HDR-011', 'MUST', 'The signature covers every byte before it (fixed part, crt, kex, data, req_hash)', [q(HDR_C, 'Sign the entire header (fixed + variable, excluding signature)')]),

  r('OAP-SRV-001', 'MUST', 'A request more than 100 ms into the future is rejected; the delta is whole milliseconds, truncated toward zero', [
    q(AUTH, '#define TIMESYNC_SLACK 100 /* ms */ ... delta = (ssize_t)(cur - stamp) / MILLION; if (delta < -TIMESYNC_SLACK)'), q(T, 'test_oap_future_packet'),
  ]),
  r('OAP-SRV-002', 'MUST', 'A request older than OAP_REPLAY_TIMER (20 s) is rejected', [q(AUTH, 'if (delta > OAP_REPLAY_TIMER * 1000)'), q(T, 'test_oap_outdated_packet')]),
  r('OAP-SRV-003', 'MUST', 'A second request with the same (id, timestamp) is rejected as a replay', [q(AUTH, 'if (e->timestamp == stamp && ID_IS_EQUAL(e->id, id)) ... OAP header already known.'), q(T, 'test_oap_replay_packet')]),
  r('OAP-SRV-004', 'MUST', '(id, timestamp) is remembered before the client is authenticated: a request that fails authentication still burns its (id, timestamp)', [
    q(SRV, 'oap_check_hdr(&peer_hdr) ... then oap_auth_peer(cli_name, &local_hdr, &peer_hdr)'),
  ]),
  r('OAP-SRV-005', 'observed', 'Remembered entries are purged once now > timestamp + 20 s, while the window accepts up to 20.000999999 s: a replay in that last millisecond is accepted', [
    q(AUTH, 'if (cur > e->timestamp + OAP_REPLAY_TIMER * BILLION) { list_del(&e->next); ... }'),
  ], 'Modelled as upstream behaves; a stricter implementation that rejects it differs only in this sub-millisecond band.'),
  r('OAP-SRV-006', 'MUST', 'A signed request\'s certificate must chain to the trusted store (root and intermediate CA), every certificate within its validity at the server\'s clock', [
    q(AUTH, 'if (auth_verify_crt(oap_auth.ca_ctx, crt) < 0) ... Failed to verify peer with CA store.'), q(TCOMMON, 'oap_auth_add_ca_crt(ctx->root_ca); oap_auth_add_ca_crt(ctx->im_ca)'),
  ], 'Chain building follows X509_verify_cert without partial chains: issuers from the store up to a self-signed root; an issuer must be a CA; time is the virtual clock.'),
  r('OAP-SRV-007', 'MUST', 'The signature over the signed region must verify under the certificate\'s key with the header\'s md_nid (corrupted request)', [
    q(AUTH, 'sign.len -= peer_hdr->sig.len; if (auth_verify_sig(pk, peer_hdr->md_nid, sign, peer_hdr->sig) < 0)'), q(TCOMMON, 'corrupted_request: Server should reject corrupted request.'),
  ]),
  r('OAP-SRV-008', 'MUST', 'An unsigned request is accepted as from an anonymous peer', [q(AUTH, 'if (peer_hdr->crt.len == 0) { log_dbg_id(id, "No crt provided."); name[0] = \'\\0\'; return 0; }')]),
  r('OAP-SRV-009', 'MUST', 'A server configured for key exchange rejects a request without kex data (cipher set without kex, client offers none)', [
    q(SRV, 'if (peer_hdr->kex.len == 0) { if (IS_KEX_ALGO_SET(kcfg)) { log_warn_id(id, "KEX requested without info."); return -ECRYPT; }'),
    q(T, 'test_oap_nid_without_kex; test_oap_srv_enc_cli_none'),
  ]),
  r('OAP-SRV-010', 'MUST', 'Without key exchange on both sides the allocation succeeds unencrypted (authentication only)', [q(TCOMMON, 'roundtrip_auth_only: Cipher should not be set for auth-only.')]),
  r('OAP-SRV-011', 'MUST', 'The server picks the stronger cipher of client and server by rank; with neither it rejects', [
    q(SRV, 'Cipher: select the strongest of client and server ... Encryption requested, no cipher.'), q(T, 'test_oap_cipher_mismatch'), q(CRYPT, 'crypt_supported_nids: Ordered in strength preference, lowest first'),
  ]),
  r('OAP-SRV-012', 'MUST', 'The server picks the stronger KDF; when the client encapsulates it must use the client\'s KDF and rejects one weaker than its own', [
    q(SRV, 'For client-encap KEM, the KDF is baked into the ciphertext. The server must use the client\'s KDF and can only verify the minimum.'),
  ]),
  r('OAP-SRV-013', 'MUST', 'The server rejects a client key exchange ranked below its own configured one (DHE and server-encapsulation)', [
    q(SRV, 'Reject if client KEX is weaker than server\'s'), q(T, 'test_oap_srv_rejects_weak_kex'),
  ], 'Upstream\'s test uses ffdhe2048 against secp521r1; FFDHE is not modelled, so the vectors use weaker ECDH groups.'),
  r('OAP-SRV-014', 'MUST', 'The algorithm of the client\'s key is read from it: DER SubjectPublicKeyInfo, or raw (F bit) by length', [
    q(SRV, 'get_algo_from_peer_key'), q(OSSL, '__openssl_hybrid_algo_from_len: X25519MLKEM768_PKSZ, X25519MLKEM768_CTSZ, X448MLKEM1024_PKSZ'),
  ], 'A key of a type OAP does not support, or that does not parse, is KEX_UNPARSABLE (upstream would dereference a NULL algorithm name when no KEX is configured).'),
  r('OAP-SRV-015', 'MUST', 'A server without key exchange configured follows the client\'s key exchange, cipher and KDF', [q(T, 'test_oap_cli_enc_srv_none: Client encryption, server none: use client settings'), q(TPQC, 'test_oap_kem_srv_uncfg')]),
  r('OAP-SRV-016', 'MUST', 'The response echoes the id, carries the server\'s time, the negotiated cipher and KDF, the server\'s digest, req_hash = H(request) and the server\'s signature; the client\'s data is delivered', [
    q(SRV, 'oap_hdr_init(&local_hdr, peer_hdr.id, ...); local_hdr.nid = sk->nid; req_md_nid = peer_hdr.md_nid != NID_undef ? peer_hdr.md_nid : NID_sha384;'), q(T, 'test_oap_piggyback_data'),
  ]),
  r('OAP-SRV-017', 'MUST', 'With the R bit set the server uses its configured algorithm and long-term KEM key to decapsulate, and answers without kex data', [
    q(SRV, 'if (kcfg->x.mode == KEM_MODE_CLIENT_ENCAP) { ret = do_server_kem_decap(info, peer_hdr, kcfg, sk); kex->len = 0; }'),
  ], 'The R bit toward a server without a configured KEX is KEX_NOT_CONFIGURED (upstream dereferences a NULL name).'),

  r('OAP-CLI-001', 'MUST', 'The response id must equal the request id', [q(CLI, 'if (memcmp(peer_hdr.id.data, id, OAP_ID_SIZE) != 0) ... OAP response ID mismatch.')]),
  r('OAP-CLI-002', 'MUST', 'The response req_hash must equal H(request) with the request\'s digest (SHA-384 when 0)', [
    q(CLI, 's->req_md_nid = s->kcfg.d.nid != NID_undef ? s->kcfg.d.nid : NID_sha384; ... Response req_hash mismatch.'),
  ]),
  r('OAP-CLI-003', 'MUST', 'When the server signs, its certificate CN must equal the destination name', [
    q(CLI, 'if (peer_hdr.crt.len > 0 && strcmp(peer, info->name) != 0)'), q(T, 'test_oap_server_name_mismatch'), q(OSSL, 'openssl_get_crt_name: strstr(subj, "CN=") ... strpbrk(cn, ",/")'),
  ]),
  r('OAP-CLI-004', 'MUST', 'The client rejects a response cipher ranked below its own (downgrade)', [q(CLI, 'Server cipher %s too weak.'), q(T, 'test_oap_cli_rejects_downgrade')]),
  r('OAP-CLI-005', 'MUST', 'The client rejects a response KDF ranked below its own, and otherwise adopts it, except when it encapsulated (its KDF is fixed)', [q(CLI, 'Accept server\'s KDF for non-client-encap modes ... Server KDF too weak.')]),
  r('OAP-CLI-006', 'MUST', 'A client that wants encryption rejects a response without a cipher or without kex data', [q(CLI, 'Server did not provide cipher. ... Server did not send DHE public key. ... Server did not send KEM CT.')]),
  r('OAP-CLI-007', 'MUST', 'The client authenticates a signed response like the server does (corrupted response)', [q(CLI, 'oap_auth_peer(peer, &s->local_hdr, &peer_hdr)'), q(TCOMMON, 'corrupted_response')]),
  r('OAP-CLI-008', 'MUST', 'A client without key exchange completes without a key', [q(CLI, 'if (!IS_KEX_ALGO_SET(kcfg)) return 0;')]),
  r('OAP-CLI-009', 'MUST', 'Completing consumes the pending request, successful or not', [q(CLI, 'fail_oap: oap_ctx_free(s); return -ECRYPT;')]),

  r('OAP-KEX-001', 'MUST', 'DHE key = HKDF(kdf, ECDH secret, salt = SHA-256(both public keys as sent, smaller first by memcmp, shorter first on a tie), info "o7s-ossl-dhe"), 32 bytes', [
    q(OSSL, 'derive_salt_from_pk_bytes_dhe: Canonical order: compare and concatenate smaller first'), q(OSSL, '#define HKDF_INFO_DHE "o7s-ossl-dhe"'),
  ]),
  r('OAP-KEX-002', 'MUST', 'KEM key = HKDF(kdf, KEM secret, salt = SHA-256(encapsulation key as sent), info "o7s-ossl-encap"), 32 bytes', [
    q(OSSL, 'openssl_kem_encap: derive_salt_from_pk_bytes(pk, salt, HKDF_SALT_LEN)'), q(OSSL, '#define HKDF_INFO_ENCAP "o7s-ossl-encap"'),
  ]),
  r('OAP-KEX-003', 'MUST', 'ECDH (P-256/384/521, X25519, X448) and ML-KEM keys travel as DER SubjectPublicKeyInfo; hybrid keys raw with the F bit', [
    q(OSSL, 'openssl_pkp_create: Raw encode hybrid KEM ... DER encode standard algorithms'), q(CRYPT_H, 'X25519MLKEM768_PKSZ 1216; X25519MLKEM768_CTSZ 1120; X448MLKEM1024_PKSZ 1624'),
  ]),
  r('OAP-KEX-004', 'MUST', 'Hybrids are OpenSSL\'s: ML-KEM part first in key and ciphertext, shared secret = ML-KEM ss || ECDH ss', [
    q('OpenSSL EVP_PKEY-MLX-KEM(7)', 'X25519MLKEM768: the shared secret is the concatenation of a 32 byte ML-KEM shared secret followed by a 32 byte X25519 shared secret; X448MLKEM1024 similar with 56 byte X448'),
  ]),
  r('OAP-KEX-005', 'MUST', 'Every KEM (ML-KEM-512/768/1024, X25519MLKEM768, X448MLKEM1024) gives both ends the same key with server and with client encapsulation', [q(TPQC, 'test_oap_roundtrip_kem(kex_supported_nids[i], SRV_ENCAP); ... CLI_ENCAP')]),
  r('OAP-KEX-006', 'MUST', 'Every ECDH group (P-256, P-384, P-521, X25519, X448) gives both ends the same key', [q(T, 'test_oap_roundtrip_all')], 'FFDHE groups are not modelled.'),
  r('OAP-KEX-007', 'MUST', 'A KDF NID of 0 derives with HKDF-SHA-256', [q(OSSL, 'hash_nid_to_digest_name: if (md == NULL) return "SHA256"; /* fallback to SHA-256 */')]),

  r('OAP-SIG-001', 'MUST', 'ECDSA signs with the header\'s md_nid; with md_nid 0 OpenSSL\'s default digest for EC keys (SHA-256)', [
    q(OSSL, 'select_md ... EVP_DigestSignInit(mdctx, NULL, md, NULL, pkp)'), q(TCOMMON, 'roundtrip_auth_only (server configured without a digest)'),
  ], 'md_nid 0 with an EC key uses SHA-256: EVP_DigestSignInit with a NULL digest takes the key type\'s default.'),
  r('OAP-SIG-002', 'MUST', 'ML-DSA-44/65/87 signs the signed region directly; md_nid is ignored', [q(OSSL, 'if (EVP_PKEY_get_id(pkey) < 0) return NULL; /* Provider-based (PQC) */')]),
  r('OAP-SIG-003', 'MUST', 'Every digest (sha256, sha384, sha512, sha3-256/384/512, blake2b512, blake2s256) and none signs and verifies end to end', [q(T, 'test_oap_roundtrip_md_all')]),
  r('OAP-SIG-004', 'MUST', 'Signatures in vectors are deterministic: ECDSA per RFC 6979 with the message digest, ML-DSA in FIPS 204\'s deterministic variant', [
    q('RFC 6979 section 3.2; FIPS 204 section 3.4', 'deterministic nonce generation / deterministic variant'),
  ], 'Harness decision so vectors fix every byte; upstream signs with fresh randomness, which any verifier accepts.'),
  r('OAP-SIG-005', 'MUST', 'A certificate from an untrusted root, an expired certificate, or one that does not parse is rejected before the signature is checked', [q(AUTH, 'crypt_load_crt_der ... auth_verify_crt ... auth_verify_sig')]),

  r('OAP-REKEY-001', 'MUST', 'The 32-byte key of an OAP exchange is the seed of the next epoch (keyrot root)', [q(S000, 'The IRMd re-runs the OAP exchange with the peer IRMd over the flow-update relay. A re-key delivers one root seed from the OAP exchange.')],
    'Vectors carry the exchanged key literally into epoch.rekey: the format has no data binding between steps, but every step\'s result is compared, so an IUT that derives another key fails at complete.'),
  r('OAP-REKEY-002', 'MUST', 'After a rekey over OAP both peers derive the same leaves: traffic under the new epoch is accepted by the other end, old-epoch traffic until the grace ends', [q(S000, 'TX holds the old epoch until the peer is observed on the new one (or a grace deadline elapses)')]),
];
