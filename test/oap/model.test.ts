// The OAP model: codec rules and order, exchange outcomes, key formulas checked with
// pyca/cryptography, and robustness: no byte string makes decode, the server or the
// client throw.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Drbg } from '../../harness/crypto/index.ts';
import { KEX_ALGS, encapsRandomLen, isKem, kexKeyPair, kexSecretFromSeed, KEX_SEED_LEN, type HybridKem, type KexAlg, type MlKem } from '../../harness/crypto/kex.ts';
import {
  DEFAULT_CONFIG, DIGESTS, NO_ENCRYPTION, O7S_OAP_2026, OFFSET, OapClient, OapServer, SERVER_NAME, TrustStore, decodeHeader, dheSalt, digestByName,
  encodeHeader, makeTestPki, timestampDeltaMs, type SecConfig, type ServerResult,
} from '../../harness/model/oap/index.ts';
import { concat, toHex } from '../../harness/util/bytes.ts';
import { pyref } from './refs.ts';

const rng = new Drbg('test/oap/model');
const T0 = 1_790_000_000_000_000_000n;
const pki = makeTestPki('ecdsa-p256', 'rekey-harness oap v1');
const trust = new TrustStore([pki.root.cert, pki.intermediate.cert]);

function eph(alg: KexAlg | null) {
  if (!alg) return {};
  return { kexSecret: kexSecretFromSeed(alg, rng.bytes(KEX_SEED_LEN)), encapsRandom: isKem(alg) ? rng.bytes(encapsRandomLen(alg as MlKem | HybridKem)) : undefined };
}

function pair(srvCfg: SecConfig, cliCfg: SecConfig, opts: { srvSigns?: boolean; cliSigns?: boolean; name?: string } = {}) {
  const kemAlg = [cliCfg.kex, srvCfg.kex].find((k) => k && isKem(k)) ?? null;
  const kem = kemAlg ? kexKeyPair(kemAlg, kexSecretFromSeed(kemAlg, rng.bytes(KEX_SEED_LEN))) : undefined;
  const server = new OapServer({ name: SERVER_NAME, config: srvCfg, trust, credentials: opts.srvSigns ? pki.server : undefined }, O7S_OAP_2026, kem);
  const client = new OapClient({ name: opts.name ?? SERVER_NAME, config: cliCfg, trust, credentials: opts.cliSigns ? pki.client : undefined }, kem?.wire);
  return { server, client };
}

function run(srvCfg: SecConfig, cliCfg: SecConfig, opts: Parameters<typeof pair>[2] = {}, tamperRsp = (b: Uint8Array) => b) {
  const { server, client } = pair(srvCfg, cliCfg, opts);
  const cliEph = eph(cliCfg.kex);
  const p = client.prepare(rng.bytes(16), T0, cliEph);
  assert.equal(p.status, 'prepared');
  const request = (p as { request: Uint8Array }).request;
  const srvEph = eph(cliCfg.kemMode === 'client' ? null : cliCfg.kex);
  const s = server.process(request, T0 + 1000n, srvEph);
  const c = s.status === 'accepted' ? client.complete(tamperRsp(s.response), T0 + 2000n) : null;
  return { request, s, c, cliEph, srvEph };
}

const cfg = (kex: KexAlg | null, over: Partial<SecConfig> = {}): SecConfig => (kex ? { ...DEFAULT_CONFIG, kex, ...over } : { ...NO_ENCRYPTION, ...over });

