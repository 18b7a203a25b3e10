// A fuzz session: the chosen targets (split across shards) against one adapter within
// a time budget, then the summary. Exit 0 = nothing new, 1 = new findings, 3 = the IUT
// could not be started (or restarted): the summary is written all the same.
import { join } from 'node:path';
import { openClient } from '../../adapters/transport/index.ts';
import { AdapterStartError } from '../runner/client.ts';
import { UsageError } from '../util/errors.ts';
import { fuzzLoop, runOne } from './loop.ts';
import { Pair, SetupError } from './pair.ts';
import { Rng } from './rng.ts';
import { CorpusStore, FindingStore, checkDir } from './store.ts';
import { writeSummary, type FuzzSummary, type TargetSummary } from './summary.ts';
import { OOP_TARGETS, targetByName } from './targets/index.ts';
import type { OopTarget } from './types.ts';
import { signature } from './judge.ts';

export interface FuzzOptions {
  adapter: string;
  targets: string[];
  timeS: number;
  seed: string;
  corpus: string;
  findings?: string;
  out: string;
  shard: { k: number; n: number };
  maxExecs?: number;
  batch: number;
  timeoutMs: number;
  /** Aborted (SIGINT, SIGTERM): finish the batch in flight, skip the targets left, write the summary. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export function parseShard(v: string): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard ${v}: expected K/N with 1 <= K <= N`);
  return { k, n };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function pickTargets(names: string[]): string[] {
  const all = OOP_TARGETS.map((t) => t.name);
  const picked = names.includes('all') ? all : names;
  for (const n of picked) if (!all.includes(n)) throw new UsageError(`--target ${n}: expected one of ${all.join(', ')}, all`);
  return picked;
}

export async function runFuzz(o: FuzzOptions): Promise<{ summary: FuzzSummary; exit: number }> {
  const names = pickTargets(o.targets);
  checkDir('--corpus', o.corpus);
  if (o.findings) checkDir('--findings', o.findings);
  checkDir('--out', o.out);
  // A shard takes every n-th target; with fewer targets than shards, all shards share them on different streams.
  const mine = names.length >= o.shard.n ? names.filter((_, i) => i % o.shard.n === o.shard.k - 1) : names;
  const findings = new FindingStore(o.findings ?? join(o.corpus, 'findings'));
  // Every corpus read before the first exec: a bad entry stops the run before it starts, not halfway.
  const corpora = new Map(mine.map((n) => [n, new CorpusStore(o.corpus, n)]));
  for (const c of corpora.values()) c.load();
  const t0 = Date.now();
  const summary: FuzzSummary = {
    schema: 'fuzz_summary_v1.schema.json', adapter: o.adapter, seed: o.seed, shard: `${o.shard.k}/${o.shard.n}`, timeBudgetS: o.timeS, durationS: 0,
    execs: 0, execsPerSec: 0, corpusSize: 0, targets: [], execsOverTime: [{ t: 0, execs: 0 }], findings: [], fixed: [], newFindings: 0,
  };
  // One connection for the whole run: targets switch with `reset`, not a new process.
  const client = openClient(o.adapter, { timeoutMs: o.timeoutMs });
  try {
    const pair = new Pair(client, targetByName(mine[0] ?? names[0])!);
    for (const [i, name] of mine.entries()) {
      if (o.signal?.aborted) {
        summary.targets.push({ name, status: 'skipped', note: 'interrupted', execs: 0, execsPerSec: 0, corpusSize: 0 });
        continue;
      }
      if (summary.error) {
        summary.targets.push({ name, status: 'skipped', note: 'not run: the IUT could not be started', execs: 0, execsPerSec: 0, corpusSize: 0 });
        continue;
      }
      await fuzzTarget(pair, name, mine.slice(i), t0 + o.timeS * 1000, o, corpora.get(name)!, findings, summary, t0);
    }
  } finally {
    await client.close();
  }
  summary.durationS = (Date.now() - t0) / 1000;
  summary.execsPerSec = summary.execs / Math.max(summary.durationS, 1e-3);
  summary.execsOverTime.push({ t: Math.round(summary.durationS * 10) / 10, execs: summary.execs });
  summary.newFindings = summary.findings.filter((f) => f.new).length;
  if (o.signal?.aborted) summary.interrupted = true;
  writeSummary(o.out, summary);
  return { summary, exit: summary.error ? 3 : summary.newFindings ? 1 : 0 };
}

/** Every op a target's execs use: an IUT must list them all in hello. */
function targetOps(t: OopTarget): string[] {
  return [...new Set([...t.setup.map((c) => c.op), ...t.calls(t.seeds()[0], 0).map((c) => c.op)])];
}

/** `left`: this target and those after it; the time until `end` is shared among those the IUT supports. */
async function fuzzTarget(pair: Pair, name: string, left: string[], end: number, o: FuzzOptions, corpus: CorpusStore, findings: FindingStore, summary: FuzzSummary, t0: number): Promise<void> {
  const target = targetByName(name)!;
  pair.retarget(target);
  const ts: TargetSummary = { name, status: 'fuzzed', execs: 0, execsPerSec: 0, corpusSize: 0 };
  summary.targets.push(ts);
  const lacking = (t: OopTarget) => targetOps(t).filter((x) => !pair.iutOps.includes(x));
  const skipUnsupported = () => {
    if (!lacking(target).length) return false;
    Object.assign(ts, { status: 'skipped', note: `IUT lacks ${lacking(target).join(', ')}` });
    return true;
  };
  // Once hello has listed the IUT's ops, an unsupported target costs no restart.
  if (pair.iutOps.length && skipUnsupported()) return;
  const start = Date.now();
  try {
    await pair.restart();
    if (skipUnsupported()) return;
    await recheckKnown(pair, name, findings, summary);
  } catch (e) {
    if (e instanceof AdapterStartError) {
      summary.error = e.message;
      Object.assign(ts, { status: 'skipped', note: e.message });
      return;
    }
    if (!(e instanceof SetupError)) throw e;
    if (!skipUnsupported()) Object.assign(ts, { status: 'skipped', note: e.message });
    return;
  }
  const deadline = start + (end - start) / left.filter((n) => !lacking(targetByName(n)!).length).length;
  const base = summary.execs;
  let lastSample = Date.now();
  const r = await fuzzLoop(pair, {
    rng: new Rng(`${o.seed}/${name}/${o.shard.k}/${o.shard.n}`),
    deadline,
    signal: o.signal,
    maxExecs: o.maxExecs ?? Number.MAX_SAFE_INTEGER,
    batch: o.batch,
    corpus,
    findings,
    reproducer: (p) => `npx rekey-harness fuzz --adapter ${quote(o.adapter)} --target ${name} --replay ${quote(p)}`,
    onFinding: (f) => o.log?.(`finding ${f.signature}\n  ${f.reproducer}`),
    onBatch: (execs) => {
      const now = Date.now();
      if (now - lastSample >= 1000) {
        lastSample = now;
        summary.execsOverTime.push({ t: Math.round((now - t0) / 100) / 10, execs: base + execs });
      }
    },
  });
  Object.assign(ts, { execs: r.execs, execsPerSec: r.execs / Math.max((Date.now() - start) / 1000, 1e-3), corpusSize: r.corpusSize });
  if (r.stopped) {
    ts.note = `stopped: ${r.stopped}`;
    summary.error = r.stopped;
  }
  summary.execs += r.execs;
  summary.corpusSize += r.corpusSize;
  for (const f of r.found) {
    if (summary.findings.some((x) => x.signature === f.signature)) continue;
    summary.findings.push({ signature: f.signature, kind: f.kind, target: name, reproducer: FindingStore.read(f.path).reproducer, path: f.path, new: !findings.known.has(f.signature) });
  }
  o.log?.(`${name}: ${r.execs} execs (${Math.round(ts.execsPerSec)}/s), corpus ${r.corpusSize}, ${r.found.length} findings`);
}

/**
 * Every finding of this target from earlier runs, replayed once before fuzzing: still
 * there (listed among the findings, not new), or fixed (listed apart), so a nightly that
 * fails only on new findings still shows what it knows about.
 */
async function recheckKnown(pair: Pair, target: string, findings: FindingStore, summary: FuzzSummary): Promise<void> {
  for (const [sig, k] of findings.known) {
    if (k.target !== target) continue;
    const f = FindingStore.read(k.path);
    const e = await runOne(pair, FindingStore.genome(f));
    const now = e.judgement.kind ? signature(target, e.judgement) : 'agree';
    if (now === sig) summary.findings.push({ signature: sig, kind: f.kind, target, reproducer: f.reproducer, path: k.path, new: false });
    else summary.fixed.push({ signature: sig, target, path: k.path, now });
  }
}

/** `--replay FINDING`: the saved input once more, both verdicts printed; exit 1 while it still diverges. */
export async function replayFinding(adapter: string, path: string, timeoutMs: number): Promise<{ text: string; exit: number }> {
  const f = FindingStore.read(path);
  const target = targetByName(f.target);
  if (!target) throw new UsageError(`${path}: unknown target ${f.target}`);
  const client = openClient(adapter, { timeoutMs });
  try {
    const e = await runOne(new Pair(client, target), FindingStore.genome(f));
    const sig = e.judgement.kind ? signature(target.name, e.judgement) : 'agree';
    const text = [`model: ${e.judgement.model}  ${JSON.stringify(e.model).slice(0, 400)}`, `iut:   ${e.judgement.iut}  ${JSON.stringify(e.iut).slice(0, 400)}`, sig === f.signature ? `reproduced ${sig}` : `not reproduced (now: ${sig})`].join('\n');
    return { text, exit: e.judgement.kind ? 1 : 0 };
  } finally {
    await client.close();
  }
}

