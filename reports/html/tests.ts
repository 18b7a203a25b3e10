// Per-test details of one run: a table filterable by verdict, and for each failure or
// error its sequence diagram, expected vs actual side by side, IUT stderr and reproducer.
import type { RunResults, TestOutcome, Verdict } from '../../harness/runner/results.ts';
import { isUnexpected } from '../../harness/runner/expectations.ts';
import { badge, clip, duration, html, jsonText, type Html } from './kit.ts';
import { sequenceDiagram } from './sequence.ts';

/** Failures beyond this many are listed in the table only (the file stays openable). */
export const MAX_DETAILED = 300;
/** Failures shown expanded; the rest start collapsed. */
const OPEN_DETAILS = 20;

const VERDICTS: Verdict[] = ['pass', 'fail', 'error', 'skipped'];

/** Two strings: mark everything from the first differing character on both sides. */
function sideBySide(expected: unknown, actual: unknown): [Html, Html] {
  if (typeof expected === 'string' && typeof actual === 'string') {
    let i = 0;
    while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
    const side = (s: string) => html`"${clip(s.slice(0, i), 2000)}<mark>${clip(s.slice(i), 2000)}</mark>"`;
    return [side(expected), side(actual)];
  }
  return [html`${jsonText(expected)}`, html`${jsonText(actual)}`];
}

function failureDetail(t: TestOutcome, anchor: string, iutName: string, open: boolean): Html {
  const trace = t.trace ?? [];
  const last = t.step !== undefined ? trace[t.step] : undefined;
  const [exp, act] = t.pointer !== undefined ? sideBySide(t.expected, t.actual) : [html`${jsonText(last?.expect)}`, html`${jsonText(last?.actual)}`];
  return html`<details class="failure ${t.verdict}" id="${anchor}"${open ? html` open` : ''}><summary>${badge(t.verdict)} <b>${t.id}</b> ${clip(t.comment, 160)}</summary>
<p>${clip(t.message, 1000)}</p>
${t.expectation !== 'expected' ? html`<p class="muted">expectation: ${t.expectation}${t.expectationReason ? ` (${clip(t.expectationReason, 300)})` : ''}</p>` : ''}
${trace.length ? sequenceDiagram(trace, iutName, t.step === undefined ? undefined : { step: t.step, pointer: t.pointer, actual: t.actual }) : ''}
<div class="sides"><div><h4>expected${t.pointer !== undefined ? ` at ${t.pointer}` : ''}${t.step !== undefined ? ` (step ${t.step + 1} ${t.op ?? ''})` : ''}</h4><pre class="expected">${exp}</pre></div>
<div><h4>actual (IUT)</h4><pre class="actual">${act}</pre></div></div>
${last && t.pointer !== undefined && t.pointer !== '/' ? html`<details><summary>whole step: expected vs actual</summary><div class="sides"><pre>${jsonText(last.expect)}</pre><pre>${jsonText(last.actual)}</pre></div></details>` : ''}
${t.stderr?.length ? html`<h4>IUT stderr (last lines)</h4><pre class="stderr">${clip(t.stderr.join('\n'), 8000)}</pre>` : ''}
<p>requirements: ${t.reqs.join(', ')} · vector file ${t.file}</p>
<pre class="cmd">${t.reproducer}</pre></details>`;
}

export function testsSection(r: RunResults, run: number, iutName: string): Html {
  const bad = r.tests.filter((t) => t.verdict === 'fail' || t.verdict === 'error');
  const detailed = new Map(bad.slice(0, MAX_DETAILED).map((t, i) => [t, `run${run}-d${i}`]));
  const unexpected = r.tests.filter((t) => isUnexpected(t.verdict, t.expectation)).length;
  const radio = (key: string, label: string, checked = false) =>
    html`<input type="radio" class="f-${key}" name="filter-${run}" id="filter-${run}-${key}"${checked ? html` checked` : ''}><label for="filter-${run}-${key}">${label}</label>`;
  const rows = r.tests.map((t) => {
    const anchor = detailed.get(t);
    return html`<tr class="t v-${t.verdict}${isUnexpected(t.verdict, t.expectation) ? ' unexpected' : ''}"><td class="id">${anchor ? html`<a href="#${anchor}">${t.id}</a>` : t.id}</td><td class="txt">${clip(t.comment, 120)}</td>
<td class="vd">${badge(t.verdict)}</td><td>${t.expectation === 'expected' ? '' : t.expectation}</td><td class="txt">${t.verdict === 'pass' ? '' : clip(t.message, 200)}</td><td>${t.reqs.join(' ')}</td><td class="n">${duration(t.durationMs)}</td></tr>`;
  });
  return html`<h3>Tests</h3><div class="filters">show:${radio('all', `all ${r.tests.length}`, true)}${VERDICTS.map((v) => radio(v, `${v} ${r.totals[v]}`))}${radio('unexpected', `unexpected ${unexpected}`)}
<table class="tests"><thead><tr><th>test</th><th>comment</th><th>verdict</th><th>expectation</th><th>message</th><th>requirements</th><th>time</th></tr></thead><tbody>${rows}</tbody></table></div>
${bad.length ? html`<h3>Failures and errors (${bad.length}${bad.length > MAX_DETAILED ? `, first ${MAX_DETAILED} in detail` : ''})</h3>${[...detailed].map(([t, a], i) => failureDetail(t, a, iutName, i < OPEN_DETAILS))}` : ''}`;
}
