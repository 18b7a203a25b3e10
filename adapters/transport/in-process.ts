// The embedded reference implementation as a Client: same JSON in and out as over a
// pipe (args and results are copied through JSON), without a process in between.
import type { JsonObject } from '../ops/types.ts';
import type { ReferenceEngine } from '../reference/engine.ts';
import { AdapterStartError, type CallOutcome, type Client, type HelloInfo } from '../../harness/runner/client.ts';

export class InProcessClient implements Client {
  private engine: ReferenceEngine;
  readonly broken = false;

  constructor(readonly spec: string, private readonly make: () => ReferenceEngine) {
    this.engine = make();
  }

  async start(): Promise<HelloInfo> {
    this.engine = this.make();
    const r = this.engine.call('hello', {});
    if (!r.ok) throw new AdapterStartError(`hello failed: ${r.error.message}`);
    return r.result as unknown as HelloInfo;
  }

  async call(op: string, args: JsonObject): Promise<CallOutcome> {
    const r = this.engine.call(op, JSON.parse(JSON.stringify(args)));
    return r.ok ? { kind: 'ok', result: JSON.parse(JSON.stringify(r.result)) } : { kind: 'error', code: r.error.code, message: r.error.message };
  }

  stderrTail(): string[] {
    return [];
  }

  takeStrayViolations(): string[] {
    return [];
  }

  async close(): Promise<void> {}
}
