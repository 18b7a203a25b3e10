// One `properties` or `diff` run from the command line: start the IUT(s), check each
// selected property, print the outcome, save each minimal trace as a scenario
// vector file under `outDir`.
import { join } from 'node:path';
import { openClient } from '../../adapters/transport/index.ts';
import { AdapterStartError, type Client, type HelloInfo } from '../runner/client.ts';
import { UsageError } from '../util/errors.ts';
import { writeAtomic } from '../util/fs.ts';
import { checkProperty, type PropertyOutcome } from './check.ts';
import { PROPERTIES } from './index.ts';
import { formatOutcome } from './report.ts';
import { traceFile } from './trace-file.ts';
import type { PropertyDef } from './types.ts';

export interface PropertySessionOptions {
  adapters: string[];
  properties?: string[];
  seed?: number;
  path?: string;
  numRuns: number;
  steps: number;
  timeoutMs: number;
  outDir: string;
  print(s: string): void;
}

export function selectProperties(names?: string[]): PropertyDef[] {
  if (!names?.length) return [...PROPERTIES];
  return names.map((n) => {
    const p = PROPERTIES.find((x) => x.name === n || x.mechanism === n);
    if (!p) throw new UsageError(`--property ${n}: no such property (have: ${PROPERTIES.map((x) => x.name).join(', ')})`);
    return p;
  });
}

/** Exit 0 when every selected property held, 1 on a divergence, 3 when an IUT could not be started. */
export async function propertySession(o: PropertySessionOptions): Promise<{ exit: number; outcomes: PropertyOutcome[] }> {
  const defs = selectProperties(o.properties);
  if (o.path && o.seed === undefined) throw new UsageError('--path needs the --seed it was found with');
  const clients: Client[] = o.adapters.map((a) => openClient(a, { timeoutMs: o.timeoutMs }));
  const outcomes: PropertyOutcome[] = [];
  let exit = 0;
  try {
    const hellos: HelloInfo[] = [];
    for (const c of clients) hellos.push(await c.start());
    for (const def of defs) {
      const missing = def.ops.filter((op) => hellos.some((h) => !h.ops.includes(op)));
      if (missing.length) {
        o.print(`SKIPPED ${def.name}: an IUT does not support ${missing.join(', ')}`);
        continue;
      }
      const r = await checkProperty(def, clients, { numRuns: o.numRuns, steps: o.steps, seed: o.seed, path: o.path });
      let file: string | undefined;
      if (r.counterexample) {
        file = join(o.outDir, `${def.name}-${r.seed}.json`);
        writeAtomic(file, `${JSON.stringify(traceFile(def, r), null, 2)}\n`);
      }
      o.print(formatOutcome(def, r, { file, steps: o.steps }));
      outcomes.push(r);
      if (r.status === 'fail' || r.status === 'error') exit = 1;
    }
  } catch (e) {
    if (!(e instanceof AdapterStartError)) throw e;
    o.print(`rekey-harness: ${e.message}`);
    exit = 3;
  } finally {
    for (const c of clients) await c.close();
  }
  return { exit, outcomes };
}
