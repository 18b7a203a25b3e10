// `selftest`: the harness judged by its own zoo. Vectors and properties run against
// the reference (every one must pass) and against every mutant (each must be caught
// by at least one vector test or property). Only vectors and properties that use an
// op the mutant changed are run against it: nothing else can tell it apart.
import type { Mutant } from '../../adapters/mutants/types.ts';
import { PROPERTIES } from '../properties/index.ts';
import type { Client } from '../runner/client.ts';
import { checkProperty, type PropertyOutcome } from '../properties/check.ts';
import { NO_EXPECTATIONS } from '../runner/expectations.ts';
import { replayAll } from '../runner/run.ts';
import { DEFAULT_VECTORS, loadUnits } from '../runner/session.ts';
import { opsOf, type TestUnit } from '../runner/units.ts';
import type { PropertyDef } from '../properties/types.ts';
import { changedOps, mutantsNamed, targetClient, type AdapterMode } from './targets.ts';

export interface SelftestOptions {
  mode: AdapterMode;
  /** Targets checked at once (real parallelism with stdio children). */
  jobs: number;
  /** Whole-run budget; spread over the property checks. Absent: numRuns each, no limit. */
  timeBoxS?: number;
  numRuns: number;
  steps: number;
  seed: number;
  timeoutMs: number;
  mutants?: string[];
  vectors?: string[];
  onTarget?(r: TargetResult): void;
}

export interface TargetResult {
  spec: string;
  mutant?: Mutant;
  vectorsRun: number;
  /** Ids (suite#tcId) of the vector tests that failed or errored. */
  vectorFailures: string[];
  properties: PropertyOutcome[];
  /** The target could not be started or run at all. */
  error?: string;
  durationMs: number;
}

export interface SelftestResult {
  reference: TargetResult;
  mutants: TargetResult[];
  durationMs: number;
}

export const caught = (r: TargetResult) => r.vectorFailures.length > 0 || r.properties.some((p) => p.status === 'fail');
export const referenceClean = (r: TargetResult) => !r.error && r.vectorFailures.length === 0 && r.properties.every((p) => p.status === 'pass' || p.status === 'skipped');

interface Plan {
  mutant?: Mutant;
  units: TestUnit[];
  props: PropertyDef[];
}

async function checkTarget(p: Plan, o: SelftestOptions, timeLimitMs: number | undefined): Promise<TargetResult> {
  const t0 = performance.now();
  const client = targetClient(p.mutant?.name, o.mode, o.timeoutMs);
  const res: TargetResult = { spec: client.spec, ...(p.mutant ? { mutant: p.mutant } : {}), vectorsRun: p.units.length, vectorFailures: [], properties: [], durationMs: 0 };
  try {
    const hello = await client.start();
    await replayAll(client, hello, p.units, { jobs: 32, maxRestarts: 5, expectations: NO_EXPECTATIONS, reproducer: () => '' }, {
      onOutcome: (t) => void ((t.verdict === 'fail' || t.verdict === 'error') && res.vectorFailures.push(t.id)),
      onIncident: () => {},
    });
    res.properties = await runProperties(client, hello.ops, p.props, o, o.seed, timeLimitMs);
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
  } finally {
    await client.close();
  }
  res.vectorFailures.sort();
  res.durationMs = Math.round(performance.now() - t0);
  return res;
}

/** Mutants: the first failure is enough (no shrinking); the reference must pass them all. */
async function runProperties(client: Client, ops: string[], props: PropertyDef[], o: SelftestOptions, seed: number, timeLimitMs: number | undefined): Promise<PropertyOutcome[]> {
  const out: PropertyOutcome[] = [];
  for (const def of props) {
    if (!def.ops.every((op) => ops.includes(op))) continue;
    out.push(await checkProperty(def, [client], { numRuns: o.numRuns, steps: o.steps, seed, timeLimitMs, shrink: false }));
  }
  return out;
}

/** Time-boxed runs: mutants that survived the first pass get the time left, with fresh seeds. */
async function hunt(r: TargetResult, p: Plan, o: SelftestOptions, deadline: number): Promise<void> {
  for (let round = 1; !caught(r) && !r.error && performance.now() < deadline - 100; round++) {
    const client = targetClient(p.mutant?.name, o.mode, o.timeoutMs);
    try {
      const hello = await client.start();
      const more = await runProperties(client, hello.ops, p.props, o, o.seed + round, Math.max(100, deadline - performance.now()));
      r.properties.push(...more.filter((x) => x.status === 'fail'));
      if (!more.length) return;
    } finally {
      await client.close();
    }
  }
}

async function pool<T>(items: T[], jobs: number, f: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}

export async function selftest(o: SelftestOptions): Promise<SelftestResult> {
  const t0 = performance.now();
  const deadline = o.timeBoxS ? t0 + o.timeBoxS * 1000 : Infinity;
  const units = loadUnits(o.vectors ?? [DEFAULT_VECTORS]);
  const plans: Plan[] = mutantsNamed(o.mutants).map((m) => {
    const changed = changedOps(m);
    return { mutant: m, units: units.filter((u) => opsOf(u).some((op) => changed.has(op))), props: PROPERTIES.filter((d) => d.ops.some((op) => changed.has(op))) };
  });
  // First pass: half the box spread over every property check; the rest goes to survivors.
  const checks = PROPERTIES.length + plans.reduce((n, p) => n + p.props.length, 0);
  const parallel = o.mode === 'stdio' ? o.jobs : 1;
  const timeLimitMs = o.timeBoxS ? Math.max(200, Math.floor((o.timeBoxS * 1000 * 0.5 * parallel) / Math.max(1, checks))) : undefined;

  const reference = await checkTarget({ units, props: [...PROPERTIES] }, o, timeLimitMs);
  o.onTarget?.(reference);
  const mutants: TargetResult[] = new Array(plans.length);
  await pool(plans, o.jobs, async (p, i) => {
    mutants[i] = await checkTarget(p, o, timeLimitMs);
    o.onTarget?.(mutants[i]);
  });
  const survivors = plans.map((p, i) => [p, mutants[i]] as const).filter(([, r]) => !caught(r));
  if (o.timeBoxS) await pool(survivors, o.jobs, ([p, r]) => hunt(r, p, o, deadline));
  return { reference, mutants, durationMs: Math.round(performance.now() - t0) };
}
