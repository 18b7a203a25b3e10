// PSP key derivation and the CMAC under it, checked against published answers, the
// OpenSSL CLI and pyca/cryptography (through test/psp/psp_ref.py).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { aesCmac, Drbg } from '../../harness/crypto/index.ts';
import { deriveKey, derivationBlock, VERSIONS, type PspVersion } from '../../harness/model/psp/index.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';
import type { KatFile } from '../../harness/vectors/types.ts';
import { pythonPsp, vectors } from './helpers.ts';

// PSP Architecture Specification key derivation examples, as quoted in DESIGN.md section 3 (PSP).
const K0 = fromHex('34448a064292601b11a0978f56a2d34cf3fc35ede1a6bc04f8db3e5243a2b0ca');
const K1 = fromHex('563952565d3a78ae773ec1b779f2f2d99f4a7f53a6fbb9b07d5b71f39364d739');
const SPEC: [number, PspVersion, string][] = [
  [0x12345678, 0, '96c22dc799198090b74b70ae468e4e30'],
  [0x9a345678, 0, '3946da2554eae46ad1ef77a64372edc4'],
  [0x12345678, 1, '2b7d72074e42ca334487f2990e3f8c4037e436f38283449b76463e9b7fb2e3de'],
];

// RFC 4493 section 4 examples (AES-128 key 2b7e1516...).
const RFC4493_KEY = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const RFC4493_MSG = fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710');
const RFC4493: [number, string][] = [
  [0, 'bb1d6929e95937287fa37d129b756746'],
  [16, '070a16b46b4d4144f79bdd9dd04a287c'],
  [40, 'dfa66747de9ae63030ca32611497c827'],
  [64, '51f0bebf7e3b9d92fc49741779363cfe'],
];

const opensslCmac = (key: Uint8Array, data: Uint8Array) =>
  execFileSync('openssl', ['mac', '-cipher', `AES-${key.length * 8}-CBC`, '-macopt', `hexkey:${toHex(key)}`, 'CMAC'], { input: data, encoding: 'utf8' }).trim().toLowerCase();

describe('psp key derivation', () => {
  for (const backend of ['noble', 'node'] as const) {
    it(`reproduces the PSP spec examples (${backend} CMAC)`, () => {
      for (const [spi, v, key] of SPEC) assert.equal(toHex(deriveKey([K0, K1], spi, v, backend)), key);
    });
    it(`reproduces the RFC 4493 CMAC examples (${backend})`, () => {
      for (const [n, mac] of RFC4493) assert.equal(toHex(aesCmac(RFC4493_KEY, RFC4493_MSG.subarray(0, n), backend)), mac);
    });
  }

  it('noble and node CMAC agree for every key size and message lengths 0..70', () => {
    const rng = new Drbg('test/psp/cmac');
    for (const kl of [16, 24, 32])
      for (let n = 0; n <= 70; n++) {
        const key = rng.bytes(kl);
        const m = rng.bytes(n);
        assert.equal(toHex(aesCmac(key, m, 'node')), toHex(aesCmac(key, m, 'noble')), `key ${kl}, length ${n}`);
      }
  });

  it('matches `openssl mac CMAC` block by block, every version, both master keys', () => {
    const rng = new Drbg('test/psp/openssl');
    const keys = [rng.bytes(32), rng.bytes(32)] as const;
    for (const version of VERSIONS)
      for (const spi of [0x00000001 + rng.int(0x7ffffffe), 0x80000001 + rng.int(0x7ffffffe)]) {
        const mk = keys[spi >>> 31];
        const blocks = version === 0 || version === 2 ? [1] : [1, 2];
        const expected = blocks.map((c) => opensslCmac(mk, derivationBlock(c, version, spi))).join('');
        assert.equal(toHex(deriveKey(keys, spi, version)), expected, `spi ${spi.toString(16)} v${version}`);
      }
  });

  it('every committed psp-kdf-kat answer matches pyca/cryptography', () => {
    const f = vectors<KatFile>('psp-kdf-kat');
    const cases = f.testGroups.flatMap((g) => g.tests.map((t) => ({ op: 'derive' as const, args: { ...(g.common ?? {}), ...t.input } })));
    const expected = f.testGroups.flatMap((g) => g.tests.map((t) => t.expected.key));
    assert.ok(cases.length > 90);
    assert.deepEqual(pythonPsp(cases), expected);
  });

  it('the committed spec-example group holds the published keys', () => {
    const g = vectors<KatFile>('psp-kdf-kat').testGroups.find((x) => x.type === 'PspKdfSpecExamples')!;
    assert.deepEqual(g.tests.map((t) => t.expected.key), SPEC.map((s) => s[2]));
  });

  it('SPI bit 31 alone picks the master key: the other one is never read', () => {
    const other = new Uint8Array(32);
    assert.equal(toHex(deriveKey([K0, other], 0x12345678, 0)), SPEC[0][2]);
    assert.equal(toHex(deriveKey([other, K1], 0x9a345678, 0)), SPEC[1][2]);
  });
});
