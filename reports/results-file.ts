// Reading a results.json back for `report`: parse and schema-check, one line on failure.
import { readFileSync } from 'node:fs';
import { UsageError } from '../harness/util/errors.ts';
import { firstError, schemaValidator } from '../harness/util/schema.ts';
import type { ReportInput } from './html.ts';

export function readResultsFile(path: string): ReportInput {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code ? (e as Error).message : `not JSON: ${(e as Error).message}`}`);
  }
  const v = schemaValidator('results_v1.schema.json');
  if (!v(data)) throw new UsageError(`${path}: not a results_v1 file: ${firstError(v.errors)}`);
  return data as ReportInput;
}
