// IUT as a child process speaking the protocol on stdin/stdout (stderr is its log).
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamClient, type ClientOptions, type StreamPair } from './stream-client.ts';

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
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      const why = `IUT exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      // Answers it wrote before exiting may still be in the pipe: read them (up to its end) first.
      if (child.stdout!.readableEnded) this.die('crash', why);
      else {
        const t = setTimeout(() => this.die('crash', why), 1000);
        child.stdout!.once('end', () => clearTimeout(t));
      }
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
    const exited = () => c.exitCode !== null || c.signalCode !== null;
    const why = () => `IUT exited (${c.signalCode ? `signal ${c.signalCode}` : `code ${c.exitCode}`})`;
    if (exited()) return this.die('crash', why());
    const t = setTimeout(() => super.onEnd(), 500);
    c.once('exit', () => {
      clearTimeout(t);
      this.die('crash', why());
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
