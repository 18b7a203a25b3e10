// Generate vector files from the suites: same seed, same bytes.
import { join } from 'node:path';
import { Drbg } from '../crypto/index.ts';
import { SUITES } from '../suites/index.ts';
import { suiteFile, type SuiteDef } from '../suites/types.ts';
import { UsageError } from '../util/errors.ts';
import { writeAtomic } from '../util/fs.ts';

export const DEFAULT_SEED = 'rekey-harness-v1';

export function pickSuites(names?: string[]): SuiteDef[] {
  if (!names?.length) return [...SUITES];
  return names.map((n) => {
    const s = SUITES.find((x) => x.name === n);
    if (!s) throw new UsageError(`--suite ${n}: unknown suite (have: ${SUITES.map((x) => x.name).join(', ')})`);
    return s;
  });
}

/** The exact bytes of a suite's file. */
export function renderSuite(s: SuiteDef, seed = DEFAULT_SEED): string {
  return `${JSON.stringify(s.build(new Drbg(`${seed}/${s.name}`)), null, 1)}\n`;
}

export function generate(suites: SuiteDef[], outDir: string, seed = DEFAULT_SEED): { path: string; tests: number }[] {
  // Build everything first: a failing suite writes nothing.
  const rendered = suites.map((s) => ({ s, text: renderSuite(s, seed) }));
  return rendered.map(({ s, text }) => {
    const path = join(outDir, suiteFile(s));
    writeAtomic(path, text);
    return { path, tests: (JSON.parse(text) as { numberOfTests: number }).numberOfTests };
  });
}
