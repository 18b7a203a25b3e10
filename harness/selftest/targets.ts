// What selftest runs against: the reference and each mutant, in-process or as real
// child processes (`shim` / `shim --mutant NAME` over stdio).
import { join } from 'node:path';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import { MUTANTS, mutantByName } from '../../adapters/mutants/index.ts';
import type { Mutant } from '../../adapters/mutants/types.ts';
import { openClient } from '../../adapters/transport/index.ts';
import type { Client } from '../runner/client.ts';
import { ROOT } from '../util/schema.ts';

export type AdapterMode = 'in-process' | 'stdio';

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function adapterSpec(mutant: string | undefined, mode: AdapterMode): string {
  if (mode === 'in-process') return mutant ? `reference:${mutant}` : 'reference';
  return `stdio:${shq(process.execPath)} ${shq(join(ROOT, 'bin/rekey-harness.js'))} shim${mutant ? ` --mutant ${mutant}` : ''}`;
}

export function targetClient(mutant: string | undefined, mode: AdapterMode, timeoutMs: number): Client {
  return openClient(adapterSpec(mutant, mode), { timeoutMs });
}

/** Ops whose handler the mutant replaced: only vectors and properties using them can catch it. */
export function changedOps(m: Mutant): Set<string> {
  const ref = new Map(ALL_OPS.map((o) => [o.name, o.handler]));
  return new Set(m.ops(ALL_OPS).filter((o) => ref.get(o.name) !== o.handler).map((o) => o.name));
}

export function mutantsNamed(names: string[] | undefined): readonly Mutant[] {
  return names?.length ? names.map(mutantByName) : MUTANTS;
}
