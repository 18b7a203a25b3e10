// Expectations file: skips and known failures per IUT, with optional expiry.
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { UsageError } from '../util/errors.ts';
import { firstError, schemaValidator } from '../util/schema.ts';
import type { Expectation, Verdict } from './results.ts';
import type { TestUnit } from './units.ts';

export interface ExpectationEntry {
  match: string;
  status: 'skip' | 'fail';
  reason: string;
  expires?: string;
}

export interface Expectations {
  entries: ExpectationEntry[];
  expired: ExpectationEntry[];
}

export const NO_EXPECTATIONS: Expectations = { entries: [], expired: [] };

/** Load and split by expiry; `today` is YYYY-MM-DD (UTC) and passed in for determinism. */
export function loadExpectations(path: string, today: string): Expectations {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON: ${(e as Error).message}`}`);
  }
  const v = schemaValidator('expectations_v1.schema.json');
  if (!v(data)) throw new UsageError(`${path}: ${firstError(v.errors)}`);
  const entries = (data as { entries: ExpectationEntry[] }).entries;
  return {
    entries: entries.filter((e) => !e.expires || e.expires >= today),
    expired: entries.filter((e) => e.expires && e.expires < today),
  };
}

function matches(e: ExpectationEntry, u: Pick<TestUnit, 'id' | 'reqs'>): boolean {
  if (e.match.startsWith('req:')) {
    const m = picomatch(e.match.slice(4));
    return u.reqs.some((r) => m(r));
  }
  return picomatch(e.match)(u.id);
}

export function findEntry(x: Expectations, u: Pick<TestUnit, 'id' | 'reqs'>): ExpectationEntry | undefined {
  return x.entries.find((e) => matches(e, u));
}

/** Classify a verdict against the entry (if any) that covers the test. */
export function classify(entry: ExpectationEntry | undefined, verdict: Verdict): Expectation {
  if (!entry) return 'expected';
  if (entry.status === 'skip') return 'skip-listed';
  return verdict === 'pass' ? 'unexpected-pass' : 'known-failure';
}

/** Whether an outcome should make the run exit non-zero. */
export function isUnexpected(verdict: Verdict, exp: Expectation): boolean {
  if (exp === 'unexpected-pass') return true;
  if (exp === 'known-failure' || exp === 'skip-listed') return false;
  return verdict === 'fail' || verdict === 'error';
}
