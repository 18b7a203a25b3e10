// The reference implementation behind the adapter protocol: dispatches an op to its
// model handler over one connection's handle table. Used by the reference shim (over
// a transport) and in-process by vector generation and `vectors verify`.
import { ALL_OPS } from '../ops/index.ts';
import { HandleTable, OpError, type JsonObject, type OpDef } from '../ops/types.ts';
import { PROTOCOL_VERSION, IMPLEMENTATION } from '../protocol/constants.ts';

export type Response = { ok: true; result: JsonObject } | { ok: false; error: { code: string; message: string } };

export class ReferenceEngine {
  readonly handles = new HandleTable();
  private readonly ops: Map<string, OpDef>;

  /** `ops` lets a mutant shim swap in handlers with one planted bug. */
  constructor(ops: readonly OpDef[] = ALL_OPS, readonly name = IMPLEMENTATION.name) {
    this.ops = new Map(ops.map((o) => [o.name, o]));
  }

  get opNames(): string[] {
    return [...this.ops.keys()].sort();
  }

  call(op: string, args: JsonObject): Response {
    try {
      return { ok: true, result: this.dispatch(op, args) };
    } catch (e) {
      if (e instanceof OpError) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  }

  private dispatch(op: string, args: JsonObject): JsonObject {
    switch (op) {
      case 'hello':
        return {
          version: PROTOCOL_VERSION,
          implementation: { name: this.name, version: IMPLEMENTATION.version },
          ops: this.opNames,
        };
      case 'reset':
        this.handles.clear();
        return {};
      case 'free':
        return { freed: this.handles.free(args.handle) };
    }
    const def = this.ops.get(op);
    if (!def) throw new OpError('UNKNOWN_OP', `unknown op ${op}`);
    return def.handler(args, { handles: this.handles });
  }
}
