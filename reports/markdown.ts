// summary.md: for a CI step summary: totals, requirement table, first failures with
// their reproducer.
import type { RunResults, TestOutcome } from '../harness/runner/results.ts';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\n/g, ' ');
const ICON: Record<string, string> = { pass: '✅ pass', fail: '❌ fail', error: '💥 error', skipped: '⏭ skipped', untested: '· untested' };

export function summaryMarkdown(r: RunResults, maxFailures = 20): string {
  const t = r.totals;
  const iut = r.run.iut ? `${r.run.iut.name} ${r.run.iut.version}` : '(IUT did not start)';
  const out = [
    `# rekey-harness: ${esc(iut)}`,
    '',
    `Adapter \`${esc(r.run.adapter)}\`, seed \`${esc(r.run.seed)}\`, ${((r.run.durationMs ?? 0) / 1000).toFixed(1)} s.`,
    '',
    `| total | pass | fail | error | skipped | unexpected |`,
    `|---:|---:|---:|---:|---:|---:|`,
    `| ${t.total} | ${t.pass} | ${t.fail} | ${t.error} | ${t.skipped} | ${t.unexpected} |`,
    '',
  ];
  if (r.run.incidents.length) out.push('## Incidents', '', ...r.run.incidents.slice(0, 20).map((i) => `- ${esc(i)}`), '');
  if (r.expiredExpectations.length) out.push('## Expired expectations', '', ...r.expiredExpectations.map((e) => `- \`${esc(e.match)}\` expired ${e.expires}: ${esc(e.reason)}`), '');
  const bad: TestOutcome[] = r.tests.filter((x) => (x.verdict === 'fail' || x.verdict === 'error') && x.expectation === 'expected' || x.expectation === 'unexpected-pass');
  if (bad.length) {
    out.push(`## First failures (${Math.min(bad.length, maxFailures)} of ${bad.length})`, '');
    for (const x of bad.slice(0, maxFailures)) {
      out.push(`### ${esc(x.id)} — ${esc(x.comment)}`, '', `${x.expectation === 'unexpected-pass' ? 'unexpected pass' : x.verdict}: ${esc(x.message)}`, '');
      if (x.pointer !== undefined) out.push('```', `expected ${JSON.stringify(x.expected)}`, `actual   ${JSON.stringify(x.actual)}`, '```', '');
      out.push(`Requirements: ${x.reqs.join(', ')}`, '', '```sh', x.reproducer, '```', '');
    }
  }
  out.push('## Requirements', '', '| requirement | level | verdict | tests (pass/fail/error/skipped) | title |', '|---|---|---|---|---|');
  for (const q of r.requirements) out.push(`| ${q.id} | ${q.level} | ${ICON[q.verdict]} | ${q.counts.pass}/${q.counts.fail}/${q.counts.error}/${q.counts.skipped} | ${esc(q.title)} |`);
  return `${out.join('\n')}\n`;
}
