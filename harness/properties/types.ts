// A stateful property: how to set up the objects of one mechanism and which commands
// (op calls, time advances, rekeys) a generated sequence is made of. Commands read
// and update a world (the generator's bookkeeping: clock, packets seen, handles);
// every op they issue goes through the Lockstep, which compares model and IUT.
import type fc from 'fast-check';
import type { Json } from '../../adapters/ops/types.ts';
import type { Lockstep } from './lockstep.ts';

export interface Command<W> {
  label: string;
  /** Precondition on the world; a command whose precondition fails is skipped, so shrunk sequences stay runnable. */
  check?(w: W): boolean;
  run(w: W, ls: Lockstep): Promise<void>;
}

export interface PropertyDef<S = any, W = any> {
  /** e.g. `epoch-grace`; used by --property and in saved trace names. */
  name: string;
  mechanism: string;
  description: string;
  /** Requirements a saved counterexample is filed under. */
  reqs: string[];
  /** Ops the IUT must list in hello; otherwise the property is skipped. */
  ops: string[];
  /** The profile recorded in a saved trace. */
  profile: { name: string } & Record<string, Json>;
  /** Printed with every run: which small profile parameters the sequences use, and why. */
  profileNote: string;
  /** Fraction of the requested runs this property makes (for properties whose steps are slow, e.g. signatures). */
  runScale?: number;
  setup: fc.Arbitrary<S>;
  /** Issue the opening steps (create the objects) and return the world commands act on. */
  init(s: S, ls: Lockstep): Promise<W>;
  command: fc.Arbitrary<Command<W>>;
}

/** Run one generated sequence on a lockstep: opening steps, then each command whose precondition holds. */
export async function runSequence<S, W>(def: PropertyDef<S, W>, setup: S, cmds: readonly Command<W>[], ls: Lockstep): Promise<void> {
  const w = await def.init(setup, ls);
  for (const c of cmds) {
    if (c.check && !c.check(w)) continue;
    ls.note(c.label);
    await c.run(w, ls);
  }
}
