// Epoch-grace read path (harness/model/epoch/endpoint.ts recv): any bytes as a packet.
// Every run starts from the same endpoint (an accepted packet may promote TX, so the
// endpoint is rebuilt after a change) and a dropped packet must change no state.
import { EpochEndpoint } from '../../harness/model/epoch/endpoint.ts';
import { check, checkEqual, checkReason } from '../lib/check.ts';
import { EPOCH_FUZZ_NOW, epochFuzzEndpoint } from '../lib/epoch-fixture.ts';

const REASONS = { TRUNCATED: 1, BAD_NONCE: 1, CTR_RANGE: 1, UNKNOWN_EPOCH: 1, AUTH_FAILED: 1 } satisfies Record<
  Extract<ReturnType<EpochEndpoint['recv']>, { status: 'dropped' }>['reason'],
  1
>;

let ep = epochFuzzEndpoint();
const initial = JSON.stringify(ep.state());

export function fuzz(data: Uint8Array): void {
  const r = ep.recv(data, EPOCH_FUZZ_NOW);
  const after = JSON.stringify(ep.state());
  if (r.status === 'dropped') {
    checkReason(r.reason, REASONS, 'recv');
    checkEqual(after, initial, 'a dropped packet changed the endpoint state');
  } else {
    check(r.plaintext.length + 28 === data.length, 'plaintext length is not packet length - nonce - tag');
  }
  if (after !== initial) ep = epochFuzzEndpoint();
}
