// A mutant: the reference shim with one planted, realistic bug, tied to the
// requirement it breaks. `rekey-harness selftest` must catch every one.
import type { OpDef } from '../ops/types.ts';

export interface Mutant {
  /** `<mechanism>-<what goes wrong>`, as given to `shim --mutant` and `reference:NAME`. */
  name: string;
  mechanism: string;
  /** Requirement IDs the bug violates. */
  reqs: string[];
  /** One line: what the buggy implementation does. */
  bug: string;
  /** The op list of the mutant shim, derived from the reference ops. */
  ops(reference: readonly OpDef[]): OpDef[];
}
