// Adapter ops for OAP (adapters/protocol/oap.md): header codec, server and client with
// virtual time in nanoseconds (decimal strings, as the wire's u64 does not fit a JSON
// number), every ephemeral secret an argument.
import { KEX_ALGS, kexKeyPair, KexSecretError, type KexAlg } from '../../harness/crypto/kex.ts';
import { SIG_ALGS, SigKeyError, sigKeyFromSecret, type SigAlg } from '../../harness/crypto/sig.ts';
import {
  CIPHERS, DEFAULT_CONFIG, DIGESTS, EncodeError, EphemeralError, NO_ENCRYPTION, O7S_OAP_2026, OapClient, OapServer, TrustStore, cipherByName, decodeHeader,
  digestByName, encodeHeader, type Credentials, type Ephemeral, type OapProfile, type SecConfig,
} from '../../harness/model/oap/index.ts';
import { enumArg, hexArg, intArg, objArg, toJson } from './args.ts';
import { OpError, S, type JsonObject, type JsonSchema, type OpContext, type OpDef } from './types.ts';

const U64_MAX = (1n << 64n) - 1n;
const ns: JsonSchema = { type: 'string', pattern: '^[0-9]{1,20}$' };
const nid: JsonSchema = { type: 'integer', minimum: 0, maximum: 65535 };
const nameOrNull = (names: readonly string[]): JsonSchema => ({ oneOf: [{ enum: [...names] }, { type: 'null' }] });
const CIPHER_NAMES = CIPHERS.map((c) => c.name);
const DIGEST_NAMES = DIGESTS.map((d) => d.name);

const configSchema: JsonSchema = {
  oneOf: [
    { type: 'null' },
    S.obj({ kex: nameOrNull(KEX_ALGS), cipher: nameOrNull(CIPHER_NAMES), kdf: nameOrNull(DIGEST_NAMES), digest: nameOrNull(DIGEST_NAMES), kemMode: { enum: ['server', 'client'] } }, []),
  ],
};
const credentialsSchema = S.obj({ alg: { enum: [...SIG_ALGS] }, secret: S.hex, cert: S.hex });
const kemKeySchema = S.obj({ alg: { enum: KEX_ALGS.filter((a) => a.includes('ML')) }, secret: S.hex });
const profileSchema = S.obj({ replayTimerS: S.uint, slackMs: S.uint }, []);

function nsArg(a: JsonObject, k: string): bigint {
  const v = a[k];
  if (typeof v !== 'string' || !/^[0-9]{1,20}$/.test(v) || BigInt(v) > U64_MAX) throw new OpError('BAD_REQUEST', `${k}: expected nanoseconds as a decimal string below 2^64`);
  return BigInt(v);
}

const optHex = (a: JsonObject, k: string) => (a[k] === undefined ? undefined : hexArg(a, k));

function configArg(a: JsonObject): SecConfig {
  if (a.config === null) return { ...NO_ENCRYPTION };
  const o = objArg(a, 'config') ?? {};
  const pick = <T>(k: string, dflt: T, map: (s: string) => T | undefined): T => {
    if (!(k in o)) return dflt;
    if (o[k] === null) return null as T;
    const r = typeof o[k] === 'string' ? map(o[k] as string) : undefined;
    if (r === undefined) throw new OpError('BAD_REQUEST', `config.${k}: unknown value`);
    return r;
  };
  const nidOf = (v: number | null) => v ?? 0;
  return {
    kex: pick<KexAlg | null>('kex', DEFAULT_CONFIG.kex, (s) => KEX_ALGS.find((k) => k === s)),
    cipherNid: nidOf(pick<number | null>('cipher', DEFAULT_CONFIG.cipherNid, (s) => cipherByName(s)?.nid)),
    kdfNid: nidOf(pick<number | null>('kdf', DEFAULT_CONFIG.kdfNid, (s) => digestByName(s)?.nid)),
    digestNid: nidOf(pick<number | null>('digest', DEFAULT_CONFIG.digestNid, (s) => digestByName(s)?.nid)),
    kemMode: o.kemMode === undefined ? DEFAULT_CONFIG.kemMode : enumArg(o, 'kemMode', ['server', 'client'] as const),
  };
}

function credentialsArg(a: JsonObject): Credentials | undefined {
  const o = objArg(a, 'credentials');
  if (!o) return undefined;
  try {
    return { cert: hexArg(o, 'cert'), key: sigKeyFromSecret(enumArg<SigAlg>(o, 'alg', SIG_ALGS), hexArg(o, 'secret')) };
  } catch (e) {
    if (e instanceof SigKeyError) throw new OpError('BAD_REQUEST', `credentials: ${e.message}`);
    throw e;
  }
}

