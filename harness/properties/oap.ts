// OAP in lockstep: a server and a client (signed or not, with or without key
// exchange) exchanging requests and responses on a nanosecond clock: fresh and
// reused flow ids, replays, time past the freshness window, and requests and
// responses tampered in flight (bit flips, truncation, trailing bytes, a downgraded
// cipher or KDF NID).
import fc from 'fast-check';
import type { JsonObject } from '../../adapters/ops/types.ts';
import type { KexAlg } from '../crypto/kex.ts';
import { Drbg } from '../crypto/index.ts';
import { CIPHERS, DIGESTS, SERVER_NAME } from '../model/oap/index.ts';
import { T0, cfg, creds, ephemeral, ms, pki, profileRecord, trusted } from '../suites/oap-common.ts';
import type { Lockstep } from './lockstep.ts';
import { cmd, flipBit, hexBytes } from './gen.ts';
import type { PropertyDef } from './types.ts';

interface Setup {
  base: number;
  kex: KexAlg | null;
  serverCipher: string;
  serverSigns: boolean;
  clientSigns: boolean;
}
interface World {
  s: Setup;
  now: bigint;
  n: number;
  requests: string[];
  responses: string[];
}

type Tamper = { kind: 'none' } | { kind: 'flip'; at: number } | { kind: 'truncate'; at: number } | { kind: 'trailing'; bytes: string } | { kind: 'nid'; offset: 24 | 26; nid: number };

/** Fixed-header offsets: cipher_nid at 24, kdf_nid at 26 (DESIGN.md section 3, OAP). */
const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  { arbitrary: fc.constant<Tamper>({ kind: 'none' }), weight: 6 },
  fc.nat().map<Tamper>((at) => ({ kind: 'flip', at })),
  fc.nat().map<Tamper>((at) => ({ kind: 'truncate', at })),
  hexBytes(1, 4).map<Tamper>((bytes) => ({ kind: 'trailing', bytes })),
  fc.tuple(fc.constantFrom<24 | 26>(24, 26), fc.nat()).map<Tamper>(([offset, i]) => ({ kind: 'nid', offset, nid: offset === 24 ? CIPHERS[i % CIPHERS.length].nid : DIGESTS[i % DIGESTS.length].nid })),
);

function apply(t: Tamper, hex: string): string {
  switch (t.kind) {
    case 'none':
      return hex;
    case 'flip':
      return flipBit(hex, t.at);
    case 'truncate':
      return hex.slice(0, 2 * (t.at % (hex.length / 2)));
    case 'trailing':
      return hex + t.bytes;
    case 'nid': {
      const b = Buffer.from(hex, 'hex');
      if (b.length >= t.offset + 2) b.writeUInt16BE(t.nid, t.offset);
      return b.toString('hex');
    }
  }
}
const label = (t: Tamper) => (t.kind === 'none' ? '' : ` (${t.kind}${t.kind === 'nid' ? ` @${t.offset} = ${t.nid}` : ''})`);

const at = (w: World) => (T0 + w.now).toString();
const eph = (w: World) => ephemeral(new Drbg(`property/oap/${w.s.base}/${w.n++}`), w.s.kex);

const request = fc.tuple(fc.boolean(), hexBytes(0, 8)).map(([reuse, data]) =>
  cmd<World>(`client prepares a request${reuse ? ' reusing the last flow id' : ''}`, async (w, ls) => {
    const id = reuse && w.requests.length ? w.requests[w.requests.length - 1].slice(0, 32) : new Drbg(`property/oap/${w.s.base}/id/${w.n++}`).bytes(16).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
    const r = await ls.step('oap.client.request', { cli: '@C', id, now: at(w), ...eph(w), ...(data ? { data } : {}) });
    if (r.status === 'prepared') w.requests.push(String(r.request));
  }),
);

