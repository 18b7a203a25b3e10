// The selftest report: reference verdict, one row per mutant with what caught it,
// and the kill rate.
import { caught, referenceClean, type SelftestResult, type TargetResult } from './selftest.ts';

const list = (xs: string[], n = 3) => (xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} (+${xs.length - n} more)`);

export function caughtBy(r: TargetResult): string {
  const parts: string[] = [];
  if (r.vectorFailures.length) parts.push(`vectors ${list(r.vectorFailures)}`);
  for (const p of r.properties.filter((x) => x.status === 'fail')) parts.push(`property ${p.property} (run ${p.runs}, ${p.counterexample?.trace.length ?? '?'} steps)`);
  if (r.error) parts.push(`error: ${r.error}`);
  return parts.join('; ') || 'NOT CAUGHT';
}

export function killRate(r: SelftestResult): { killed: number; total: number } {
  return { killed: r.mutants.filter(caught).length, total: r.mutants.length };
}

export function formatSelftest(r: SelftestResult): string {
  const ref = r.reference;
  const lines: string[] = [];
  const props = ref.properties.map((p) => `${p.property} ${p.status} (${p.runs} sequences)`).join(', ');
  lines.push(`reference: ${ref.vectorsRun - ref.vectorFailures.length}/${ref.vectorsRun} vector tests pass; properties: ${props || 'none'}${ref.error ? `; ERROR ${ref.error}` : ''}`);
  for (const f of ref.vectorFailures) lines.push(`  REFERENCE FAILURE vector ${f}`);
  for (const p of ref.properties.filter((x) => x.status === 'fail' || x.status === 'error')) lines.push(`  REFERENCE FAILURE property ${p.property}: ${p.message}`);
  const w = Math.max(6, ...r.mutants.map((m) => m.mutant!.name.length));
  const rw = Math.max(12, ...r.mutants.map((m) => m.mutant!.reqs.join(',').length));
  lines.push('', `${'mutant'.padEnd(w)}  ${'requirement'.padEnd(rw)}  caught by`);
  for (const m of r.mutants) lines.push(`${m.mutant!.name.padEnd(w)}  ${m.mutant!.reqs.join(',').padEnd(rw)}  ${caughtBy(m)}`);
  const k = killRate(r);
  lines.push('', `kill rate: ${k.killed}/${k.total} (${k.total ? ((100 * k.killed) / k.total).toFixed(1) : '100.0'}%); reference ${referenceClean(ref) ? 'clean' : 'FAILED'}; ${(r.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export const selftestPassed = (r: SelftestResult) => referenceClean(r.reference) && killRate(r).killed === r.mutants.length;
