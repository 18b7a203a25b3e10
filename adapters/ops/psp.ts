// Adapter ops for PSP (adapters/protocol/psp.md): key derivation, packet codec (bare and
// in IP/UDP), and the device + socket model of the rekey series (RX assocs, TX keys,
// descriptors and deferred key deletion).
import {
  MASTER_KEY_LEN, MAX_CRYPT_OFF, PspDevice, PspSocket, VC_LEN, checkPacket, decap, deriveKey, encap, open, seal,
  type Descriptor, type HeaderFields, type Mode, type PspProfile, type PspVersion,
} from '../../harness/model/psp/index.ts';
import { readU32, readU64 } from '../../harness/util/bytes.ts';
import { enumArg, hexArg, intArg, objArg, toJson } from './args.ts';
import { OpError, S, type JsonObject, type JsonSchema, type OpContext, type OpDef } from './types.ts';

const DEV = 'pspdev';
const SOCK = 'pspsock';
const DESC = 'pspdesc';

const hex4 = S.hexN(4);
const versionS: JsonSchema = { enum: [0, 1, 2, 3] };
const masterKeys = { key0: S.hexN(MASTER_KEY_LEN), key1: S.hexN(MASTER_KEY_LEN) };
const invalid: JsonSchema = S.obj({ valid: { const: false }, reason: { type: 'string' } });
const bool: JsonSchema = { type: 'boolean' };

const keysArg = (a: JsonObject) => [hexArg(a, 'key0', MASTER_KEY_LEN), hexArg(a, 'key1', MASTER_KEY_LEN)] as const;
const spiArg = (a: JsonObject) => readU32(hexArg(a, 'spi', 4), 0);
const versionArg = (a: JsonObject, dflt?: PspVersion) => (a.version === undefined && dflt !== undefined ? dflt : (intArg(a, 'version', 0, 3) as PspVersion));
const boolArg = (a: JsonObject, k: string) => {
  if (a[k] === undefined) return false;
  if (typeof a[k] !== 'boolean') throw new OpError('BAD_REQUEST', `${k}: expected a boolean`);
  return a[k] as boolean;
};
const spiHex = (spi: number) => (spi >>> 0).toString(16).padStart(8, '0');
const ivHex = (iv: bigint) => iv.toString(16).padStart(16, '0');

/** Header fields a sender chooses (all but next header). */
function senderFields(a: JsonObject): Omit<HeaderFields, 'nextHeader'> {
  return {
    spi: spiArg(a),
    iv: readU64(hexArg(a, 'iv', 8), 0),
    version: versionArg(a),
    cryptOffset: intArg(a, 'cryptOffset', 0, MAX_CRYPT_OFF),
    s: boolArg(a, 's'),
    d: boolArg(a, 'd'),
    ...(a.vc === undefined ? {} : { vc: hexArg(a, 'vc', VC_LEN) }),
  };
}
const senderSchema = { ...masterKeys, spi: hex4, iv: S.hexN(8), version: versionS, cryptOffset: { type: 'integer', minimum: 0, maximum: MAX_CRYPT_OFF }, s: bool, d: bool, vc: S.hexN(VC_LEN) };
const senderRequired = ['key0', 'key1', 'spi', 'iv', 'version', 'cryptOffset'];

const PROFILE_KEYS = ['retransmitKey', 'rxRekeyPhaseCheck'] as const;
const profileSchema: JsonSchema = S.obj({ retransmitKey: { enum: ['instant', 'seqno'] }, rxRekeyPhaseCheck: bool }, []);
function profileArg(a: JsonObject): Partial<PspProfile> {
  const o = objArg(a, 'profile') ?? {};
  for (const k of Object.keys(o)) if (!(PROFILE_KEYS as readonly string[]).includes(k)) throw new OpError('BAD_REQUEST', `profile.${k}: unknown parameter`);
  return {
    ...(o.retransmitKey === undefined ? {} : { retransmitKey: enumArg(o, 'retransmitKey', ['instant', 'seqno'] as const) }),
    ...(o.rxRekeyPhaseCheck === undefined ? {} : { rxRekeyPhaseCheck: boolArg(o, 'rxRekeyPhaseCheck') }),
  };
}

