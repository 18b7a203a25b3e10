// OAP exchange transcripts (request, response, key on both ends) per algorithm
// combination, and Ouroboros's own OAP tests (src/irmd/oap/tests) as scenarios.
import { KEX_ALGS, isKem, type KexAlg } from '../crypto/kex.ts';
import type { SigAlg } from '../crypto/sig.ts';
import { DIGESTS, OFFSET } from '../model/oap/index.ts';
import { toHex } from '../util/bytes.ts';
import { ScenarioRecorder } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import { cfg, createPair, exchange, flip, profileRecord, setU16, type Pair } from './oap-common.ts';
import type { SuiteDef } from './types.ts';

/** Which signature algorithm signs the server in each KEX transcript: every one appears, ML-DSA-87 once (its certificates are large). */
const SIGNER: Record<KexAlg, SigAlg> = {
  prime256v1: 'ecdsa-p256', secp384r1: 'ecdsa-p384', secp521r1: 'ecdsa-p521', X25519: 'ecdsa-p256', X448: 'ml-dsa-44',
  'ML-KEM-512': 'ml-dsa-44', 'ML-KEM-768': 'ml-dsa-65', 'ML-KEM-1024': 'ecdsa-p384', X25519MLKEM768: 'ml-dsa-44', X448MLKEM1024: 'ml-dsa-87',
};
const CIPHER_FOR: Record<KexAlg, string> = {
  prime256v1: 'aes-128-gcm', secp384r1: 'aes-192-gcm', secp521r1: 'aes-256-gcm', X25519: 'chacha20-poly1305', X448: 'aes-256-ctr',
  'ML-KEM-512': 'aes-128-ctr', 'ML-KEM-768': 'aes-256-gcm', 'ML-KEM-1024': 'aes-192-ctr', X25519MLKEM768: 'chacha20-poly1305', X448MLKEM1024: 'aes-256-gcm',
};

