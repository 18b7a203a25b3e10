// The vector file format (Wycheproof-like). A KAT test is one op call; a scenario
// test is a list of steps. Both replay the same way: call op with args, compare the
// result with `expect`. The runner knows nothing about what the ops mean.
import type { Json, JsonObject } from '../../adapters/ops/types.ts';

export type TestResult = 'valid' | 'invalid' | 'acceptable';

export interface Step {
  op: string;
  args: JsonObject;
  /** Bind the `handle` of this step's result to a name; later args refer to it as "@name". */
  bind?: string;
  /** Expected result: every key given must match the IUT's result exactly (extra keys are ignored). */
  expect: JsonObject;
  comment?: string;
}

export interface KatTest {
  tcId: number;
  comment: string;
  flags: string[];
  reqs: string[];
  result: TestResult;
  input: JsonObject;
  expected: JsonObject;
}

export interface ScenarioTest {
  tcId: number;
  comment: string;
  flags: string[];
  reqs: string[];
  result: TestResult;
  steps: Step[];
}

export interface KatGroup {
  type: string;
  op: string;
  /** Args merged under every test's input (e.g. a profile). */
  common?: JsonObject;
  tests: KatTest[];
}

export interface ScenarioGroup {
  type: string;
  tests: ScenarioTest[];
}

export interface FlagNote {
  bugType: 'BASIC' | 'EDGE_CASE' | 'BOUNDARY' | 'MALFORMED' | 'AUTH' | 'STATE' | 'TIMING' | 'PROFILE' | 'LEGACY';
  description: string;
}

interface FileCommon {
  suite: string;
  mechanism: string;
  generator: { name: string; version: string; seed: string };
  profile: { name: string } & Record<string, Json>;
  numberOfTests: number;
  header: string[];
  notes: Record<string, FlagNote>;
}

export interface KatFile extends FileCommon {
  schema: 'kat_v1.schema.json';
  testGroups: KatGroup[];
}

export interface ScenarioFile extends FileCommon {
  schema: 'scenario_v1.schema.json';
  testGroups: ScenarioGroup[];
}

export type VectorFile = KatFile | ScenarioFile;
