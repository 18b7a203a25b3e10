// The secnet wire codec against facts from the public sources (ewxrjk/secnet magic.h,
// site.c, util.c), built here byte by byte with Buffer, not with our encoder.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LABELS, decode, encode, nakFor, type Message } from '../../harness/model/prod/index.ts';
import { fromHex, toHex } from '../../harness/util/bytes.ts';
import { prodFile } from './support.ts';

/** ewxrjk/secnet magic.h. */
const MAGIC_H = { NAK: 0x00000000, MSG0: 0x00020200, MSG1: 0x01010101, MSG2: 0x02020202, MSG3: 0x03030303, MSG4: 0x04040404, MSG5: 0x05050505, MSG6: 0x06060606, MSG9: 0x09090909, PROD: 0x0a0a0a0a };

const be32 = (x: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(x);
  return b;
};
/** util.c buf_append_string: u16 length (network order) then the bytes. */
const str = (s: string | Buffer) => {
  const body = Buffer.isBuffer(s) ? s : Buffer.from(s, 'latin1');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(body.length);
  return Buffer.concat([len, body]);
};
const ALPHA = { name: Buffer.from('alpha'), extra: new Uint8Array(0) };
const BRAVO = { name: Buffer.from('bravo'), extra: new Uint8Array(0) };

describe('prod codec', () => {
  it('labels are magic.h\'s', () => {
    for (const [k, v] of Object.entries(MAGIC_H)) assert.equal(LABELS[k as keyof typeof LABELS], v, k);
  });

  it('PROD is header(0,0,LABEL_PROD) | localname | remotename (site.c generate_prod), as in the committed KAT', () => {
    const want = Buffer.concat([be32(0), be32(0), be32(MAGIC_H.PROD), str('alpha'), str('bravo')]);
    assert.equal(toHex(encode({ label: 'PROD', dest: 0, source: 0, sender: ALPHA, receiver: BRAVO })), want.toString('hex'));
    const kat = prodFile('prod-kat').testGroups[0].tests[0] as unknown as { expected: { packet: string } };
    assert.equal(kat.expected.packet, want.toString('hex'));
  });

  it('a NAK answers with dest = their index, source = our index (util.c send_nak)', () => {
    const msg0 = Buffer.concat([be32(7), be32(1), be32(MAGIC_H.MSG0), Buffer.alloc(20, 0xaa)]);
    assert.equal(toHex(nakFor(msg0)), Buffer.concat([be32(1), be32(7), be32(0)]).toString('hex'));
  });

  it('a name with extra data carries name || NUL || extra under one length (site.c append_string_xinfo_done)', () => {
    const want = Buffer.concat([be32(1), be32(7), be32(MAGIC_H.MSG2), str(Buffer.concat([Buffer.from('bravo'), Buffer.from([0]), be32(0x300)])), str('alpha'), Buffer.alloc(8, 1), Buffer.alloc(8, 2)]);
    const m: Message = { label: 'MSG2', dest: 1, source: 7, sender: { name: Buffer.from('bravo'), extra: be32(0x300) }, receiver: ALPHA, nSender: new Uint8Array(8).fill(1), nReceiver: new Uint8Array(8).fill(2) };
    assert.equal(toHex(encode(m)), want.toString('hex'));
    const d = decode(want);
    assert.ok(d.ok && d.msg.label === 'MSG2' && d.msg.sender.capabilities === 0x300);
  });

  it('every malformed form has its reason', () => {
    const prod = Buffer.concat([be32(0), be32(0), be32(MAGIC_H.PROD), str('alpha'), str('bravo')]);
    const cases: [Buffer, string][] = [
      [prod.subarray(0, 11), 'TRUNCATED_HEADER'],
      [Buffer.concat([be32(0), be32(0), be32(0x0b0b0b0b)]), 'UNKNOWN_LABEL'],
      [prod.subarray(0, 13), 'TRUNCATED'],
      [prod.subarray(0, 16), 'NAME_PAST_END'],
      [Buffer.concat([prod, Buffer.from([0])]), 'TRAILING_BYTES'],
      [Buffer.concat([be32(0), be32(0), be32(MAGIC_H.PROD), str(Buffer.from('alpha\0\x01\x02\x03', 'latin1')), str('bravo')]), 'EXTRA_TOO_SHORT'],
    ];
    for (const [p, reason] of cases) assert.deepEqual((decode(p) as { reason: string }).reason, reason, reason);
  });

  it('decode never throws and gives a known verdict on arbitrary bytes and on mutated valid packets', () => {
    const reasons = new Set(['TRUNCATED_HEADER', 'UNKNOWN_LABEL', 'TRUNCATED', 'NAME_PAST_END', 'EXTRA_TOO_SHORT', 'TRAILING_BYTES']);
    const kat = prodFile('prod-kat').testGroups[0].tests.map((t) => (t as unknown as { expected: { packet: string } }).expected.packet);
    const check = (b: Uint8Array) => {
      const d = decode(b);
      if (!d.ok) assert.ok(reasons.has(d.reason), d.reason);
      else assert.deepEqual(encode(d.msg).length <= b.length, true);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => check(b)), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.constantFrom(...kat), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat({ max: 40 }), (hex, at, v, cut) => {
        const b = fromHex(hex);
        if (b.length) b[at % b.length] = v;
        check(b.subarray(0, Math.max(0, b.length - cut)));
      }),
      { numRuns: 2000 },
    );
  });

  it('encode then decode is the identity on PRODs with arbitrary names and extra data', () => {
    const name = fc.record({ name: fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((n) => !n.includes(0)), extra: fc.constantFrom(new Uint8Array(0), Uint8Array.of(0, 0, 0, 5), Uint8Array.of(0, 0, 0, 5, 1, 2, 3)) });
    fc.assert(
      fc.property(name, name, (s, r) => {
        const m: Message = { label: 'PROD', dest: 0, source: 0, sender: s, receiver: r };
        const d = decode(encode(m));
        assert.ok(d.ok && d.msg.label === 'PROD');
        assert.deepEqual([...d.msg.sender.name], [...s.name]);
        assert.deepEqual([...d.msg.receiver.extra], [...r.extra]);
      }),
      { numRuns: 500 },
    );
  });
});
