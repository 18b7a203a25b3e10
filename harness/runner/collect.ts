// Fold test outcomes into the run's results: totals and the per-requirement roll-up.
import { REQUIREMENTS } from '../requirements/index.ts';
import type { RequirementRollup, RunInfo, RunResults, TestOutcome, Verdict } from './results.ts';
import { isUnexpected, type ExpectationEntry } from './expectations.ts';

const zero = (): Record<Verdict, number> => ({ pass: 0, fail: 0, skipped: 0, error: 0 });

/** A requirement fails if any of its tests fails or errs, passes if all that ran passed. */
function rollupVerdict(c: Record<Verdict, number>): RequirementRollup['verdict'] {
  if (c.fail) return 'fail';
  if (c.error) return 'error';
  if (c.pass) return 'pass';
  if (c.skipped) return 'skipped';
  return 'untested';
}

export function rollup(tests: TestOutcome[], onlyMechanisms?: Set<string>): RequirementRollup[] {
  const byReq = new Map<string, { counts: Record<Verdict, number>; tests: string[] }>();
  for (const t of tests)
    for (const r of t.reqs) {
      const e = byReq.get(r) ?? { counts: zero(), tests: [] };
      e.counts[t.verdict]++;
      e.tests.push(t.id);
      byReq.set(r, e);
    }
  const known = REQUIREMENTS.filter((r) => !onlyMechanisms || onlyMechanisms.has(r.mechanism) || byReq.has(r.id));
  const out: RequirementRollup[] = known.map((r) => {
    const e = byReq.get(r.id) ?? { counts: zero(), tests: [] };
    return { id: r.id, level: r.level, title: r.title, verdict: rollupVerdict(e.counts), counts: e.counts, tests: e.tests };
  });
  for (const [id, e] of byReq) if (!known.some((r) => r.id === id)) out.push({ id, level: '?', title: '(not in the catalogue)', verdict: rollupVerdict(e.counts), counts: e.counts, tests: e.tests });
  return out;
}

export function collect(run: RunInfo, tests: TestOutcome[], expired: ExpectationEntry[], mechanisms?: Set<string>): RunResults {
  const totals = { ...zero(), total: tests.length, unexpected: 0 };
  for (const t of tests) {
    totals[t.verdict]++;
    if (isUnexpected(t.verdict, t.expectation)) totals.unexpected++;
  }
  totals.unexpected += expired.length;
  const sorted = [...tests].sort((a, b) => (a.suite === b.suite ? a.tcId - b.tcId : a.suite.localeCompare(b.suite)));
  return {
    schema: 'results_v1.schema.json',
    run,
    totals,
    requirements: rollup(sorted, mechanisms),
    expiredExpectations: expired.map((e) => ({ match: e.match, reason: e.reason, expires: e.expires! })),
    tests: sorted,
  };
}
