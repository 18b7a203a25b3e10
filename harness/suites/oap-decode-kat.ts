// OAP header known answers: valid requests and responses of every shape, and one invalid
// header per decode rule of Ouroboros hdr.c, in its order; encoder round trips.
import { isKem, kexKeyPair, kexSecretFromSeed, KEX_SEED_LEN, type KexAlg } from '../crypto/kex.ts';
import type { SigAlg } from '../crypto/sig.ts';
import {
  DEFAULT_CONFIG, NO_ENCRYPTION, O7S_OAP_2026, OFFSET, OapClient, OapServer, SERVER_NAME, TrustStore, decodeHeader, digestByName, type SecConfig,
} from '../model/oap/index.ts';
import { toHex } from '../util/bytes.ts';
import { KatRecorder } from '../vectors/record.ts';
import { katFile } from '../vectors/file.ts';
import type { Drbg } from '../crypto/index.ts';
import { T0, ephemeral, flip, pki, profileRecord, setU16 } from './oap-common.ts';
import type { SuiteDef } from './types.ts';
import { fromHex } from '../util/bytes.ts';

interface Sample {
  what: string;
  request: string;
  response: string;
  reqMdNid: number;
}

/** One model exchange, for its bytes. */
function sample(rng: Drbg, what: string, config: SecConfig, sign: { server?: SigAlg; client?: SigAlg }, data = ''): Sample {
  const trust = new TrustStore([pki('ecdsa-p256').root.cert, pki('ecdsa-p256').intermediate.cert, pki('ml-dsa-44').root.cert, pki('ml-dsa-44').intermediate.cert]);
  const kem = config.kex && isKem(config.kex) ? kexKeyPair(config.kex, kexSecretFromSeed(config.kex, rng.bytes(KEX_SEED_LEN))) : undefined;
  const srv = new OapServer({ name: SERVER_NAME, config, trust, credentials: sign.server && pki(sign.server).server }, O7S_OAP_2026, kem);
  const cli = new OapClient({ name: SERVER_NAME, config, trust, credentials: sign.client && pki(sign.client).client }, kem?.wire);
  const e = (k: KexAlg | null) => {
    const j = ephemeral(rng, k);
    return { kexSecret: j.kexSecret ? fromHex(String(j.kexSecret)) : undefined, encapsRandom: j.encapsRandom ? fromHex(String(j.encapsRandom)) : undefined };
  };
  const p = cli.prepare(rng.bytes(16), T0, e(config.kex), fromHex(data));
  if (p.status !== 'prepared') throw new Error(`sample ${what}: ${p.reason}`);
  const r = srv.process(p.request, T0, e(config.kemMode === 'client' ? null : config.kex));
  if (r.status !== 'accepted') throw new Error(`sample ${what}: ${r.reason}`);
  return { what, request: toHex(p.request), response: toHex(r.response), reqMdNid: config.digestNid || digestByName('sha384')!.nid };
}

