// IUT as a child process speaking the protocol on stdin/stdout (stderr is its log).
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamClient, type ClientOptions, type StreamPair } from './stream-client.ts';

const exitReason = (c: ChildProcess) => `IUT exited (${c.signalCode ? `signal ${c.signalCode}` : `code ${c.exitCode}`})`;

export class StdioClient extends StreamClient {
  private child: ChildProcess | undefined;

  constructor(spec: string, private readonly command: string, opts: ClientOptions) {
    super(spec, opts);
  }

  protected open(): Promise<StreamPair> {
    // Its own process group, so a kill reaches whatever the shell started.
    const child = spawn('/bin/sh', ['-c', this.command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    child.stderr!.on('data', (c: Buffer) => this.stderr.push(c));
    child.on('exit', () => {
      if (this.child === child) this.dieOnceDrained(exitReason(child));
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve({ input: child.stdout!, output: child.stdin! }));
    });
  }

  /** Output closed, every answer in it read: report the exit status, waiting briefly for the exit if need be. */
  protected onEnd(): void {
    const c = this.child;
    if (!c) return super.onEnd();
    if (c.exitCode !== null || c.signalCode !== null) return this.die('crash', exitReason(c));
    const t = setTimeout(() => super.onEnd(), 500);
    c.once('exit', () => {
      clearTimeout(t);
      this.die('crash', exitReason(c));
    });
  }

  protected async kill(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      c.kill('SIGKILL');
    }
    await gone;
  }
}
