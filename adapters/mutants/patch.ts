// Planting a bug without touching the model: replace one op's handler, or give the
// objects a create op makes a prototype with some methods replaced (the replacement
// receives the original). Private members are reached at run time only, through
// `this: any`, because a mutant is the one place allowed to poke inside the model.
import type { JsonObject, OpContext, OpDef } from '../ops/types.ts';

export type Handler = OpDef['handler'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Method = (this: any, ...args: any[]) => any;

/** The op list with `name`'s handler replaced; the replacement receives the original. */
export function replaceOp(ops: readonly OpDef[], name: string, f: (orig: Handler) => Handler): OpDef[] {
  if (!ops.some((o) => o.name === name)) throw new Error(`mutant: no op ${name}`);
  return ops.map((o) => (o.name === name ? { ...o, handler: f(o.handler.bind(o)) } : o));
}

/** Apply the same handler change to several ops. */
export function replaceOps(ops: readonly OpDef[], names: string[], f: (orig: Handler, name: string) => Handler): OpDef[] {
  return names.reduce<OpDef[]>((acc, n) => replaceOp(acc, n, (orig) => f(orig, n)), [...ops]);
}

/** Rewrite the args of some ops before the reference handler sees them. */
export function rewriteArgs(ops: readonly OpDef[], names: string[], f: (a: JsonObject, op: string) => JsonObject): OpDef[] {
  return replaceOps(ops, names, (orig, n) => (a, ctx) => orig(f({ ...a }, n), ctx));
}

/** A prototype derived from `cls.prototype` with methods replaced. */
export function derive(cls: { prototype: object }, patches: Record<string, (orig: Method) => Method>): object {
  const proto = Object.create(cls.prototype);
  for (const [k, p] of Object.entries(patches)) {
    const orig = (cls.prototype as Record<string, Method>)[k];
    if (typeof orig !== 'function') throw new Error(`mutant: no method ${k}`);
    proto[k] = p(orig);
  }
  return proto;
}

/**
 * The op list where objects made by `createOp` (stored under `kind`) run with `proto`.
 * Reuses the op's own argument handling; only behaviour after creation changes.
 */
export function adopt(ops: readonly OpDef[], createOp: string, kind: string, proto: object): OpDef[] {
  return replaceOp(ops, createOp, (orig) => (a, ctx: OpContext) => {
    const r = orig(a, ctx);
    Object.setPrototypeOf(ctx.handles.get<object>(kind, r.handle), proto);
    return r;
  });
}
