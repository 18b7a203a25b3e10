// secnet message decode (harness/model/prod/wire.ts decode): every label's layout.
import { decode, encode, type DecodeReason } from '../../harness/model/prod/wire.ts';
import { check, checkEqual, checkReason } from '../lib/check.ts';

const REASONS = { TRUNCATED_HEADER: 1, UNKNOWN_LABEL: 1, TRUNCATED: 1, NAME_PAST_END: 1, EXTRA_TOO_SHORT: 1, TRAILING_BYTES: 1 } satisfies Record<DecodeReason, 1>;

export function fuzz(data: Uint8Array): void {
  const r = decode(data);
  if (!r.ok) {
    checkReason(r.reason, REASONS, 'decode');
    return;
  }
  const bytes = encode(r.msg);
  // A name "x\0" (NUL, no extra data) re-encodes without the NUL: never longer.
  check(bytes.length <= data.length, 'encode(decode(x)) is longer than x');
  const again = decode(bytes);
  check(again.ok, 'encode(decode(x)) does not decode');
  checkEqual(again.msg, r.msg, 'decode(encode(m)) != m');
}
