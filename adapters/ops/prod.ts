// Adapter ops for secnet PROD (adapters/protocol/prod.md): the wire codec and a site
// driven by events on a virtual clock.
import {
  ConfigError, PROFILES, PROFILE_NAMES, SITE_STATES, Site, decode, encode, makeConfig, type LabelName, type Message, type SiteConfig,
} from '../../harness/model/prod/index.ts';
import { enumArg, hexArg, intArg, objArg, optIntArg, toJson } from './args.ts';
import { OpError, S, type JsonObject, type JsonSchema, type OpContext, type OpDef } from './types.ts';

const LABEL_NAMES: LabelName[] = ['NAK', 'MSG0', 'MSG1', 'MSG2', 'MSG3', 'MSG4', 'MSG5', 'MSG6', 'PROD'];
const u32 = { type: 'integer', minimum: 0, maximum: 0xffffffff } as JsonSchema;
const nameSchema = S.obj({ name: S.hex, extra: S.hex, capabilities: u32, mtu: S.uint }, ['name', 'extra']);

/** A message as JSON: the fields its label has, bytes as hex (the same shape decode returns). */
const messageSchema: JsonSchema = S.obj(
  {
    label: { enum: LABEL_NAMES }, dest: u32, source: u32, sender: nameSchema, receiver: nameSchema,
    nSender: S.hexN(8), nReceiver: S.hexN(8), pk: S.hex, sig: S.hex, payload: S.hex, body: S.hex,
  },
  ['label', 'dest', 'source'],
);

const FIELDS: Record<LabelName, string[]> = {
  NAK: ['body'],
  MSG0: ['payload'], MSG5: ['payload'], MSG6: ['payload'],
  PROD: ['sender', 'receiver'],
  MSG1: ['sender', 'receiver', 'nSender'],
  MSG2: ['sender', 'receiver', 'nSender', 'nReceiver'],
  MSG3: ['sender', 'receiver', 'nSender', 'nReceiver', 'pk', 'sig'],
  MSG4: ['sender', 'receiver', 'nSender', 'nReceiver', 'pk', 'sig'],
};

function nameArg(o: JsonObject, k: string) {
  const n = objArg(o, k);
  if (!n) throw new OpError('BAD_REQUEST', `message.${k}: required for this label`);
  return { name: hexArg(n, 'name'), extra: hexArg(n, 'extra') };
}

function messageArg(a: JsonObject): Message {
  const o = objArg(a, 'message');
  if (!o) throw new OpError('BAD_REQUEST', 'message: required');
  const label = enumArg(o, 'label', LABEL_NAMES);
  const m: Record<string, unknown> = { label, dest: intArg(o, 'dest', 0, 0xffffffff), source: intArg(o, 'source', 0, 0xffffffff) };
  for (const f of FIELDS[label]) {
    if (f === 'sender' || f === 'receiver') m[f] = nameArg(o, f);
    else m[f] = hexArg(o, f, f.startsWith('n') ? 8 : undefined);
  }
  if (m.pk && (m.pk as Uint8Array).length > 0xffff) throw new OpError('BAD_REQUEST', 'message.pk: longer than a u16 length allows');
  return m as unknown as Message;
}

const CONFIG_INT_KEYS = ['index', 'setupTimeout', 'setupRetries', 'waitTime', 'keyLifetime', 'renegotiateTime', 'resolveMs', 'capabilities', 'mtu'] as const;
const configSchema: JsonSchema = S.obj(
  {
    localName: { type: 'string', minLength: 1 }, remoteName: { type: 'string', minLength: 1 },
    peerAddress: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] }, mobile: { type: 'boolean' }, seed: { type: 'string' },
    ...Object.fromEntries(CONFIG_INT_KEYS.map((k) => [k, S.uint])),
  },
  ['localName', 'remoteName', 'index'],
);

function configArg(a: JsonObject): SiteConfig {
  const o = objArg(a, 'config');
  if (!o) throw new OpError('BAD_REQUEST', 'config: required');
  const known = Object.keys((configSchema as { properties: object }).properties);
  for (const k of Object.keys(o)) if (!known.includes(k)) throw new OpError('BAD_REQUEST', `config.${k}: unknown key`);
  for (const k of ['localName', 'remoteName', 'seed'] as const)
    if (o[k] !== undefined && typeof o[k] !== 'string') throw new OpError('BAD_REQUEST', `config.${k}: expected a string`);
  if (o.peerAddress !== undefined && o.peerAddress !== null && typeof o.peerAddress !== 'string') throw new OpError('BAD_REQUEST', 'config.peerAddress: expected a string or null');
  if (o.mobile !== undefined && typeof o.mobile !== 'boolean') throw new OpError('BAD_REQUEST', 'config.mobile: expected a boolean');
  for (const k of CONFIG_INT_KEYS) if (o[k] !== undefined) intArg(o, k);
  try {
    return makeConfig(o as unknown as Parameters<typeof makeConfig>[0]);
  } catch (e) {
    if (e instanceof ConfigError) throw new OpError('BAD_REQUEST', `config: ${e.message}`);
    throw e;
  }
}

