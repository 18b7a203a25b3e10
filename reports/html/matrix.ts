// The two matrices: requirement x verdict (one column per result set, with the source
// sentences from the catalogue on hover and expand), and, for several result sets,
// IUT x suite pass/fail counts in the manner of quic-interop-runner's result table.
import type { RequirementRollup, RunResults, Verdict } from '../../harness/runner/results.ts';
import type { Requirement } from '../../harness/requirements/types.ts';
import { badge, clip, html, type Html } from './kit.ts';

type Counts = Record<Verdict, number>;

const zero = (): Counts => ({ pass: 0, fail: 0, error: 0, skipped: 0 });

/** What a cell of counts says overall: any failure wins, then errors. */
function overall(c: Counts): Verdict | 'untested' {
  if (c.fail) return 'fail';
  if (c.error) return 'error';
  if (c.pass) return 'pass';
  return c.skipped ? 'skipped' : 'untested';
}

const countsText = (c: Counts) => `pass ${c.pass}, fail ${c.fail}, error ${c.error}, skipped ${c.skipped}`;

function sources(req: Requirement | undefined): Html {
  if (!req) return html`<span class="muted">(not in the catalogue)</span>`;
  return html`<details class="sources"><summary>sources</summary><ul>${req.sources.map((s) => html`<li><cite>${s.ref}</cite>: “${s.quote}”</li>`)}</ul>${req.decision ? html`<p class="muted">decision: ${req.decision}</p>` : ''}</details>`;
}

export function requirementMatrix(runs: RunResults[], labels: string[], catalogue: readonly Requirement[]): Html {
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  const ids: string[] = [];
  const rollups = runs.map((r) => new Map(r.requirements.map((q) => [q.id, q])));
  for (const r of runs) for (const q of r.requirements) if (!ids.includes(q.id)) ids.push(q.id);
  const cell = (q: RequirementRollup | undefined) =>
    q
      ? html`<td class="cell-${q.verdict}" title="${`${countsText(q.counts)}\n${clip(q.tests.join(' '), 600)}`}">${badge(q.verdict)} <span class="muted">${q.counts.pass}/${q.counts.fail}/${q.counts.error}/${q.counts.skipped}</span></td>`
      : html`<td class="cell-untested">${badge('untested')}</td>`;
  const rows = ids.map((id) => {
    const req = byId.get(id);
    const any = rollups.map((m) => m.get(id)).find(Boolean)!;
    const hover = req ? req.sources.map((s) => `${s.ref}: “${s.quote}”`).join('\n') : '';
    return html`<tr><td><b>${id}</b></td><td>${req?.level ?? any.level}</td><td title="${hover}">${req?.title ?? any.title}${sources(req)}</td>${rollups.map((m) => cell(m.get(id)))}</tr>`;
  });
  return html`<table class="requirements"><thead><tr><th>requirement</th><th>level</th><th>statement (hover or expand for sources)</th>${labels.map((l) => html`<th>${l}<br><span class="muted">pass/fail/error/skipped</span></th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function interopMatrix(runs: RunResults[], labels: string[]): Html {
  const suites = [...new Set(runs.flatMap((r) => r.tests.map((t) => t.suite)))].sort();
  const row = (r: RunResults, label: string, k: number) => {
    const per = new Map<string, Counts>();
    for (const t of r.tests) {
      const c = per.get(t.suite) ?? zero();
      c[t.verdict]++;
      per.set(t.suite, c);
    }
    return html`<tr><th><a href="#run${k}">${label}</a></th>${suites.map((s) => {
      const c = per.get(s);
      if (!c) return html`<td class="cell-untested muted">–</td>`;
      return html`<td class="cell-${overall(c)}" title="${countsText(c)}">${c.pass}/${c.pass + c.fail + c.error}${c.skipped ? html` <span class="muted">(${c.skipped} skipped)</span>` : ''}</td>`;
    })}<td class="n">${r.totals.pass}/${r.totals.total}</td></tr>`;
  };
  return html`<table class="interop"><thead><tr><th>IUT \\ suite</th>${suites.map((s) => html`<th>${s}</th>`)}<th>all</th></tr></thead><tbody>${runs.map((r, k) => row(r, labels[k], k))}</tbody></table>
<p class="muted">cells: tests passed / tests run; red when any failed, orange when any erred.</p>`;
}
