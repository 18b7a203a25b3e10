// PSP over UDP port 1000 inside IP, transport and tunnel mode, laid out as google/psp
// src/psp_encrypt.c transport_encap() / tunnel_encap() and undone as src/psp_decrypt.c
// process_in_pkt(). Input and output are L3 packets (no Ethernet header).
import type { Backend } from '../../crypto/index.ts';
import { concat, readU16, u16be } from '../../util/bytes.ts';
import {
  IP_PROTO_IPV4, IP_PROTO_IPV6, IP_PROTO_TCP, IP_PROTO_UDP, MAX_L3_LEN, PSP_UDP_PORT,
} from './constants.ts';
import type { HeaderFields } from './header.ts';
import { IPV4_MIN_HDR, parseIp, rewriteIpHeader, type IpReason } from './ip.ts';
import { deriveKey } from './kdf.ts';
import { checkPacket, open, seal, type OpenReason } from './packet.ts';

export type Mode = 'transport' | 'tunnel';
export const UDP_HDR = 8;

export type EncapReason = IpReason | 'NOT_TCP_UDP' | 'CRYPT_OFFSET_PAST_PAYLOAD' | 'TOO_BIG' | 'KEY_SIZE_MISMATCH';
export type EncapResult = { ok: true; packet: Uint8Array } | { ok: false; reason: EncapReason };

/** Outer UDP source port: inner source XOR destination port for TCP/UDP, else 1000 (as the reference). */
function sourcePort(proto: number, l4: Uint8Array): number | null {
  if (proto !== IP_PROTO_TCP && proto !== IP_PROTO_UDP) return PSP_UDP_PORT;
  return l4.length < 4 ? null : readU16(l4, 0) ^ readU16(l4, 2);
}

function udpHeader(sport: number, len: number): Uint8Array {
  return concat(u16be(sport), u16be(PSP_UDP_PORT), u16be(len), u16be(0));
}

/** Encapsulate `inner` (an IPv4/IPv6 packet) under a derived key; fields other than nextHeader come from `f`. */
export function encap(mode: Mode, key: Uint8Array, f: Omit<HeaderFields, 'nextHeader'>, inner: Uint8Array, backend?: Backend): EncapResult {
  const p = parseIp(inner);
  if (!p.ok) return p;
  const { version, hdrLen, proto } = p.ip;
  const l4 = inner.subarray(hdrLen);
  // The reference only transports IPv6 packets whose next header is TCP or UDP.
  if (mode === 'transport' && version === 6 && proto !== IP_PROTO_TCP && proto !== IP_PROTO_UDP) return { ok: false, reason: 'NOT_TCP_UDP' };
  const sport = sourcePort(proto, l4);
  if (sport === null) return { ok: false, reason: 'TRUNCATED' };
  const tunnel = mode === 'tunnel';
  const nextHeader = tunnel ? (version === 4 ? IP_PROTO_IPV4 : IP_PROTO_IPV6) : proto;
  const s = seal(key, { ...f, nextHeader }, tunnel ? inner : l4, backend);
  if (!s.ok) return s;
  const udp = concat(udpHeader(sport, UDP_HDR + s.packet.length), s.packet);
  // Tunnel mode: the outer header is the inner one's fixed part (IPv4 options dropped, IHL 5).
  const ipHdr = tunnel ? inner.slice(0, version === 4 ? IPV4_MIN_HDR : hdrLen) : inner.subarray(0, hdrLen);
  if (tunnel && version === 4) ipHdr[0] = 0x45;
  const out = concat(rewriteIpHeader(ipHdr, version, IP_PROTO_UDP, udp.length), udp);
  if (out.length > MAX_L3_LEN) return { ok: false, reason: 'TOO_BIG' };
  return { ok: true, packet: out };
}

export type DecapReason = IpReason | 'NOT_UDP' | 'WRONG_UDP_PORT' | 'BAD_UDP_LENGTH' | OpenReason;
export type DecapResult =
  | { ok: true; mode: Mode; spi: number; version: number; packet: Uint8Array }
  | { ok: false; reason: DecapReason };

/** Decapsulate with the receiver's master keys: the SPI picks the key, the version its size. */
export function decap(masterKeys: readonly [Uint8Array, Uint8Array], outer: Uint8Array, backend?: Backend): DecapResult {
  const p = parseIp(outer);
  if (!p.ok) return p;
  const { version, hdrLen, proto } = p.ip;
  if (proto !== IP_PROTO_UDP) return { ok: false, reason: 'NOT_UDP' };
  if (outer.length < hdrLen + UDP_HDR) return { ok: false, reason: 'TRUNCATED' };
  if (readU16(outer, hdrLen + 2) !== PSP_UDP_PORT) return { ok: false, reason: 'WRONG_UDP_PORT' };
  if (readU16(outer, hdrLen + 4) !== outer.length - hdrLen) return { ok: false, reason: 'BAD_UDP_LENGTH' };
  const psp = outer.subarray(hdrLen + UDP_HDR);
  const c = checkPacket(psp);
  if (!c.ok) return c;
  const o = open(deriveKey(masterKeys, c.header.spi, c.version, backend), psp, c, backend);
  if (!o.ok) return { ok: false, reason: o.reason as OpenReason };
  const nh = c.header.nextHeader;
  const mode: Mode = nh === IP_PROTO_IPV4 || nh === IP_PROTO_IPV6 ? 'tunnel' : 'transport';
  const packet = mode === 'tunnel' ? o.payload : concat(rewriteIpHeader(outer.subarray(0, hdrLen), version, nh, o.payload.length), o.payload);
  return { ok: true, mode, spi: c.header.spi, version: c.version, packet };
}

