// Assemble a vector file around recorded groups, counting tests.
import pkg from '../../package.json' with { type: 'json' };
import type { Json } from '../../adapters/ops/types.ts';
import type { FlagNote, KatFile, KatGroup, ScenarioFile, ScenarioGroup, VectorFile } from './types.ts';

interface Meta {
  suite: string;
  mechanism: string;
  seed: string;
  profile: { name: string } & Record<string, Json>;
  header: string[];
  notes: Record<string, FlagNote>;
}

const generator = (seed: string) => ({ name: 'rekey-harness', version: pkg.version as string, seed });

function assemble<F extends VectorFile>(schema: F['schema'], m: Meta, testGroups: F['testGroups']): F {
  const { seed, ...rest } = m;
  const numberOfTests = (testGroups as { tests: unknown[] }[]).reduce((n, g) => n + g.tests.length, 0);
  return { ...rest, schema, generator: generator(seed), numberOfTests, testGroups } as F;
}

export const katFile = (m: Meta, testGroups: KatGroup[]): KatFile => assemble<KatFile>('kat_v1.schema.json', m, testGroups);

export const scenarioFile = (m: Meta, testGroups: ScenarioGroup[]): ScenarioFile => assemble<ScenarioFile>('scenario_v1.schema.json', m, testGroups);
