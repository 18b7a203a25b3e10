// junit.xml: one testsuite per vector suite, one testcase per test; failures carry
// expected vs actual and the reproducer. Read by GitLab, Jenkins, GitHub test reporters.
import { create } from 'xmlbuilder2';
import type { RunResults, TestOutcome } from '../harness/runner/results.ts';

function detail(t: TestOutcome): string {
  const lines = [t.message];
  if (t.pointer !== undefined) lines.push(`at ${t.pointer}`, `expected: ${JSON.stringify(t.expected)}`, `actual:   ${JSON.stringify(t.actual)}`);
  if (t.stderr?.length) lines.push('IUT stderr (last lines):', ...t.stderr);
  lines.push(`requirements: ${t.reqs.join(', ')}`, `reproduce: ${t.reproducer}`);
  return lines.join('\n');
}

export function junitXml(r: RunResults): string {
  const suites = new Map<string, TestOutcome[]>();
  for (const t of r.tests) suites.set(t.suite, [...(suites.get(t.suite) ?? []), t]);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `rekey-harness against ${r.run.iut?.name ?? r.run.adapter}`,
    tests: r.totals.total,
    failures: r.totals.fail,
    errors: r.totals.error,
    skipped: r.totals.skipped,
    time: ((r.run.durationMs ?? 0) / 1000).toFixed(3),
  });
  for (const [name, ts] of suites) {
    const s = root.ele('testsuite', {
      name,
      tests: ts.length,
      failures: ts.filter((t) => t.verdict === 'fail').length,
      errors: ts.filter((t) => t.verdict === 'error').length,
      skipped: ts.filter((t) => t.verdict === 'skipped').length,
      time: (ts.reduce((n, t) => n + t.durationMs, 0) / 1000).toFixed(3),
    });
    for (const t of ts) {
      const c = s.ele('testcase', { classname: `${name}.${t.group}`, name: `${t.id} ${t.comment}`, time: (t.durationMs / 1000).toFixed(3) });
      const known = t.expectation === 'known-failure' ? ` (known failure: ${t.expectationReason})` : '';
      if (t.verdict === 'fail' && t.expectation !== 'known-failure') c.ele('failure', { message: t.message, type: 'divergence' }).txt(detail(t));
      else if (t.verdict === 'error' && t.expectation !== 'known-failure') c.ele('error', { message: t.message, type: t.fault ?? 'error' }).txt(detail(t));
      else if (t.verdict === 'skipped' || known) c.ele('skipped', { message: known ? `${t.message}${known}` : t.message });
      else if (t.expectation === 'unexpected-pass') c.ele('failure', { message: `unexpected pass: listed as a known failure (${t.expectationReason})`, type: 'unexpected-pass' });
    }
  }
  return root.end({ prettyPrint: true });
}
