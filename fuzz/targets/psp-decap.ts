// PSP receive path below the socket (harness/model/psp/encap.ts decap): IP, UDP port
// 1000 and length, PSP header, key derivation from the SPI, ICV.
import { decap, type DecapReason } from '../../harness/model/psp/encap.ts';
import { check, checkReason } from '../lib/check.ts';
import { PSP_FUZZ_MASTER_KEYS } from '../lib/psp-fixture.ts';

const REASONS = {
  TRUNCATED: 1, NOT_IP: 1, BAD_IP_HEADER: 1, BAD_IP_LENGTH: 1, NOT_UDP: 1, WRONG_UDP_PORT: 1, BAD_UDP_LENGTH: 1,
  HDR_EXT_LEN_TOO_SMALL: 1, CRYPT_OFFSET_PAST_PAYLOAD: 1, UNKNOWN_VERSION: 1, ALWAYS_ONE_CLEAR: 1, ICV_MISMATCH: 1,
} satisfies Record<DecapReason, 1>;

export function fuzz(data: Uint8Array): void {
  const r = decap(PSP_FUZZ_MASTER_KEYS, data);
  if (!r.ok) {
    checkReason(r.reason, REASONS, 'decap');
    return;
  }
  check(r.packet.length <= data.length, 'decapsulated packet longer than the input');
}
