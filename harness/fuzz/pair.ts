// The two sides a fuzz target is run on: the IUT over the adapter and the reference
// model in-process, each with the target's setup calls made and their handles bound.
import type { JsonObject, Json } from '../../adapters/ops/types.ts';
import { ReferenceEngine, type Response } from '../../adapters/reference/engine.ts';
import type { CallOutcome, Client } from '../runner/client.ts';
import type { Call, OopTarget } from './types.ts';

/** Replace "@i" strings with the handle setup call i returned. */
function bind(v: Json, handles: string[]): Json {
  if (typeof v === 'string' && /^@\d+$/.test(v)) return handles[Number(v.slice(1))] ?? v;
  if (Array.isArray(v)) return v.map((x) => bind(x, handles));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bind(x, handles)]));
  return v;
}

export class SetupError extends Error {}

export class Pair {
  private model = new ReferenceEngine();
  private modelHandles: string[] = [];
  private iutHandles: string[] = [];
  private started = false;
  /** Ops the IUT announced in hello. */
  iutOps: string[] = [];
  private execs = 0;

  constructor(readonly client: Client, public target: OopTarget) {}

  /** Move a live connection to another target (the next restart resets the IUT). */
  retarget(t: OopTarget): void {
    this.target = t;
  }

  /** Start both sides from scratch: hello (or `reset` on a live connection), then the setup calls. */
  async restart(): Promise<void> {
    const live = this.started && !this.client.broken && (await this.client.call('reset', {})).kind === 'ok';
    if (!live) this.iutOps = (await this.client.start()).ops;
    this.model = new ReferenceEngine();
    this.modelHandles = [];
    this.iutHandles = [];
    this.execs = 0;
    for (const c of this.target.setup) {
      const m = this.model.call(c.op, bind(c.args, this.modelHandles) as JsonObject);
      if (!m.ok) throw new SetupError(`model setup ${c.op}: ${m.error.message}`);
      this.modelHandles.push(String(m.result.handle ?? ''));
      const i = await this.client.call(c.op, bind(c.args, this.iutHandles) as JsonObject);
      if (i.kind !== 'ok') throw new SetupError(`IUT setup ${c.op}: ${i.kind === 'fault' ? i.message : `${i.code} ${i.message}`}`);
      this.iutHandles.push(String(i.result.handle ?? ''));
    }
    this.started = true;
  }

  /** The number of the next exec on this connection (the `exec` of OopTarget.calls). */
  nextExec(): number {
    return this.execs++;
  }

  async ensure(): Promise<void> {
    if (!this.started || this.client.broken) await this.restart();
  }

  supports(ops: string[]): boolean {
    return ops.every((o) => this.iutOps.includes(o));
  }

  modelCall(c: Call): Response {
    return this.model.call(c.op, this.modelHandles.length ? (bind(c.args, this.modelHandles) as JsonObject) : c.args);
  }

  iutCall(c: Call): Promise<CallOutcome> {
    return this.client.call(c.op, this.iutHandles.length ? (bind(c.args, this.iutHandles) as JsonObject) : c.args);
  }
}
