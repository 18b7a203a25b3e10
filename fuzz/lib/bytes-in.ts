// Deterministic choices derived from the fuzz input itself, so a saved input replays
// exactly (no Math.random in targets).
export function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

/** Cut `b` into chunks whose sizes follow a small generator seeded from the input. */
export function chunks(b: Uint8Array, maxChunk: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let h = hashBytes(b) || 1;
  for (let o = 0; o < b.length; ) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    const n = 1 + ((h >>> 0) % maxChunk);
    out.push(b.subarray(o, o + n));
    o += n;
  }
  return out;
}
