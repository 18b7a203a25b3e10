// Shared by the PSP tests: the independent Python encapsulator and the committed vectors.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { KatFile, ScenarioFile } from '../../harness/vectors/types.ts';

const PY = new URL('./psp_ref.py', import.meta.url).pathname;

/** Run cases through test/psp/psp_ref.py (pyca/cryptography); hex or null per case. */
export function pythonPsp(cases: { op: 'derive' | 'encrypt' | 'encap'; args: object }[]): (string | null)[] {
  const r = spawnSync('python3', [PY], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`psp_ref.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function vectors<T extends KatFile | ScenarioFile>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../vectors/psp/${name}.json`, import.meta.url), 'utf8'));
}