describe('oap model: header codec', () => {
  it('field offsets are the ones Ouroboros oap_test.c patches (16 ts, 24 cipher, 26 kdf, 30 crt_len, 32 kex_len)', () => {
    assert.deepEqual([OFFSET.timestamp, OFFSET.cipher, OFFSET.kdf, OFFSET.crtLen, OFFSET.kexLen], [16, 24, 26, 30, 32]);
    const { request } = run(cfg('X25519'), cfg('X25519'));
    const v = new DataView(request.buffer, request.byteOffset);
    assert.equal(v.getUint16(24), 901, 'aes-256-gcm NID');
    assert.equal(v.getBigUint64(16), T0);
    assert.equal(v.getUint16(32), 44, 'X25519 SPKI is 44 bytes, no flags');
  });

  it('rules fire in hdr.c order: size, cipher, kdf, md, lengths, unsigned-exact', () => {
    const { request } = run(cfg('X25519'), cfg('X25519'));
    const set = (b: Uint8Array, off: number, v: number) => {
      const c = b.slice();
      new DataView(c.buffer).setUint16(off, v);
      return c;
    };
    const reason = (b: Uint8Array, md = 0) => {
      const d = decodeHeader(b, md);
      return d.ok ? 'OK' : d.reason;
    };
    assert.equal(reason(request.subarray(0, 35)), 'TOO_SHORT');
    assert.equal(reason(set(set(set(request, OFFSET.md, 7), OFFSET.kdf, 7), OFFSET.cipher, 7)), 'UNKNOWN_CIPHER_NID');
    assert.equal(reason(set(set(request, OFFSET.md, 7), OFFSET.kdf, 7)), 'UNKNOWN_KDF_NID');
    assert.equal(reason(set(set(request, OFFSET.md, 7), OFFSET.dataLen, 9)), 'UNKNOWN_MD_NID');
    assert.equal(reason(set(request, OFFSET.dataLen, 9)), 'LENGTHS_EXCEED_PACKET');
    assert.equal(reason(concat(request, Uint8Array.of(1))), 'UNSIGNED_TRAILING_BYTES');
    assert.equal(reason(request), 'OK');
  });

  it('responses carry md_len(request digest) of req_hash; SHA-384 when the request has none', () => {
    for (const d of [null, ...DIGESTS]) {
      const c = cfg('X25519', { digestNid: d?.nid ?? 0 });
      const { s } = run(c, c, { srvSigns: true });
      assert.equal(s.status, 'accepted');
      const reqMd = d?.nid ?? digestByName('sha384')!.nid;
      const dec = decodeHeader((s as { response: Uint8Array }).response, reqMd);
      assert.ok(dec.ok);
      assert.equal(dec.hdr.reqHash.length, { sha256: 32, sha384: 48, sha512: 64, 'sha3-256': 32, 'sha3-384': 48, 'sha3-512': 64, blake2b512: 64, blake2s256: 32 }[d?.name ?? 'sha384']);
    }
  });

  it('decode never throws, and what decodes re-encodes to the same bytes', () => {
    const mds = [0, ...DIGESTS.map((d) => d.nid)];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...mds), (b, md) => {
        const d = decodeHeader(b, md);
        if (d.ok) assert.equal(toHex(encodeHeader(d.hdr)), toHex(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('the 36-byte fixed header with structured random fields decodes exactly when the NIDs are known', () => {
    const known = new Set([0, 895, 898, 901, 904, 905, 906, 1018]);
    const kd = new Set([0, ...DIGESTS.map((d) => d.nid)]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 1100 }), (c, k, m) => {
        const b = new Uint8Array(36);
        const v = new DataView(b.buffer);
        v.setUint16(24, c);
        v.setUint16(26, k);
        v.setUint16(28, m);
        assert.equal(decodeHeader(b).ok, known.has(c) && kd.has(k) && kd.has(m));
      }),
      { numRuns: 500 },
    );
  });
});

describe('oap model: exchanges', () => {
  for (const k of KEX_ALGS)
    for (const mode of isKem(k) ? (['server', 'client'] as const) : (['server'] as const))
      it(`${k}, ${mode} encapsulates: both ends hold the same 32-byte key`, () => {
        const c = cfg(k, { kemMode: mode });
        const { s, c: done } = run(c, c, { srvSigns: true });
        assert.equal(s.status, 'accepted');
        assert.equal(done?.status, 'completed');
        const sk = (s as { key: Uint8Array }).key;
        assert.equal(sk.length, 32);
        assert.equal(toHex((done as { key: Uint8Array }).key), toHex(sk));
      });

  it('DHE key matches pyca: X25519 secret, HKDF-SHA256 with salt SHA-256(sorted SPKIs), info "o7s-ossl-dhe"', () => {
    const { request, s, cliEph, srvEph } = run(cfg('X25519'), cfg('X25519'));
    const cliPub = decodeHeader(request).ok ? (decodeHeader(request) as { hdr: { kex: Uint8Array } }).hdr.kex : new Uint8Array();
    const srvPub = kexKeyPair('X25519', srvEph.kexSecret!).wire;
    const [h] = pyref([{ op: 'x25519', secret: toHex(cliEph.kexSecret!), peer: toHex(srvPub.subarray(12)), hkdf: { hash: 'SHA256', salt: toHex(dheSalt(cliPub, srvPub)), info: toHex(Buffer.from('o7s-ossl-dhe')) } }]);
    assert.equal(toHex((s as { key: Uint8Array }).key), h.okm);
    const sorted = Buffer.compare(Buffer.from(cliPub), Buffer.from(srvPub)) < 0 ? concat(cliPub, srvPub) : concat(srvPub, cliPub);
    assert.equal(toHex(dheSalt(srvPub, cliPub)), toHex(dheSalt(cliPub, srvPub)));
    assert.equal(toHex(dheSalt(cliPub, srvPub)), createHash('sha256').update(sorted).digest('hex'));
  });

  it('KEM key matches pyca: ML-KEM-768 secret, HKDF-sha512 with salt SHA-256(client SPKI as sent), info "o7s-ossl-encap"', () => {
    const c = cfg('ML-KEM-768', { kdfNid: digestByName('sha512')!.nid });
    const { request, s, cliEph } = run(c, c);
    const d = decodeHeader((s as { response: Uint8Array }).response, c.digestNid);
    assert.ok(d.ok);
    const cliSpki = (decodeHeader(request) as { hdr: { kex: Uint8Array } }).hdr.kex;
    const [h] = pyref([{ op: 'mlkem', alg: 'ML-KEM-768', seed: toHex(cliEph.kexSecret!), ct: toHex(d.hdr.kex), hkdf: { hash: 'SHA512', salt: createHash('sha256').update(cliSpki).digest('hex'), info: toHex(Buffer.from('o7s-ossl-encap')) } }]);
    assert.equal(toHex((s as { key: Uint8Array }).key), h.okm);
  });

  const reject = (s: ServerResult) => (s.status === 'rejected' ? s.reason : 'accepted');
  it('server verdicts mirror upstream tests', () => {
    assert.equal(reject(run(cfg('X25519'), cfg(null)).s), 'KEX_MISSING', 'srv enc, cli none');
    assert.equal(reject(run(cfg('secp521r1'), cfg('X25519')).s), 'KEX_TOO_WEAK');
    assert.equal(reject(run(cfg(null), cfg('X25519')).s), 'accepted', 'cli enc, srv none');
    assert.equal(reject(run(cfg('X25519', { cipherNid: 0 }), cfg('X25519', { cipherNid: 0 })).s), 'NO_CIPHER');
    const m = run(cfg('X25519', { cipherNid: 895 }), cfg('X25519', { kdfNid: 674 }), { srvSigns: true });
    assert.equal(m.c?.status === 'completed' && m.c.cipher, 'aes-256-gcm');
    assert.equal(m.c?.status === 'completed' && m.c.kdf, 'sha512');
  });

  it('client verdicts: name mismatch, downgrade through an unsigned response', () => {
    assert.equal(run(cfg('X25519'), cfg('X25519'), { srvSigns: true, name: 'wrong.server.name' }).c?.status === 'rejected' && 'NAME_MISMATCH', 'NAME_MISMATCH');
    const down = run(cfg('X25519'), cfg('X25519'), {}, (b) => {
      const c = b.slice();
      new DataView(c.buffer).setUint16(OFFSET.cipher, 904);
      return c;
    }).c;
    assert.equal(down?.status === 'rejected' && down.reason, 'CIPHER_DOWNGRADE');
  });

  it('window edges are whole milliseconds truncated toward zero, differences modulo 2^64', () => {
    assert.equal(timestampDeltaMs(T0, T0 + 100_999_999n), -100n);
    assert.equal(timestampDeltaMs(T0, T0 + 101_000_000n), -101n);
    assert.equal(timestampDeltaMs(T0 + 20_000_999_999n, T0), 20000n);
    assert.ok(timestampDeltaMs(T0, (1n << 64n) - 1n) > 0n, 'a stamp of 2^64-1 reads as old');
  });
});

describe('oap model: no byte string makes it throw', () => {
  const mutate = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 });
  it('server.process on random bytes and on mutated signed requests returns a verdict', () => {
    const c = cfg('X25519');
    const { server, client } = pair(c, c, { cliSigns: true });
    const p = client.prepare(rng.bytes(16), T0, eph('X25519'));
    const req = (p as { request: Uint8Array }).request;
    const srvEph = eph('X25519');
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutate.map((ms) => {
        const b = req.slice();
        for (const [i, x] of ms) b[i % b.length] ^= x;
        return b;
      })), (b) => {
        const r = server.process(b, T0 + 1n, srvEph);
        assert.ok(r.status === 'accepted' || typeof r.reason === 'string');
      }),
      { numRuns: 300 },
    );
  });

  it('client.complete on mutated responses returns a verdict, for DHE, KEM and hybrid', () => {
    for (const k of ['prime256v1', 'ML-KEM-512', 'X25519MLKEM768'] as const) {
      const c = cfg(k);
      const { server, client } = pair(c, c, { srvSigns: k === 'prime256v1' });
      const cliEph = eph(k);
      const srvEph = eph(k);
      const id = rng.bytes(16);
      const req = (client.prepare(id, T0, cliEph) as { request: Uint8Array }).request;
      const rsp = (server.process(req, T0, srvEph) as { response: Uint8Array }).response;
      fc.assert(
        fc.property(mutate, (ms) => {
          const b = rsp.slice();
          for (const [i, x] of ms) b[i % b.length] ^= x;
          client.prepare(id, T0, cliEph);
          const r = client.complete(b, T0);
          assert.ok(r.status === 'completed' || typeof r.reason === 'string');
        }),
        { numRuns: 60 },
      );
    }
  });
});
