// What an out-of-process fuzz target is: how to make valid messages with the model,
// where their fields are (for structure-aware mutation), how to turn a (mutated)
// message into an op call, re-sealed with the model's keys, and how to read a verdict.
import type { JsonObject } from '../../adapters/ops/types.ts';

/** A message under mutation; `reseal`: fix the outer authentication after mutating. */
export interface Genome {
  bytes: Uint8Array;
  reseal: boolean;
}

export type FieldKind = 'len' | 'flags' | 'value' | 'bytes';

/** One field of a message, for mutation: big-endian integers for len/flags/value. */
export interface Field {
  name: string;
  off: number;
  len: number;
  kind: FieldKind;
  /** Values that mean something here (e.g. every known NID): a mutant often takes one. */
  values?: readonly number[];
}

export interface Call {
  op: string;
  args: JsonObject;
}

export interface Verdict {
  accept: boolean;
  /** The reason class of a rejection ('' when accepted). */
  reason: string;
}

export interface OopTarget {
  name: string;
  description: string;
  /** Stateful objects made once per connection; a later arg "@i" is the handle setup call i returned. */
  setup: Call[];
  /** Valid messages made by the model. */
  seeds(): Genome[];
  /** Where the fields of a message are (best effort: a mutant may not parse). */
  fields(bytes: Uint8Array): Field[];
  /**
   * The op calls of one exec, in order, re-signed / re-encrypted with the model's keys
   * when `reseal`. `exec` counts the execs on this connection since its setup: a target
   * with a virtual clock derives the time from it, so state left by earlier execs is stale.
   */
  calls(g: Genome, exec: number): Call[];
  verdict(result: JsonObject): Verdict;
}
