// KEX, signature and certificate wrappers against references nobody here wrote:
// node:crypto (OpenSSL 3.0 in node), pyca/cryptography (OpenSSL 4 with ML-KEM/ML-DSA),
// the openssl CLI, and RFC 6979's published signatures.
import { strict as assert } from 'node:assert';
import * as nc from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dhSharedSecret, encapsRandomLen, kemDecapsulate, kemEncapsulate, kexKeyPair, kexSecretFromSeed, spkiDecode, KEX_SEED_LEN, type KexAlg,
} from '../../harness/crypto/kex.ts';
import { sign, sigKeyFromSecret, verify, SIG_ALGS } from '../../harness/crypto/sig.ts';
import { parseCert, toPem } from '../../harness/crypto/x509.ts';
import { Drbg, HASHES } from '../../harness/crypto/index.ts';
import { makeTestPki } from '../../harness/model/oap/index.ts';
import { concat, toHex } from '../../harness/util/bytes.ts';
import { openssl, pyref } from './refs.ts';

const rng = new Drbg('test/oap/crypto');
const hex = (b: Uint8Array) => toHex(b);

describe('oap crypto: ECDH groups agree with node:crypto', () => {
  for (const alg of ['prime256v1', 'secp384r1', 'secp521r1', 'X25519', 'X448'] as KexAlg[]) {
    it(`${alg}: SPKI round-trips through node and both sides derive node's secret`, () => {
      const ours = kexKeyPair(alg, kexSecretFromSeed(alg, rng.bytes(KEX_SEED_LEN)));
      const node = alg.startsWith('X') ? nc.generateKeyPairSync(alg.toLowerCase() as 'x25519') : nc.generateKeyPairSync('ec', { namedCurve: alg });
      const ourPub = nc.createPublicKey({ key: Buffer.from(ours.wire), format: 'der', type: 'spki' });
      assert.equal(hex(ourPub.export({ format: 'der', type: 'spki' })), hex(ours.wire), 'node re-exports our SPKI byte for byte');
      const nodeSpki = new Uint8Array(node.publicKey.export({ format: 'der', type: 'spki' }));
      const parsed = spkiDecode(nodeSpki);
      assert.equal(parsed?.alg, alg);
      const expected = nc.diffieHellman({ privateKey: node.privateKey, publicKey: ourPub });
      assert.equal(hex(dhSharedSecret(ours, parsed!.raw)!), hex(expected));
    });
  }

  it('rejects SPKI that is truncated, has trailing bytes, or holds a point off the curve', () => {
    const k = kexKeyPair('prime256v1', kexSecretFromSeed('prime256v1', rng.bytes(KEX_SEED_LEN)));
    assert.equal(spkiDecode(k.wire.subarray(0, k.wire.length - 1)), null);
    assert.equal(spkiDecode(concat(k.wire, Uint8Array.of(0))), null);
    const off = k.wire.slice();
    off[off.length - 1] ^= 1;
    assert.equal(spkiDecode(off), null);
    assert.equal(spkiDecode(new Uint8Array(0)), null);
  });
});

