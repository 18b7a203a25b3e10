// Model vs IUT on one input: accept/reject, reason class, decoded fields, result schema.
// A finding's signature is (target, kind, model side, IUT side).
import type { Response } from '../../adapters/reference/engine.ts';
import type { OpDef } from '../../adapters/ops/types.ts';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import type { CallOutcome } from '../runner/client.ts';
import { firstDifference } from '../runner/compare.ts';
import { compile } from '../util/schema.ts';
import type { ValidateFunction } from 'ajv';
import type { OopTarget } from './types.ts';

export type FindingKind = 'crash' | 'hang' | 'protocol' | 'divergence';

export interface Judgement {
  /** Model side: "accept", "reject:REASON" or "error:CODE". */
  model: string;
  iut: string;
  /** Undefined when the two agree. */
  kind?: FindingKind;
}

const validators = new Map<string, ValidateFunction | null>();
function resultValidator(op: string): ValidateFunction | null {
  if (!validators.has(op)) {
    const def: OpDef | undefined = ALL_OPS.find((o) => o.name === op);
    validators.set(op, def ? compile(def.result) : null);
  }
  return validators.get(op)!;
}

function side(t: OopTarget, r: { ok: true; result: Record<string, unknown> } | { ok: false; code: string }): string {
  if (!r.ok) return `error:${r.code}`;
  const v = t.verdict(r.result as never);
  return v.accept ? 'accept' : `reject:${v.reason}`;
}

export function judge(t: OopTarget, op: string, model: Response, iut: CallOutcome): Judgement {
  const m = side(t, model.ok ? { ok: true, result: model.result } : { ok: false, code: model.error.code });
  if (iut.kind === 'fault') {
    const kind = iut.fault === 'crash' ? 'crash' : iut.fault === 'timeout' ? 'hang' : 'protocol';
    return { model: m, iut: iut.fault, kind };
  }
  if (iut.kind === 'error') {
    const i = `error:${iut.code}`;
    return i === m ? { model: m, iut: i } : { model: m, iut: i, kind: 'divergence' };
  }
  const valid = resultValidator(op);
  if (valid && !valid(iut.result)) return { model: m, iut: 'schema', kind: 'divergence' };
  const i = side(t, { ok: true, result: iut.result });
  if (i !== m) return { model: m, iut: i, kind: 'divergence' };
  if (!model.ok) return { model: m, iut: i };
  const d = firstDifference(model.result, iut.result);
  return d ? { model: m, iut: `${i} at ${d}`, kind: 'divergence' } : { model: m, iut: i };
}

export const signature = (target: string, j: Judgement): string => `${target}|${j.kind}|${j.model}|${j.iut}`;
