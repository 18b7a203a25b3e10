// Published known answers, kept as independent checks.
import assert from 'node:assert/strict';
import { Drbg, hkdf, hkdfExpand, hkdfExtract } from '../../harness/crypto/index.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';

describe('crypto: published known answers', () => {
  // RFC 5869 Appendix A, Test Case 1 (HKDF-SHA256).
  const ikm = fromHex('0b'.repeat(22));
  const salt = fromHex('000102030405060708090a0b0c');
  const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
  const prk = '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5';
  const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
  for (const be of ['node', 'noble'] as const) {
    it(`RFC 5869 A.1 extract, expand and one-shot (${be})`, () => {
      assert.equal(toHex(hkdfExtract('sha256', salt, ikm, be)), prk);
      assert.equal(toHex(hkdfExpand('sha256', fromHex(prk), info, 42, be)), okm);
      assert.equal(toHex(hkdf('sha256', ikm, salt, info, 42, be)), okm);
    });
  }
});

describe('crypto: seeded generator', () => {
  it('same seed gives the same stream; forks and other seeds differ', () => {
    const a = new Drbg('s').bytes(5000);
    assert.deepEqual(new Drbg('s').bytes(5000), a);
    assert.notDeepEqual(new Drbg('t').bytes(5000), a);
    assert.notDeepEqual(new Drbg('s').fork('x').bytes(64), a.subarray(0, 64));
  });
  it('int(max) stays in range and covers it', () => {
    const d = new Drbg('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = d.int(7);
      assert.ok(x >= 0 && x < 7);
      seen.add(x);
    }
    assert.equal(seen.size, 7);
  });
});
