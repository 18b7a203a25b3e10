// What an adapter op is: a name, JSON Schemas for its args and result (the harness
// validates every IUT result against the result schema), and the reference handler
// that runs the model. Handlers take and return plain JSON (bytes as lowercase hex).
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };
export type JsonSchema = Record<string, unknown>;

/** Protocol-level error codes (PROTOCOL.md section "Errors"). Mechanism outcomes are results, never errors. */
export type ErrorCode = 'BAD_REQUEST' | 'UNKNOWN_OP' | 'UNKNOWN_HANDLE' | 'UNSUPPORTED' | 'INTERNAL' | 'BUSY';

export class OpError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** Per-connection state of a shim: the stateful objects it created, by handle. */
export class HandleTable {
  private next = 1;
  private readonly objects = new Map<string, { kind: string; obj: unknown }>();

  add(kind: string, obj: unknown): string {
    const h = `${kind}-${this.next++}`;
    this.objects.set(h, { kind, obj });
    return h;
  }

  get<T>(kind: string, handle: unknown): T {
    const e = typeof handle === 'string' ? this.objects.get(handle) : undefined;
    if (!e || e.kind !== kind) throw new OpError('UNKNOWN_HANDLE', `no ${kind} with handle ${JSON.stringify(handle)}`);
    return e.obj as T;
  }

  free(handle: unknown): boolean {
    return typeof handle === 'string' && this.objects.delete(handle);
  }

  clear(): void {
    this.objects.clear();
  }

  get size(): number {
    return this.objects.size;
  }
}

export interface OpContext {
  handles: HandleTable;
}

export interface OpDef<A extends JsonObject = any, R extends JsonObject = any> {
  /** `mechanism.verb`, e.g. `keyrot.leaf`. */
  name: string;
  summary: string;
  args: JsonSchema;
  result: JsonSchema;
  handler(args: A, ctx: OpContext): R;
}

/** Helpers for schema fragments used across ops. */
export const S = {
  hex: { type: 'string', pattern: '^([0-9a-f]{2})*$' } as JsonSchema,
  hexN: (n: number): JsonSchema => ({ type: 'string', pattern: `^[0-9a-f]{${2 * n}}$` }),
  uint: { type: 'integer', minimum: 0 } as JsonSchema,
  /** Virtual time in milliseconds. */
  now: { type: 'integer', minimum: 0 } as JsonSchema,
  handle: { type: 'string', minLength: 1, maxLength: 64 } as JsonSchema,
  obj: (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), extra = false): JsonSchema => ({
    type: 'object',
    properties,
    required,
    additionalProperties: extra,
  }),
  events: { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } } as JsonSchema,
};
