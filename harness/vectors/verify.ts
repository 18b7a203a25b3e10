// `vectors verify`: schema-check each file, then recompute every test with the
// reference model (replaying it in-process) and report each mismatch.
import { InProcessClient } from '../../adapters/transport/in-process.ts';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { RESULT_VALIDATORS } from '../runner/validators.ts';
import { replayUnit } from '../runner/replay.ts';
import { unitsOf } from '../runner/units.ts';
import { displayPath, loadVectorFile } from './load.ts';

export interface VerifyReport {
  file: string;
  tests: number;
  mismatches: string[];
}

export async function verifyFiles(paths: string[]): Promise<VerifyReport[]> {
  const files = paths.map((p) => ({ p, f: loadVectorFile(p) })); // all schema errors before any replay
  const out: VerifyReport[] = [];
  for (const { p, f } of files) {
    const client = new InProcessClient('reference', () => new ReferenceEngine());
    const units = unitsOf(f, displayPath(p));
    const mismatches: string[] = [];
    for (const u of units) {
      await client.start();
      const r = await replayUnit(client, u, RESULT_VALIDATORS);
      if (r.verdict !== 'pass') mismatches.push(`${u.id}: ${r.message}`);
    }
    out.push({ file: displayPath(p), tests: units.length, mismatches });
  }
  return out;
}
