// Flatten vector files into test units: one id, one list of steps, whatever the kind.
import type { Step, VectorFile } from '../vectors/types.ts';

export interface TestUnit {
  /** `suite#tcId`: stable, used by --test, expectations and reproducers. */
  id: string;
  suite: string;
  mechanism: string;
  file: string;
  group: string;
  tcId: number;
  comment: string;
  flags: string[];
  reqs: string[];
  result: string;
  steps: Step[];
}

export function unitsOf(f: VectorFile, file: string): TestUnit[] {
  const out: TestUnit[] = [];
  for (const g of f.testGroups) {
    for (const t of g.tests) {
      const steps: Step[] = 'steps' in t ? t.steps : [{ op: (g as { op: string }).op, args: { ...((g as { common?: object }).common ?? {}), ...t.input }, expect: t.expected }];
      out.push({
        id: `${f.suite}#${t.tcId}`,
        suite: f.suite,
        mechanism: f.mechanism,
        file,
        group: g.type,
        tcId: t.tcId,
        comment: t.comment,
        flags: t.flags,
        reqs: t.reqs,
        result: t.result,
        steps,
      });
    }
  }
  return out;
}

export function opsOf(u: TestUnit): string[] {
  return [...new Set(u.steps.map((s) => s.op))];
}
