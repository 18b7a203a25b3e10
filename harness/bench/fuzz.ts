// Fuzzing throughput. In-process: jsfuzz on the OAP header target next to jsfuzz on a
// trivial target in the same run (target: ratio >= 0.7, i.e. our parser costs little
// next to jsfuzz's own per-exec cost). Out-of-process: pipelined execs/s against the
// reference shim over stdio (target >= 50k/s) and the harness's RSS before and after;
// the crypto-bound OAP exchange targets for scale.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { committedInputs } from '../../fuzz/lib/inputs.ts';
import { bundleTarget, BUILD_DIR } from '../../fuzz/jsfuzz/build.ts';
import { runJsfuzz } from '../../fuzz/jsfuzz/jsfuzz-process.ts';
import { openClient } from '../../adapters/transport/index.ts';
import { fuzzLoop } from '../fuzz/loop.ts';
import { Pair } from '../fuzz/pair.ts';
import { Rng } from '../fuzz/rng.ts';
import { CorpusStore, FindingStore } from '../fuzz/store.ts';
import { targetByName } from '../fuzz/targets/index.ts';
import { ROOT } from '../util/schema.ts';
import type { Bench, BenchRow } from './types.ts';

const SECONDS = Number(process.env.FUZZ_BENCH_SECONDS ?? 8);
const SHIM = `stdio:node ${join(ROOT, 'bin/rekey-harness.js')} shim`;

/** jsfuzz's steady rate on a target (its last pulse), from the committed seeds when there are any. */
async function jsfuzzRate(name: string, entry?: string): Promise<number> {
  const bundle = await bundleTarget(name, entry);
  const corpus = join(BUILD_DIR, 'bench-corpus', name);
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  for (const f of committedInputs(name)) copyFileSync(f, join(corpus, basename(f)));
  const r = await runJsfuzz({ bundle, corpusDir: corpus, artifact: join(BUILD_DIR, `bench-crash-${name}`), seconds: Math.max(SECONDS, 7), versifier: false });
  return r.pulseRate;
}

/** Pipelined execs/s of one target; RSS after a warm-up second and at the end. */
async function oopRun(adapter: string, target: string, seconds: number): Promise<{ rate: number; rssStart: number; rssEnd: number }> {
  const dir = join(BUILD_DIR, 'bench-oop');
  rmSync(dir, { recursive: true, force: true });
  const pair = new Pair(openClient(adapter, { timeoutMs: 10_000 }), targetByName(target)!);
  await pair.restart();
  const loop = (ms: number, seed: string) =>
    fuzzLoop(pair, {
      rng: new Rng(seed), deadline: Date.now() + ms, maxExecs: Number.MAX_SAFE_INTEGER, batch: 256,
      corpus: new CorpusStore(dir, target), findings: new FindingStore(join(dir, 'findings')), reproducer: () => '',
    });
  await loop(1000, 'bench-warm-up');
  const rssStart = process.memoryUsage().rss;
  const t0 = Date.now();
  const r = await loop(seconds * 1000, 'bench');
  const rate = r.execs / ((Date.now() - t0) / 1000);
  const rssEnd = process.memoryUsage().rss;
  await pair.client.close();
  return { rate, rssStart, rssEnd };
}

const mb = (b: number) => Math.round(b / 2 ** 20);

export const bench: Bench = {
  name: 'fuzz',
  async run(): Promise<BenchRow[]> {
    const trivial = await jsfuzzRate('bench-trivial', join(ROOT, 'fuzz/jsfuzz/trivial-target.ts'));
    const oap = await jsfuzzRate('oap-header');
    const shim = await oopRun(SHIM, 'oap-decode', SECONDS);
    const embedded = await oopRun('reference', 'oap-decode', SECONDS);
    const long = await oopRun('reference', 'prod-parse', SECONDS * 4);
    const exchanges: BenchRow[] = [];
    for (const target of ['oap-server', 'oap-client']) {
      const viaShim = await oopRun(SHIM, target, SECONDS);
      const embedded = await oopRun('reference', target, SECONDS);
      exchanges.push({
        name: `rekey-harness fuzz ${target} vs reference shim (stdio; re-signing, certificate chains, key exchange)`, unit: 'execs', rate: viaShim.rate,
        baseline: { name: 'same, embedded reference', rate: embedded.rate }, note: 'no target: the cost is the crypto on both sides',
      });
    }
    return [
      { name: 'jsfuzz oap-header target', unit: 'execs', rate: oap, baseline: { name: 'jsfuzz trivial target', rate: trivial }, target: 'ratio >= 0.7' },
      { name: 'rekey-harness fuzz oap-decode vs reference shim (stdio, 256 in flight)', unit: 'execs', rate: shim.rate, baseline: { name: 'same, embedded reference (no process; args and results still copied through JSON)', rate: embedded.rate }, target: '>= 50000/s' },
      ...exchanges,
      {
        name: `rekey-harness fuzz prod-parse, ${SECONDS * 4} s, embedded reference`, unit: 'execs', rate: long.rate,
        note: `RSS ${mb(long.rssStart)} MB at start, ${mb(long.rssEnd)} MB after (target: flat within 20%)`,
      },
    ];
  },
};
