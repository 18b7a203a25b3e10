// The final summary of a fuzz run, as JSON (for CI and tools), Markdown (for a CI job's
// summary) and a self-contained HTML page (executions over time, findings, reproducers).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlFuzzReport } from '../../reports/html.ts';

export interface TargetSummary {
  name: string;
  status: 'fuzzed' | 'skipped';
  note?: string;
  execs: number;
  execsPerSec: number;
  corpusSize: number;
}

export interface FuzzSummary {
  schema: 'fuzz_summary_v1.schema.json';
  adapter: string;
  seed: string;
  shard: string;
  timeBudgetS: number;
  durationS: number;
  execs: number;
  execsPerSec: number;
  corpusSize: number;
  targets: TargetSummary[];
  execsOverTime: { t: number; execs: number }[];
  findings: { signature: string; kind: string; target: string; reproducer: string; path: string; new: boolean }[];
  /** Findings of earlier runs that no longer reproduce; `now`: the signature the input gives today, or "agree". */
  fixed: { signature: string; target: string; path: string; now: string }[];
  newFindings: number;
  /** Why the run stopped early: the IUT could not be started, or restarted after a crash. */
  error?: string;
  /** The run was stopped by a signal before its budget was spent. */
  interrupted?: boolean;
}

/** One line: seed, shard, time, execs, corpus, findings; `em` marks the two figures that matter. */
const runLine = (s: FuzzSummary, em: (x: string) => string = (x) => x) =>
  `${s.error ? `stopped: ${s.error}; ` : ''}seed ${s.seed}, shard ${s.shard}, ${s.durationS.toFixed(1)} s of ${s.timeBudgetS} s${s.interrupted ? ' (interrupted)' : ''}: ${em(`${s.execs} execs`)} (${Math.round(s.execsPerSec)}/s), corpus ${s.corpusSize}, ${em(`${s.findings.length} findings`)} (${s.newFindings} new)`;

/** Inline code in a table cell (signatures and commands hold `|`). */
const code = (x: string) => `\`${x.replace(/\|/g, '\\|')}\``;

export function markdown(s: FuzzSummary): string {
  const l = [
    `# Fuzz run: ${s.adapter}`,
    '',
    runLine(s, (x) => `**${x}**`),
    '',
    '| target | status | execs | execs/s | corpus |',
    '|---|---|---:|---:|---:|',
    ...s.targets.map((t) => `| ${t.name} | ${t.status}${t.note ? ` (${t.note})` : ''} | ${t.execs} | ${Math.round(t.execsPerSec)} | ${t.corpusSize} |`),
  ];
  if (s.findings.length) {
    l.push('', '## Findings', '', '| kind | signature | new | reproducer |', '|---|---|---|---|');
    for (const f of s.findings) l.push(`| ${f.kind} | ${code(f.signature)} | ${f.new ? 'yes' : ''} | ${code(f.reproducer)} |`);
  }
  if (s.fixed.length) {
    l.push('', '## Fixed: known findings that no longer reproduce', '', '| signature | now | finding |', '|---|---|---|');
    for (const f of s.fixed) l.push(`| ${code(f.signature)} | ${code(f.now)} | ${code(f.path)} |`);
  }
  return `${l.join('\n')}\n`;
}

export function writeSummary(dir: string, s: FuzzSummary): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fuzz-summary.json'), `${JSON.stringify(s, null, 1)}\n`);
  writeFileSync(join(dir, 'fuzz-summary.md'), markdown(s));
  const section = { execs: s.execsOverTime.map((p) => ({ t: p.t * 1000, execs: p.execs })), findings: s.findings.map(({ signature, kind, target, reproducer }) => ({ signature, kind, target, reproducer })) };
  writeFileSync(join(dir, 'fuzz-report.html'), htmlFuzzReport(`rekey-harness fuzz: ${s.adapter}`, runLine(s), section));
}
