// The short summary printed at the end of a run.
import type { RunResults } from '../harness/runner/results.ts';

export function consoleSummary(r: RunResults, reportDir?: string): string {
  const t = r.totals;
  const lines: string[] = [];
  const bySuite = new Map<string, { pass: number; fail: number; error: number; skipped: number }>();
  for (const x of r.tests) {
    const s = bySuite.get(x.suite) ?? { pass: 0, fail: 0, error: 0, skipped: 0 };
    s[x.verdict]++;
    bySuite.set(x.suite, s);
  }
  for (const [name, s] of bySuite) lines.push(`  ${name.padEnd(28)} ${String(s.pass).padStart(5)} pass ${String(s.fail).padStart(4)} fail ${String(s.error).padStart(4)} error ${String(s.skipped).padStart(4)} skipped`);
  const firstBad = r.tests.filter((x) => (x.verdict === 'fail' || x.verdict === 'error') && x.expectation === 'expected').slice(0, 5);
  for (const x of firstBad) lines.push(`  ${x.verdict.toUpperCase()} ${x.id}: ${x.message}`, `    reproduce: ${x.reproducer}`);
  for (const i of r.run.incidents.slice(0, 5)) lines.push(`  incident: ${i}`);
  for (const e of r.expiredExpectations) lines.push(`  expired expectation: ${e.match} (${e.expires})`);
  const reqFail = r.requirements.filter((q) => q.verdict === 'fail' || q.verdict === 'error').length;
  lines.push(`requirements: ${r.requirements.filter((q) => q.verdict === 'pass').length} pass, ${reqFail} fail/error, ${r.requirements.filter((q) => q.verdict === 'untested' || q.verdict === 'skipped').length} untested/skipped`);
  lines.push(`${t.pass} passed, ${t.fail} failed, ${t.error} errors, ${t.skipped} skipped (${t.unexpected} unexpected) in ${((r.run.durationMs ?? 0) / 1000).toFixed(1)} s`);
  if (reportDir) lines.push(`reports: ${reportDir}/{results.json,results.jsonl,junit.xml,summary.md,report.html}`);
  return lines.join('\n');
}
