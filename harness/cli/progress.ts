// Progress for long commands (run, selftest, fuzz): a live bar on a terminal
// (cli-progress), plain periodic lines on stderr in CI or when piped, so logs stay
// readable. Writes to stderr only: stdout keeps the command's own output.
import { SingleBar } from 'cli-progress';

export interface ProgressTick {
  /** Units finished by this tick (default 1). */
  n?: number;
  /** How many of them failed (shown as "failed"; fuzz: findings). */
  failed?: number;
  /** What is being worked on now: the suite, the fuzz target. */
  detail?: string;
}

export interface Progress {
  tick(t?: ProgressTick): void;
  /** Change the total (a bar keeps the layout it started with: no bar if it started unknown). */
  setTotal(total: number): void;
  /** Final state: the bar stops, plain mode prints a closing line. Idempotent. */
  done(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface ProgressOptions {
  /** Command name at the start of each line: run, selftest, fuzz. */
  label: string;
  /** 0 or absent: unknown. */
  total?: number;
  /** What is counted: tests (default), execs, mutants. */
  unit?: string;
  /** Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Default: bar on a TTY outside CI, else lines. */
  mode?: ProgressMode;
  /** Plain mode: at most one line per this many ms (default 2000)... */
  minGapMs?: number;
  /** ...printed at each new tenth of the total, or after this long without a line (default 10000). */
  heartbeatMs?: number;
  now?: () => number;
}

export function defaultMode(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  return stream.isTTY && !env.CI ? 'bar' : 'lines';
}

export function createProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const mode = o.mode ?? defaultMode(stream);
  const now = o.now ?? Date.now;
  const unit = o.unit ?? 'tests';
  const started = now();
  let total = o.total ?? 0;
  let count = 0;
  let failed = 0;
  let detail = '';
  let finished = false;

  const rate = () => {
    const s = (now() - started) / 1000;
    return s > 0 ? Math.round(count / s) : 0;
  };
  const line = () =>
    `${o.label}: ${count}${total ? `/${total}` : ''} ${unit}${total ? ` (${Math.floor((100 * count) / total)}%)` : ''}, ${failed} failed, ${rate()}/s${detail ? `, ${detail}` : ''}`;

  if (mode === 'off') return { tick() {}, setTotal() {}, done() {} };

  if (mode === 'bar') {
    // The layout is fixed at creation: a progress started with an unknown total shows no bar.
    const format = `${o.label} ${total ? '|{bar}| {value}/{total}' : '{value}'} ${unit} | {failed} failed | {rate}/s | {detail}`;
    const bar = new SingleBar({ stream: stream as NodeJS.WriteStream, format, hideCursor: true, barsize: 30, fps: 8 });
    const payload = () => ({ failed, rate: rate(), detail });
    bar.start(total, 0, payload());
    return {
      tick(t = {}) {
        count += t.n ?? 1;
        failed += t.failed ?? 0;
        if (t.detail !== undefined) detail = t.detail;
        bar.update(count, payload());
      },
      setTotal(n) {
        total = n;
        bar.setTotal(n);
      },
      done() {
        if (finished) return;
        finished = true;
        bar.update(count, payload());
        bar.stop();
      },
    };
  }

  const minGap = o.minGapMs ?? 2000;
  const heartbeat = o.heartbeatMs ?? 10000;
  let lastAt = started;
  let lastTenth = 0;
  const print = () => {
    stream.write(`${line()}\n`);
    lastAt = now();
    lastTenth = total ? Math.floor((10 * count) / total) : 0;
  };
  return {
    tick(t = {}) {
      count += t.n ?? 1;
      failed += t.failed ?? 0;
      if (t.detail !== undefined) detail = t.detail;
      const tenth = total ? Math.floor((10 * count) / total) : 0;
      const due = tenth > lastTenth || now() - lastAt >= heartbeat;
      if (due && now() - lastAt >= minGap && !(total && count >= total)) print();
    },
    setTotal(n) {
      total = n;
    },
    done() {
      if (finished) return;
      finished = true;
      print();
    },
  };
}
