// Result schema of each op, compiled on first use (compiling every op up front costs ~1 s).
import type { ValidateFunction } from 'ajv';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import { compile } from '../util/schema.ts';

export interface ResultValidators {
  get(op: string): ValidateFunction | undefined;
}

const cache = new Map<string, ValidateFunction>();
const defs = new Map(ALL_OPS.map((o) => [o.name, o]));

export const RESULT_VALIDATORS: ResultValidators = {
  get(op) {
    let v = cache.get(op);
    if (!v) {
      const d = defs.get(op);
      if (!d) return undefined;
      v = compile(d.result);
      cache.set(op, v);
    }
    return v;
  },
};