const sock = (a: JsonObject, ctx: OpContext) => ctx.handles.get<PspSocket>(SOCK, a.sock);
const devState = S.obj({ generation: { type: 'integer', minimum: 0, maximum: 127 }, phase: { enum: [0, 1] }, deferTxKeyDel: bool });
const assocView: JsonSchema = { oneOf: [{ type: 'null' }, S.obj({ spi: hex4, generation: S.uint, stale: bool })] };
const sockState = S.obj({
  rx: S.obj({ current: assocView, previous: assocView }),
  peerTx: bool,
  counters: S.obj({ accepted: S.uint, authFailed: S.uint, stale: S.uint, unknownSpi: S.uint, malformed: S.uint }),
  tx: S.obj({
    keys: { type: 'array', items: S.obj({ spi: hex4, status: { enum: ['current', 'old', 'retiring', 'freed'] }, inFlight: S.uint }) },
    sndNxt: S.uint,
    sndUna: S.uint,
  }),
});

/** Model output to protocol JSON: SPIs as 8 hex digits, IVs as 16, bytes as hex. */
function out(v: Record<string, unknown>): JsonObject {
  const fix = (x: unknown, k?: string): unknown => {
    if (k === 'spi' && typeof x === 'number') return spiHex(x);
    if (k === 'iv' && typeof x === 'bigint') return ivHex(x);
    if (Array.isArray(x)) return x.map((e) => fix(e));
    if (x && typeof x === 'object' && !(x instanceof Uint8Array)) return Object.fromEntries(Object.entries(x).map(([kk, e]) => [kk, fix(e, kk)]));
    return x;
  };
  return toJson(fix(v)) as JsonObject;
}

const withState = (s: PspSocket, r: Record<string, unknown>) => out({ ...r, state: s.state() });
const statusResult = (extra: Record<string, JsonSchema>, statuses: string[]): JsonSchema =>
  S.obj({ status: { enum: statuses }, reason: { type: 'string' }, ...extra, events: S.events, state: sockState }, ['status', 'events', 'state']);

