// The harness side of the adapter protocol over any byte stream: pipelined requests
// matched by id, per-request timeouts, envelope validation, bounded memory. Knows
// nothing of mechanisms; subclasses only open and kill the stream.
import type { Readable, Writable } from 'node:stream';
import type { JsonObject } from '../ops/types.ts';
import { MAX_LINE_BYTES, PROTOCOL_VERSION } from '../protocol/constants.ts';
import { AdapterStartError, type CallOutcome, type Client, type HelloInfo } from '../../harness/runner/client.ts';
import { firstError, schemaValidator } from '../../harness/util/schema.ts';
import { LineSplitter, TailBuffer } from './lines.ts';

export interface StreamPair {
  input: Readable;
  output: Writable;
}

export interface ClientOptions {
  timeoutMs: number;
  /** How long the IUT may take to start and answer hello (default: 30 s or timeoutMs, whichever is longer). */
  startTimeoutMs?: number;
  maxLineBytes?: number;
}

interface Pending {
  resolve(o: CallOutcome): void;
  timer: NodeJS.Timeout;
}

const FAULT_PREVIEW = 80;

export abstract class StreamClient implements Client {
  private pending = new Map<number, Pending>();
  /** Ids given up on (timed out): a late answer to one is not a stray. */
  private abandoned = new Set<number>();
  private nextId = 1;
  private stream: StreamPair | undefined;
  private strays: string[] = [];
  private deadReason: string | undefined;
  protected readonly stderr = new TailBuffer();
  private readonly validResponse = schemaValidator('response_v1.schema.json');
  private readonly validHello = schemaValidator('hello_v1.schema.json');

  constructor(readonly spec: string, protected readonly opts: ClientOptions) {}

  /** Open a fresh stream to the IUT (spawn or connect). */
  protected abstract open(): Promise<StreamPair>;
  /** Tear the IUT down (kill the child, destroy the socket). */
  protected abstract kill(): Promise<void>;

  get broken(): boolean {
    return this.deadReason !== undefined;
  }

  stderrTail(): string[] {
    return this.stderr.tail();
  }

  takeStrayViolations(): string[] {
    const s = this.strays;
    this.strays = [];
    return s;
  }

  async start(): Promise<HelloInfo> {
    await this.teardown();
    this.deadReason = undefined;
    let s: StreamPair;
    try {
      s = await this.open();
    } catch (e) {
      throw new AdapterStartError(`cannot start ${this.spec}: ${(e as Error).message}`);
    }
    this.stream = s;
    this.stderr.clear();
    const splitter = new LineSplitter(
      this.opts.maxLineBytes ?? MAX_LINE_BYTES,
      (line) => this.onLine(line),
      (n) => this.die('protocol', `IUT sent a line over ${this.opts.maxLineBytes ?? MAX_LINE_BYTES} bytes (${n}+ seen)`),
    );
    s.input.on('data', (c: Buffer) => splitter.push(c));
    s.input.on('error', () => this.die('crash', 'IUT stream error'));
    s.input.on('end', () => this.onEnd());
    // It stopped reading (it exited, most likely): what it wrote before is still to be read.
    s.output.on('error', () => this.dieOnceDrained('IUT closed its input'));
    const h = await this.call('hello', { versions: [PROTOCOL_VERSION] }, this.opts.startTimeoutMs ?? Math.max(30000, this.opts.timeoutMs));
    if (h.kind !== 'ok') throw new AdapterStartError(`hello failed: ${h.kind === 'fault' ? `${h.fault}: ${h.message}` : `${h.code}: ${h.message}`}${this.stderrSuffix()}`);
    if (!this.validHello(h.result)) throw new AdapterStartError(`hello result is not protocol v${PROTOCOL_VERSION}: ${firstError(this.validHello.errors)}`);
    return h.result as unknown as HelloInfo;
  }

  call(op: string, args: JsonObject, timeoutMs = this.opts.timeoutMs): Promise<CallOutcome> {
    if (this.deadReason || !this.stream) return Promise.resolve({ kind: 'fault', fault: 'crash', message: this.deadReason ?? 'not started' });
    const id = this.nextId++;
    return new Promise<CallOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.abandoned.add(id);
        resolve({ kind: 'fault', fault: 'timeout', message: `no answer to ${op} within ${timeoutMs} ms` });
        // A hung IUT is restarted (as BoGo kills a shim past its idle timeout).
        this.die('timeout', `IUT did not answer ${op} within ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      const out = this.stream!.output;
      // Requests made in the same tick (a pipelined batch) leave in one write, not one syscall each.
      if (!out.writableCorked) {
        out.cork();
        process.nextTick(() => out.uncork());
      }
      out.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  async close(): Promise<void> {
    await this.teardown();
  }

  /** The IUT closed its output; a child process says why once it has exited. */
  protected onEnd(): void {
    this.die('crash', 'IUT closed its output');
  }

  private onLine(line: string): void {
    let msg: any;
    try {
      msg = JSON.parse(line);
    } catch {
      this.die('protocol', `IUT sent a line that is not JSON: ${JSON.stringify(line.slice(0, FAULT_PREVIEW))}`);
      return;
    }
    const id = msg && typeof msg === 'object' ? msg.id : undefined;
    const p = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!p) {
      if (typeof id === 'number' && this.abandoned.delete(id)) return;
      this.strays.push(`response to no request in flight (id ${JSON.stringify(id)}): ${line.slice(0, FAULT_PREVIEW)}`);
      return;
    }
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (!this.validResponse(msg)) {
      p.resolve({ kind: 'fault', fault: 'protocol', message: `malformed response: ${firstError(this.validResponse.errors)}` });
      return;
    }
    const r = msg as { ok: true; result: JsonObject } | { ok: false; error: { code: string; message: string } };
    p.resolve(r.ok ? { kind: 'ok', result: r.result } : { kind: 'error', code: r.error.code, message: r.error.message });
  }

  private stderrSuffix(): string {
    const t = this.stderr.tail();
    return t.length ? ` (stderr: ${t.slice(-3).join(' | ')})` : '';
  }

  /**
   * The IUT is gone, but answers it wrote before may still be in its output: let them be
   * read up to the end of it (where onEnd dies), or die after a grace period if no end comes.
   */
  protected dieOnceDrained(reason: string): void {
    const input = this.stream?.input;
    if (!input || input.readableEnded) return this.die('crash', reason);
    const t = setTimeout(() => this.die('crash', reason), 1000);
    input.once('end', () => clearTimeout(t));
  }

  /** The stream is unusable: fail everything in flight with the reason and stop the IUT. */
  protected die(fault: 'crash' | 'protocol' | 'timeout', reason: string): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    const msg = fault === 'crash' ? `${reason}${this.stderrSuffix()}` : reason;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ kind: 'fault', fault, message: msg });
      this.pending.delete(id);
    }
    void this.teardown();
  }

  private async teardown(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    if (s) {
      s.input.removeAllListeners('data');
      s.input.removeAllListeners('end');
      s.input.on('error', () => {});
      s.output.on('error', () => {});
    }
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.abandoned.clear();
    await this.kill();
  }
}
