// Expectations files (harness/runner/expectations.ts): loading may only fail with
// UsageError; an accepted file must then match any test id without throwing.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, findEntry, loadExpectations } from '../../harness/runner/expectations.ts';
import { UsageError } from '../../harness/util/errors.ts';
import { check, onlyTyped } from '../lib/check.ts';

const FILE = join(tmpdir(), `rekey-fuzz-expectations-${process.pid}.json`);
const TODAY = '2026-06-01';
const UNITS = [{ id: 'keyrot-kat#1', reqs: ['KEYROT-001'] }, { id: 'psp-rx-scenarios#12', reqs: [] }];

export function fuzz(data: Uint8Array): void {
  writeFileSync(FILE, data);
  const r = onlyTyped(() => loadExpectations(FILE, TODAY), UsageError);
  if (!r.ok) return;
  const x = r.value;
  for (const e of x.expired) check(e.expires !== undefined && e.expires < TODAY, 'expired entry not past its date');
  for (const u of UNITS) {
    const e = findEntry(x, u);
    check(classify(e, 'pass') !== undefined, 'no classification');
  }
}
