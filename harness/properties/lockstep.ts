// Lockstep execution of one generated sequence: every op call goes to the in-process
// reference model first (its result is the expectation) and then to each IUT, whose
// results are checked against the op's result schema and compared with the model's.
// The steps run so far form a trace that can be saved as a scenario vector.
import type { ValidateFunction } from 'ajv';
import type { Json, JsonObject } from '../../adapters/ops/types.ts';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import type { Client } from '../runner/client.ts';
import { atPointer, firstDifference } from '../runner/compare.ts';
import { resolveRefs } from '../vectors/record.ts';
import type { Step } from '../vectors/types.ts';
import { compile, firstError } from '../util/schema.ts';

/** What one IUT answered at the divergent step, next to the model. */
export interface TargetAnswer {
  spec: string;
  /** The result, or `{error}` / `{fault}` when it did not answer with a result. */
  actual: Json;
  /** JSON pointer of the first difference from the model, null when it agrees. */
  pointer: string | null;
  message: string;
}

/** The first step where an IUT disagreed with the model (or, in diff mode, two IUTs with each other). */
export class Divergence extends Error {
  constructor(
    readonly step: number,
    readonly op: string,
    readonly expected: JsonObject,
    readonly answers: TargetAnswer[],
  ) {
    super(answers.filter((a) => a.pointer !== null).map((a) => `${a.spec}: ${a.message}`).join('; ') || 'IUTs disagree');
  }
}

/** The IUT does not support an op or a case of it: the property is skipped, not failed. */
export class Unsupported extends Error {}

/** The model itself refused a generated call: a bug in the property, never an IUT failure. */
export class GeneratorError extends Error {}

let validators: Map<string, ValidateFunction> | undefined;
const validatorFor = (op: string) => (validators ??= new Map(ALL_OPS.map((o) => [o.name, compile(o.result)]))).get(op);

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

export class Lockstep {
  readonly trace: Step[] = [];
  /** Labels of the generated commands run so far, steps and time advances alike. */
  readonly commands: string[] = [];
  private readonly model = new ReferenceEngine();
  private readonly modelBound = new Map<string, string>();
  private readonly targetBound: Map<string, string>[];

  /** With two or more targets a step also diverges when the targets disagree with each other. */
  constructor(readonly targets: Client[]) {
    this.targetBound = targets.map(() => new Map());
  }

  note(label: string): void {
    this.commands.push(label);
  }

  /**
   * Run one op everywhere; returns the model's result (handles resolved) for the generator
   * to use. `bind` names the handle the result carries, when the model's result has one.
   */
  async step(op: string, args: JsonObject, wantBind?: string): Promise<JsonObject> {
    const r = this.model.call(op, resolveRefs(args, this.modelBound) as JsonObject);
    if (!r.ok) throw new GeneratorError(`reference model refused generated ${op} ${short(args)}: ${r.error.code} ${r.error.message}`);
    const bind = typeof r.result.handle === 'string' ? wantBind : undefined;
    const expect = bind ? Object.fromEntries(Object.entries(r.result).filter(([k]) => k !== 'handle')) : r.result;
    const index = this.trace.length;
    this.trace.push({ op, args, ...(bind ? { bind } : {}), expect });
    if (bind) this.modelBound.set(bind, String(r.result.handle));
    const answers = await Promise.all(this.targets.map((t, i) => this.ask(t, this.targetBound[i], op, args, expect, bind)));
    const off = answers.some((a) => a.pointer !== null);
    // Handles are each IUT's own names: never compared.
    const seen = answers.map((a) => (bind && a.actual && typeof a.actual === 'object' ? { ...(a.actual as JsonObject), handle: null } : a.actual));
    const split = seen.some((x) => firstDifference(seen[0], x) || firstDifference(x, seen[0]));
    // One IUT: any difference from the model. Several: they disagree, or all agree on something else than the model.
    if (answers.length === 1 ? off : split || answers.every((a) => a.pointer !== null)) throw new Divergence(index, op, expect, answers);
    return r.result;
  }

  private async ask(t: Client, bound: Map<string, string>, op: string, args: JsonObject, expect: JsonObject, bind?: string): Promise<TargetAnswer> {
    const out = await t.call(op, resolveRefs(args, bound) as JsonObject);
    const answer = (actual: Json, pointer: string | null, message: string): TargetAnswer => ({ spec: t.spec, actual, pointer, message });
    if (out.kind === 'fault') return answer({ fault: out.fault, message: out.message }, '/', `${out.fault}: ${out.message}`);
    if (out.kind === 'error') {
      if (out.code === 'UNSUPPORTED') throw new Unsupported(`${t.spec} does not support ${op}: ${out.message}`);
      return answer({ error: { code: out.code, message: out.message } }, '/', `expected a result, IUT answered error ${out.code}: ${out.message}`);
    }
    const v = validatorFor(op);
    if (v && !v(out.result)) return answer(out.result, '/', `result does not match the ${op} result schema: ${firstError(v.errors)}`);
    const ptr = firstDifference(expect, out.result);
    if (ptr) return answer(out.result, ptr, `at ${ptr} expected ${short(atPointer(expect, ptr))}, got ${short(atPointer(out.result, ptr) ?? null)}`);
    if (bind) {
      if (typeof out.result.handle !== 'string') return answer(out.result, '/handle', `${op} returned no string handle`);
      bound.set(bind, out.result.handle);
    }
    return answer(out.result, null, 'agrees with the model');
  }
}
