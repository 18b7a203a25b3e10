// `run`: replay vector files against one IUT. Tests run `jobs` at a time over one
// connection (pipelined); a test hit by a fault (crash, hang, protocol break) is
// retried once alone on a fresh IUT, so a fault is pinned on the test that causes it.
import type { Client, HelloInfo } from './client.ts';
import { classify, findEntry, isUnexpected, type Expectations } from './expectations.ts';
import { replayUnit } from './replay.ts';
import type { TestIdentity, TestOutcome } from './results.ts';
import { opsOf, type TestUnit } from './units.ts';
import { RESULT_VALIDATORS } from './validators.ts';

export interface RunHooks {
  /** Called once per finished test, in completion order (stream it to disk here). */
  onOutcome(o: TestOutcome): void;
  onIncident(line: string): void;
}

export interface ReplayOptions {
  jobs: number;
  /** Give up restarting after this many restarts in a row that ran no test to completion. */
  maxRestarts: number;
  expectations: Expectations;
  reproducer(u: TestUnit): string;
}

export async function replayAll(client: Client, hello: HelloInfo, units: TestUnit[], opts: ReplayOptions, hooks: RunHooks): Promise<void> {
  const supported = new Set(hello.ops);
  const v = RESULT_VALIDATORS;
  let restartsInARow = 0;
  let gaveUp: string | undefined;
  let restarting: Promise<void> | undefined;

  const ensureUp = async (): Promise<void> => {
    while (client.broken && !gaveUp) {
      if (!restarting) {
        restarting = (async () => {
          if (++restartsInARow > opts.maxRestarts) {
            gaveUp = `IUT gave up: ${opts.maxRestarts} restarts in a row without a finished test`;
            hooks.onIncident(gaveUp);
            return;
          }
          hooks.onIncident(`restarting IUT (${restartsInARow} in a row)`);
          try {
            await client.start();
          } catch (e) {
            hooks.onIncident(`restart failed: ${(e as Error).message}`);
          }
        })().finally(() => (restarting = undefined));
      }
      await restarting;
    }
  };

  const finish = (u: TestUnit, o: Omit<TestOutcome, 'expectation' | 'reproducer' | keyof TestIdentity>) => {
    const entry = findEntry(opts.expectations, u);
    const { steps: _steps, result: _result, ...identity } = u;
    const out: TestOutcome = {
      ...identity,
      ...o,
      expectation: classify(entry, o.verdict),
      ...(entry ? { expectationReason: entry.reason } : {}),
      reproducer: opts.reproducer(u),
    };
    for (const s of client.takeStrayViolations()) hooks.onIncident(`protocol: ${s}`);
    hooks.onOutcome(out);
  };

  const runOne = async (u: TestUnit) => {
    const t0 = performance.now();
    await ensureUp();
    if (gaveUp) return { verdict: 'error' as const, message: gaveUp, fault: 'crash', durationMs: 0 };
    const r = await replayUnit(client, u, v);
    const stderr = r.fault === 'crash' || r.fault === 'timeout' ? client.stderrTail() : undefined;
    if (r.verdict === 'pass' || r.verdict === 'fail') restartsInARow = 0;
    return { ...r, ...(stderr?.length ? { stderr } : {}), durationMs: Math.round((performance.now() - t0) * 1000) / 1000 };
  };

  const faulted: TestUnit[] = [];
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const u = units[next++];
      const entry = findEntry(opts.expectations, u);
      if (entry?.status === 'skip') {
        finish(u, { verdict: 'skipped', message: `skipped by expectations: ${entry.reason}`, durationMs: 0 });
        continue;
      }
      const missing = opsOf(u).filter((op) => !supported.has(op));
      if (missing.length) {
        finish(u, { verdict: 'skipped', message: `IUT does not support ${missing.join(', ')}`, fault: 'unsupported', durationMs: 0 });
        continue;
      }
      const r = await runOne(u);
      if (r.verdict === 'error' && (r.fault === 'crash' || r.fault === 'timeout' || r.fault === 'protocol') && !gaveUp) faulted.push(u);
      else finish(u, r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, worker));
  // Faulted tests again, one at a time on a fresh IUT: the verdict is the test's own.
  for (const u of faulted) finish(u, await runOne(u));
}

export function countUnexpected(outcomes: TestOutcome[]): number {
  return outcomes.filter((o) => isUnexpected(o.verdict, o.expectation)).length;
}
