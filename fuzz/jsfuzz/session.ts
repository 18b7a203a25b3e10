// One target under jsfuzz for a time or exec budget: bundle it, keep its working corpus
// (resumable, topped up from the committed inputs), and on a crash save the input under
// .fuzz-build/crashes/NAME/ with the one-line command that replays it.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import { committedInputs, sha256Hex } from '../lib/inputs.ts';
import { ROOT } from '../../harness/util/schema.ts';
import { BUILD_DIR, bundleTarget } from './build.ts';
import { runJsfuzz, type JsfuzzRun } from './jsfuzz-process.ts';

/** Text formats: jsfuzz's versifier (token splicing) helps there. */
const TEXT_TARGETS = new Set(['adapter-lines']);

export interface SessionOptions {
  name: string;
  /** The target module (default fuzz/targets/NAME.ts). */
  entry?: string;
  /** The target whose committed inputs seed the run (default: name). */
  seedsOf?: string;
  seconds: number;
  maxExecs?: number;
  log: (line: string) => void;
}

export interface SessionResult {
  run: JsfuzzRun;
  /** The saved crash input, relative to the repository. */
  crash?: string;
  /** Coverage stayed 0: jsfuzz ran uninstrumented, which counts as a failure. */
  blind: boolean;
}

export async function fuzzSession(o: SessionOptions): Promise<SessionResult> {
  const bundle = await bundleTarget(o.name, o.entry);
  const work = join(BUILD_DIR, 'corpus', o.name);
  mkdirSync(work, { recursive: true });
  for (const f of committedInputs(o.seedsOf ?? o.name)) {
    const dst = join(work, sha256Hex(readFileSync(f)));
    if (!existsSync(dst)) copyFileSync(f, dst);
  }
  const artifact = join(BUILD_DIR, `crash-${o.name}`);
  const run = await runJsfuzz({ bundle, corpusDir: work, artifact, seconds: o.seconds, maxExecs: o.maxExecs, versifier: TEXT_TARGETS.has(o.name) });
  const rate = Math.round(run.execs / Math.max(run.seconds, 1e-3));
  o.log(`${o.name}: ${run.execs} execs in ${run.seconds.toFixed(1)} s (${rate}/s), cov ${run.cov}, corpus ${run.corpus}, rss ${run.rssMb} MB`);
  if (run.crashed && existsSync(artifact)) {
    const dir = join(BUILD_DIR, 'crashes', o.name);
    mkdirSync(dir, { recursive: true });
    const saved = relative(ROOT, join(dir, `crash-${sha256Hex(readFileSync(artifact))}`));
    renameSync(artifact, join(ROOT, saved));
    o.log(run.output.filter((l) => !l.startsWith('#')).slice(-15).join('\n'));
    o.log(`CRASH saved: ${saved}`);
    o.log(`regression: npm run fuzz -- ${o.name} --replay ${saved}`);
    o.log(`(once fixed, copy it to fuzz/regressions/${o.name}/ so npm test replays it)`);
    return { run, crash: saved, blind: false };
  }
  if (run.cov === 0) o.log(`${o.name}: coverage stayed 0 — jsfuzz ran blind (not instrumented)`);
  return { run, blind: run.cov === 0 };
}
