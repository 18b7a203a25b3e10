// Runs jsfuzz on a bundled target for a time or exec budget and reads its progress
// lines ("#N NEW|PULSE cov: C corp: K exec/s: E rss: R MB").
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { BUILD_DIR } from './build.ts';

export interface JsfuzzRun {
  execs: number;
  cov: number;
  corpus: number;
  seconds: number;
  crashed: boolean;
  rssMb: number;
  /** jsfuzz's own rate over its last 3-second pulse (startup excluded). */
  pulseRate: number;
  output: string[];
}

export interface JsfuzzOptions {
  /** Bundle path relative to BUILD_DIR (jsfuzz's worker resolves it against its cwd). */
  bundle: string;
  /** Absolute. */
  corpusDir: string;
  artifact: string;
  seconds: number;
  maxExecs?: number;
  versifier: boolean;
  onProgress?: (line: string) => void;
}

const JSFUZZ = createRequire(import.meta.url).resolve('jsfuzz/build/src/index.js');
const PROGRESS = /^#(\d+) (NEW|PULSE)\s+cov: (\d+) corp: (\d+) exec\/s: (\d+) rss: ([\d.]+) MB/;

export function runJsfuzz(o: JsfuzzOptions): Promise<JsfuzzRun> {
  const args = [JSFUZZ, o.bundle, o.corpusDir, '--exact-artifact-path', o.artifact, `--versifier=${o.versifier}`, '--timeout', '10'];
  // Own process group: jsfuzz forks a worker, and the budget ends both. Its cwd is the
  // build folder because the worker writes .nyc_output/ there on a crash.
  const child = spawn(process.execPath, args, { cwd: BUILD_DIR, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const run: JsfuzzRun = { execs: 0, cov: 0, corpus: 0, seconds: 0, crashed: false, rssMb: 0, pulseRate: 0, output: [] };
  const t0 = Date.now();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const timer = setTimeout(stop, o.seconds * 1000);
  let partial = '';
  const onData = (c: Buffer) => {
    const lines = (partial + c.toString('utf8')).split('\n');
    partial = lines.pop()!;
    for (const l of lines) {
      run.output.push(l);
      if (run.output.length > 200) run.output.shift();
      o.onProgress?.(l);
      const m = PROGRESS.exec(l);
      if (m) {
        [run.execs, run.cov, run.corpus, run.rssMb] = [Number(m[1]), Number(m[3]), Number(m[4]), Number(m[6])];
        if (m[2] === 'PULSE') run.pulseRate = Number(m[5]);
        if (o.maxExecs && run.execs >= o.maxExecs) stop();
      }
      if (l.startsWith('crash was written to')) run.crashed = true;
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearTimeout(timer);
      stop();
      run.seconds = (Date.now() - t0) / 1000;
      resolve(run);
    });
  });
}