/** The effective timers (secnet's defaults filled in), so a vector checks the defaults. */
const TIMER_KEYS = ['setupTimeout', 'setupRetries', 'waitTime', 'keyLifetime', 'renegotiateTime'] as const;
const stateSchema = S.obj({ state: { enum: SITE_STATES }, keyHeld: { type: 'boolean' }, allowSendProd: { type: 'boolean' }, now: S.now, nextTimer: { oneOf: [S.now, { type: 'null' }] } });
const packetsSchema: JsonSchema = { type: 'array', items: S.obj({ to: { type: 'string' }, label: { enum: LABEL_NAMES }, packet: S.hex, at: S.now }) };
const report = { packets: packetsSchema, events: S.events, state: stateSchema };

function siteArg(a: JsonObject, ctx: OpContext): Site {
  return ctx.handles.get<Site>('prod-site', a.site);
}

/** Virtual time may not go backwards on one site. */
function nowArg(a: JsonObject, site: Site): number {
  const now = intArg(a, 'now');
  if (now < site.snapshot().now) throw new OpError('BAD_REQUEST', `now: ${now} is before the site's clock ${site.snapshot().now}`);
  return now;
}

const withState = (site: Site, r: object) => toJson({ ...r, state: site.snapshot() }) as JsonObject;

export const prodOps: OpDef[] = [
  {
    name: 'prod.encode',
    summary: 'Encode one secnet message (header, names, nonces, opaque fields).',
    args: S.obj({ message: messageSchema }),
    result: S.obj({ packet: S.hex }),
    handler: (a) => toJson({ packet: encode(messageArg(a)) }) as JsonObject,
  },
  {
    name: 'prod.decode',
    summary: 'Decode one packet; a malformed one gives valid:false and a reason.',
    args: S.obj({ packet: S.hex }),
    result: { oneOf: [S.obj({ valid: { const: true }, message: messageSchema }), S.obj({ valid: { const: false }, reason: { type: 'string' }, label: { enum: LABEL_NAMES } }, ['valid', 'reason'])] },
    handler: (a) => {
      const d = decode(hexArg(a, 'packet'));
      return toJson(d.ok ? { valid: true, message: d.msg } : { valid: false, reason: d.reason, label: d.label }) as JsonObject;
    },
  },
  {
    name: 'prod.createSite',
    summary: 'A site (our end of a tunnel to one peer) with a profile and configuration, started (RUN) unless run is false.',
    args: S.obj({ profile: { enum: PROFILE_NAMES }, config: configSchema, now: S.now, run: { type: 'boolean' } }, ['profile', 'config']),
    result: S.obj({ handle: S.handle, timers: S.obj(Object.fromEntries(TIMER_KEYS.map((k) => [k, S.uint]))), state: stateSchema }),
    handler: (a, ctx) => {
      const profile = PROFILES[enumArg(a, 'profile', PROFILE_NAMES)];
      if (a.run !== undefined && typeof a.run !== 'boolean') throw new OpError('BAD_REQUEST', 'run: expected a boolean');
      const config = configArg(a);
      const site = new Site(profile, config, optIntArg(a, 'now', 0), a.run !== false);
      const timers = Object.fromEntries(TIMER_KEYS.map((k) => [k, config[k]]));
      return toJson({ handle: ctx.handles.add('prod-site', site), timers, state: site.snapshot() }) as JsonObject;
    },
  },
  {
    name: 'prod.outgoing',
    summary: 'The tunnel hands the site a data packet for the peer at virtual time now.',
    args: S.obj({ site: S.handle, now: S.now, data: S.hex }),
    result: S.obj({ outcome: { enum: ['sent', 'discarded'] }, reason: { type: 'string' }, ...report }),
    handler: (a, ctx) => {
      const site = siteArg(a, ctx);
      return withState(site, site.outgoing(nowArg(a, site), hexArg(a, 'data')));
    },
  },
  {
    name: 'prod.incoming',
    summary: 'A UDP packet arrives from address `from` at virtual time now.',
    args: S.obj({ site: S.handle, now: S.now, packet: S.hex, from: { type: 'string', minLength: 1 } }),
    result: S.obj({ outcome: { enum: ['processed', 'dropped', 'unclaimed'] }, reason: { type: 'string' }, ...report }),
    handler: (a, ctx) => {
      const site = siteArg(a, ctx);
      if (typeof a.from !== 'string' || !a.from) throw new OpError('BAD_REQUEST', 'from: expected a non-empty string');
      return withState(site, site.incoming(nowArg(a, site), hexArg(a, 'packet'), a.from));
    },
  },
  {
    name: 'prod.advance',
    summary: 'Let virtual time pass to now: retransmissions, WAIT expiry, resolution, key expiry.',
    args: S.obj({ site: S.handle, now: S.now }),
    result: S.obj(report),
    handler: (a, ctx) => {
      const site = siteArg(a, ctx);
      return withState(site, site.advance(nowArg(a, site)));
    },
  },
  {
    name: 'prod.control',
    summary: 'Start (run: true, enters RUN) or stop (run: false, enters STOP and deletes keys) the site.',
    args: S.obj({ site: S.handle, now: S.now, run: { type: 'boolean' } }),
    result: S.obj(report),
    handler: (a, ctx) => {
      const site = siteArg(a, ctx);
      if (typeof a.run !== 'boolean') throw new OpError('BAD_REQUEST', 'run: expected a boolean');
      return withState(site, site.control(nowArg(a, site), a.run));
    },
  },
  {
    name: 'prod.state',
    summary: 'Observe the site without changing it.',
    args: S.obj({ site: S.handle }),
    result: S.obj({ state: stateSchema }),
    handler: (a, ctx) => toJson({ state: siteArg(a, ctx).snapshot() }) as JsonObject,
  },
];
