// prod.decode on mutated secnet messages: header, label, names (u16 length, NUL and
// extra data), nonces, pk/sig strings. The wire has no MAC of its own at this layer.
import { encode, senderExtra, HEADER_LEN, NONCE_LEN } from '../../model/prod/wire.ts';
import { toHex, utf8 } from '../../util/bytes.ts';
import type { Field, OopTarget } from '../types.ts';

export function prodFields(b: Uint8Array): Field[] {
  const f: Field[] = [
    { name: 'dest', off: 0, len: 4, kind: 'value' },
    { name: 'source', off: 4, len: 4, kind: 'value' },
    { name: 'label', off: 8, len: 4, kind: 'value' },
  ];
  // Walk length-prefixed strings as far as they go; nonces are guessed between them.
  let o = HEADER_LEN;
  for (let i = 0; i < 4 && o + 2 <= b.length; i++) {
    const len = (b[o] << 8) | b[o + 1];
    f.push({ name: `str${i}.len`, off: o, len: 2, kind: 'len' }, { name: `str${i}`, off: o + 2, len: Math.min(len, b.length - o - 2), kind: 'bytes' });
    o += 2 + len;
    if (i === 1) o += 2 * NONCE_LEN;
  }
  return f;
}

const a = { name: utf8('alice'), extra: new Uint8Array(0) };
const b = { name: utf8('bob'), extra: new Uint8Array(0) };
const n8 = new Uint8Array(8).fill(1);

export const prodParse: OopTarget = {
  name: 'prod-parse',
  description: 'prod.decode on mutated secnet messages (labels, names with extra data, nonces, trailing bytes)',
  setup: [],
  seeds: () =>
    [
      encode({ label: 'PROD', dest: 0, source: 0, sender: a, receiver: b }),
      encode({ label: 'NAK', dest: 1, source: 2, body: new Uint8Array(0) }),
      encode({ label: 'MSG1', dest: 0, source: 7, sender: a, receiver: b, nSender: n8 }),
      encode({ label: 'MSG2', dest: 7, source: 9, sender: { ...a, extra: senderExtra('MSG2', 0x0f, 1400) }, receiver: b, nSender: n8, nReceiver: n8 }),
      encode({ label: 'MSG3', dest: 9, source: 7, sender: { ...a, extra: senderExtra('MSG3', 0x0f, 1400) }, receiver: b, nSender: n8, nReceiver: n8, pk: utf8('pk'), sig: utf8('sig') }),
    ].map((bytes) => ({ bytes, reseal: false })),
  fields: prodFields,
  calls: (g) => [{ op: 'prod.decode', args: { packet: toHex(g.bytes) } }],
  verdict: (r) => ({ accept: r.valid === true, reason: r.valid === true ? '' : String(r.reason) }),
};