export const oapDecodeKat: SuiteDef = {
  name: 'oap-decode-kat',
  mechanism: 'oap',
  kind: 'kat',
  description: 'OAP header decode: valid requests/responses (DER, raw+F, R bit, signed, unsigned, piggyback) and one invalid header per decode rule; encode round trips',
  build(rng) {
    const rec = new KatRecorder();
    const dec = rec.group('OapDecode', 'oap.decode');
    const c = (kex: KexAlg | null, over: Partial<SecConfig> = {}): SecConfig => (kex ? { ...DEFAULT_CONFIG, kex, ...over } : { ...NO_ENCRYPTION, ...over });
    const samples = [
      sample(rng, 'X25519, anonymous', c('X25519'), {}),
      sample(rng, 'P-256, both sign with ECDSA P-256', c('prime256v1'), { server: 'ecdsa-p256', client: 'ecdsa-p256' }),
      sample(rng, 'ML-KEM-768 server encapsulation, server signs with ML-DSA-44, digest none', c('ML-KEM-768', { digestNid: 0 }), { server: 'ml-dsa-44' }),
      sample(rng, 'X25519MLKEM768 (raw, F bit), client encapsulates (R bit)', c('X25519MLKEM768', { kemMode: 'client', digestNid: digestByName('sha3-512')!.nid }), {}),
      sample(rng, 'X448MLKEM1024 server encapsulation (F bit both ways)', c('X448MLKEM1024', { digestNid: digestByName('blake2s256')!.nid }), {}),
      sample(rng, 'no key exchange, piggybacked data, server signs', c(null), { server: 'ecdsa-p256' }, '68656c6c6f'),
    ];
    for (const s of samples) {
      dec({ packet: s.request }, { comment: `request: ${s.what}`, reqs: ['OAP-HDR-001', 'OAP-HDR-008', 'OAP-HDR-010'] });
      dec({ packet: s.response, reqMdNid: s.reqMdNid }, { comment: `response: ${s.what}`, reqs: ['OAP-HDR-001', 'OAP-HDR-009', 'OAP-HDR-010'] });
    }
    const minimal = toHex(new Uint8Array(36));
    dec({ packet: minimal }, { comment: 'fixed header only, all zero', flags: ['EdgeCase'], reqs: ['OAP-HDR-002', 'OAP-HDR-003'] });

    const [anon, signed] = samples;
    const bad: [string, number, string, string[], string][] = [
      [minimal.slice(0, 70), 0, 'TooShort', ['OAP-HDR-002'], '35 bytes'],
      ['', 0, 'TooShort', ['OAP-HDR-002'], 'empty'],
      [setU16(anon.request, OFFSET.cipher, 9999), 0, 'UnknownNid', ['OAP-HDR-003'], 'cipher NID 9999'],
      [setU16(anon.request, OFFSET.cipher, 1036), 0, 'UnknownNid', ['OAP-HDR-003'], 'cipher NID 1036 (NID_hkdf, not a cipher)'],
      [setU16(anon.request, OFFSET.kdf, 895), 0, 'UnknownNid', ['OAP-HDR-004'], 'KDF NID 895 (a cipher, not a digest)'],
      [setU16(anon.request, OFFSET.md, 1034), 0, 'UnknownNid', ['OAP-HDR-005'], 'md NID 1034 (X25519, not a digest)'],
      [setU16(setU16(anon.request, OFFSET.md, 1), OFFSET.cipher, 2), 0, 'RuleOrder', ['OAP-HDR-006'], 'cipher and md NIDs both unknown: the cipher rule fires first'],
      [setU16(setU16(anon.request, OFFSET.kdf, 1), OFFSET.dataLen, 999), 0, 'RuleOrder', ['OAP-HDR-006'], 'unknown KDF NID and inflated data_len: the NID rule fires first'],
      [setU16(signed.request, OFFSET.crtLen, 60000), 0, 'InflatedLength', ['OAP-HDR-007'], 'crt_len 60000'],
      [setU16(anon.request, OFFSET.kexLen, 0x3fff), 0, 'InflatedLength', ['OAP-HDR-007'], 'kex_len 16383'],
      [setU16(anon.request, OFFSET.dataLen, 1), 0, 'InflatedLength', ['OAP-HDR-007'], 'data_len 1 more than present'],
      [anon.request.slice(0, anon.request.length - 2), 0, 'Truncated', ['OAP-HDR-007'], 'last byte of the kex missing'],
      [anon.response, digestByName('sha512')!.nid, 'InflatedLength', ['OAP-HDR-007', 'OAP-HDR-009'], 'unsigned response decoded expecting a 64-byte req_hash where it has 32'],
      [anon.request + '00', 0, 'UnsignedTrailing', ['OAP-HDR-008'], 'unsigned request with one trailing byte'],
      [anon.response, 0, 'UnsignedTrailing', ['OAP-HDR-008', 'OAP-HDR-009'], 'unsigned response decoded as a request: its req_hash is trailing'],
    ];
    for (const [packet, reqMdNid, flag, reqs, comment] of bad)
      dec({ packet, ...(reqMdNid ? { reqMdNid } : {}) }, { comment, flags: [flag], reqs, result: 'invalid' });
    dec({ packet: setU16(signed.request, OFFSET.crtLen, 1) }, { comment: 'deflated crt_len 1 still decodes (everything after is the signature); the server rejects it at authentication', flags: ['DeflatedLength'], reqs: ['OAP-HDR-007'], result: 'acceptable' });
    dec({ packet: flip(anon.request, OFFSET.kexLen, 0xc0) }, { comment: 'F and R bits set on DER data decode; the server rejects it at key exchange', flags: ['EdgeCase'], reqs: ['OAP-HDR-001'], result: 'acceptable' });

    const enc = rec.group('OapEncode', 'oap.encode');
    for (const s of samples.slice(0, 4)) {
      const d = decodeHeader(fromHex(s.response), s.reqMdNid);
      if (!d.ok) throw new Error('sample does not decode');
      const { signed: _s, raw: _r, timestamp, ...h } = d.hdr;
      enc({ ...Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v instanceof Uint8Array ? toHex(v) : v])), timestamp: timestamp.toString() } as never, { comment: `re-encode the response: ${s.what}`, reqs: ['OAP-HDR-001', 'OAP-HDR-011'] });
    }

    return katFile(
      {
        suite: 'oap-decode-kat',
        mechanism: 'oap',
        seed: rng.seed,
        profile: profileRecord,
        header: ['Ouroboros OAP header decode (hdr.c oap_hdr_decode). reqMdNid: 0 decodes a request; a digest NID decodes a response to a request with that digest.'],
        notes: {
          EdgeCase: { bugType: 'EDGE_CASE', description: 'Legal but unusual header.' },
          TooShort: { bugType: 'MALFORMED', description: 'Shorter than the 36-byte fixed part.' },
          UnknownNid: { bugType: 'MALFORMED', description: 'A non-zero NID that is not a known cipher / digest.' },
          RuleOrder: { bugType: 'MALFORMED', description: 'Two rules fail: the earlier rule of hdr.c decides the reason.' },
          InflatedLength: { bugType: 'MALFORMED', description: 'Length fields claim more bytes than the packet has.' },
          Truncated: { bugType: 'MALFORMED', description: 'The packet ends early.' },
          UnsignedTrailing: { bugType: 'MALFORMED', description: 'crt_len 0 with bytes left over for a signature.' },
          DeflatedLength: { bugType: 'MALFORMED', description: 'A length field claims fewer bytes: the header misparses but decodes.' },
        },
      },
      rec.groups,
    );
  },
};