export const pspOps: OpDef[] = [
  {
    name: 'psp.derive',
    summary: 'Derived key of an SPI for a version: AES-256-CMAC SP800-108 counter mode under the master key SPI bit 31 selects.',
    args: S.obj({ ...masterKeys, spi: hex4, version: versionS }),
    result: S.obj({ key: { oneOf: [S.hexN(16), S.hexN(32)] } }),
    handler: (a) => out({ key: deriveKey(keysArg(a), spiArg(a), versionArg(a)) }),
  },
  {
    name: 'psp.encrypt',
    summary: 'Bare PSP packet (header, optional cookie, payload, ICV) for `payload` under the derived key.',
    args: S.obj({ ...senderSchema, nextHeader: { type: 'integer', minimum: 0, maximum: 255 }, payload: S.hex }, [...senderRequired, 'nextHeader', 'payload']),
    result: { oneOf: [S.obj({ valid: { const: true }, packet: S.hex }), invalid] },
    handler: (a) => {
      const f = { ...senderFields(a), nextHeader: intArg(a, 'nextHeader', 0, 255) };
      const r = seal(deriveKey(keysArg(a), f.spi, f.version), f, hexArg(a, 'payload'));
      return out(r.ok ? { valid: true, packet: r.packet } : { valid: false, reason: r.reason });
    },
  },
  {
    name: 'psp.decrypt',
    summary: 'Check, authenticate and decrypt a bare PSP packet with the receiver\'s master keys.',
    args: S.obj({ ...masterKeys, packet: S.hex }),
    result: {
      oneOf: [
        S.obj({
          valid: { const: true }, nextHeader: S.uint, version: versionS, spi: hex4, iv: S.hexN(8), s: bool, d: bool, v: bool,
          cryptOffset: S.uint, reserved: S.uint, ext: S.hex, vc: S.hexN(VC_LEN), payload: S.hex,
        }, ['valid', 'nextHeader', 'version', 'spi', 'iv', 's', 'd', 'v', 'cryptOffset', 'reserved', 'ext', 'payload']),
        invalid,
      ],
    },
    handler: (a) => {
      const packet = hexArg(a, 'packet');
      const c = checkPacket(packet);
      if (!c.ok) return { valid: false, reason: c.reason };
      const o = open(deriveKey(keysArg(a), c.header.spi, c.version), packet, c);
      if (!o.ok) return { valid: false, reason: o.reason };
      const h = o.header;
      return out({
        valid: true, nextHeader: h.nextHeader, version: c.version, spi: h.spi, iv: h.iv, s: h.s, d: h.d, v: h.v,
        cryptOffset: h.cryptOffset, reserved: h.reserved, ext: o.ext, vc: o.vc, payload: o.payload,
      });
    },
  },
  {
    name: 'psp.encap',
    summary: 'Encapsulate an IPv4/IPv6 packet in PSP over UDP 1000, transport or tunnel mode, laid out as google/psp psp_encrypt.',
    args: S.obj({ ...senderSchema, mode: { enum: ['transport', 'tunnel'] }, packet: S.hex }, [...senderRequired, 'mode', 'packet']),
    result: { oneOf: [S.obj({ valid: { const: true }, packet: S.hex }), invalid] },
    handler: (a) => {
      const f = senderFields(a);
      const r = encap(enumArg<Mode>(a, 'mode', ['transport', 'tunnel']), deriveKey(keysArg(a), f.spi, f.version), f, hexArg(a, 'packet'));
      return out(r.ok ? { valid: true, packet: r.packet } : { valid: false, reason: r.reason });
    },
  },
  {
    name: 'psp.decap',
    summary: 'Take an IPv4/IPv6 PSP packet apart with the receiver\'s master keys; returns the inner (tunnel) or restored (transport) packet.',
    args: S.obj({ ...masterKeys, packet: S.hex }),
    result: { oneOf: [S.obj({ valid: { const: true }, mode: { enum: ['transport', 'tunnel'] }, spi: hex4, version: versionS, packet: S.hex }), invalid] },
    handler: (a) => {
      const r = decap(keysArg(a), hexArg(a, 'packet'));
      return out(r.ok ? { valid: true, mode: r.mode, spi: r.spi, version: r.version, packet: r.packet } : { valid: false, reason: r.reason });
    },
  },
  {
    name: 'psp.dev_create',
    summary: 'A PSP device with master keys 0 and 1 at generation 0; deferTxKeyDel: the driver defers TX key deletion.',
    args: S.obj({ ...masterKeys, deferTxKeyDel: bool }, ['key0', 'key1']),
    result: S.obj({ handle: S.handle, state: devState }),
    handler: (a, ctx) => {
      const [k0, k1] = keysArg(a);
      const d = new PspDevice(k0, k1, boolArg(a, 'deferTxKeyDel'));
      return out({ handle: ctx.handles.add(DEV, d), state: d.state() });
    },
  },
  {
    name: 'psp.dev_rotate',
    summary: 'Rotate the device key: `key` replaces the older master key, the generation moves on (mod 128).',
    args: S.obj({ dev: S.handle, key: S.hexN(MASTER_KEY_LEN) }),
    result: S.obj({ events: S.events, state: devState }),
    handler: (a, ctx) => {
      const d = ctx.handles.get<PspDevice>(DEV, a.dev);
      const events = d.rotate(hexArg(a, 'key', MASTER_KEY_LEN));
      return out({ events, state: d.state() });
    },
  },
  {
    name: 'psp.sock_create',
    summary: 'A socket on a device using PSP `version` (default 1), with profile overrides.',
    args: S.obj({ dev: S.handle, version: versionS, profile: profileSchema }, ['dev']),
    result: S.obj({ handle: S.handle, state: sockState }),
    handler: (a, ctx) => {
      const s = new PspSocket(ctx.handles.get<PspDevice>(DEV, a.dev), versionArg(a, 1), profileArg(a));
      return out({ handle: ctx.handles.add(SOCK, s), state: s.state() });
    },
  },
  {
    name: 'psp.rx_assoc',
    summary: 'Allocate an SPI on the current device key and install its derived key as the socket\'s RX assoc.',
    args: S.obj({ sock: S.handle }),
    result: statusResult({ spi: hex4, key: S.hex }, ['installed', 'refused']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.rxAssoc() });
    },
  },
  {
    name: 'psp.rx_rekey',
    summary: 'RX rekey: a new SPI + key becomes current, current becomes previous, an older one is dropped.',
    args: S.obj({ sock: S.handle }),
    result: statusResult({ spi: hex4, key: S.hex }, ['installed', 'refused']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.rxRekey() });
    },
  },
  {
    name: 'psp.recv',
    summary: 'Receive a bare PSP packet: matched against the current assoc, then the previous one.',
    args: S.obj({ sock: S.handle, packet: S.hex }),
    result: S.obj({
      status: { enum: ['accepted', 'dropped'] }, reason: { type: 'string' }, assoc: { enum: ['current', 'previous'] }, spi: hex4,
      nextHeader: S.uint, plaintext: S.hex, tried: { type: 'array', items: { enum: ['current', 'previous'] } }, state: sockState,
    }, ['status', 'tried', 'state']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.recv(hexArg(a, 'packet')) });
    },
  },
  {
    name: 'psp.tx_assoc',
    summary: 'Install the TX key (SPI + derived key from the peer); needs an RX assoc.',
    args: S.obj({ sock: S.handle, spi: hex4, key: S.hex }),
    result: statusResult({}, ['installed', 'refused']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.txAssoc(spiArg(a), hexArg(a, 'key')) });
    },
  },
  {
    name: 'psp.tx_rekey',
    summary: 'TX rekey: the new key is used from the next send; the old one is freed now, or (deferred) after its last descriptor completes.',
    args: S.obj({ sock: S.handle, spi: hex4, key: S.hex }),
    result: statusResult({}, ['installed', 'refused']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.txRekey(spiArg(a), hexArg(a, 'key')) });
    },
  },
  {
    name: 'psp.send',
    summary: 'Send a TCP segment at sequence number `seq`: a descriptor (handle) referencing the key used, and the bare PSP packet.',
    args: S.obj({ sock: S.handle, seq: S.uint, payload: S.hex }),
    result: S.obj({
      handle: S.handle, status: { enum: ['sent', 'refused'] }, reason: { type: 'string' }, spi: hex4, iv: S.hexN(8), retransmit: bool, packet: S.hex,
      events: S.events, state: sockState,
    }, ['status', 'events', 'state']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      const r = s.send(intArg(a, 'seq'), hexArg(a, 'payload'));
      if (r.status !== 'sent') return withState(s, { ...r });
      const { descriptor, ...rest } = r;
      return withState(s, { handle: ctx.handles.add(DESC, { sock: s, d: descriptor }), ...rest, events: [] });
    },
  },
  {
    name: 'psp.tx_complete',
    summary: 'The driver completed a descriptor: its key reference is dropped (a deferred key may be freed now).',
    args: S.obj({ desc: S.handle }),
    result: statusResult({ spi: hex4 }, ['completed', 'refused']),
    handler: (a, ctx) => {
      const { sock: s, d } = ctx.handles.get<{ sock: PspSocket; d: Descriptor }>(DESC, a.desc);
      return withState(s, { ...s.txComplete(d) });
    },
  },
  {
    name: 'psp.ack',
    summary: 'The peer acknowledged every sequence number below `upTo` (frees keys kept for retransmits under the seqno profile).',
    args: S.obj({ sock: S.handle, upTo: S.uint }),
    result: statusResult({}, ['acked', 'refused']),
    handler: (a, ctx) => {
      const s = sock(a, ctx);
      return withState(s, { ...s.ack(intArg(a, 'upTo')) });
    },
  },
  {
    name: 'psp.sock_state',
    summary: 'Observe a socket without changing it.',
    args: S.obj({ sock: S.handle }),
    result: S.obj({ state: sockState }),
    handler: (a, ctx) => out({ state: sock(a, ctx).state() }),
  },
];

