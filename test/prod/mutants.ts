// Seeded-bug variants of the PROD reference ops, one bug each (op-level mutants: a
// modified copy of the OpDef list, served by `new ReferenceEngine(ops)`).
import { ALL_OPS } from '../../adapters/ops/index.ts';
import type { OpDef } from '../../adapters/ops/types.ts';
import { adopt, derive, rewriteArgs, type Method } from '../../adapters/mutants/patch.ts';
import { Site } from '../../harness/model/prod/index.ts';

const site = (patches: Record<string, (orig: Method) => Method>): OpDef[] => adopt(ALL_OPS, 'prod.createSite', 'prod-site', derive(Site, patches));

/** PROD-005: sends a PROD for every accepted NAK that starts no exchange, data or not. */
export const amplifyingOps = site({
  onNak: (orig) => function (source, from) {
    this.allowSendProd = true;
    return orig.call(this, source, from);
  },
});

/** PROD-012: honours a PROD while holding a key (acts as if it had none). */
export const honourKeyedOps = site({
  onProd: (orig) => function (from) {
    const key = this.key;
    this.key = null;
    try {
      return orig.call(this, from);
    } finally {
      this.key = key;
    }
  },
});

/** PROD-019's counterfactual: never sends a PROD. */
export const neverProdOps = site({
  onNak: (orig) => function (source, from) {
    this.allowSendProd = false;
    return orig.call(this, source, from);
  },
});

/** An IUT that follows one profile whatever a test asks for. */
export const fixedProfileOps = (profile: string): OpDef[] => rewriteArgs(ALL_OPS, ['prod.createSite'], (a) => ({ ...a, profile }));
