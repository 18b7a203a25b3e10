// results.json: the whole run, validated against reports/schemas/results_v1.schema.json.
import type { RunResults } from '../harness/runner/results.ts';

export function resultsJson(r: RunResults): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
