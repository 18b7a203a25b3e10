// Reading op arguments: every bad argument is a BAD_REQUEST naming the field.
import { fromHex, isHex, toHex } from '../../harness/util/bytes.ts';
import { OpError, type Json, type JsonObject } from './types.ts';

export function hexArg(args: JsonObject, k: string, len?: number): Uint8Array {
  const v = args[k];
  if (!isHex(v)) throw new OpError('BAD_REQUEST', `${k}: expected lowercase hex`);
  const b = fromHex(v);
  if (len !== undefined && b.length !== len) throw new OpError('BAD_REQUEST', `${k}: expected ${len} bytes, got ${b.length}`);
  return b;
}

export function intArg(args: JsonObject, k: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = args[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw new OpError('BAD_REQUEST', `${k}: expected an integer in [${min}, ${max}]`);
  return v;
}

export function optIntArg(args: JsonObject, k: string, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  return args[k] === undefined ? dflt : intArg(args, k, min, max);
}

export function enumArg<T extends string>(args: JsonObject, k: string, allowed: readonly T[]): T {
  const v = args[k];
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new OpError('BAD_REQUEST', `${k}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

export function objArg(args: JsonObject, k: string): JsonObject | undefined {
  const v = args[k];
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new OpError('BAD_REQUEST', `${k}: expected an object`);
  return v as JsonObject;
}

/** Convert model output to protocol JSON: bytes become hex, undefined fields vanish. */
export function toJson(v: unknown): Json {
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object') {
    const o: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = toJson(x);
    return o;
  }
  return v as Json;
}
