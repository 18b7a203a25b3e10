// The seeded-bug zoo: every mutant, and the engine that serves one.
import { ALL_OPS } from '../ops/index.ts';
import { IMPLEMENTATION } from '../protocol/constants.ts';
import { ReferenceEngine } from '../reference/engine.ts';
import { UsageError } from '../../harness/util/errors.ts';
import { epochMutants } from './epoch.ts';
import { keyrotMutants } from './keyrot.ts';
import { oapMutants } from './oap.ts';
import { prodMutants } from './prod.ts';
import { pspMutants } from './psp.ts';
import type { Mutant } from './types.ts';

export const MUTANTS: readonly Mutant[] = [...keyrotMutants, ...epochMutants, ...pspMutants, ...oapMutants, ...prodMutants];

export function mutantByName(name: string): Mutant {
  const m = MUTANTS.find((x) => x.name === name);
  if (!m) throw new UsageError(`no mutant ${name} (see adapters/mutants/README.md; have: ${MUTANTS.map((x) => x.name).join(', ')})`);
  return m;
}

/** A fresh engine for one connection of the mutant shim. */
export function mutantEngine(name: string): ReferenceEngine {
  return new ReferenceEngine(mutantByName(name).ops(ALL_OPS), `${IMPLEMENTATION.name}+mutant:${name}`);
}
