// Protocol constants (PROTOCOL.md section "Limits"); shared by harness and shims.
import pkg from '../../package.json' with { type: 'json' };

export const PROTOCOL_VERSION = 1;
export const IMPLEMENTATION = { name: 'rekey-harness-reference', version: pkg.version as string };
/** Longest line either side may send, in bytes, newline excluded. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Most requests the harness keeps in flight on one connection. */
export const MAX_IN_FLIGHT = 256;
/** Ops every shim must answer; not listed in hello's `ops`. */
export const CORE_OPS = ['hello', 'reset', 'free'] as const;
