// secnet wire forms for the PROD mechanism. Facts from ewxrjk/secnet:
//  - magic.h: the label values below;
//  - site.c (generate_msg, unpick_msg, unpick_name, generate_prod): a 12-byte
//    header dest u32 | source u32 | label u32, big-endian; names are u16 length +
//    bytes; a NUL inside a name ends it and the bytes after the NUL are "extra
//    data" (the sender's: capabilities u32, then for MSG3/MSG4 an MTU u16);
//    PROD = header(0, 0, PROD) | name(A) | name(B) with nothing after.
// The key exchange's cryptography is abstract here: MSG3/MSG4 carry opaque
// pk/sig strings, and MSG0/MSG5/MSG6 an opaque payload.
import { concat, readU16, readU32, u16be, u32be } from '../../util/bytes.ts';

export const LABELS = {
  NAK: 0x00000000,
  MSG0: 0x00020200,
  MSG1: 0x01010101,
  MSG2: 0x02020202,
  MSG3: 0x03030303,
  MSG4: 0x04040404,
  MSG5: 0x05050505,
  MSG6: 0x06060606,
  MSG9: 0x09090909,
  PROD: 0x0a0a0a0a,
} as const;

export type LabelName = 'NAK' | 'MSG0' | 'MSG1' | 'MSG2' | 'MSG3' | 'MSG4' | 'MSG5' | 'MSG6' | 'PROD';
const WIRE_LABELS: readonly LabelName[] = ['NAK', 'MSG0', 'MSG1', 'MSG2', 'MSG3', 'MSG4', 'MSG5', 'MSG6', 'PROD'];

export const HEADER_LEN = 12;
export const NONCE_LEN = 8;

export function labelName(v: number): LabelName | undefined {
  return WIRE_LABELS.find((n) => LABELS[n] === v);
}

/** A name as on the wire: the bytes before any NUL, and the bytes after it. */
export interface WireName {
  name: Uint8Array;
  extra: Uint8Array;
}

/** The sender's extra data, decoded (site.c unpick_msg). */
export interface SenderInfo extends WireName {
  capabilities?: number;
  mtu?: number;
}

export type Message =
  | { label: 'NAK'; dest: number; source: number; body: Uint8Array }
  | { label: 'MSG0' | 'MSG5' | 'MSG6'; dest: number; source: number; payload: Uint8Array }
  | { label: 'PROD'; dest: number; source: number; sender: SenderInfo; receiver: WireName }
  | { label: 'MSG1'; dest: number; source: number; sender: SenderInfo; receiver: WireName; nSender: Uint8Array }
  | { label: 'MSG2'; dest: number; source: number; sender: SenderInfo; receiver: WireName; nSender: Uint8Array; nReceiver: Uint8Array }
  | {
      label: 'MSG3' | 'MSG4'; dest: number; source: number; sender: SenderInfo; receiver: WireName;
      nSender: Uint8Array; nReceiver: Uint8Array; pk: Uint8Array; sig: Uint8Array;
    };

export type DecodeReason =
  | 'TRUNCATED_HEADER' // fewer than 12 bytes
  | 'UNKNOWN_LABEL'
  | 'TRUNCATED' // a fixed field (name length, nonce, pk/sig length) runs past the end
  | 'NAME_PAST_END' // a name's length runs past the end
  | 'EXTRA_TOO_SHORT' // sender's extra data present but shorter than capabilities (or MTU)
  | 'TRAILING_BYTES'; // bytes left after the last field

export type Decoded = { ok: true; msg: Message } | { ok: false; reason: DecodeReason; label?: LabelName };

/** Encode a name: with extra data, name || NUL || extra and the length covers it all. */
export function encodeName(n: WireName): Uint8Array {
  const body = n.extra.length ? concat(n.name, Uint8Array.of(0), n.extra) : n.name;
  return concat(u16be(body.length), body);
}

const str = (b: Uint8Array) => concat(u16be(b.length), b);

export function encodeHeader(dest: number, source: number, label: number): Uint8Array {
  return concat(u32be(dest), u32be(source), u32be(label));
}

export function encode(m: Message): Uint8Array {
  const h = encodeHeader(m.dest, m.source, LABELS[m.label]);
  switch (m.label) {
    case 'NAK':
      return concat(h, m.body);
    case 'MSG0':
    case 'MSG5':
    case 'MSG6':
      return concat(h, m.payload);
    case 'PROD':
      return concat(h, encodeName(m.sender), encodeName(m.receiver));
    case 'MSG1':
      return concat(h, encodeName(m.sender), encodeName(m.receiver), m.nSender);
    case 'MSG2':
      return concat(h, encodeName(m.sender), encodeName(m.receiver), m.nSender, m.nReceiver);
    case 'MSG3':
    case 'MSG4':
      return concat(h, encodeName(m.sender), encodeName(m.receiver), m.nSender, m.nReceiver, str(m.pk), str(m.sig));
  }
}

