// Structure-aware mutation: field values (boundary numbers, or the field's meaningful values), flag bits, length fields
// (0, ±1, max, the bytes actually left), truncation at and between fields, extension,
// splicing two messages at field boundaries, and plain byte edits. 1-3 per mutant.
import { concat } from '../util/bytes.ts';
import type { Rng } from './rng.ts';
import type { Field, Genome } from './types.ts';

const MAX_LEN = 4096;

function readBE(b: Uint8Array, f: Field): number {
  let v = 0;
  for (let i = 0; i < f.len && f.off + i < b.length; i++) v = v * 256 + b[f.off + i];
  return v;
}

function writeBE(b: Uint8Array, f: Field, v: number): void {
  for (let i = f.len - 1; i >= 0; i--) {
    if (f.off + i < b.length) b[f.off + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

function boundary(rng: Rng, f: Field, cur: number, left: number): number {
  if (f.values?.length && rng.chance(0.5)) return rng.pick(f.values);
  const max = 2 ** (8 * Math.min(f.len, 6)) - 1;
  const xs = [0, 1, cur - 1, cur + 1, max, max - 1, Math.floor(max / 2) + 1, left, left + 1, left - 1, cur * 2, rng.u32()];
  return Math.max(0, Math.min(max, rng.pick(xs)));
}

type Mutator = (rng: Rng, b: Uint8Array, fields: Field[], other: Uint8Array) => Uint8Array;

const ints = (fs: Field[]) => fs.filter((f) => f.kind !== 'bytes' && f.len <= 8);

const MUTATORS: Mutator[] = [
  // a length or value field to a boundary
  (rng, b, fs) => {
    const cands = ints(fs);
    if (!cands.length) return b;
    const f = rng.pick(cands);
    const out = b.slice();
    writeBE(out, f, boundary(rng, f, readBE(b, f), b.length - f.off - f.len));
    return out;
  },
  // a flag bit
  (rng, b, fs) => {
    const flags = fs.filter((f) => f.kind === 'flags');
    const f = flags.length ? rng.pick(flags) : undefined;
    const out = b.slice();
    const at = f ? f.off + rng.int(f.len) : rng.int(b.length);
    if (at < out.length) out[at] ^= 1 << rng.int(8);
    return out;
  },
  // truncate: at a field boundary or anywhere
  (rng, b, fs) => {
    const cuts = fs.flatMap((f) => [f.off, f.off + f.len]).filter((o) => o < b.length);
    return b.slice(0, rng.chance(0.5) && cuts.length ? rng.pick(cuts) : rng.int(b.length + 1));
  },
  // extend: random tail, or a field repeated
  (rng, b, fs) => {
    if (rng.chance(0.5) && fs.length) {
      const f = rng.pick(fs);
      return concat(b, b.slice(f.off, f.off + f.len));
    }
    return concat(b, rng.bytes(1 + rng.int(32)));
  },
  // splice: our prefix up to a field boundary, then the other message from one of its boundaries
  (rng, b, fs, other) => {
    const cut = fs.length ? rng.pick(fs).off : rng.int(b.length + 1);
    return concat(b.slice(0, cut), other.slice(rng.int(other.length + 1)));
  },
  // byte edits: set, insert, delete
  (rng, b) => {
    const at = rng.int(b.length + 1);
    switch (rng.int(3)) {
      case 0: {
        const out = b.slice();
        if (at < out.length) out[at] = rng.pick([0, 0xff, 0x7f, 0x80, rng.int(256)]);
        return out;
      }
      case 1:
        return concat(b.slice(0, at), rng.bytes(1 + rng.int(4)), b.slice(at));
      default:
        return concat(b.slice(0, at), b.slice(at + 1 + rng.int(4)));
    }
  },
];

/** A mutant of `g`; `fields` describes g.bytes; `other` is a second corpus entry for splicing. */
export function mutate(rng: Rng, g: Genome, fields: (b: Uint8Array) => Field[], other: Genome): Genome {
  let b = g.bytes;
  for (let n = 1 + rng.int(3); n > 0; n--) b = rng.pick(MUTATORS)(rng, b, fields(b), other.bytes);
  return { bytes: b.length > MAX_LEN ? b.slice(0, MAX_LEN) : b, reseal: rng.chance(0.9) };
}
