// Adapter protocol framing (adapters/transport/lines.ts LineSplitter): the input is cut
// into chunks at input-derived points and must frame exactly as one split on "\n":
// a segment over the limit is reported once and never delivered; blank lines vanish.
import { LineSplitter } from '../../adapters/transport/lines.ts';
import { checkEqual } from '../lib/check.ts';
import { chunks } from '../lib/bytes-in.ts';

const MAX = 64;

function expected(data: Buffer): { lines: string[]; oversize: number } {
  const segs: Buffer[] = [];
  for (let o = 0; ; ) {
    const nl = data.indexOf(10, o);
    if (nl === -1) break;
    segs.push(data.subarray(o, nl));
    o = nl + 1;
  }
  const lines: string[] = [];
  let oversize = 0;
  for (const s of segs) {
    if (s.length > MAX) oversize++;
    else {
      const line = s.toString('utf8');
      if (line.trim() !== '') lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
  }
  return { lines, oversize };
}

export function fuzz(data: Uint8Array): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const got = { lines: [] as string[], oversize: 0 };
  const s = new LineSplitter(MAX, (l) => got.lines.push(l), () => got.oversize++);
  for (const c of chunks(buf, 16)) s.push(Buffer.from(c));
  // The last segment has no newline yet: it may already be reported oversize, never delivered.
  const tail = buf.length - buf.lastIndexOf(10) - 1;
  const want = expected(buf);
  if (tail > MAX) want.oversize++;
  checkEqual(got, want, 'framing differs from a split on newlines');
}
