// Run one property against one IUT (or, in diff mode, several) with fast-check: every
// generated sequence runs in lockstep with the model; on a divergence fast-check
// shrinks the sequence against the live IUTs (reset between attempts, restarted when
// broken), and the last failing attempt is the minimal trace.
import fc from 'fast-check';
import type { Client } from '../runner/client.ts';
import type { Step } from '../vectors/types.ts';
import { Divergence, GeneratorError, Lockstep, Unsupported } from './lockstep.ts';
import { runSequence, type PropertyDef } from './types.ts';

export interface CheckOptions {
  /** fast-check seed; random when absent. */
  seed?: number;
  /** Replay one recorded counterexample path (with its seed). */
  path?: string;
  numRuns: number;
  /** Longest generated sequence (commands after the opening steps). */
  steps: number;
  /** Stop generating new sequences after this long (shrinking still completes). */
  timeLimitMs?: number;
  /** Shrink a failure to a minimal trace (default); false stops at the first failure. */
  shrink?: boolean;
}

export interface Counterexample {
  /** Labels of the commands of the minimal sequence. */
  commands: string[];
  /** Its op calls, expectations from the model; the last one is where it diverged. */
  trace: Step[];
  divergence: Divergence;
  shrinks: number;
}

export interface PropertyOutcome {
  property: string;
  mechanism: string;
  targets: string[];
  status: 'pass' | 'fail' | 'skipped' | 'error';
  message: string;
  runs: number;
  seed: number;
  path?: string;
  counterexample?: Counterexample;
  durationMs: number;
}

/** Bring every IUT to a clean state: `reset`, or a restart when broken or when reset fails. */
export async function resetTargets(targets: Client[]): Promise<void> {
  for (const t of targets) {
    if (!t.broken && (await t.call('reset', {})).kind === 'ok') continue;
    await t.start();
  }
}

export async function checkProperty(def: PropertyDef, targets: Client[], o: CheckOptions): Promise<PropertyOutcome> {
  const t0 = performance.now();
  let unsupported: string | undefined;
  let last: Counterexample | undefined;
  const prop = fc.asyncProperty(def.setup, fc.array(def.command, { maxLength: o.steps, size: 'max' }), async (setup, cmds) => {
    await resetTargets(targets);
    const ls = new Lockstep(targets);
    try {
      await runSequence(def, setup, cmds, ls);
    } catch (e) {
      if (e instanceof Unsupported) {
        unsupported = e.message;
        return;
      }
      if (e instanceof Divergence) last = { commands: [...ls.commands], trace: ls.trace.slice(0, e.step + 1), divergence: e, shrinks: 0 };
      throw e;
    }
  });
  const d = await fc.check(prop, {
    numRuns: Math.max(1, Math.round(o.numRuns * (def.runScale ?? 1))),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.path ? { path: o.path } : {}),
    ...(o.shrink === false ? { endOnFailure: true } : {}),
    ...(o.timeLimitMs ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  const base = { property: def.name, mechanism: def.mechanism, targets: targets.map((t) => t.spec), runs: d.numRuns, seed: d.seed, durationMs: Math.round(performance.now() - t0) };
  if (!d.failed) {
    if (unsupported) return { ...base, status: 'skipped', message: unsupported };
    return { ...base, status: 'pass', message: `${d.numRuns} sequences agreed with the model${d.interrupted ? ' (time limit reached)' : ''}` };
  }
  const err = d.errorInstance;
  if (err instanceof Divergence && last) {
    return { ...base, status: 'fail', message: err.message, path: d.counterexamplePath ?? undefined, counterexample: { ...last, shrinks: d.numShrinks } };
  }
  const why = err instanceof GeneratorError ? 'property bug' : 'harness error';
  return { ...base, status: 'error', message: `${why}: ${err instanceof Error ? err.message : String(err)}`, path: d.counterexamplePath ?? undefined };
}
