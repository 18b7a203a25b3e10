// The final summary of a fuzz run, as JSON (for the HTML report and CI) and Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TargetSummary {
  name: string;
  status: 'fuzzed' | 'skipped';
  note?: string;
  execs: number;
  execsPerSec: number;
  corpusSize: number;
}

export interface FuzzSummary {
  schema: 'fuzz_summary_v1';
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
  newFindings: number;
}

export function markdown(s: FuzzSummary): string {
  const l = [
    `# Fuzz run: ${s.adapter}`,
    '',
    `seed \`${s.seed}\`, shard ${s.shard}, ${s.durationS.toFixed(1)} s of ${s.timeBudgetS} s: **${s.execs} execs** (${Math.round(s.execsPerSec)}/s), corpus ${s.corpusSize}, **${s.findings.length} findings** (${s.newFindings} new)`,
    '',
    '| target | status | execs | execs/s | corpus |',
    '|---|---|---:|---:|---:|',
    ...s.targets.map((t) => `| ${t.name} | ${t.status}${t.note ? ` (${t.note})` : ''} | ${t.execs} | ${Math.round(t.execsPerSec)} | ${t.corpusSize} |`),
  ];
  if (s.findings.length) {
    l.push('', '## Findings', '', '| kind | signature | new | reproducer |', '|---|---|---|---|');
    for (const f of s.findings) l.push(`| ${f.kind} | \`${f.signature.replace(/\|/g, '\\|')}\` | ${f.new ? 'yes' : ''} | \`${f.reproducer.replace(/\|/g, '\\|')}\` |`);
  }
  return `${l.join('\n')}\n`;
}

export function writeSummary(dir: string, s: FuzzSummary): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fuzz-summary.json'), `${JSON.stringify(s, null, 1)}\n`);
  writeFileSync(join(dir, 'fuzz-summary.md'), markdown(s));
}