export const oapExchange: SuiteDef = {
  name: 'oap-exchange',
  mechanism: 'oap',
  kind: 'scenario',
  description: 'OAP transcripts for every key exchange, KEM mode and digest, and Ouroboros\'s own OAP tests (tampering, negotiation, downgrade, names)',
  build(rng) {
    const rec = new ScenarioRecorder();
    const run = (p: Pair, opts: Parameters<typeof exchange>[2] = { clientKex: null, serverKex: null }) => (s: Parameters<typeof createPair>[0]) => {
      createPair(s, rng, p);
      exchange(s, rng, opts);
    };
    const kexOf = (p: Pair) => (p.client.config?.kex ?? null) as KexAlg | null;
    const both = (p: Pair, extra: Partial<Parameters<typeof exchange>[2]> = {}) => run(p, { clientKex: kexOf(p), serverKex: kexOf(p), ...extra });

    const kex = rec.group('OapKexTranscript');
    for (const k of KEX_ALGS) {
      const kdf = DIGESTS[rng.int(DIGESTS.length)].name;
      for (const mode of isKem(k) ? (['server', 'client'] as const) : (['server'] as const)) {
        const c = cfg(k, { cipher: CIPHER_FOR[k], kdf, kemMode: mode });
        kex({ comment: `${k}, ${mode} encapsulates, ${CIPHER_FOR[k]}, HKDF-${kdf}, server signs with ${SIGNER[k]}`, flags: ['Transcript'], reqs: ['OAP-KEX-001', 'OAP-KEX-002', 'OAP-KEX-003', 'OAP-KEX-004', isKem(k) ? 'OAP-KEX-005' : 'OAP-KEX-006', 'OAP-SRV-016', 'OAP-SRV-017', 'OAP-HDR-010', 'OAP-SIG-004'] },
          both({ server: { config: c, sign: SIGNER[k], kemKey: mode === 'client' }, client: { config: c, trust: SIGNER[k] } }, mode === 'client' ? { serverKex: null } : {}));
      }
    }
    kex({ comment: 'both ends sign (ECDSA P-384): mutual authentication', flags: ['Transcript'], reqs: ['OAP-SRV-006', 'OAP-SRV-007', 'OAP-CLI-007'] },
      both({ server: { config: cfg('X25519'), sign: 'ecdsa-p384' }, client: { config: cfg('X25519'), sign: 'ecdsa-p384' } }));
    kex({ comment: 'both ends sign (ML-DSA-65), ML-KEM-768 with client encapsulation', flags: ['Transcript'], reqs: ['OAP-SIG-002', 'OAP-KEX-005'] },
      both({ server: { config: cfg('ML-KEM-768', { kemMode: 'client' }), sign: 'ml-dsa-65', kemKey: true }, client: { config: cfg('ML-KEM-768', { kemMode: 'client' }), sign: 'ml-dsa-65' } }, { serverKex: null }));

    const md = rec.group('OapDigest');
    for (const d of [null, ...DIGESTS.map((x) => x.name)]) {
      const c = cfg('X25519', { digest: d });
      md({ comment: `server signs (ECDSA P-256) with digest ${d ?? 'none (md_nid 0: SHA-256 signature, SHA-384 req_hash)'}`, reqs: ['OAP-SIG-001', 'OAP-SIG-003', 'OAP-HDR-009', 'OAP-CLI-002'] },
        both({ server: { config: c, sign: 'ecdsa-p256' }, client: { config: c } }));
    }
    md({ comment: 'ML-DSA-44 signer with digest sha3-512: the digest is ignored by the signature, used for req_hash', reqs: ['OAP-SIG-002', 'OAP-HDR-009'] },
      both({ server: { config: cfg('X25519', { digest: 'sha3-512' }), sign: 'ml-dsa-44' }, client: { config: cfg('X25519', { digest: 'sha3-512' }), trust: 'ml-dsa-44' } }));

    const mode = rec.group('OapModes');
    mode({ comment: 'authentication only: neither side configures key exchange (test_oap_roundtrip_auth_only)', reqs: ['OAP-SRV-010', 'OAP-CLI-008', 'OAP-SIG-001'] }, run({ server: { config: null, sign: 'ecdsa-p256' }, client: { config: null } }));
    mode({ comment: 'key exchange only, nobody signs (test_oap_roundtrip_kex_only)', reqs: ['OAP-SRV-008', 'OAP-KEX-006'] }, both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }));
    mode({ comment: 'piggybacked data both ways (test_oap_piggyback_data)', reqs: ['OAP-SRV-016'] },
      both({ server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519') } }, { data: [toHex(Buffer.from('client_data')), toHex(Buffer.from('server_data'))] }));
    mode({ comment: 'client encrypts, server has no encryption configured: client settings used (test_oap_cli_enc_srv_none)', reqs: ['OAP-SRV-015'] },
      both({ server: { config: null, sign: 'ecdsa-p256' }, client: { config: cfg('X25519') } }));
    for (const k of ['ML-KEM-512', 'X448MLKEM1024'] as const)
      mode({ comment: `server without KEX, client ${k} with server encapsulation (test_oap_kem_srv_uncfg)`, reqs: ['OAP-SRV-015', 'OAP-KEX-005'] },
        both({ server: { config: null, sign: 'ml-dsa-44' }, client: { config: cfg(k), trust: 'ml-dsa-44' } }));
    mode({ comment: 'cipher and KDF mismatch: the stronger of each is chosen (test_oap_cipher_mismatch: aes-256-gcm, sha512)', reqs: ['OAP-SRV-011', 'OAP-CLI-005'] },
      both({ server: { config: cfg('X25519', { cipher: 'aes-128-gcm' }), sign: 'ecdsa-p256' }, client: { config: cfg('X25519', { kdf: 'sha512' }) } }));
    mode({ comment: 'server stronger than client: client adopts the server\'s cipher and KDF', reqs: ['OAP-SRV-011', 'OAP-CLI-005'] },
      both({ server: { config: cfg('X25519', { cipher: 'chacha20-poly1305', kdf: 'sha3-512' }) }, client: { config: cfg('X25519', { cipher: 'aes-128-ctr', kdf: 'blake2s256' }) } }));
    mode({ comment: 'no KDF on either side: HKDF-SHA-256 fallback', reqs: ['OAP-KEX-007'] }, both({ server: { config: cfg('X25519', { kdf: null }) }, client: { config: cfg('X25519', { kdf: null }) } }));
    mode({ comment: 'server weaker KEX configured than the client\'s: the client\'s algorithm is used', reqs: ['OAP-SRV-013', 'OAP-SRV-014'] }, both({ server: { config: cfg('prime256v1') }, client: { config: cfg('X448') } }));

    const neg = rec.group('OapRejected');
    const signedReq: Pair = { server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519'), sign: 'ecdsa-p256' } };
    const plain: Pair = { server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519') } };
    neg({ comment: 'corrupted request: bytes 50..52 flipped in the client certificate (corrupted_request)', flags: ['Tampered'], reqs: ['OAP-SRV-006', 'OAP-SIG-005'], result: 'invalid' },
      both(signedReq, { tamperRequest: (h) => flip(flip(flip(h, 50, 0xff), 51, 0xaa), 52, 0x55) }));
    neg({ comment: 'corrupted request: one byte of the kex data flipped under the client signature', flags: ['Tampered'], reqs: ['OAP-SRV-007'], result: 'invalid' },
      both(signedReq, { tamperRequest: (h) => flip(h, h.length / 2 - 80, 0x01) }));
    neg({ comment: 'corrupted response: bytes 50..52 flipped (corrupted_response)', flags: ['Tampered'], reqs: ['OAP-CLI-007'], result: 'invalid' },
      both(plain, { tamperResponse: (h) => flip(flip(flip(h, 50, 0xff), 51, 0xaa), 52, 0x55) }));
    neg({ comment: 'truncated request: half the bytes (truncated_request)', flags: ['Malformed'], reqs: ['OAP-HDR-007'], result: 'invalid' }, both(plain, { tamperRequest: (h) => h.slice(0, Math.floor(h.length / 4) * 2) }));
    neg({ comment: 'inflated crt_len 60000 (test_oap_inflated_length_field)', flags: ['Malformed'], reqs: ['OAP-HDR-007'], result: 'invalid' }, both(signedReq, { tamperRequest: (h) => setU16(h, OFFSET.crtLen, 60000) }));
    neg({ comment: 'deflated crt_len 1: the rest misparses and the certificate does not load (test_oap_deflated_length_field)', flags: ['Malformed'], reqs: ['OAP-SIG-005'], result: 'invalid' },
      both(signedReq, { tamperRequest: (h) => setU16(h, OFFSET.crtLen, 1) }));
    neg({ comment: 'cipher NID set, kex_len 0, truncated to the fixed header (test_oap_nid_without_kex)', flags: ['Malformed'], reqs: ['OAP-SRV-009'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { tamperRequest: (h) => setU16(h, OFFSET.kexLen, 0).slice(0, 72) }));
    neg({ comment: 'unsupported cipher NID 9999 (test_oap_unsupported_nid)', flags: ['Malformed'], reqs: ['OAP-HDR-003'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { tamperRequest: (h) => setU16(h, OFFSET.cipher, 9999) }));
    neg({ comment: 'server requires encryption, client offers none (test_oap_srv_enc_cli_none)', reqs: ['OAP-SRV-009'], result: 'invalid' }, run({ server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: null } }));
    neg({ comment: 'server configured secp521r1 rejects the client\'s X25519 (test_oap_srv_rejects_weak_kex, ECDH in place of ffdhe2048)', reqs: ['OAP-SRV-013'], result: 'invalid' },
      both({ server: { config: cfg('secp521r1'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519') } }));
    neg({ comment: 'server configured X448MLKEM1024 rejects ML-KEM-1024', reqs: ['OAP-SRV-013'], result: 'invalid' }, both({ server: { config: cfg('X448MLKEM1024') }, client: { config: cfg('ML-KEM-1024') } }));
    neg({ comment: 'signed response with its cipher NID downgraded to aes-128-ctr: the signature fails (test_oap_cli_rejects_downgrade)', flags: ['Tampered'], reqs: ['OAP-CLI-007', 'OAP-CLI-004'], result: 'invalid' },
      both(plain, { tamperResponse: (h) => setU16(h, OFFSET.cipher, 904) }));
    neg({ comment: 'anonymous response with its cipher NID downgraded to aes-128-ctr: rejected as a downgrade', flags: ['Tampered'], reqs: ['OAP-CLI-004'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { tamperResponse: (h) => setU16(h, OFFSET.cipher, 904) }));
    neg({ comment: 'anonymous response with its KDF downgraded to blake2s256: rejected', flags: ['Tampered'], reqs: ['OAP-CLI-005'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { tamperResponse: (h) => setU16(h, OFFSET.kdf, 1057) }));
    neg({ comment: 'anonymous response with no cipher: rejected', flags: ['Tampered'], reqs: ['OAP-CLI-006'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { tamperResponse: (h) => setU16(h, OFFSET.cipher, 0) }));
    neg({ comment: 'destination name differs from the server certificate CN (test_oap_server_name_mismatch)', reqs: ['OAP-CLI-003'], result: 'invalid' },
      both({ ...plain, client: { ...plain.client, name: 'wrong.server.name' } }));
    neg({ comment: 'anonymous client data changed in flight: the server accepts it, the client sees req_hash differ', flags: ['Tampered'], reqs: ['OAP-CLI-002'], result: 'invalid' },
      both({ server: { config: cfg('X25519') }, client: { config: cfg('X25519') } }, { data: ['00', '01'], tamperRequest: (h) => flip(h, h.length / 2 - 1, 0x01) }));
    neg({ comment: 'server certificate from an untrusted root', reqs: ['OAP-SIG-005', 'OAP-CLI-007'], result: 'invalid' }, both({ ...plain, server: { ...plain.server, cert: 'strangerServer' } }));
    neg({ comment: 'server certificate expired', reqs: ['OAP-SIG-005', 'OAP-SRV-006'], result: 'invalid' }, both({ ...plain, server: { ...plain.server, cert: 'expiredServer' } }));
    neg({ comment: 'client signs with ML-DSA-44, server trusts only the ECDSA PKI', reqs: ['OAP-SRV-006'], result: 'invalid' },
      both({ server: { config: cfg('X25519'), trust: 'ecdsa-p256' }, client: { config: cfg('X25519'), sign: 'ml-dsa-44' } }));
    neg({ comment: 'client encapsulates with HKDF-sha256 to a server that requires sha512: client KDF too weak', reqs: ['OAP-SRV-012'], result: 'invalid' },
      both({ server: { config: cfg('ML-KEM-768', { kdf: 'sha512', kemMode: 'client' }), kemKey: true }, client: { config: cfg('ML-KEM-768', { kemMode: 'client' }) } }, { serverKex: null }));
    neg({ comment: 'neither side names a cipher but the client sends kex data', reqs: ['OAP-SRV-011'], result: 'invalid' },
      both({ server: { config: cfg('X25519', { cipher: null }) }, client: { config: cfg('X25519', { cipher: null }) } }));
    neg({ comment: 'client encapsulates (R bit) toward a server without KEX configured', reqs: ['OAP-SRV-017'], result: 'invalid' },
      both({ server: { config: null, kemKey: true }, client: { config: cfg('ML-KEM-512', { kemMode: 'client' }) } }, { serverKex: null }));

    const seq = rec.group('OapClientSequence');
    seq({ comment: 'a response to an earlier request after a new one was prepared: id mismatch; a second complete has nothing pending', reqs: ['OAP-CLI-001', 'OAP-CLI-009'], result: 'invalid' }, (s) => {
      createPair(s, rng, plain);
      const first = exchange(s, rng, { clientKex: 'X25519', serverKex: 'X25519' });
      s.step('oap.client.request', { cli: '@C', id: toHex(rng.bytes(16)), now: '1790000001000000000', kexSecret: toHex(rng.bytes(32)) });
      s.step('oap.client.complete', { cli: '@C', response: String(first.server.response), now: '1790000001000000001' });
      s.step('oap.client.complete', { cli: '@C', response: String(first.server.response), now: '1790000001000000002' });
    });

    return scenarioFile(
      {
        suite: 'oap-exchange',
        mechanism: 'oap',
        seed: rng.seed,
        profile: profileRecord,
        header: [
          'Ouroboros OAP exchanges: "@S" is a server, "@C" a client; every ephemeral secret is an argument (kexSecret, encapsRandom).',
          'Signatures are deterministic (ECDSA RFC 6979 with the header digest, ML-DSA deterministic); the test PKI has a root and an intermediate CA, both trusted.',
        ],
        notes: {
          Transcript: { bugType: 'BASIC', description: 'A full exchange: request, response and the same key on both ends.' },
          Tampered: { bugType: 'AUTH', description: 'Bytes of a request or response were changed in flight.' },
          Malformed: { bugType: 'MALFORMED', description: 'A length or NID field was changed so the header misparses.' },
        },
      },
      rec.groups,
    );
  },
};
