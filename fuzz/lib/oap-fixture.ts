// The OAP model objects the oap-server / oap-client targets fuzz, made once from the
// fixture's op arguments by the reference engine's own create ops (no second argument
// parser), plus what each target does per exec to start from a clean state.
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { OAP_SERVERS, oapSeedRequests, serverEphemeral } from '../../harness/fuzz/targets/oap-fixture.ts';
import { OapClient, OapServer, type Ephemeral } from '../../harness/model/oap/index.ts';
import { equal, fromHex } from '../../harness/util/bytes.ts';

export { CLIENT_NOW, SERVER_NOW, oapSeedResponses } from '../../harness/fuzz/targets/oap-fixture.ts';

const engine = new ReferenceEngine();

function create<T>(op: 'oap.server.create' | 'oap.client.create', args: JsonObject): T {
  const r = engine.call(op, args);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return engine.handles.get<T>(op === 'oap.server.create' ? 'oap-server' : 'oap-client', r.result.handle);
}

const bytes = (a: JsonObject, k: string) => (typeof a[k] === 'string' ? fromHex(a[k]) : undefined);
export const ephemeralOf = (a: JsonObject): Ephemeral => ({ kexSecret: bytes(a, 'kexSecret'), encapsRandom: bytes(a, 'encapsRandom') });

const servers = OAP_SERVERS.map((a) => create<OapServer>('oap.server.create', a));

/**
 * Server `i` with an empty replay cache, the only state a server keeps: building one from
 * the op arguments costs as much as a signed exchange (trust store, keys), so the
 * configuration, trust store and KEM key pair of the one built at load are reused.
 */
export function freshServer(i: 0 | 1): OapServer {
  const s = servers[i];
  return new OapServer(s.endpoint, s.profile, s['kemKey']);
}

const ephemerals = new Map<JsonObject, Ephemeral>();
/** serverEphemeral as model inputs (bytes), converted once per algorithm. */
export function serverEphemeralBytes(request: Uint8Array, i: 0 | 1): Ephemeral {
  const a = serverEphemeral(request, i);
  let e = ephemerals.get(a);
  if (!e) ephemerals.set(a, (e = ephemeralOf(a)));
  return e;
}

export interface FuzzClient {
  client: OapClient;
  /** Its pending request (the fixture's seed request). */
  request: Uint8Array;
  /** Give the client back its pending request, which complete consumes. */
  rearm(): void;
}

/**
 * The fixture's clients, each with its seed request pending. Preparing again per exec
 * would cost a key pair and a signature (1-8 ms, more than most rejections), so the
 * pending request prepared once is put back instead: the model's own state, not a copy.
 */
export function fuzzClients(): FuzzClient[] {
  return oapSeedRequests().map((s) => {
    const client = create<OapClient>('oap.client.create', s.client.create);
    const a = s.client.request;
    const r = client.prepare(fromHex(String(a.id)), BigInt(String(a.now)), ephemeralOf(a), bytes(a, 'data'));
    if (r.status !== 'prepared' || !equal(r.request, s.request)) throw new Error(`oap fixture client ${s.what}: not the seed request`);
    const pending = client['pending'];
    return { client, request: s.request, rearm: () => void (client['pending'] = pending) };
  });
}
