// Reading vector files: any problem is one UsageError line naming the file and the
// JSON pointer.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../util/errors.ts';
import { firstError, schemaValidator } from '../util/schema.ts';
import type { VectorFile } from './types.ts';

const SCHEMAS = ['kat_v1.schema.json', 'scenario_v1.schema.json'];

export function parseVectorFile(text: string, name: string): VectorFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${name}: not JSON: ${(e as Error).message}`);
  }
  const schema = (data as { schema?: unknown })?.schema;
  if (typeof schema !== 'string' || !SCHEMAS.includes(schema)) {
    throw new UsageError(`${name}: /schema: must be one of ${SCHEMAS.join(', ')}`);
  }
  const v = schemaValidator(schema);
  if (!v(data)) throw new UsageError(`${name}: ${firstError(v.errors)}`);
  const f = data as VectorFile;
  const n = f.testGroups.reduce((k, g) => k + g.tests.length, 0);
  if (n !== f.numberOfTests) throw new UsageError(`${name}: /numberOfTests: says ${f.numberOfTests}, file has ${n} tests`);
  return f;
}

export function loadVectorFile(path: string): VectorFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseVectorFile(text, path);
}

/** Vector files under a path (a file, or a folder searched recursively, schemas skipped). */
export function vectorPaths(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'schemas') walk(p);
      } else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(path);
  return out;
}

export function displayPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
}