function trustArg(a: JsonObject): TrustStore {
  const v = a.trusted ?? [];
  if (!Array.isArray(v)) throw new OpError('BAD_REQUEST', 'trusted: expected an array of certificates');
  try {
    return new TrustStore(v.map((x, i) => hexArg({ [`trusted[${i}]`]: x }, `trusted[${i}]`)));
  } catch (e) {
    if (e instanceof RangeError) throw new OpError('BAD_REQUEST', `trusted: ${e.message}`);
    throw e;
  }
}

function profileArg(a: JsonObject): OapProfile {
  const o = objArg(a, 'profile');
  if (!o) return O7S_OAP_2026;
  return { ...O7S_OAP_2026, ...(o.replayTimerS !== undefined ? { replayTimerS: intArg(o, 'replayTimerS') } : {}), ...(o.slackMs !== undefined ? { slackMs: intArg(o, 'slackMs') } : {}) };
}

function ephemeralArg(a: JsonObject): Ephemeral {
  return { kexSecret: optHex(a, 'kexSecret'), encapsRandom: optHex(a, 'encapsRandom') };
}

/** Missing or unusable ephemeral input is the caller's mistake, not a verdict. */
function withEphemeral<R>(f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof EphemeralError) throw new OpError('BAD_REQUEST', e.message);
    throw e;
  }
}

const headerSchema = S.obj({
  id: S.hexN(16), timestamp: ns, cipherNid: nid, kdfNid: nid, mdNid: nid, kexFmt: { enum: [0, 1] }, kexRole: { enum: [0, 1] },
  crt: S.hex, kex: S.hex, data: S.hex, reqHash: S.hex, sig: S.hex,
});
const invalid = (reasons?: string[]): JsonSchema => S.obj({ valid: { const: false }, reason: reasons ? { enum: reasons } : { type: 'string' } });
const serverState = S.obj({ replayCache: S.uint });
const clientState = S.obj({ pending: { type: 'boolean' } });
const strOrNull: JsonSchema = { type: ['string', 'null'] };
const negotiated = { key: { oneOf: [S.hexN(32), { type: 'null' }] }, cipher: strOrNull, kdf: strOrNull, kex: strOrNull };

const srv = (a: JsonObject, ctx: OpContext) => ctx.handles.get<OapServer>('oap-server', a.srv);
const cli = (a: JsonObject, ctx: OpContext) => ctx.handles.get<OapClient>('oap-client', a.cli);

