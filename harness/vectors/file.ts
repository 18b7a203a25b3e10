// Assemble a vector file around recorded groups, counting tests.
import pkg from '../../package.json' with { type: 'json' };
import type { Json } from '../../adapters/ops/types.ts';
import type { FlagNote, KatFile, KatGroup, ScenarioFile, ScenarioGroup } from './types.ts';

interface Meta {
  suite: string;
  mechanism: string;
  seed: string;
  profile: { name: string } & Record<string, Json>;
  header: string[];
  notes: Record<string, FlagNote>;
}

const generator = (seed: string) => ({ name: 'rekey-harness', version: pkg.version as string, seed });

export function katFile(m: Meta, testGroups: KatGroup[]): KatFile {
  const { seed, ...rest } = m;
  return {
    ...rest,
    schema: 'kat_v1.schema.json',
    generator: generator(seed),
    numberOfTests: testGroups.reduce((n, g) => n + g.tests.length, 0),
    testGroups,
  };
}

export function scenarioFile(m: Meta, testGroups: ScenarioGroup[]): ScenarioFile {
  const { seed, ...rest } = m;
  return {
    ...rest,
    schema: 'scenario_v1.schema.json',
    generator: generator(seed),
    numberOfTests: testGroups.reduce((n, g) => n + g.tests.length, 0),
    testGroups,
  };
}
