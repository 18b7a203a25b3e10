// One ajv instance for every JSON Schema the harness checks (vector files, adapter
// messages, expectations, results).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VECTORS_DIR = join(ROOT, 'vectors');
export const SCHEMA_DIRS = [join(ROOT, 'vectors/schemas'), join(ROOT, 'adapters/schemas'), join(ROOT, 'reports/schemas'), join(ROOT, 'harness/schemas')];

let ajv: Ajv | undefined;

export function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ allErrors: false, strict: false });
  for (const dir of SCHEMA_DIRS) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.schema.json'));
    } catch {
      continue;
    }
    for (const n of names) ajv.addSchema(JSON.parse(readFileSync(join(dir, n), 'utf8')), n);
  }
  return ajv;
}

export function schemaValidator(id: string): ValidateFunction {
  const v = getAjv().getSchema(id);
  if (!v) throw new Error(`no schema ${id}`);
  return v;
}

export function compile(schema: object): ValidateFunction {
  return getAjv().compile(schema);
}

/** First error as "JSON pointer: message". */
export function firstError(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'invalid';
  const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${e.instancePath || '/'}: ${e.message}${extra}`;
}
