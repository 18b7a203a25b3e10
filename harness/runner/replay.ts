// Replay one test unit against a client: call each step, check the result against the
// op's result schema, compare with the expectation, stop at the first divergence.
import type { Json, JsonObject } from '../../adapters/ops/types.ts';
import { resolveRefs } from '../vectors/record.ts';
import { firstError } from '../util/schema.ts';
import { atPointer, firstDifference } from './compare.ts';
import type { Client } from './client.ts';
import type { TestOutcome, TraceStep, Verdict } from './results.ts';
import type { TestUnit } from './units.ts';
import type { ResultValidators } from './validators.ts';


type Partial = Pick<TestOutcome, 'verdict' | 'message' | 'step' | 'op' | 'pointer' | 'expected' | 'actual' | 'fault' | 'trace'>;

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

export async function replayUnit(client: Client, unit: TestUnit, validators: ResultValidators): Promise<Partial> {
  const bound = new Map<string, string>();
  const trace: TraceStep[] = [];
  const stop = (verdict: Verdict, i: number, extra: Omit<Partial, 'verdict' | 'step' | 'op' | 'trace'>): Partial => ({
    verdict,
    step: i,
    op: unit.steps[i].op,
    ...extra,
    trace: verdict === 'pass' || verdict === 'skipped' ? undefined : trace,
  });

  for (let i = 0; i < unit.steps.length; i++) {
    const s = unit.steps[i];
    let args: JsonObject;
    try {
      args = resolveRefs(s.args, bound) as JsonObject;
    } catch (e) {
      return stop('error', i, { message: `vector error: ${(e as Error).message}`, fault: 'vector' });
    }
    const out = await client.call(s.op, args);
    const ts: TraceStep = { op: s.op, args: s.args, expect: s.expect, status: 'match' };
    trace.push(ts);
    if (out.kind === 'fault') {
      ts.status = 'error';
      ts.actual = { fault: out.fault, message: out.message };
      return stop('error', i, { message: `${out.fault}: ${out.message}`, fault: out.fault });
    }
    if (out.kind === 'error') {
      ts.actual = { error: { code: out.code, message: out.message } };
      if (out.code === 'UNSUPPORTED') {
        ts.status = 'skipped';
        return stop('skipped', i, { message: `IUT does not support this case of ${s.op}: ${out.message}`, fault: 'unsupported' });
      }
      ts.status = 'diverged';
      return stop('fail', i, {
        message: `step ${i + 1} ${s.op}: expected a result, IUT answered error ${out.code}: ${out.message}`,
        pointer: '/',
        expected: s.expect,
        actual: { error: { code: out.code, message: out.message } },
      });
    }
    ts.actual = out.result;
    const v = validators.get(s.op);
    if (v && !v(out.result)) {
      ts.status = 'error';
      return stop('error', i, { message: `protocol: result of ${s.op} does not match its schema: ${firstError(v.errors)}`, fault: 'protocol' });
    }
    const ptr = firstDifference(s.expect, out.result);
    if (ptr) {
      ts.status = 'diverged';
      const expected = atPointer(s.expect, ptr) as Json;
      const actual = (atPointer(out.result, ptr) ?? null) as Json;
      return stop('fail', i, {
        message: `step ${i + 1} ${s.op}: at ${ptr} expected ${short(expected)}, got ${short(actual)}`,
        pointer: ptr,
        expected,
        actual,
      });
    }
    if (s.bind) {
      if (typeof out.result.handle !== 'string') {
        ts.status = 'error';
        return stop('error', i, { message: `protocol: ${s.op} returned no string handle`, fault: 'protocol' });
      }
      bound.set(s.bind, out.result.handle);
    }
  }
  return { verdict: 'pass', message: 'all steps matched' };
}