describe('oap crypto: ML-KEM and hybrids against pyca/cryptography (OpenSSL 4)', () => {
  // The installed openssl CLI is 3.0 (no ML-KEM), so pyca/cryptography is the outside reference;
  // it has no ML-KEM-512, which is covered only by the round trip below.
  it('ML-KEM-768/1024: same SPKI from the seed; pyca decapsulates our ciphertext to our secret', () => {
    const cases = (['ML-KEM-768', 'ML-KEM-1024'] as const).map((alg) => {
      const k = kexKeyPair(alg, rng.bytes(64));
      const e = kemEncapsulate(alg, k.raw, rng.bytes(encapsRandomLen(alg)))!;
      return { alg, k, e };
    });
    const ans = pyref(cases.map((c) => ({ op: 'mlkem', alg: c.alg, seed: hex(c.k.secret), ct: hex(c.e.ct) })));
    cases.forEach((c, i) => {
      assert.equal(ans[i].spki, hex(c.k.wire));
      assert.equal(ans[i].ss, hex(c.e.ss));
    });
  });

  for (const [alg, kem, xlen] of [['X25519MLKEM768', 'ML-KEM-768', 32], ['X448MLKEM1024', 'ML-KEM-1024', 56]] as const) {
    it(`${alg}: ML-KEM part first in key and ciphertext, secret = ML-KEM ss || ECDH ss (OpenSSL EVP_PKEY-MLX-KEM)`, () => {
      const k = kexKeyPair(alg, rng.bytes(64 + xlen));
      const rand = rng.bytes(encapsRandomLen(alg));
      const e = kemEncapsulate(alg, k.raw, rand)!;
      const nPk = kem === 'ML-KEM-768' ? 1184 : 1568;
      const nCt = kem === 'ML-KEM-768' ? 1088 : 1568;
      const [py] = pyref([{ op: 'mlkem', alg: kem, seed: hex(k.secret.subarray(0, 64)), ct: hex(e.ct.subarray(0, nCt)) }]);
      assert.equal(hex(k.raw.subarray(0, nPk)), py.raw, 'ML-KEM encapsulation key first');
      const xa = alg === 'X25519MLKEM768' ? 'x25519' : 'x448';
      const pk = (raw: Uint8Array) => nc.createPublicKey({ key: { kty: 'OKP', crv: xa === 'x25519' ? 'X25519' : 'X448', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
      const sk = (raw: Uint8Array, pub: Uint8Array) => nc.createPrivateKey({ key: { kty: 'OKP', crv: xa === 'x25519' ? 'X25519' : 'X448', d: Buffer.from(raw).toString('base64url'), x: Buffer.from(pub).toString('base64url') }, format: 'jwk' });
      const xPub = k.raw.subarray(nPk);
      const ephPub = e.ct.subarray(nCt);
      const nodeXss = nc.diffieHellman({ privateKey: sk(k.secret.subarray(64), xPub), publicKey: pk(ephPub) });
      assert.equal(hex(e.ss), py.ss + hex(nodeXss), 'ML-KEM secret then ECDH secret');
      assert.equal(hex(kemDecapsulate(k, e.ct)!), hex(e.ss));
      const bad = e.ct.slice(0, e.ct.length - 1);
      assert.equal(kemDecapsulate(k, bad), null, 'wrong ciphertext length is a failure, not a throw');
    });
  }
});

describe('oap crypto: signatures', () => {
  it('ECDSA P-256 is RFC 6979 deterministic with the message digest, high S kept (RFC 6979 A.2.5, "sample")', () => {
    const k = sigKeyFromSecret('ecdsa-p256', Buffer.from('C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721', 'hex'));
    const der256 = hex(sign(k, 'sha256', Buffer.from('sample')));
    assert.ok(der256.includes('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716'), 'r');
    assert.ok(der256.includes('f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8'), 's (high, not normalised)');
    const der512 = hex(sign(k, 'sha512', Buffer.from('sample')));
    assert.ok(der512.includes('8496a60b5e9b47c825488827e0495b0e3fa109ec4568fd3f8d1097678eb97f00') && der512.includes('2362ab1adbe2b8adf9cb9edab740ea6049c028114f2460f96554f61fae3302fe'));
  });

  it('ECDSA on every curve and digest verifies with node:crypto (DER signature, named digest)', () => {
    const pki = makeTestPki('ecdsa-p384', 'test');
    for (const alg of ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521'] as const) {
      const k = sigKeyFromSecret(alg, alg === 'ecdsa-p384' ? pki.server.key.secret : kexSecretFromSeed(alg === 'ecdsa-p256' ? 'prime256v1' : 'secp521r1', rng.bytes(KEX_SEED_LEN)));
      const jwkPub = nc.createPublicKey({ key: { kty: 'EC', crv: { 'ecdsa-p256': 'P-256', 'ecdsa-p384': 'P-384', 'ecdsa-p521': 'P-521' }[alg], x: Buffer.from(k.pub.subarray(1, 1 + (k.pub.length - 1) / 2)).toString('base64url'), y: Buffer.from(k.pub.subarray(1 + (k.pub.length - 1) / 2)).toString('base64url') }, format: 'jwk' });
      for (const h of HASHES) {
        const msg = rng.bytes(100);
        const sig = sign(k, h, msg);
        assert.ok(nc.verify(h, msg, jwkPub, sig), `${alg} ${h}`);
        assert.ok(verify(alg, k.pub, h, msg, sig));
        assert.ok(!verify(alg, k.pub, h, concat(msg, Uint8Array.of(0)), sig));
      }
    }
  });

  it('ML-DSA-44/65/87: pyca derives the same public key from the seed and verifies our deterministic signature', () => {
    const cases = SIG_ALGS.filter((a) => a.startsWith('ml')).map((alg) => {
      const k = sigKeyFromSecret(alg, rng.bytes(32));
      const msg = rng.bytes(77);
      return { alg, k, msg, sig: sign(k, 'sha256', msg) };
    });
    const ans = pyref(cases.map((c) => ({ op: 'mldsa', alg: c.alg, seed: hex(c.k.secret), msg: hex(c.msg), sig: hex(c.sig) })));
    cases.forEach((c, i) => {
      assert.equal(ans[i].pub, hex(c.k.pub));
      assert.ok(ans[i].verifies, c.alg);
      assert.equal(hex(sign(c.k, 'sha512', c.msg)), hex(c.sig), 'deterministic, digest ignored');
    });
  });
});

describe('oap crypto: test PKI certificates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oap-pki-'));
  const pem = (name: string, der: Uint8Array) => {
    const p = join(dir, `${name}.pem`);
    writeFileSync(p, toPem(der));
    return p;
  };

  for (const alg of ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521'] as const) {
    it(`${alg}: openssl verify accepts root -> intermediate -> server/client, refuses expired and stranger`, () => {
      const p = makeTestPki(alg, 'rekey-harness oap v1');
      const root = pem(`${alg}-root`, p.root.cert);
      const im = pem(`${alg}-im`, p.intermediate.cert);
      for (const leaf of ['server', 'client'] as const) {
        const r = openssl(['verify', '-CAfile', root, '-untrusted', im, pem(`${alg}-${leaf}`, p[leaf].cert)]);
        assert.equal(r.code, 0, r.out);
      }
      const expired = openssl(['verify', '-CAfile', root, '-untrusted', im, pem(`${alg}-expired`, p.expiredServer.cert)]);
      assert.match(expired.out, /expired/);
      assert.notEqual(openssl(['verify', '-CAfile', root, '-untrusted', im, pem(`${alg}-stranger`, p.strangerServer.cert)]).code, 0);
      const text = openssl(['x509', '-noout', '-subject', '-in', pem(`${alg}-server2`, p.server.cert)]).out;
      assert.match(text, /CN ?= ?test-1\.unittest\.o7s/);
      assert.equal(parseCert(p.server.cert)?.subjectLine, '/O=o7s test PKI/CN=test-1.unittest.o7s');
    });
  }

  it('ML-DSA-44: pyca loads the certificates and verifies each issuer signature', () => {
    const p = makeTestPki('ml-dsa-44', 'rekey-harness oap v1');
    const ans = pyref([
      { op: 'mldsa_cert', issuer: hex(p.root.cert), cert: hex(p.intermediate.cert) },
      { op: 'mldsa_cert', issuer: hex(p.intermediate.cert), cert: hex(p.server.cert) },
      { op: 'mldsa_cert', issuer: hex(p.intermediate.cert), cert: hex(p.strangerServer.cert) },
    ]);
    assert.deepEqual(ans.map((a) => a.verifies), [true, true, false]);
    assert.equal(ans[1].subject, 'CN=test-1.unittest.o7s,O=o7s test PKI');
  });
});
