// oap.server.process on mutated requests, re-signed with the client's test PKI key so
// they get past authentication to the key exchange. Genome: a flags byte (bit 0: server 1,
// the ML-KEM one; bit 1: send the request twice, so the second is a replay), then the request
// with its timestamp relative to ANCHOR.
//
// Freshness is state: each exec runs at its own virtual time, 21 s (more than the 20 s
// replay timer plus the 100 ms slack) after the last, and the request's timestamp moves with
// it. So every exec is fresh unless its timestamp was mutated, an earlier exec's cache
// entry is always expired (never a replay, only purged), and a setup request leaves one
// expired entry in each server's cache before the first exec: an exec sees the same state
// in a long run as alone on a new connection, and its finding replays.
import { decodeHeader, encodeHeader, OFFSET } from '../../model/oap/index.ts';
import { sealHeader } from '../../model/oap/seal.ts';
import { concat, equal, toHex } from '../../util/bytes.ts';
import type { Call, Field, Genome, OopTarget } from '../types.ts';
import { ANCHOR, CLIENT_SIGNERS, OAP_SERVERS, oapSeedRequests, serverEphemeral } from './oap-fixture.ts';
import { oapFields } from './oap-decode.ts';

const SERVER_BIT = 1;
const REPLAY_BIT = 2;
/** Virtual time between execs: past the replay timer (20 s) and the slack (100 ms). */
export const EXEC_STEP_NS = 21_000_000_000n;
/** Execs on one connection before the clock wraps: 2^24 x 21 s stays inside the test certificates' validity. */
const CLOCK_PERIOD = 2 ** 24;
const MS = 1_000_000n;
const U64 = 1n << 64n;

const clock = (exec: number) => ANCHOR + BigInt(exec % CLOCK_PERIOD) * EXEC_STEP_NS;

/** A request made at `ANCHOR`, moved to `now`: the timestamp keeps its offset from the clock. */
function moveTo(req: Uint8Array, now: bigint): Uint8Array {
  if (req.length < OFFSET.timestamp + 8) return req;
  const out = req.slice();
  const v = new DataView(out.buffer);
  v.setBigUint64(OFFSET.timestamp, (((v.getBigUint64(OFFSET.timestamp) - ANCHOR + now) % U64) + U64) % U64);
  return out;
}

/** Signed requests get a signature over their (mutated) signed region, by the key of the certificate they carry. */
function resign(req: Uint8Array): Uint8Array {
  const d = decodeHeader(req);
  if (!d.ok || d.hdr.crt.length === 0) return req;
  const { crt, sig: _sig, signed: _s, raw: _r, ...h } = d.hdr;
  const signer = CLIENT_SIGNERS.find((c) => equal(c.cert, crt)) ?? CLIENT_SIGNERS[0];
  return sealHeader(h, { cert: crt, key: signer.key });
}

/** Before any exec: one request per server, long expired by the first exec's clock. */
const warmUp = (srv: number): Call => ({
  op: 'oap.server.process',
  args: {
    srv: `@${srv}`,
    now: (ANCHOR - 60_000n * MS).toString(),
    request: toHex(encodeHeader({
      id: new Uint8Array(16).fill(srv + 1), timestamp: ANCHOR - 60_000n * MS, cipherNid: 0, kdfNid: 0, mdNid: 0, kexFmt: 0, kexRole: 0,
      crt: new Uint8Array(0), kex: new Uint8Array(0), data: new Uint8Array(0), reqHash: new Uint8Array(0), sig: new Uint8Array(0),
    })),
  },
});

/** Timestamp offsets from the clock at and around the window's edges (delta is truncated to whole ms). */
const EDGES_NS = [-100n * MS - (MS - 1n), -101n * MS, 20_000n * MS + (MS - 1n), 20_001n * MS];

export const oapServer: OopTarget = {
  name: 'oap-server',
  description: 'oap.server.process on mutated requests re-signed with the client key, at a fresh virtual time per exec (window edges, replays, certificates, key exchange)',
  setup: [{ op: 'oap.server.create', args: OAP_SERVERS[0] }, { op: 'oap.server.create', args: OAP_SERVERS[1] }, warmUp(0), warmUp(1)],
  seeds: () => {
    const reqs = oapSeedRequests();
    const g = (flags: number, request: Uint8Array): Genome => ({ bytes: concat(Uint8Array.of(flags), request), reseal: true });
    const anon = reqs.find((r) => r.server === 0 && decodeHeader(r.request).ok && r.request.length < 200)!;
    return [
      ...reqs.map((r) => g(r.server ? SERVER_BIT : 0, r.request)),
      g(REPLAY_BIT, reqs[0].request),
      ...EDGES_NS.map((off) => g(0, moveTo(anon.request, ANCHOR - off))),
    ];
  },
  fields: (b) => [{ name: 'flags (server, replay)', off: 0, len: 1, kind: 'flags' } satisfies Field, ...oapFields(b, 1)],
  calls: (g, exec) => {
    const srv = (g.bytes[0] ?? 0) & SERVER_BIT;
    const now = clock(exec);
    const moved = moveTo(g.bytes.subarray(1), now);
    const request = g.reseal ? resign(moved) : moved;
    const call = (t: bigint): Call => ({ op: 'oap.server.process', args: { srv: `@${srv}`, request: toHex(request), now: t.toString(), ...serverEphemeral(request, srv as 0 | 1) } });
    return (g.bytes[0] ?? 0) & REPLAY_BIT ? [call(now), call(now + MS)] : [call(now)];
  },
  verdict: (r) => ({ accept: r.status === 'accepted', reason: r.status === 'accepted' ? '' : `${r.stage}:${r.reason}` }),
};