/** Sender extra data as secnet writes it: capabilities always except in MSG1, MTU in MSG3/MSG4. */
export function senderExtra(label: LabelName, capabilities: number, mtu: number): Uint8Array {
  if (label === 'MSG1' || label === 'PROD') return new Uint8Array(0);
  return label === 'MSG3' || label === 'MSG4' ? concat(u32be(capabilities), u16be(mtu)) : u32be(capabilities);
}

class Reader {
  o = 0;
  constructor(readonly b: Uint8Array) {}
  get left(): number {
    return this.b.length - this.o;
  }
  take(n: number): Uint8Array | null {
    if (this.left < n) return null;
    const r = this.b.subarray(this.o, this.o + n);
    this.o += n;
    return r;
  }
}

type Step<T> = { ok: true; v: T } | { ok: false; reason: DecodeReason };

function readName(r: Reader): Step<WireName> {
  const len = r.take(2);
  if (!len) return { ok: false, reason: 'TRUNCATED' };
  const body = r.take(readU16(len, 0));
  if (!body) return { ok: false, reason: 'NAME_PAST_END' };
  const nul = body.indexOf(0);
  return { ok: true, v: nul < 0 ? { name: body.slice(), extra: new Uint8Array(0) } : { name: body.slice(0, nul), extra: body.slice(nul + 1) } };
}

function readSenderInfo(label: LabelName, n: WireName): Step<SenderInfo> {
  const x = n.extra;
  if (!x.length) return { ok: true, v: n };
  if (x.length < 4) return { ok: false, reason: 'EXTRA_TOO_SHORT' };
  const info: SenderInfo = { ...n, capabilities: readU32(x, 0) };
  if ((label === 'MSG3' || label === 'MSG4') && x.length > 4) {
    if (x.length < 6) return { ok: false, reason: 'EXTRA_TOO_SHORT' };
    info.mtu = readU16(x, 4);
  }
  return { ok: true, v: info };
}

function readStr(r: Reader): Uint8Array | null {
  const len = r.take(2);
  return len && r.take(readU16(len, 0));
}

/** Parse one packet. Never throws: every malformed form is a reason. */
export function decode(packet: Uint8Array): Decoded {
  if (packet.length < HEADER_LEN) return { ok: false, reason: 'TRUNCATED_HEADER' };
  const dest = readU32(packet, 0);
  const source = readU32(packet, 4);
  const label = labelName(readU32(packet, 8));
  if (!label) return { ok: false, reason: 'UNKNOWN_LABEL' };
  // A private copy: Buffer.slice does not copy, so a Buffer input would alias the fields.
  const r = new Reader(new Uint8Array(packet.subarray(HEADER_LEN)));
  const fail = (reason: DecodeReason): Decoded => ({ ok: false, reason, label });
  if (label === 'NAK') return { ok: true, msg: { label, dest, source, body: r.b.slice() } };
  if (label === 'MSG0' || label === 'MSG5' || label === 'MSG6') return { ok: true, msg: { label, dest, source, payload: r.b.slice() } };

  const s = readName(r);
  if (!s.ok) return fail(s.reason);
  const sender = readSenderInfo(label, s.v);
  if (!sender.ok) return fail(sender.reason);
  const rc = readName(r);
  if (!rc.ok) return fail(rc.reason);
  const base = { dest, source, sender: sender.v, receiver: rc.v };
  const done = (msg: Message): Decoded => (r.left ? fail('TRAILING_BYTES') : { ok: true, msg });
  if (label === 'PROD') return done({ label, ...base });

  const nSender = r.take(NONCE_LEN);
  if (!nSender) return fail('TRUNCATED');
  if (label === 'MSG1') return done({ label, ...base, nSender: nSender.slice() });
  const nReceiver = r.take(NONCE_LEN);
  if (!nReceiver) return fail('TRUNCATED');
  if (label === 'MSG2') return done({ label, ...base, nSender: nSender.slice(), nReceiver: nReceiver.slice() });
  const pk = readStr(r);
  const sig = pk && readStr(r);
  if (!pk || !sig) return fail('TRUNCATED');
  return done({ label, ...base, nSender: nSender.slice(), nReceiver: nReceiver.slice(), pk: pk.slice(), sig: sig.slice() });
}

/** Byte-wise name comparison as site.c name_matches: the part before any NUL must equal exactly. */
export function nameMatches(n: WireName, expected: Uint8Array): boolean {
  return n.name.length === expected.length && n.name.every((x, i) => x === expected[i]);
}
