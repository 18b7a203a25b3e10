// noble and node:crypto must agree on every primitive both have, on random inputs.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AEADS, HASHES, aeadKeyLen, aeadOpen, aeadSeal, hash, hashLen, hkdf, hkdfExpand, hkdfExtract, hmac } from '../../harness/crypto/index.ts';

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

describe('crypto backends: noble vs node:crypto', () => {
  for (const h of HASHES) {
    it(`${h}: hash, HMAC, HKDF extract/expand agree`, () => {
      fc.assert(
        fc.property(bytes(0, 200), bytes(hashLen(h), 80), bytes(0, 40), fc.integer({ min: 1, max: 300 }), (data, key, info, len) => {
          assert.deepEqual(hash(h, data, 'node'), hash(h, data, 'noble'));
          assert.deepEqual(hmac(h, key, data, 'node'), hmac(h, key, data, 'noble'));
          assert.deepEqual(hkdfExtract(h, info, data, 'node'), hkdfExtract(h, info, data, 'noble'));
          assert.deepEqual(hkdfExpand(h, key, info, len, 'node'), hkdfExpand(h, key, info, len, 'noble'));
          assert.deepEqual(hkdf(h, data, info, key, len, 'node'), hkdf(h, data, info, key, len, 'noble'));
        }),
        { numRuns: 40 },
      );
    });
  }
  for (const a of AEADS) {
    it(`${a}: seal agrees, open inverts, any flipped bit fails on both`, () => {
      fc.assert(
        fc.property(bytes(aeadKeyLen(a), aeadKeyLen(a)), bytes(12, 12), bytes(0, 300), bytes(0, 40), fc.nat(), (key, nonce, pt, aad, flip) => {
          const ct = aeadSeal(a, key, nonce, pt, aad, 'node');
          assert.deepEqual(aeadSeal(a, key, nonce, pt, aad, 'noble'), ct);
          assert.deepEqual(aeadOpen(a, key, nonce, ct, aad, 'noble'), pt);
          assert.deepEqual(aeadOpen(a, key, nonce, ct, aad, 'node'), pt);
          const bad = ct.slice();
          bad[flip % bad.length] ^= 1 << (flip % 8);
          assert.equal(aeadOpen(a, key, nonce, bad, aad, 'node'), null);
          assert.equal(aeadOpen(a, key, nonce, bad, aad, 'noble'), null);
        }),
        { numRuns: 60 },
      );
    });
  }
  it('aeadOpen returns null (never throws) on input shorter than a tag', () => {
    for (const a of AEADS) for (const be of ['node', 'noble'] as const) assert.equal(aeadOpen(a, new Uint8Array(aeadKeyLen(a)), new Uint8Array(12), new Uint8Array(15), undefined, be), null);
  });
});
