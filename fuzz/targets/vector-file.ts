// Vector file parsing (harness/vectors/load.ts parseVectorFile): only UsageError may
// escape, and an accepted file's test count is what it says.
import { parseVectorFile } from '../../harness/vectors/load.ts';
import { UsageError } from '../../harness/util/errors.ts';
import { check, onlyTyped } from '../lib/check.ts';

export function fuzz(data: Uint8Array): void {
  const r = onlyTyped(() => parseVectorFile(Buffer.from(data).toString('utf8'), 'fuzz.json'), UsageError);
  if (!r.ok) return;
  const f = r.value;
  let n = 0;
  for (const g of f.testGroups) n += g.tests.length;
  check(n === f.numberOfTests, 'accepted a file whose numberOfTests is wrong');
}
