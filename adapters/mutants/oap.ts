// OAP bugs (requirements OAP-*), planted in the header decoding the ops see and in the
// servers and clients the create ops make.
import { hashLen } from '../../harness/crypto/index.ts';
import { NID_UNDEF, OapClient, OapServer, decodeHeader, digestByNid } from '../../harness/model/oap/index.ts';
import { fromHex, readU16 } from '../../harness/util/bytes.ts';
import type { Json, JsonObject, OpDef } from '../ops/types.ts';
import { adopt, derive, rewriteArgs, type Method } from './patch.ts';
import type { Mutant } from './types.ts';

const server = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'oap.server.create', 'oap-server', derive(OapServer, patches));
const client = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'oap.client.create', 'oap-client', derive(OapClient, patches));

/** An unsigned header cut to the end of its fields: what a decoder that ignores trailing bytes reads. */
function dropTrailing(hex: Json | undefined, reqMdNid: number): Json {
  if (hex === undefined) return null;
  if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/.test(hex)) return hex;
  const b = fromHex(hex);
  const d = decodeHeader(b, reqMdNid);
  if (d.ok || d.reason !== 'UNSIGNED_TRAILING_BYTES') return hex;
  const md = reqMdNid === NID_UNDEF ? 0 : hashLen(digestByNid(reqMdNid)!.name);
  const body = 36 + readU16(b, 30) + (readU16(b, 32) & 0x3fff) + readU16(b, 34) + md;
  return hex.slice(0, 2 * body);
}

export const oapMutants: Mutant[] = [
  {
    name: 'oap-unsigned-trailing',
    mechanism: 'oap',
    reqs: ['OAP-HDR-008'],
    bug: 'the decoder accepts bytes after an unsigned header (crt_len 0) and ignores them',
    ops: (ops) =>
      rewriteArgs(ops, ['oap.decode', 'oap.server.process'], (a, op) =>
        op === 'oap.decode' ? { ...a, packet: dropTrailing(a.packet, typeof a.reqMdNid === 'number' ? a.reqMdNid : 0) } : { ...a, request: dropTrailing(a.request, 0) }),
  },
  {
    name: 'oap-replay-after-auth',
    mechanism: 'oap',
    reqs: ['OAP-SRV-004'],
    bug: 'the replay cache is checked and filled only after the peer is authenticated: a request that fails authentication burns nothing',
    ops: server({
      process: (orig) => function (...args) {
        const saved = this.replay.entries;
        const r = orig.apply(this, args);
        if (r.status === 'rejected' && r.stage === 'auth') this.replay.entries = saved;
        return r;
      },
    }),
  },
  {
    name: 'oap-req-hash-unchecked',
    mechanism: 'oap',
    reqs: ['OAP-CLI-002'],
    bug: 'the client does not compare the response req_hash with the hash of its request',
    ops: client({
      complete: (orig) => function (response, now) {
        const d = this.pending && decodeHeader(response, this.pending.reqMdNid);
        if (d?.ok) this.pending = { ...this.pending, reqHash: d.hdr.reqHash };
        return orig.call(this, response, now);
      },
    }),
  },
  {
    name: 'oap-downgrade-accepted',
    mechanism: 'oap',
    reqs: ['OAP-CLI-004'],
    bug: 'the client accepts a response cipher ranked below its own (downgrade)',
    ops: client({
      keyExchange: (orig) => function (cfg, p, peer) {
        return orig.call(this, peer.cipherNid === NID_UNDEF ? cfg : { ...cfg, cipherNid: peer.cipherNid }, p, peer);
      },
    }),
  },
  {
    name: 'oap-future-slack',
    mechanism: 'oap',
    reqs: ['OAP-SRV-001'],
    bug: 'the server accepts timestamps up to 1 s in the future instead of 100 ms',
    ops: (ops) => rewriteArgs(ops, ['oap.server.create'], (a) => ({ ...a, profile: { ...((a.profile as JsonObject | undefined) ?? {}), slackMs: 1000 } })),
  },
];
