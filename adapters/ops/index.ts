// Every op the reference shim implements, by mechanism.
import { epochOps, keyrotOps } from './keyrot.ts';
import { pspOps } from './psp.ts';
import { prodOps } from './prod.ts';
import { oapOps } from './oap.ts';
import type { OpDef } from './types.ts';

export const ALL_OPS: readonly OpDef[] = [...keyrotOps, ...epochOps, ...pspOps, ...prodOps, ...oapOps];
