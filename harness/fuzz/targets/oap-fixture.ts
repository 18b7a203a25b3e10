// The OAP servers and clients the OAP fuzz targets talk to (as op arguments, from the
// suites' test PKI): requests the model's clients make for the servers, the responses the
// servers (and variants signing with other certificates) give, and the server's ephemeral
// secrets for whatever key exchange a (mutated) request leads it to run.
import { ReferenceEngine } from '../../../adapters/reference/engine.ts';
import type { JsonObject } from '../../../adapters/ops/types.ts';
import { Drbg } from '../../crypto/index.ts';
import type { KexAlg } from '../../crypto/kex.ts';
import { CLIENT_NAME, SERVER_NAME, decodeHeader, serverKexAlgorithm } from '../../model/oap/index.ts';
import { T0, at, cfg, creds, ephemeral, pki, serverKemKey, trusted } from '../../suites/oap-common.ts';
import { fromHex, toHex, utf8 } from '../../util/bytes.ts';

/** Every seed request is made at this virtual time; servers answer 3 ms and clients complete 6 ms later, as the OAP scenarios do. */
export const ANCHOR = T0;
export const SERVER_NOW = ANCHOR + 3_000_000n;
export const CLIENT_NOW = ANCHOR + 6_000_000n;

/** Server 0 runs X25519 (or the client's stronger choice); server 1 holds an ML-KEM-768 key for clients that encapsulate. */
export const SERVER_KEX: readonly KexAlg[] = ['X25519', 'ML-KEM-768'];

const kem = serverKemKey(new Drbg('fuzz oap-server/kem key'), SERVER_KEX[1]);
const trust = [...trusted('ecdsa-p256'), ...trusted('ml-dsa-44')];

/** `oap.server.create` arguments of each server. */
export const OAP_SERVERS: readonly JsonObject[] = [
  { name: SERVER_NAME, config: cfg(SERVER_KEX[0]), credentials: creds(pki('ecdsa-p256').server), trusted: trust },
  { name: SERVER_NAME, config: cfg(SERVER_KEX[1], { kemMode: 'client' }), credentials: creds(pki('ecdsa-p256').server), trusted: trust, kemKey: kem.arg },
];

export interface SeedRequest {
  what: string;
  server: 0 | 1;
  request: Uint8Array;
  /** The client that made it: `oap.client.create` args, and `oap.client.request` args without `cli`. */
  client: { create: JsonObject; request: JsonObject };
}

interface ClientSpec {
  what: string;
  server: 0 | 1;
  kex: KexAlg | null;
  sign?: 'ecdsa-p256' | 'ml-dsa-44';
  /** The certificate signed with (default: the PKI's client certificate). */
  cert?: 'expiredServer' | 'strangerServer';
  kemMode?: 'client';
  kdf?: string;
  data?: string;
}

const CLIENTS: ClientSpec[] = [
  { what: 'X25519, signed ECDSA P-256', server: 0, kex: 'X25519', sign: 'ecdsa-p256' },
  { what: 'X25519, anonymous, piggybacked data', server: 0, kex: 'X25519', data: 'hello oap' },
  { what: 'X448, signed ML-DSA-44', server: 0, kex: 'X448', sign: 'ml-dsa-44' },
  { what: 'prime256v1 (weaker than configured), anonymous', server: 0, kex: 'prime256v1' },
  { what: 'ML-KEM-768 key, server encapsulates, signed', server: 0, kex: 'ML-KEM-768', sign: 'ecdsa-p256' },
  { what: 'X25519MLKEM768 raw key, server encapsulates, anonymous', server: 0, kex: 'X25519MLKEM768' },
  { what: 'no key exchange, signed', server: 0, kex: null, sign: 'ecdsa-p256' },
  { what: 'X25519, signed with an expired certificate', server: 0, kex: 'X25519', sign: 'ecdsa-p256', cert: 'expiredServer' },
  { what: 'X25519, signed with a certificate from an untrusted root', server: 0, kex: 'X25519', sign: 'ecdsa-p256', cert: 'strangerServer' },
  { what: 'ML-KEM-768 client encapsulates, signed', server: 1, kex: 'ML-KEM-768', kemMode: 'client', sign: 'ecdsa-p256' },
  { what: 'ML-KEM-768 client encapsulates, anonymous', server: 1, kex: 'ML-KEM-768', kemMode: 'client' },
  { what: 'ML-KEM-768 client encapsulates with a weaker KDF than the server', server: 1, kex: 'ML-KEM-768', kemMode: 'client', kdf: 'blake2s256' },
];

let seeds: SeedRequest[] | undefined;

