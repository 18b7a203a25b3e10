// The result of one test against one IUT, as streamed to results.jsonl and collected
// in results.json (reports/schemas/results_v1.schema.json).
import type { Json, JsonObject } from '../../adapters/ops/types.ts';
import type { TestUnit } from './units.ts';

export type Verdict = 'pass' | 'fail' | 'skipped' | 'error';

/** What the expectations file made of a verdict. */
export type Expectation = 'expected' | 'known-failure' | 'unexpected-pass' | 'skip-listed';

export interface TraceStep {
  op: string;
  args: JsonObject;
  expect: JsonObject;
  /** Result, error or fault; absent for steps not reached. */
  actual?: Json;
  status: 'match' | 'diverged' | 'error' | 'skipped';
}

/** What identifies a test: its unit without the steps. */
export type TestIdentity = Omit<TestUnit, 'steps' | 'result'>;

export interface TestOutcome extends TestIdentity {
  verdict: Verdict;
  /** Why: the divergence, the unsupported op, the fault. */
  message: string;
  /** First divergent step (0-based), its op, and both sides at the differing pointer. */
  step?: number;
  op?: string;
  pointer?: string;
  expected?: Json;
  actual?: Json;
  /** For errors: timeout | crash | protocol | unsupported. */
  fault?: string;
  stderr?: string[];
  /** Steps up to and including the divergence (failures and errors only). */
  trace?: TraceStep[];
  expectation: Expectation;
  expectationReason?: string;
  reproducer: string;
  durationMs: number;
}

export interface RunInfo {
  tool: { name: string; version: string };
  adapter: string;
  iut: { name: string; version: string; protocol: number; ops: string[] } | null;
  seed: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  options: JsonObject;
  /** Faults not tied to a test: start failures, restarts, stray responses. */
  incidents: string[];
}

export interface RunResults {
  schema: 'results_v1.schema.json';
  run: RunInfo;
  totals: Record<Verdict, number> & { total: number; unexpected: number };
  requirements: RequirementRollup[];
  /** Expectation entries past their expiry date (ignored, reported). */
  expiredExpectations: { match: string; reason: string; expires: string }[];
  tests: TestOutcome[];
}

export interface RequirementRollup {
  id: string;
  level: string;
  title: string;
  verdict: Verdict | 'untested';
  counts: Record<Verdict, number>;
  tests: string[];
}
