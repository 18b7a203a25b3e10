// Property sequences per second (50 commands each) run in lockstep against the
// reference shim as a child process over stdio, next to the same sequences against
// the embedded reference in-process: the cost of the process boundary.
import { join } from 'node:path';
import fc from 'fast-check';
import { openClient } from '../../adapters/transport/index.ts';
import { PROPERTIES } from '../properties/index.ts';
import { resetTargets } from '../properties/check.ts';
import { Lockstep } from '../properties/lockstep.ts';
import { runSequence, type Command, type PropertyDef } from '../properties/types.ts';
import type { Client } from '../runner/client.ts';
import { ROOT } from '../util/schema.ts';
import { measure, type Bench, type BenchRow } from './types.ts';

const STEPS = 50;
const BATCH = 10;

function sequences(def: PropertyDef): [unknown, Command<unknown>[]][] {
  return fc.sample(fc.tuple(def.setup, fc.array(def.command, { minLength: STEPS, maxLength: STEPS })), { numRuns: BATCH, seed: 42 });
}

async function rate(def: PropertyDef, client: Client): Promise<number> {
  const seqs = sequences(def);
  return measure(BATCH, async () => {
    for (const [setup, cmds] of seqs) {
      await resetTargets([client]);
      await runSequence(def, setup, cmds, new Lockstep([client]));
    }
  });
}

export const bench: Bench = {
  name: 'properties',
  async run() {
    const rows: BenchRow[] = [];
    const stdio = openClient(`stdio:${process.execPath} ${join(ROOT, 'bin/rekey-harness.js')} shim`, { timeoutMs: 10000 });
    const inproc = openClient('reference', { timeoutMs: 10000 });
    await stdio.start();
    await inproc.start();
    try {
      for (const def of PROPERTIES) {
        const over = await rate(def, stdio);
        const local = await rate(def, inproc);
        rows.push({ name: `property ${def.name}, reference shim over stdio`, unit: 'sequences', rate: over, baseline: { name: 'same, in-process', rate: local }, note: `${STEPS} commands each, model and IUT in lockstep` });
      }
    } finally {
      await stdio.close();
      await inproc.close();
    }
    return rows;
  },
};
