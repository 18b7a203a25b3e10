// A minimal counterexample as a scenario vector file: the steps of the shrunk sequence
// with the model's results as expectations, so `run --vectors FILE` replays it
// against any adapter and fails where the IUT diverged.
import { scenarioFile } from '../vectors/file.ts';
import type { ScenarioFile } from '../vectors/types.ts';
import { schemaValidator, firstError } from '../util/schema.ts';
import type { PropertyOutcome } from './check.ts';
import type { PropertyDef } from './types.ts';

export function traceFile(def: PropertyDef, o: PropertyOutcome): ScenarioFile {
  const c = o.counterexample;
  if (!c) throw new Error('traceFile: outcome has no counterexample');
  const d = c.divergence;
  const f = scenarioFile(
    {
      suite: `property-${def.name}`,
      mechanism: def.mechanism,
      seed: `fast-check seed ${o.seed} path ${o.path ?? ''}`,
      profile: def.profile,
      header: [
        `Minimal sequence found by property ${def.name} against ${o.targets.join(' and ')} (seed ${o.seed}, path ${o.path ?? '-'}, ${c.shrinks} shrinks).`,
        `Every expectation is the reference model's result. Sequences use ${def.profileNote}.`,
        `First divergence: step ${d.step + 1} ${d.op}: ${d.message}`,
      ],
      notes: {},
    },
    [{ type: 'PropertyCounterexample', tests: [{ tcId: 1, comment: `${def.name}: ${c.commands.join('; ')}`, flags: [], reqs: def.reqs, result: 'valid', steps: c.trace }] }],
  );
  const v = schemaValidator('scenario_v1.schema.json');
  if (!v(f)) throw new Error(`traceFile: not a valid scenario file: ${firstError(v.errors)}`);
  return f;
}
