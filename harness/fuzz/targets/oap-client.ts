// oap.client.complete on mutated server responses, re-signed with the server's test-PKI key
// so they get past authentication to the request-hash, name, downgrade and key-exchange
// checks. Genome: a client byte (which fixture client, modulo their number), then the
// response. An exec is that client's request (the same bytes every time: fixed id, time
// and ephemeral secrets) and the completion; the client keeps no other state, so an exec
// sees the same client deep in a run as alone. The seed responses already carry the hash
// of that request, so a mutated req_hash stays mutated (and signed).
import { NID_UNDEF, SHA384_NID, decodeHeader, reqHashLen } from '../../model/oap/index.ts';
import { sealHeader } from '../../model/oap/seal.ts';
import { concat, equal, toHex } from '../../util/bytes.ts';
import type { Call, Field, Genome, OopTarget } from '../types.ts';
import { CLIENT_NOW, SERVER_SIGNERS, oapSeedRequests, oapSeedResponses } from './oap-fixture.ts';
import { oapFields } from './oap-decode.ts';

const clients = () => oapSeedRequests();
const clientOf = (g: Uint8Array) => (g[0] ?? 0) % clients().length;

let mds: number[] | undefined;
/** The digest of the client's request (it fixes the response's req_hash length), decoded once per client. */
function requestMd(client: number): number {
  mds ??= clients().map((c) => {
    const d = decodeHeader(c.request);
    return d.ok && d.hdr.mdNid !== NID_UNDEF ? d.hdr.mdNid : SHA384_NID;
  });
  return mds[client];
}

/** Signed responses get a signature over their (mutated) signed region, by the key of the certificate they carry. */
function resign(response: Uint8Array, md: number): Uint8Array {
  const d = decodeHeader(response, md);
  if (!d.ok || d.hdr.crt.length === 0) return response;
  const { crt, sig: _sig, signed: _s, raw: _r, ...h } = d.hdr;
  const signer = SERVER_SIGNERS.find((c) => equal(c.cert, crt)) ?? SERVER_SIGNERS[0];
  return sealHeader(h, { cert: crt, key: signer.key });
}

export const oapClient: OopTarget = {
  name: 'oap-client',
  description: 'oap.client.complete on mutated server responses re-signed with the server key (id, certificate, req_hash, name, cipher/KDF downgrade, DHE, KEM decapsulation)',
  setup: oapSeedRequests().map((s) => ({ op: 'oap.client.create', args: s.client.create })),
  seeds: () => oapSeedResponses().map((r) => ({ bytes: concat(Uint8Array.of(r.client), r.response), reseal: true })),
  fields: (b) => [{ name: 'client', off: 0, len: 1, kind: 'value' } satisfies Field, ...oapFields(b, 1, reqHashLen(requestMd(clientOf(b))))],
  calls: (g: Genome): Call[] => {
    const c = clientOf(g.bytes);
    const raw = g.bytes.subarray(1);
    const response = g.reseal ? resign(raw, requestMd(c)) : raw;
    return [
      { op: 'oap.client.request', args: { cli: `@${c}`, ...clients()[c].client.request } },
      { op: 'oap.client.complete', args: { cli: `@${c}`, response: toHex(response), now: CLIENT_NOW.toString() } },
    ];
  },
  verdict: (r) => ({ accept: r.status === 'completed' || r.status === 'prepared', reason: r.status === 'completed' || r.status === 'prepared' ? '' : String(r.reason) }),
};
