// PSP packets: every committed encrypt/encap answer against an independent encapsulator
// (pyca/cryptography + the google/psp layout, test/psp/psp_ref.py); backends agree;
// every rejection reason is in the vectors; malformed input is data, never an exception.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Drbg } from '../../harness/crypto/index.ts';
import {
  BASE_HDR_LEN, ICV_LEN, VERSIONS, checkPacket, decap, deriveKey, encap, open, seal, type HeaderFields, type Mode, type PspVersion,
} from '../../harness/model/psp/index.ts';
import { ipPacket, l4Segment } from '../../harness/suites/psp-inner.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';
import type { KatFile } from '../../harness/vectors/types.ts';
import { pythonPsp, vectors } from './helpers.ts';

const kat = vectors<KatFile>('psp-packet-kat');
const group = (type: string) => kat.testGroups.find((g) => g.type === type)!;
const argsOf = (type: string) => group(type).tests.map((t) => ({ args: { ...group(type).common, ...t.input }, t }));

describe('psp packets', () => {
  for (const [type, op] of [['PspEncrypt', 'encrypt'], ['PspEncap', 'encap']] as const) {
    it(`every ${type} answer matches the independent pyca/cryptography encapsulator byte for byte`, () => {
      const cases = argsOf(type).filter(({ t }) => t.expected.reason !== 'BAD_IP_LENGTH'); // psp_ref.py trusts its input's lengths
      const py = pythonPsp(cases.map(({ args }) => ({ op, args })));
      let valid = 0;
      cases.forEach(({ t }, i) => {
        if (t.expected.valid) valid++;
        assert.equal(py[i], t.expected.valid ? t.expected.packet : null, `tcId ${t.tcId} ${t.comment}`);
      });
      assert.ok(valid >= 50, `only ${valid} valid cases`);
    });
  }

  it('the vectors cover every value of every dimension with a valid packet', () => {
    const enc = argsOf('PspEncrypt').filter(({ t }) => t.expected.valid).map(({ args }) => args);
    const l3 = argsOf('PspEncap').filter(({ t }) => t.expected.valid).map(({ args }) => args);
    const values = (xs: Record<string, unknown>[], f: (a: Record<string, unknown>) => unknown) => new Set(xs.map((a) => JSON.stringify(f(a))));
    for (const xs of [enc, l3]) {
      assert.deepEqual([...values(xs, (a) => a.version)].sort(), ['0', '1', '2', '3']);
      assert.deepEqual([...values(xs, (a) => a.cryptOffset)].map(Number).sort((x, y) => x - y), [0, 1, 2, 6, 11, 63]);
      assert.equal(values(xs, (a) => 'vc' in a).size, 2);
      assert.equal(values(xs, (a) => [a.s, a.d]).size, 4);
    }
    const sizes = values(enc, (a) => (a.payload as string).length / 2);
    for (const n of [0, 1, 1400]) assert.ok(sizes.has(String(n)), `size ${n}`);
    assert.equal(values(l3, (a) => [a.mode, (a.packet as string)[0]]).size, 4); // transport/tunnel x IPv4/IPv6
  });

  it('the invalid vectors cover every rejection reason, an empty ciphertext included', () => {
    const invalid = [...group('PspDecryptInvalid').tests, ...group('PspDecapInvalid').tests];
    const reasons = new Set(invalid.map((t) => t.expected.reason));
    for (const r of ['ALWAYS_ONE_CLEAR', 'UNKNOWN_VERSION', 'CRYPT_OFFSET_PAST_PAYLOAD', 'HDR_EXT_LEN_TOO_SMALL', 'TRUNCATED', 'WRONG_UDP_PORT', 'ICV_MISMATCH'])
      assert.ok(reasons.has(r), r);
    const empty = invalid.filter((t) => t.flags.includes('EmptyCiphertext'));
    assert.equal(empty.length, 8);
    for (const t of empty) assert.equal(t.expected.reason, 'ICV_MISMATCH');
    for (const t of invalid) assert.equal(t.result, 'invalid');
  });

  it('noble and node backends seal and open alike for every version', () => {
    const rng = new Drbg('test/psp/backends');
    for (const version of VERSIONS)
      for (const size of [0, 1, 17, 300]) {
        const key = rng.bytes(version === 0 || version === 2 ? 16 : 32);
        const f: HeaderFields = { nextHeader: 6, cryptOffset: rng.int(3), s: false, d: true, version, spi: 0x80000001, iv: 7n, vc: rng.int(2) ? rng.bytes(8) : undefined };
        const payload = rng.bytes(size + 8);
        const a = seal(key, f, payload, 'node');
        const b = seal(key, f, payload, 'noble');
        assert.ok(a.ok && b.ok);
        assert.equal(toHex(a.packet), toHex(b.packet));
        const c = checkPacket(a.packet);
        assert.ok(c.ok);
        for (const backend of ['node', 'noble'] as const) {
          const o = open(key, a.packet, c, backend);
          assert.ok(o.ok);
          assert.equal(toHex(o.payload), toHex(payload));
        }
      }
  });

  it('GMAC versions carry the payload in clear and still authenticate it', () => {
    const key = new Uint8Array(16).fill(3);
    const payload = fromHex('00112233445566778899');
    const s = seal(key, { nextHeader: 17, cryptOffset: 0, s: false, d: false, version: 2, spi: 5, iv: 1n }, payload);
    assert.ok(s.ok);
    assert.equal(toHex(s.packet.subarray(BASE_HDR_LEN, BASE_HDR_LEN + payload.length)), toHex(payload));
    const forged = s.packet.slice();
    forged[BASE_HDR_LEN] ^= 1;
    const c = checkPacket(forged);
    assert.ok(c.ok);
    assert.deepEqual(open(key, forged, c), { ok: false, reason: 'ICV_MISMATCH' });
  });

  it('decap undoes encap in every mode, IP version and PSP version', () => {
    const rng = new Drbg('test/psp/roundtrip');
    const keys = [rng.bytes(32), rng.bytes(32)] as const;
    for (const mode of ['transport', 'tunnel'] as Mode[])
      for (const ip of [4, 6] as const)
        for (const version of VERSIONS) {
          const inner = ipPacket(rng, { ip, proto: 17, l4: l4Segment(rng, 17, rng.bytes(rng.int(100))) });
          const spi = rng.int(2 ** 32) | 1;
          const e = encap(mode, deriveKey(keys, spi, version as PspVersion), { spi, iv: 9n, version, cryptOffset: 2, s: true, d: false, vc: rng.bytes(8) }, inner);
          assert.ok(e.ok);
          const d = decap(keys, e.packet);
          assert.ok(d.ok, JSON.stringify(d));
          assert.equal(d.mode, mode);
          assert.equal(toHex(d.packet), toHex(inner));
        }
  });

  it('malformed packets are verdicts, never exceptions (random bytes and one-byte changes of valid packets)', () => {
    const keys = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)] as const;
    const valid = argsOf('PspDecap').map(({ args }) => fromHex(args.packet as string)).slice(0, 20);
    const reasons = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, i, x]) => {
        const q = p.slice();
        q[i % q.length] ^= x;
        return q;
      })), (p) => {
        const d = decap(keys, p);
        if (!d.ok) reasons.add(d.reason);
        const inner = p.length > 28 ? p.subarray(28) : p;
        const c = checkPacket(inner);
        if (c.ok) assert.equal(typeof open(new Uint8Array(c.version % 2 ? 32 : 16), inner, c).ok, 'boolean');
        for (const mode of ['transport', 'tunnel'] as const) assert.equal(typeof encap(mode, new Uint8Array(16), { spi: 1, iv: 1n, version: 0, cryptOffset: 0, s: false, d: false }, p).ok, 'boolean');
      }),
      { numRuns: 2000, seed: 4 },
    );
    assert.ok(reasons.size >= 5, [...reasons].join());
  });

  it('an ICV is required: a packet cut to header + ICV with nothing to decrypt still fails a wrong tag', () => {
    const key = new Uint8Array(16);
    const s = seal(key, { nextHeader: 6, cryptOffset: 0, s: false, d: false, version: 0, spi: 1, iv: 1n }, new Uint8Array(0));
    assert.ok(s.ok && s.packet.length === BASE_HDR_LEN + ICV_LEN);
    const c = checkPacket(s.packet);
    assert.ok(c.ok && open(key, s.packet, c).ok);
    const bad = s.packet.slice();
    bad[bad.length - 1] ^= 0x80;
    assert.deepEqual(open(key, bad, checkPacket(bad) as Extract<ReturnType<typeof checkPacket>, { ok: true }>), { ok: false, reason: 'ICV_MISMATCH' });
  });
});
