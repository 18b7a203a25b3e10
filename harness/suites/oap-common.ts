// Shared pieces of the OAP suites: the test PKI as op arguments, configurations,
// ephemeral secrets drawn from the suite's generator, and the exchange as scenario steps.
import { Drbg } from '../crypto/index.ts';
import { encapsRandomLen, isKem, kexKeyPair, kexSecretFromSeed, KEX_SEED_LEN, type HybridKem, type KexAlg, type MlKem } from '../crypto/kex.ts';
import type { SigAlg } from '../crypto/sig.ts';
import { makeTestPki, O7S_OAP_2026, SERVER_NAME, type Issued, type TestPki } from '../model/oap/index.ts';
import { toHex } from '../util/bytes.ts';
import type { Scenario } from '../vectors/record.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';

/** 2026-09-21T13:33:20Z in ns: every scenario's clock starts here. */
export const T0 = 1_790_000_000_000_000_000n;
export const ms = (n: number) => BigInt(n) * 1_000_000n;
export const at = (t: bigint) => t.toString();

const pkis = new Map<SigAlg, TestPki>();
/** The test PKI of a signature algorithm (fixed seed, so every suite shares it). */
export function pki(alg: SigAlg): TestPki {
  let p = pkis.get(alg);
  if (!p) pkis.set(alg, (p = makeTestPki(alg, 'rekey-harness oap v1')));
  return p;
}

export const trusted = (alg: SigAlg) => [toHex(pki(alg).root.cert), toHex(pki(alg).intermediate.cert)];
export const creds = (i: Issued) => ({ alg: i.key.alg, secret: toHex(i.key.secret), cert: toHex(i.cert) });

export interface Side {
  config: JsonObject | null;
  /** Sign with this PKI's server/client certificate; absent = anonymous. */
  sign?: SigAlg;
  /** Which certificate the server presents (default: pki.server). */
  cert?: 'server' | 'expiredServer' | 'strangerServer';
  /** The trust store's PKI (default: the signer's, else ECDSA P-256). */
  trust?: SigAlg;
}

/** Ephemeral inputs for one side of an exchange with `alg`. */
export function ephemeral(rng: Drbg, alg: KexAlg | null): JsonObject {
  if (!alg) return {};
  return {
    kexSecret: toHex(kexSecretFromSeed(alg, rng.bytes(KEX_SEED_LEN))),
    ...(isKem(alg) ? { encapsRandom: toHex(rng.bytes(encapsRandomLen(alg as MlKem | HybridKem))) } : {}),
  };
}

/** The server's long-term KEM key (for clients that encapsulate) and its public form. */
export function serverKemKey(rng: Drbg, alg: KexAlg) {
  const secret = kexSecretFromSeed(alg, rng.bytes(KEX_SEED_LEN));
  return { arg: { alg, secret: toHex(secret) }, wire: toHex(kexKeyPair(alg, secret).wire) };
}

export interface Pair {
  server: Side & { name?: string; kemKey?: boolean; profile?: JsonObject };
  client: Side & { name?: string };
}

/**
 * Create a server "S" and a client "C" in a scenario. The KEM key pair is made for the
 * client's algorithm when either side uses client encapsulation.
 */
export function createPair(s: Scenario, rng: Drbg, p: Pair): void {
  const cliKex = (p.client.config?.kex ?? null) as KexAlg | null;
  const srvKex = (p.server.config?.kex ?? null) as KexAlg | null;
  const kemAlg = [cliKex, srvKex].find((k) => k && isKem(k)) ?? null;
  const kem = p.server.kemKey && kemAlg ? serverKemKey(rng, kemAlg) : null;
  const side = (x: Side, who: 'server' | 'client') => ({
    config: x.config,
    ...(x.sign ? { credentials: creds(who === 'server' ? pki(x.sign)[x.cert ?? 'server'] : pki(x.sign).client) } : {}),
    trusted: trusted(x.trust ?? x.sign ?? 'ecdsa-p256'),
  });
  s.step('oap.server.create', { name: p.server.name ?? SERVER_NAME, ...side(p.server, 'server'), ...(kem ? { kemKey: kem.arg } : {}), ...(p.server.profile ? { profile: p.server.profile } : {}) }, { bind: 'S' });
  s.step('oap.client.create', { name: p.client.name ?? SERVER_NAME, ...side(p.client, 'client'), ...(kem ? { serverKemKey: kem.wire } : {}) }, { bind: 'C' });
}

export interface Exchange {
  request: string;
  server: JsonObject;
  complete?: JsonObject;
}

/** request -> process -> complete; `tamper` may change the request or response bytes in flight. */
export function exchange(
  s: Scenario,
  rng: Drbg,
  opts: { clientKex: KexAlg | null; serverKex: KexAlg | null; now?: bigint; data?: [string, string]; tamperRequest?: (h: string) => string; tamperResponse?: (h: string) => string; id?: string },
): Exchange {
  const now = opts.now ?? T0;
  const req = s.step('oap.client.request', { cli: '@C', id: opts.id ?? toHex(rng.bytes(16)), now: at(now), ...ephemeral(rng, opts.clientKex), ...(opts.data ? { data: opts.data[0] } : {}) });
  const request = (opts.tamperRequest ?? ((h) => h))(String(req.request));
  const server = s.step('oap.server.process', { srv: '@S', request, now: at(now + ms(3)), ...ephemeral(rng, opts.serverKex), ...(opts.data ? { data: opts.data[1] } : {}) });
  if (server.status !== 'accepted') return { request, server };
  const response = (opts.tamperResponse ?? ((h) => h))(String(server.response));
  return { request, server, complete: s.step('oap.client.complete', { cli: '@C', response, now: at(now + ms(6)) }) };
}

/** XOR `mask` into byte `i` of a hex string. */
export function flip(hex: string, i: number, mask: number): string {
  const b = Buffer.from(hex, 'hex');
  b[i] ^= mask;
  return b.toString('hex');
}

/** Overwrite the big-endian u16 at byte `i`. */
export function setU16(hex: string, i: number, v: number): string {
  const b = Buffer.from(hex, 'hex');
  b.writeUInt16BE(v, i);
  return b.toString('hex');
}

export const profileRecord = { ...O7S_OAP_2026 };

export const cfg = (kex: KexAlg | null, extra: JsonObject = {}): JsonObject => ({ kex, cipher: 'aes-256-gcm', kdf: 'sha256', digest: 'sha256', kemMode: 'server', ...extra });
