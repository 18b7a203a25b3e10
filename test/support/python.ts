// Run a python3 snippet (pyca/cryptography) as an independent cross-check.
import { execFileSync } from 'node:child_process';

export function python(code: string, input: unknown): any {
  const out = execFileSync('python3', ['-c', code], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}