/** One request per client shape, made by the model's client at ANCHOR (computed once). */
export function oapSeedRequests(): SeedRequest[] {
  if (seeds) return seeds;
  const e = new ReferenceEngine();
  const rng = new Drbg('fuzz oap-server/clients');
  seeds = CLIENTS.map((c, i) => {
    const create = {
      name: SERVER_NAME, config: cfg(c.kex, { ...(c.kemMode ? { kemMode: c.kemMode } : {}), ...(c.kdf ? { kdf: c.kdf } : {}) }), trusted: trust,
      ...(c.sign ? { credentials: creds(pki(c.sign)[c.cert ?? 'client']) } : {}), ...(c.kemMode ? { serverKemKey: kem.wire } : {}),
    };
    const created = e.call('oap.client.create', create);
    if (!created.ok) throw new Error(`oap fixture ${c.what}: ${created.error.message}`);
    const request = { id: toHex(rng.bytes(16)), now: at(ANCHOR), ...ephemeral(rng, c.kex), ...(c.data ? { data: toHex(utf8(c.data)) } : {}) };
    const r = e.call('oap.client.request', { cli: String(created.result.handle), ...request });
    if (!r.ok || r.result.status !== 'prepared') throw new Error(`oap fixture ${c.what}: ${JSON.stringify(r)}`);
    return { what: `${i}: ${c.what}`, server: c.server, request: fromHex(String(r.result.request)), client: { create, request } };
  });
  return seeds;
}

/** The certificates the seed requests are signed with, with their keys: a re-signer signs for these. */
export const CLIENT_SIGNERS = [pki('ecdsa-p256').client, pki('ml-dsa-44').client, pki('ecdsa-p256').expiredServer, pki('ecdsa-p256').strangerServer];
export { CLIENT_NAME };

const secrets = new Map<KexAlg, JsonObject>();

/**
 * `kexSecret` / `encapsRandom` for the exchange server `i` runs on this request (fixed per
 * algorithm), so a mutant that changes the client's algorithm still gets a usable server
 * side; nothing when the request does not decode or names no usable algorithm.
 */
export function serverEphemeral(request: Uint8Array, i: 0 | 1): JsonObject {
  const d = decodeHeader(request);
  const alg = d.ok ? serverKexAlgorithm(d.hdr, SERVER_KEX[i]) : null;
  if (!alg) return {};
  let s = secrets.get(alg);
  if (!s) secrets.set(alg, (s = ephemeral(new Drbg(`fuzz oap-server/server ephemeral/${alg}`), alg)));
  return s;
}

/** Server certificates other than the one the fixture servers are configured with. */
const OTHER_SERVER_CERTS = [
  ['ML-DSA-44', pki('ml-dsa-44').server], ['expired', pki('ecdsa-p256').expiredServer], ['untrusted', pki('ecdsa-p256').strangerServer],
  ['trusted, of another name', pki('ecdsa-p256').client],
] as const;
/** The certificates servers sign responses with, with their keys: a re-signer signs for these. */
export const SERVER_SIGNERS = [pki('ecdsa-p256').server, ...OTHER_SERVER_CERTS.map(([, c]) => c)];

export interface SeedResponse {
  /** Index of the seed request (and of its client) in oapSeedRequests(). */
  client: number;
  what: string;
  response: Uint8Array;
  /** The flow key the server derived. */
  key: Uint8Array | null;
}

let responses: SeedResponse[] | undefined;

/**
 * What the fixture's servers answer to each seed request: signed as configured, anonymous
 * (no certificate chain for the client to check), and for the first request also signed
 * with each other server certificate (ML-DSA, expired, untrusted root). Computed once.
 */
export function oapSeedResponses(): SeedResponse[] {
  if (responses) return responses;
  const e = new ReferenceEngine();
  responses = oapSeedRequests().flatMap((s, client) => {
    const { credentials: _, ...anonymous } = OAP_SERVERS[s.server];
    const variants: [string, JsonObject][] = [['signed', OAP_SERVERS[s.server]], ['anonymous', anonymous]];
    if (client === 0) for (const [what, c] of OTHER_SERVER_CERTS) variants.push([`signed, ${what} certificate`, { ...OAP_SERVERS[s.server], credentials: creds(c) }]);
    return variants.flatMap(([how, args]) => {
      const srv = e.call('oap.server.create', args);
      if (!srv.ok) throw new Error(`oap fixture server: ${srv.error.message}`);
      const r = e.call('oap.server.process', { srv: String(srv.result.handle), request: toHex(s.request), now: SERVER_NOW.toString(), ...serverEphemeral(s.request, s.server) });
      if (!r.ok) throw new Error(`oap fixture server: ${r.error.message}`);
      if (r.result.status !== 'accepted') return [];
      return [{ client, what: `${s.what}; response ${how}`, response: fromHex(String(r.result.response)), key: typeof r.result.key === 'string' ? fromHex(r.result.key) : null }];
    });
  });
  return responses;
}
