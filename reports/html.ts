// report.html: one self-contained page (inline CSS and SVG, no script, a CSP that
// forbids every fetch and every script) for one or several result sets. Anchors:
// quic-interop-runner's result matrix, Autobahn|Testsuite's report, TLS-Anvil's
// per-requirement results.
import type { RunResults } from '../harness/runner/results.ts';
import { REQUIREMENTS } from '../harness/requirements/index.ts';
import type { Requirement } from '../harness/requirements/types.ts';
import { fuzzSection, type FuzzSection } from './html/fuzz.ts';
import { clip, html, type Html } from './html/kit.ts';
import { interopMatrix, requirementMatrix } from './html/matrix.ts';
import { STYLE } from './html/style.ts';
import { runSummary } from './html/summary.ts';
import { testsSection } from './html/tests.ts';

export type { FuzzSection } from './html/fuzz.ts';

/** A results file as `report` reads it: results_v1, optionally with a fuzz section. */
export type ReportInput = RunResults & { fuzz?: FuzzSection };

/** No fetch of any kind, no script: even an escaping bug could not run or phone home. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** "name version" per result set, numbered where the same IUT appears more than once. */
export function runLabels(runs: RunResults[]): string[] {
  const base = runs.map((r) => clip(r.run.iut ? `${r.run.iut.name} ${r.run.iut.version}` : `${r.run.adapter} (did not start)`, 60));
  return base.map((b, k) => (base.filter((x) => x === b).length > 1 ? `${b} #${base.slice(0, k + 1).filter((x) => x === b).length}` : b));
}

/** The page around a report's body: inline style, the CSP, no script. */
function page(title: string, body: Html): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head>
<body><main>
<h1>${title}</h1>
${body}
</main></body></html>
`.text;
}

/** `catalogue` supplies each requirement's source sentences at write time. */
export function htmlReport(runs: ReportInput[], catalogue: readonly Requirement[] = REQUIREMENTS): string {
  const labels = runLabels(runs);
  const title = runs.length === 1 ? `rekey-harness: ${labels[0]}` : `rekey-harness: ${runs.length} result sets`;
  return page(
    title,
    html`${runs.length > 1 ? html`<h2 id="interop">Results by IUT and suite</h2>${interopMatrix(runs, labels)}` : html`<h2>Run</h2>${runSummary(runs[0])}`}
<h2 id="requirements">Requirements</h2>
${requirementMatrix(runs, labels, catalogue)}
${runs.map(
  (r, k) => html`<section class="run" id="run${k}">${runs.length > 1 ? html`<h2>${labels[k]}</h2>${runSummary(r)}` : ''}
${r.fuzz ? fuzzSection(r.fuzz) : ''}
${testsSection(r, k, r.run.iut?.name ?? r.run.adapter)}</section>`,
)}`,
  );
}

/** The page a fuzz run leaves beside its summary: the run line, then the fuzz section. */
export function htmlFuzzReport(title: string, runLine: string, fuzz: FuzzSection): string {
  return page(title, html`<p>${runLine}</p>
${fuzzSection(fuzz)}`);
}