const process = fc.tuple(fc.nat(), tamper).map(([pick, t]) =>
  cmd<World>(`server processes request #-${pick}${label(t)}`, async (w, ls) => {
    const r = await ls.step('oap.server.process', { srv: '@S', request: apply(t, w.requests[w.requests.length - 1 - (pick % w.requests.length)]), now: at(w), ...eph(w) });
    if (r.status === 'accepted') w.responses.push(String(r.response));
  }, (w) => w.requests.length > 0),
);

const complete = fc.tuple(fc.nat(), tamper).map(([pick, t]) =>
  cmd<World>(`client completes with response #-${pick}${label(t)}`, async (w, ls) => {
    await ls.step('oap.client.complete', { cli: '@C', response: apply(t, w.responses[w.responses.length - 1 - (pick % w.responses.length)]), now: at(w) });
  }, (w) => w.responses.length > 0),
);

/** Steps around the freshness window: -100 ms .. +20 s (OAP_REPLAY_TIMER). */
const advance = fc.constantFrom(1, 3, 99, 100, 101, 5000, 19_999, 20_000, 20_001, 25_000).map((d) => cmd<World>(`advance ${d} ms`, async (w) => void (w.now += ms(d))));
const rewind = fc.constantFrom(100, 101, 150).map((d) => cmd<World>(`the server's clock is ${d} ms behind`, async (w) => void (w.now -= ms(d)), (w) => w.now >= ms(d)));

export const oapProperty: PropertyDef<Setup, World> = {
  name: 'oap-exchange',
  mechanism: 'oap',
  description: 'server and client: requests, processing, completion, replays, clock steps around the freshness window, tampered requests and responses',
  reqs: ['OAP-SRV-001', 'OAP-SRV-002', 'OAP-SRV-003', 'OAP-SRV-004', 'OAP-SRV-007', 'OAP-CLI-001', 'OAP-CLI-002', 'OAP-CLI-004', 'OAP-CLI-005', 'OAP-CLI-007', 'OAP-CLI-009', 'OAP-HDR-008'],
  ops: ['oap.server.create', 'oap.server.process', 'oap.client.create', 'oap.client.request', 'oap.client.complete'],
  profile: { ...profileRecord },
  runScale: 0.25,
  profileNote: 'default OAP profile (20 s replay window: the clock steps reach it); each run picks the key exchange (none, X25519, P-256, ML-KEM-768), the server cipher, and who signs (ECDSA P-256 test PKI)',
  setup: fc.record({
    base: fc.nat(),
    kex: fc.constantFrom<KexAlg | null>(null, 'X25519', 'prime256v1', 'ML-KEM-768'),
    serverCipher: fc.constantFrom('aes-256-gcm', 'aes-128-gcm', 'chacha20-poly1305'),
    // Signing is most of the cost of a step: one run in four per side.
    serverSigns: fc.constantFrom(false, false, false, true),
    clientSigns: fc.constantFrom(false, false, false, true),
  }),
  async init(s, ls) {
    const p = pki('ecdsa-p256');
    // A trust store only where the peer signs: parsing it is most of the cost of a run.
    const side = (signs: boolean, peerSigns: boolean, who: 'server' | 'client'): JsonObject => ({
      ...(signs ? { credentials: creds(who === 'server' ? p.server : p.client) } : {}),
      ...(peerSigns ? { trusted: trusted('ecdsa-p256') } : {}),
    });
    await ls.step('oap.server.create', { name: SERVER_NAME, config: cfg(s.kex, { cipher: s.serverCipher }), ...side(s.serverSigns, s.clientSigns, 'server') }, 'S');
    await ls.step('oap.client.create', { name: SERVER_NAME, config: cfg(s.kex), ...side(s.clientSigns, s.serverSigns, 'client') }, 'C');
    return { s, now: 0n, n: 0, requests: [], responses: [] };
  },
  command: fc.oneof(
    { arbitrary: request, weight: 4 },
    { arbitrary: process, weight: 5 },
    { arbitrary: complete, weight: 4 },
    { arbitrary: advance, weight: 2 },
    { arbitrary: rewind, weight: 1 },
  ),
};
