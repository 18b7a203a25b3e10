// PSP packet structure and open (harness/model/psp/packet.ts checkPacket, open;
// header.ts parseHeader/buildHeader) on any bytes as a bare PSP payload.
import { BASE_HDR_LEN, CRYPT_UNIT, ICV_LEN, VC_LEN, keyLen } from '../../harness/model/psp/constants.ts';
import { buildHeader } from '../../harness/model/psp/header.ts';
import { checkPacket, open, type OpenReason } from '../../harness/model/psp/packet.ts';
import { check, checkReason } from '../lib/check.ts';

const REASONS = {
  TRUNCATED: 1, HDR_EXT_LEN_TOO_SMALL: 1, CRYPT_OFFSET_PAST_PAYLOAD: 1, UNKNOWN_VERSION: 1, ALWAYS_ONE_CLEAR: 1, ICV_MISMATCH: 1,
} satisfies Record<OpenReason, 1>;
const KEYS = { 16: new Uint8Array(16).fill(7), 32: new Uint8Array(32).fill(7) };

export function fuzz(data: Uint8Array): void {
  const c = checkPacket(data);
  if (!c.ok) {
    checkReason(c.reason, REASONS, 'checkPacket');
    return;
  }
  const payloadLen = data.length - BASE_HDR_LEN - ICV_LEN;
  check(c.extLen <= payloadLen && c.header.cryptOffset * CRYPT_UNIT <= payloadLen, 'decoded lengths exceed the packet');
  const h = c.header;
  const rebuilt = buildHeader({ nextHeader: h.nextHeader, cryptOffset: h.cryptOffset, s: h.s, d: h.d, version: c.version, spi: h.spi, iv: h.iv, vc: h.v ? new Uint8Array(VC_LEN) : undefined });
  // hdr_ext_len and the reserved crypt_off bits are not fields a sender chooses.
  const same = [0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].every((i) => rebuilt[i] === data[i]) && (rebuilt[2] & 0x3f) === (data[2] & 0x3f);
  check(same, 'build(parse(header)) differs in a field');
  const o = open(KEYS[keyLen(c.version)], data, c);
  if (!o.ok) {
    check(o.reason === 'ICV_MISMATCH', `open failed with ${o.reason} after checkPacket passed`);
    return;
  }
  check(o.ext.length + o.payload.length === payloadLen, 'opened lengths differ from the packet');
}
