// Newline framing with a length limit: a line over the limit is never buffered whole
// (a 100 MB line costs no memory); the reader reports it and skips to the next newline.
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private skipping = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversize: (bytesSeen: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.skipping) {
        const piece = chunk.subarray(start, end);
        if (this.size + piece.length > this.maxBytes) {
          this.skipping = true;
          this.onOversize(this.size + piece.length);
          this.parts = [];
          this.size = 0;
        } else if (piece.length) {
          this.parts.push(piece);
          this.size += piece.length;
        }
      }
      if (nl === -1) return;
      if (!this.skipping) {
        const line = this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts).toString('utf8');
        this.parts = [];
        this.size = 0;
        if (line.trim() !== '') this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
      this.skipping = false;
      start = nl + 1;
    }
  }
}

/** Keeps the last `n` lines of a stream, each cut to `width` characters. */
export class TailBuffer {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly n = 20, private readonly width = 300) {}

  push(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8', 0, Math.min(chunk.length, 64 * 1024));
    const ls = text.split('\n');
    this.partial = ls.pop()!.slice(0, this.width);
    for (const l of ls) this.lines.push(l.slice(0, this.width));
    if (this.lines.length > this.n) this.lines = this.lines.slice(-this.n);
  }

  clear(): void {
    this.lines = [];
    this.partial = '';
  }

  tail(): string[] {
    return this.partial ? [...this.lines, this.partial].slice(-this.n) : [...this.lines];
  }
}
