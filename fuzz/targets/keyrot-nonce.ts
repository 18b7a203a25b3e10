// keyrot packet nonce (harness/model/keyrot/packet.ts parseNonce), under the default
// profile and a small one whose counter limit is reachable by mutation.
import { AEAD_TAG_LEN } from '../../harness/crypto/index.ts';
import { NONCE_LEN, O7S_KEYROT_V1, counterLimit, makeNonce, makeProfile, parseNonce, type NonceParse } from '../../harness/model/keyrot/index.ts';
import { concat, equal } from '../../harness/util/bytes.ts';
import { check, checkReason } from '../lib/check.ts';

const PROFILES = [O7S_KEYROT_V1, makeProfile({ nodes: 2, leavesPerNode: 2, seqBits: 4 })];
const REASONS = { TRUNCATED: 1, BAD_NONCE: 1, CTR_RANGE: 1 } satisfies Record<Extract<NonceParse, { ok: false }>['reason'], 1>;

export function fuzz(data: Uint8Array): void {
  for (const p of PROFILES) {
    const r = parseNonce(p, data);
    if (!r.ok) {
      checkReason(r.reason, REASONS, 'parseNonce');
      continue;
    }
    check(data.length >= NONCE_LEN + AEAD_TAG_LEN, 'accepted a packet shorter than nonce + tag');
    check(Number.isSafeInteger(r.ctr) && r.ctr >= 0 && r.ctr < counterLimit(p), 'counter outside the profile');
    const nonce = makeNonce(r.parity, r.ctr);
    check(equal(nonce, data.subarray(0, NONCE_LEN)), 'encode(decode(nonce)) differs from the nonce');
    const again = parseNonce(p, concat(nonce, data.subarray(NONCE_LEN)));
    check(again.ok && again.ctr === r.ctr && again.parity === r.parity, 'decode(encode(x)) != x');
  }
}
