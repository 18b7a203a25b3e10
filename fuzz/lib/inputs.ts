// Where a target's inputs live: the committed seed corpus and regression inputs, and
// loading a target's fuzz function in-process (for replay and `npm test`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from '../../harness/crypto/index.ts';
import { toHex } from '../../harness/util/bytes.ts';
import { ROOT } from '../../harness/util/schema.ts';

export const CORPUS_DIR = join(ROOT, 'fuzz/corpus');
export const REGRESSIONS_DIR = join(ROOT, 'fuzz/regressions');

export type FuzzFn = (data: Uint8Array) => void | Promise<void>;

export async function loadTarget(name: string): Promise<FuzzFn> {
  const m = (await import(join(ROOT, 'fuzz/targets', `${name}.ts`))) as { fuzz?: FuzzFn };
  if (typeof m.fuzz !== 'function') throw new Error(`fuzz/targets/${name}.ts exports no fuzz()`);
  return m.fuzz;
}

/** Files of a folder, sorted (a missing folder has none). */
export function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
}

/** The committed inputs of a target: seed corpus then regressions. */
export function committedInputs(name: string): string[] {
  return [...filesIn(join(CORPUS_DIR, name)), ...filesIn(join(REGRESSIONS_DIR, name))];
}

/** Run `fn` on each file; returns the failures (file and error), in order. */
export async function replay(fn: FuzzFn, files: string[]): Promise<{ file: string; error: Error }[]> {
  const bad: { file: string; error: Error }[] = [];
  for (const f of files) {
    try {
      await fn(new Uint8Array(readFileSync(f)));
    } catch (e) {
      bad.push({ file: f, error: e as Error });
    }
  }
  return bad;
}

/** Content name of an input file. */
export const sha256Hex = (b: Uint8Array): string => toHex(hash('sha256', b));
