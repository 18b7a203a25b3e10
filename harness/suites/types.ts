// A suite: one vector file, built deterministically from a seeded generator.
import type { Drbg } from '../crypto/index.ts';
import type { VectorFile } from '../vectors/types.ts';

export interface SuiteDef {
  /** e.g. `keyrot-kat`; also the file name without `.json`. */
  name: string;
  mechanism: string;
  kind: 'kat' | 'scenario';
  description: string;
  /** Build the file; every random choice comes from `rng`. */
  build(rng: Drbg): VectorFile;
}

/** Path of a suite's committed file, relative to vectors/. */
export function suiteFile(s: Pick<SuiteDef, 'name' | 'mechanism'>): string {
  return `${s.mechanism}/${s.name}.json`;
}
