// Invariants a fuzz target asserts. A broken invariant throws InvariantError, which
// jsfuzz records as a crash, like any exception the parser lets escape.
import { isDeepStrictEqual } from 'node:util';

export class InvariantError extends Error {}

export function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new InvariantError(what);
}

export function checkEqual(a: unknown, b: unknown, what: string): void {
  if (!isDeepStrictEqual(a, b)) throw new InvariantError(what);
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Run a parser that may only fail with the listed (typed) errors; any other exception escapes. */
export function onlyTyped<T>(f: () => T, ...allowed: ErrorClass[]): { ok: true; value: T } | { ok: false; error: Error } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (allowed.some((c) => e instanceof c)) return { ok: false, error: e as Error };
    throw e;
  }
}

/** A reason must be one the model declares; `reasons` is an exhaustive record of them. */
export function checkReason(reason: string, reasons: Record<string, unknown>, where: string): void {
  check(Object.hasOwn(reasons, reason), `${where}: undeclared reason ${reason}`);
}
