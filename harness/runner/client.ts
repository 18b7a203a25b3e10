// What the runner needs from an IUT connection. Transports implement it; the runner
// knows no wire format.
import type { JsonObject } from '../../adapters/ops/types.ts';

export type FaultKind = 'timeout' | 'crash' | 'protocol';

export type CallOutcome =
  | { kind: 'ok'; result: JsonObject }
  /** The IUT answered ok:false. */
  | { kind: 'error'; code: string; message: string }
  /** The IUT did not answer properly: no answer in time, died, or broke the protocol. */
  | { kind: 'fault'; fault: FaultKind; message: string };

export interface HelloInfo {
  version: number;
  implementation: { name: string; version: string };
  ops: string[];
}

export interface Client {
  /** The adapter as the user named it (for reproducers). */
  readonly spec: string;
  /** Start (or restart) the IUT and run hello. Throws AdapterStartError when it cannot. */
  start(): Promise<HelloInfo>;
  call(op: string, args: JsonObject): Promise<CallOutcome>;
  /** Whether the connection must be restarted before the next call (crash, timeout, poisoned stream). */
  readonly broken: boolean;
  /** Last lines the IUT wrote to stderr (bounded), for crash reports. */
  stderrTail(): string[];
  /** Protocol violations not tied to any request (responses to nothing, duplicates). */
  takeStrayViolations(): string[];
  close(): Promise<void>;
}

export class AdapterStartError extends Error {}
