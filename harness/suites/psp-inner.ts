// Inner packets for PSP vectors and benchmarks: IPv4 / IPv6 with a UDP, TCP or other
// payload, lengths and IPv4 checksum right (the input a PSP encapsulator is given).
import type { Drbg } from '../crypto/index.ts';
import { concat, u16be } from '../util/bytes.ts';
import { IP_PROTO_TCP, IP_PROTO_UDP, ipv4Checksum } from '../model/psp/index.ts';

export interface InnerSpec {
  ip: 4 | 6;
  proto: number;
  /** Bytes after the IP header (the L4 header included). */
  l4: Uint8Array;
  /** IPv4 options (a multiple of 4 bytes). */
  options?: Uint8Array;
}

export function ipPacket(rng: Drbg, s: InnerSpec): Uint8Array {
  if (s.ip === 4) {
    const opts = s.options ?? new Uint8Array(0);
    const h = new Uint8Array(20 + opts.length);
    const dv = new DataView(h.buffer);
    h[0] = 0x40 | (h.length / 4);
    dv.setUint16(2, h.length + s.l4.length);
    dv.setUint16(4, rng.int(0x10000));
    dv.setUint16(6, 0x4000);
    h[8] = 64;
    h[9] = s.proto;
    h.set(rng.bytes(8), 12);
    h.set(opts, 20);
    dv.setUint16(10, ipv4Checksum(h));
    return concat(h, s.l4);
  }
  const h = new Uint8Array(40);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, 0x60000000 | rng.int(0x100000));
  dv.setUint16(4, s.l4.length);
  h[6] = s.proto;
  h[7] = 64;
  h.set(rng.bytes(32), 8);
  return concat(h, s.l4);
}

/** A UDP datagram (checksum left 0) or TCP segment (20-byte header) carrying `data`. */
export function l4Segment(rng: Drbg, proto: number, data: Uint8Array): Uint8Array {
  const ports = concat(u16be(1024 + rng.int(60000)), u16be(1 + rng.int(65535)));
  if (proto === IP_PROTO_UDP) return concat(ports, u16be(8 + data.length), u16be(0), data);
  if (proto === IP_PROTO_TCP) return concat(ports, rng.bytes(8), Uint8Array.of(0x50, 0x18), rng.bytes(6), data);
  return data;
}
