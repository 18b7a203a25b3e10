// Outside references for the OAP tests: pyca/cryptography (test/oap/pyref.py) and the
// openssl CLI. Each answers in one child process per call.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PYREF = fileURLToPath(new URL('./pyref.py', import.meta.url));

export function pyref(jobs: object[]): any[] {
  const r = spawnSync('python3', [PYREF], { input: JSON.stringify(jobs), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pyref failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function openssl(args: string[], input?: string): { code: number; out: string } {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
