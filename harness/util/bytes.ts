// Byte helpers shared by the model, the adapters and the reports. No crypto here.

export type Bytes = Uint8Array;

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

export class HexError extends Error {
  readonly code = 'BAD_HEX';
}

/** Lowercase hex, as the adapter protocol and vector files carry bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Strict: lowercase, even length; anything else throws HexError. */
export function fromHex(s: string): Uint8Array {
  if (typeof s !== 'string' || !HEX_RE.test(s)) throw new HexError(`not lowercase hex of even length: ${String(s).slice(0, 40)}`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function isHex(s: unknown): s is string {
  return typeof s === 'string' && HEX_RE.test(s);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function u8(...xs: number[]): Uint8Array {
  return Uint8Array.from(xs);
}

export function u16be(x: number): Uint8Array {
  return u8((x >>> 8) & 0xff, x & 0xff);
}

export function u32be(x: number): Uint8Array {
  return u8((x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
}

export function u64be(x: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, x));
  return out;
}

export function readU16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

export function readU32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
}

export function readU64(b: Uint8Array, o: number): bigint {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(o);
}

/** Overwrite key material we no longer need (the model mirrors the IUT's wipes). */
export function wipe(b: Uint8Array): void {
  b.fill(0);
}
