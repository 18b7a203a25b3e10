// Building the example C shim and talking to it directly (without the runner), for
// the tests that need what the runner hides: exact bytes on the wire, a clean exit
// on end of input (valgrind reports only then), error responses.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ROOT } from '../../harness/util/schema.ts';

export const SHIM_DIR = join(ROOT, 'adapters/examples/c');
export const SHIM = 'adapters/examples/c/rekey-shim';
export const BUGGED = 'adapters/examples/c/rekey-shim-bugged';

/** Why the C toolchain cannot build the shim here, or null when it can. */
export function missingToolchain(): string | null {
  const probe = spawnSync('gcc', ['-E', '-x', 'c', '-'], { input: '#include <jansson.h>\n#include <openssl/evp.h>\n', encoding: 'utf8' });
  if (probe.error) return 'gcc not found';
  if (probe.status !== 0) return `headers missing (apt-get install libjansson-dev libssl-dev): ${probe.stderr.split('\n')[0]}`;
  const make = spawnSync('make', ['--version']);
  return make.error ? 'make not found' : null;
}

/** `make` + `make bugged`; returns the wall time in ms. */
export function build(): number {
  const t0 = Date.now();
  execFileSync('make', ['-s', '-j4', '-C', SHIM_DIR, 'all', 'bugged'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return Date.now() - t0;
}

export type Reply = { id: number; ok: boolean; result?: any; error?: { code: string; message: string } };

/** Send raw text in one write (a pipelined batch), close stdin, return the response lines. */
export function batch(input: string, cmd = SHIM): Reply[] {
  const r = spawnSync(join(ROOT, cmd), [], { input, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 20000 });
  if (r.status !== 0) throw new Error(`shim exited ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export const req = (id: number, op: string, args: object) => `${JSON.stringify({ id, op, args })}\n`;

/** A shim (or a wrapper such as valgrind) driven one request at a time. */
export class LineDriver {
  private readonly child;
  private readonly replies: ((line: string) => void)[] = [];
  private stderr = '';
  private nextId = 1;

  constructor(argv: string[]) {
    this.child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    createInterface({ input: this.child.stdout }).on('line', (l) => this.replies.shift()?.(l));
  }

  call(op: string, args: object): Promise<Reply> {
    return new Promise((resolve) => {
      this.replies.push((l) => resolve(JSON.parse(l)));
      this.child.stdin.write(req(this.nextId++, op, args));
    });
  }

  /** Stop it at once (a failed test must not leave it running). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Close stdin (end of session) and wait for the exit. */
  end(): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve({ code, stderr: this.stderr }));
      this.child.stdin.end();
    });
  }
}

let built: { ms: number } | undefined;

/**
 * Build once per mocha process. Without gcc or the headers the tests are skipped
 * with the reason, except in CI (process.env.CI set), where the build must happen.
 */
export function ensureBuilt(ctx: Mocha.Context): number {
  if (!built) {
    const missing = missingToolchain();
    if (missing) {
      if (process.env.CI) throw new Error(`C shim cannot be built in CI: ${missing}`);
      console.log(`    (C shim tests skipped: ${missing})`);
      ctx.skip();
    }
    built = { ms: build() };
  }
  return built.ms;
}
