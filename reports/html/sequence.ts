// A failing test as a sequence diagram (inline SVG): harness and IUT lanes, one
// request/response arrow pair per step, the divergent step marked in red. Hovering a
// step shows its args, expectation and the IUT's answer.
import type { TraceStep } from '../../harness/runner/results.ts';
import { html, jsonText, type Html } from './kit.ts';

const W = 900;
const HARNESS_X = 80;
const IUT_X = 800;
const TOP = 46;
const ROW = 46;
/** Longer traces show their last steps; the earlier ones all matched. */
export const MAX_ROWS = 24;

/** Where the test stopped, as the outcome records it. */
export interface Divergence {
  step: number;
  pointer?: string;
  actual?: unknown;
}

const ellipsis = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const oneLine = (v: unknown, max: number) => ellipsis(JSON.stringify(v) ?? 'undefined', max);

function answer(s: TraceStep, d: Divergence | undefined): string {
  switch (s.status) {
    case 'match':
      return `✓ ${oneLine(s.actual, 84)}`;
    case 'diverged':
      return d?.pointer !== undefined ? `✗ at ${ellipsis(d.pointer, 30)}: ${oneLine(d.actual, 70)}` : `✗ ${oneLine(s.actual, 84)}`;
    case 'error':
      return `⚠ ${oneLine(s.actual, 84)}`;
    case 'skipped':
      return `– unsupported: ${oneLine(s.actual, 70)}`;
  }
}

function arrow(x1: number, x2: number, y: number, dashed: boolean): Html {
  const dir = Math.sign(x2 - x1);
  const head = `${x2},${y} ${x2 - dir * 9},${y - 4} ${x2 - dir * 9},${y + 4}`;
  return html`<line x1="${x1}" y1="${y}" x2="${x2 - dir * 8}" y2="${y}"${dashed ? html` stroke-dasharray="5 4"` : ''}/><polygon points="${head}"/>`;
}

function stepRow(s: TraceStep, n: number, y: number, d: Divergence | undefined): Html {
  const divergent = d !== undefined;
  const cls = divergent ? 'step divergent' : `step ${s.status}`;
  const hover = `step ${n}: ${s.op}\nargs: ${jsonText(s.args, 1500)}\nexpect: ${jsonText(s.expect, 1500)}\nIUT: ${jsonText(s.actual, 1500)}`;
  const mid = (HARNESS_X + IUT_X) / 2;
  return html`<g class="${cls}" data-step="${n}"><title>${hover}</title>
${divergent ? html`<rect class="mark" x="4" y="${y - 20}" width="${W - 8}" height="${ROW - 2}" rx="4"/><text class="flag" x="${W - 8}" y="${y + 26}" text-anchor="end">${s.status === 'diverged' ? 'divergence' : 'stopped here'}</text>` : ''}
<text class="req" x="${mid}" y="${y - 5}" text-anchor="middle">${n}. ${s.op} ${oneLine(s.args, 92)}</text>${arrow(HARNESS_X, IUT_X, y, false)}
<g class="resp">${arrow(IUT_X, HARNESS_X, y + 16, true)}<text x="${mid}" y="${y + 13}" text-anchor="middle">${answer(s, d)}</text></g></g>`;
}

export function sequenceDiagram(trace: TraceStep[], iutName: string, d: Divergence | undefined): Html {
  const first = Math.max(0, trace.length - MAX_ROWS);
  const shown = trace.slice(first);
  const skipNote = first > 0 ? 1 : 0;
  const height = TOP + (shown.length + skipNote) * ROW + 10;
  const rows = shown.map((s, i) => stepRow(s, first + i + 1, TOP + (i + skipNote) * ROW + 20, first + i === d?.step ? d : undefined));
  const label = `sequence of ${trace.length} steps between harness and ${iutName}${d ? `, stopping at step ${d.step + 1}` : ''}`;
  return html`<svg class="seq" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${label}" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}">
<rect class="lane-head" x="${HARNESS_X - 70}" y="4" width="140" height="26" rx="4"/><text class="lane" x="${HARNESS_X}" y="22" text-anchor="middle">harness</text>
<rect class="lane-head" x="${IUT_X - 95}" y="4" width="190" height="26" rx="4"/><text class="lane" x="${IUT_X}" y="22" text-anchor="middle">IUT: ${ellipsis(iutName, 19)}</text>
<line class="life" x1="${HARNESS_X}" y1="30" x2="${HARNESS_X}" y2="${height}"/><line class="life" x1="${IUT_X}" y1="30" x2="${IUT_X}" y2="${height}"/>
${skipNote ? html`<text class="note" x="${W / 2}" y="${TOP + 20}" text-anchor="middle">… ${first} earlier steps matched</text>` : ''}
${rows}</svg>`;
}
