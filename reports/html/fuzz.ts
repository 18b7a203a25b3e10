// The optional `fuzz` section of a results file (written by `rekey-harness fuzz`):
// executions over time as an inline SVG line, and the findings with their reproducers.
import { clip, duration, html, type Html } from './kit.ts';

export interface FuzzSample {
  /** ms since the fuzz run started. */
  t: number;
  /** Executions so far (cumulative). */
  execs: number;
}

export interface FuzzFinding {
  /** Stable identity of the finding (dedup key), e.g. a hash of the crash site. */
  signature: string;
  /** e.g. crash | timeout | divergence | protocol. */
  kind: string;
  /** The fuzz target or op that found it. */
  target: string;
  /** Command line that replays it. */
  reproducer: string;
}

export interface FuzzSection {
  execs: FuzzSample[];
  findings: FuzzFinding[];
}

const CW = 640;
const CH = 180;
const PAD = { l: 70, r: 14, t: 12, b: 30 };

function execsChart(samples: FuzzSample[]): Html {
  const pts = [...samples].sort((a, b) => a.t - b.t);
  const tMax = Math.max(1, ...pts.map((p) => p.t));
  const eMax = Math.max(1, ...pts.map((p) => p.execs));
  const x = (t: number) => (PAD.l + (t / tMax) * (CW - PAD.l - PAD.r)).toFixed(1);
  const y = (e: number) => (CH - PAD.b - (e / eMax) * (CH - PAD.t - PAD.b)).toFixed(1);
  const line = pts.map((p) => `${x(p.t)},${y(p.execs)}`).join(' ');
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="executions over time" width="${CW}" height="${CH}" viewBox="0 0 ${CW} ${CH}">
<line class="axis" x1="${PAD.l}" y1="${CH - PAD.b}" x2="${CW - PAD.r}" y2="${CH - PAD.b}"/><line class="axis" x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${CH - PAD.b}"/>
<text x="${PAD.l - 6}" y="${PAD.t + 8}" text-anchor="end">${eMax.toLocaleString('en')}</text><text x="${PAD.l - 6}" y="${CH - PAD.b}" text-anchor="end">0</text>
<text x="${PAD.l}" y="${CH - 8}">0</text><text x="${CW - PAD.r}" y="${CH - 8}" text-anchor="end">${duration(tMax)}</text>
<polyline class="execs" points="${line}"/></svg>`;
}

export function fuzzSection(f: FuzzSection): Html {
  const last = f.execs.reduce<FuzzSample | undefined>((m, p) => (!m || p.t > m.t ? p : m), undefined);
  const rate = last && last.t > 0 ? Math.round((last.execs / last.t) * 1000) : 0;
  return html`<h3>Fuzzing</h3>
<p>${last ? `${last.execs.toLocaleString('en')} executions in ${duration(last.t)} (${rate.toLocaleString('en')}/s), ` : 'no samples, '}${f.findings.length} findings.</p>
${f.execs.length > 1 ? execsChart(f.execs) : ''}
${f.findings.length
    ? html`<table class="findings"><thead><tr><th>kind</th><th>target</th><th>signature</th><th>reproduce</th></tr></thead><tbody>${f.findings.map(
        (x) => html`<tr><td><span class="badge v-error">${clip(x.kind, 40)}</span></td><td>${clip(x.target, 80)}</td><td><code>${clip(x.signature, 120)}</code></td><td><pre class="cmd">${clip(x.reproducer, 2000)}</pre></td></tr>`,
      )}</tbody></table>`
    : ''}`;
}
