// Shared by the PROD tests: replay a committed vector file with the runner's own
// unit replay, on an in-process engine (the reference, or a mutant op list).
import { join } from 'node:path';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import type { OpDef } from '../../adapters/ops/types.ts';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { InProcessClient } from '../../adapters/transport/in-process.ts';
import { replayUnit } from '../../harness/runner/replay.ts';
import { unitsOf, type TestUnit } from '../../harness/runner/units.ts';
import { compile } from '../../harness/util/schema.ts';
import { loadVectorFile } from '../../harness/vectors/load.ts';
import type { ScenarioFile, VectorFile } from '../../harness/vectors/types.ts';
import { ROOT } from '../support/cli.ts';

export const PROD_FILES = ['prod-kat', 'prod-secnet-notes', 'prod-secnet-0.6.9'];
export const prodFile = (suite: string): VectorFile => loadVectorFile(join(ROOT, 'vectors/prod', `${suite}.json`));
export const scenarioFileOf = (suite: string) => prodFile(suite) as ScenarioFile;

const validators = new Map(ALL_OPS.map((o) => [o.name, compile(o.result)]));

export interface Outcome {
  unit: TestUnit;
  verdict: string;
  message?: string;
}

/** Replay every test of `suite` on a fresh engine per test running `ops`. */
export async function replaySuite(suite: string, ops: readonly OpDef[] = ALL_OPS): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const unit of unitsOf(prodFile(suite), `${suite}.json`)) {
    const client = new InProcessClient('test', () => new ReferenceEngine(ops));
    await client.start();
    const r = await replayUnit(client, unit, validators);
    out.push({ unit, verdict: r.verdict, message: r.message });
  }
  return out;
}

export const failures = (o: Outcome[]) => o.filter((x) => x.verdict !== 'pass');