export const oapOps: OpDef[] = [
  {
    name: 'oap.decode',
    summary: 'Decode an OAP header: a request (reqMdNid 0) or a response to a request with that digest NID.',
    args: S.obj({ packet: S.hex, reqMdNid: nid }, ['packet']),
    result: { oneOf: [S.obj({ valid: { const: true }, header: headerSchema }), invalid()] },
    handler: (a) => {
      const req = a.reqMdNid === undefined ? 0 : intArg(a, 'reqMdNid', 0, 65535);
      if (req !== 0 && !DIGESTS.some((d) => d.nid === req)) throw new OpError('BAD_REQUEST', 'reqMdNid: not a digest NID');
      const d = decodeHeader(hexArg(a, 'packet'), req);
      if (!d.ok) return { valid: false, reason: d.reason };
      const { signed: _s, raw: _r, timestamp, ...h } = d.hdr;
      return toJson({ valid: true, header: { ...h, timestamp: timestamp.toString() } }) as JsonObject;
    },
  },
  {
    name: 'oap.encode',
    summary: 'Encode header fields as given (lengths from the fields; no signing): the packet.',
    args: headerSchema,
    result: S.obj({ packet: S.hex }),
    handler: (a) => {
      try {
        const packet = encodeHeader({
          id: hexArg(a, 'id', 16), timestamp: nsArg(a, 'timestamp'), cipherNid: intArg(a, 'cipherNid', 0, 65535), kdfNid: intArg(a, 'kdfNid', 0, 65535),
          mdNid: intArg(a, 'mdNid', 0, 65535), kexFmt: intArg(a, 'kexFmt', 0, 1) as 0 | 1, kexRole: intArg(a, 'kexRole', 0, 1) as 0 | 1,
          crt: hexArg(a, 'crt'), kex: hexArg(a, 'kex'), data: hexArg(a, 'data'), reqHash: hexArg(a, 'reqHash'), sig: hexArg(a, 'sig'),
        });
        return toJson({ packet }) as JsonObject;
      } catch (e) {
        if (e instanceof EncodeError) throw new OpError('BAD_REQUEST', e.message);
        throw e;
      }
    },
  },
  {
    name: 'oap.server.create',
    summary: 'An OAP server for `name`: configuration, optional credentials, trusted CAs, optional long-term KEM key.',
    args: S.obj({ name: { type: 'string' }, config: configSchema, credentials: credentialsSchema, trusted: { type: 'array', items: S.hex }, kemKey: kemKeySchema, profile: profileSchema }, ['name', 'config']),
    result: S.obj({ handle: S.handle, state: serverState }),
    handler: (a, ctx) => {
      const k = objArg(a, 'kemKey');
      let kemKey;
      try {
        kemKey = k ? kexKeyPair(enumArg<KexAlg>(k, 'alg', KEX_ALGS), hexArg(k, 'secret')) : undefined;
      } catch (e) {
        if (e instanceof KexSecretError) throw new OpError('BAD_REQUEST', `kemKey: ${e.message}`);
        throw e;
      }
      const s = new OapServer({ name: String(a.name), config: configArg(a), credentials: credentialsArg(a), trust: trustArg(a) }, profileArg(a), kemKey);
      return toJson({ handle: ctx.handles.add('oap-server', s), state: s.state() }) as JsonObject;
    },
  },
  {
    name: 'oap.server.process',
    summary: 'Process a request at virtual time `now` (ns); `kexSecret` / `encapsRandom` feed the exchange; `data` is piggybacked.',
    args: S.obj({ srv: S.handle, request: S.hex, now: ns, kexSecret: S.hex, encapsRandom: S.hex, data: S.hex }, ['srv', 'request', 'now']),
    result: {
      oneOf: [
        S.obj({ status: { const: 'accepted' }, response: S.hex, ...negotiated, kemMode: { enum: ['server', 'client', null] }, peer: { type: 'string' }, authenticated: { type: 'boolean' }, data: S.hex, events: S.events, state: serverState }),
        S.obj({ status: { const: 'rejected' }, stage: { enum: ['decode', 'freshness', 'auth', 'kex'] }, reason: { type: 'string' }, events: S.events, state: serverState }),
      ],
    },
    handler: (a, ctx) => {
      const s = srv(a, ctx);
      const before = s.state().replayCache;
      const r = withEphemeral(() => s.process(hexArg(a, 'request'), nsArg(a, 'now'), ephemeralArg(a), optHex(a, 'data')));
      const state = s.state();
      const remembered = r.status === 'accepted' || (r.stage !== 'decode' && r.stage !== 'freshness');
      return toJson({ ...r, events: remembered ? [{ type: 'REPLAY_REMEMBERED', purged: before + 1 - state.replayCache }] : [], state }) as JsonObject;
    },
  },
  {
    name: 'oap.client.create',
    summary: 'An OAP client allocating a flow to `name`; `serverKemKey` is the server KEM key (as sent) for kem_mode client.',
    args: S.obj({ name: { type: 'string' }, config: configSchema, credentials: credentialsSchema, trusted: { type: 'array', items: S.hex }, serverKemKey: S.hex }, ['name', 'config']),
    result: S.obj({ handle: S.handle, state: clientState }),
    handler: (a, ctx) => {
      const c = new OapClient({ name: String(a.name), config: configArg(a), credentials: credentialsArg(a), trust: trustArg(a) }, optHex(a, 'serverKemKey'));
      return toJson({ handle: ctx.handles.add('oap-client', c), state: c.state() }) as JsonObject;
    },
  },
  {
    name: 'oap.client.request',
    summary: 'Prepare a request with flow id `id` at virtual time `now` (ns); replaces any pending request.',
    args: S.obj({ cli: S.handle, id: S.hexN(16), now: ns, kexSecret: S.hex, encapsRandom: S.hex, data: S.hex }, ['cli', 'id', 'now']),
    result: {
      oneOf: [
        S.obj({ status: { const: 'prepared' }, request: S.hex, state: clientState }),
        S.obj({ status: { const: 'failed' }, reason: { type: 'string' }, state: clientState }),
      ],
    },
    handler: (a, ctx) => {
      const c = cli(a, ctx);
      const r = withEphemeral(() => c.prepare(hexArg(a, 'id', 16), nsArg(a, 'now'), ephemeralArg(a), optHex(a, 'data')));
      return toJson({ ...r, state: c.state() }) as JsonObject;
    },
  },
  {
    name: 'oap.client.complete',
    summary: 'Complete the pending request with the server response at virtual time `now` (ns); the pending request is consumed.',
    args: S.obj({ cli: S.handle, response: S.hex, now: ns }),
    result: {
      oneOf: [
        S.obj({ status: { const: 'completed' }, ...negotiated, peer: { type: 'string' }, authenticated: { type: 'boolean' }, data: S.hex, state: clientState }),
        S.obj({ status: { const: 'rejected' }, reason: { type: 'string' }, state: clientState }),
      ],
    },
    handler: (a, ctx) => {
      const c = cli(a, ctx);
      const r = c.complete(hexArg(a, 'response'), nsArg(a, 'now'));
      return toJson({ ...r, state: c.state() }) as JsonObject;
    },
  },
];
