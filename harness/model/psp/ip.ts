// Just enough IPv4 / IPv6 to put PSP inside and take it out again: header length,
// protocol, length fields and the IPv4 header checksum (RFC 791 / RFC 8200).
import { readU16 } from '../../util/bytes.ts';

export const IPV4_MIN_HDR = 20;
export const IPV6_HDR = 40;

export interface IpInfo {
  version: 4 | 6;
  hdrLen: number;
  /** IPv4 protocol or IPv6 next header. */
  proto: number;
}

export type IpReason = 'TRUNCATED' | 'NOT_IP' | 'BAD_IP_HEADER' | 'BAD_IP_LENGTH';

/** Parse an L3 packet whose length fields must describe exactly the bytes given. */
export function parseIp(p: Uint8Array): { ok: true; ip: IpInfo } | { ok: false; reason: IpReason } {
  if (p.length < 1) return { ok: false, reason: 'TRUNCATED' };
  const ver = p[0] >>> 4;
  if (ver === 4) {
    if (p.length < IPV4_MIN_HDR) return { ok: false, reason: 'TRUNCATED' };
    const hdrLen = (p[0] & 0x0f) * 4;
    if (hdrLen < IPV4_MIN_HDR) return { ok: false, reason: 'BAD_IP_HEADER' };
    if (p.length < hdrLen) return { ok: false, reason: 'TRUNCATED' };
    if (readU16(p, 2) !== p.length) return { ok: false, reason: 'BAD_IP_LENGTH' };
    return { ok: true, ip: { version: 4, hdrLen, proto: p[9] } };
  }
  if (ver === 6) {
    if (p.length < IPV6_HDR) return { ok: false, reason: 'TRUNCATED' };
    if (readU16(p, 4) !== p.length - IPV6_HDR) return { ok: false, reason: 'BAD_IP_LENGTH' };
    return { ok: true, ip: { version: 6, hdrLen: IPV6_HDR, proto: p[6] } };
  }
  return { ok: false, reason: 'NOT_IP' };
}

/** One's-complement sum of the header's 16-bit words, checksum field included as zero by the caller. */
export function ipv4Checksum(hdr: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < hdr.length; i += 2) sum += (hdr[i] << 8) | hdr[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * A copy of an IP header with a new protocol and a payload length; the IPv4 total length
 * and checksum are rewritten, the IPv6 payload length (no extension headers here).
 */
export function rewriteIpHeader(hdr: Uint8Array, version: 4 | 6, proto: number, payloadLen: number): Uint8Array {
  const h = hdr.slice();
  const dv = new DataView(h.buffer);
  if (version === 4) {
    dv.setUint16(2, h.length + payloadLen);
    h[9] = proto;
    dv.setUint16(10, 0);
    dv.setUint16(10, ipv4Checksum(h));
  } else {
    dv.setUint16(4, payloadLen);
    h[6] = proto;
  }
  return h;
}
