// `npm run fuzz -- TARGET|all --time SECONDS [--execs N]`: coverage-guided in-process
// fuzzing with jsfuzz. `--replay FILE...` runs saved inputs through the target in-process.
import { Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { IN_PROCESS_TARGETS } from '../targets/index.ts';
import { committedInputs, loadTarget, replay, sha256Hex } from '../lib/inputs.ts';
import { ROOT } from '../../harness/util/schema.ts';
import { BUILD_DIR, bundleTarget } from './build.ts';
import { runJsfuzz } from './jsfuzz-process.ts';

/** Text formats: jsfuzz's versifier (token splicing) helps there. */
const TEXT_TARGETS = new Set(['adapter-lines']);

async function fuzzOne(name: string, seconds: number, maxExecs: number | undefined): Promise<boolean> {
  const bundle = await bundleTarget(name);
  // Working corpus: kept between runs (resumable), topped up from the committed inputs.
  const work = join(BUILD_DIR, 'corpus', name);
  mkdirSync(work, { recursive: true });
  for (const f of committedInputs(name)) {
    const dst = join(work, sha256Hex(readFileSync(f)));
    if (!existsSync(dst)) copyFileSync(f, dst);
  }
  const artifact = join(BUILD_DIR, `crash-${name}`);
  const r = await runJsfuzz({ bundle, corpusDir: work, artifact, seconds, maxExecs, versifier: TEXT_TARGETS.has(name) });
  const rate = Math.round(r.execs / Math.max(r.seconds, 1e-3));
  console.log(`${name}: ${r.execs} execs in ${r.seconds.toFixed(1)} s (${rate}/s), cov ${r.cov}, corpus ${r.corpus}, rss ${r.rssMb} MB`);
  if (r.crashed && existsSync(artifact)) {
    const sha = sha256Hex(readFileSync(artifact));
    const dir = join(BUILD_DIR, 'crashes', name);
    mkdirSync(dir, { recursive: true });
    const saved = join(dir, `crash-${sha}`);
    renameSync(artifact, saved);
    console.log(r.output.filter((l) => !l.startsWith('#')).slice(-15).join('\n'));
    console.log(`CRASH saved: ${relative(ROOT, saved)}`);
    console.log(`regression: npm run fuzz -- ${name} --replay ${relative(ROOT, saved)}`);
    console.log(`(once fixed, copy it to fuzz/regressions/${name}/ so npm test replays it)`);
    return false;
  }
  if (r.cov === 0) {
    console.log(`${name}: coverage stayed 0 — jsfuzz ran blind (not instrumented)`);
    return false;
  }
  return true;
}

const program = new Command('fuzz')
  .argument('[target]', `one of ${Object.keys(IN_PROCESS_TARGETS).join(', ')}, or all`)
  .option('--time <seconds>', 'time budget per target', (v) => Number(v), 60)
  .option('--execs <n>', 'stop a target after about this many execs', (v) => Number(v))
  .option('--replay <files...>', 'run these inputs through the target in-process and report')
  .option('--list', 'list the targets')
  .action(async (target: string | undefined, o: { time: number; execs?: number; replay?: string[]; list?: boolean }) => {
    if (o.list || !target) {
      for (const [n, what] of Object.entries(IN_PROCESS_TARGETS)) console.log(`${n.padEnd(16)} ${what}`);
      return;
    }
    const names = target === 'all' ? Object.keys(IN_PROCESS_TARGETS) : [target];
    for (const n of names) if (!(n in IN_PROCESS_TARGETS)) throw new Error(`unknown target ${n} (npm run fuzz -- --list)`);
    if (o.replay) {
      const bad = await replay(await loadTarget(names[0]), o.replay);
      for (const b of bad) console.log(`${basename(b.file)}: ${b.error.stack ?? b.error}`);
      console.log(`${o.replay.length - bad.length} passed, ${bad.length} failed`);
      process.exitCode = bad.length ? 1 : 0;
      return;
    }
    let ok = true;
    for (const n of names) ok = (await fuzzOne(n, o.time, o.execs)) && ok;
    process.exitCode = ok ? 0 : 1;
  });

await program.parseAsync(process.argv);
