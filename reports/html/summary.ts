// The head of one run: who was tested (from the IUT's hello), how, when, the totals,
// incidents and expired expectations.
import type { RunResults } from '../../harness/runner/results.ts';
import { badge, clip, duration, html, type Html } from './kit.ts';

const MAX_INCIDENTS = 50;

export function runSummary(r: RunResults): Html {
  const { run, totals } = r;
  const opt = (k: string) => (run.options[k] === undefined || run.options[k] === null ? '' : clip(JSON.stringify(run.options[k]), 400));
  const iut = run.iut
    ? html`<b>${clip(run.iut.name, 200)}</b> ${clip(run.iut.version, 100)} <span class="muted">(adapter protocol v${run.iut.protocol}, ${run.iut.ops.length} ops)</span>`
    : html`<span class="warn">did not start</span>`;
  return html`<table class="kv summary"><tbody>
<tr><th>implementation under test</th><td class="iut">${iut}</td></tr>
<tr><th>adapter</th><td><code>${run.adapter}</code></td></tr>
<tr><th>seed</th><td><code>${run.seed}</code></td></tr>
<tr><th>harness</th><td>${run.tool.name} ${run.tool.version}</td></tr>
<tr><th>started / finished</th><td>${run.startedAt} / ${run.finishedAt ?? '(unfinished)'}</td></tr>
<tr><th>duration</th><td>${duration(run.durationMs)} wall, ${duration(r.tests.reduce((n, t) => n + t.durationMs, 0))} summed over tests</td></tr>
<tr><th>vectors / expectations</th><td><code>${opt('vectors')}</code> ${opt('expect') ? html`/ <code>${opt('expect')}</code>` : ''}</td></tr>
<tr><th>totals</th><td class="chips">${totals.total} tests: <span>${badge('pass')} ${totals.pass}</span><span>${badge('fail')} ${totals.fail}</span><span>${badge('error')} ${totals.error}</span><span>${badge('skipped')} ${totals.skipped}</span>
<b class="${totals.unexpected ? 'warn' : ''}">${totals.unexpected} unexpected</b></td></tr>
</tbody></table>
${run.incidents.length ? html`<h3>Incidents (${run.incidents.length})</h3><pre class="incidents">${clip(run.incidents.slice(0, MAX_INCIDENTS).join('\n'), 20000)}</pre>` : ''}
${r.expiredExpectations.length ? html`<h3>Expired expectations (${r.expiredExpectations.length})</h3><ul>${r.expiredExpectations.map((e) => html`<li><code>${e.match}</code> expired ${e.expires}: ${e.reason}</li>`)}</ul>` : ''}`;
}
