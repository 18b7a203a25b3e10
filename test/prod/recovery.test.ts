// PROD-019, the recovery bound: measured in the committed restart vector, and
// compared with the same story on an implementation that never sends a PROD.
import assert from 'node:assert/strict';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { makeConfig, totalRetransmissionMs } from '../../harness/model/prod/index.ts';
import { CFG_A, DATA_GAP, restartRecovery } from '../../harness/suites/prod-scenarios.ts';
import { TwoSiteNet } from '../../harness/suites/prod-net.ts';
import { resolveRefs } from '../../harness/vectors/record.ts';
import { neverProdOps } from './mutants.ts';
import { scenarioFileOf } from './support.ts';

const cfg = makeConfig(CFG_A as never);
const R = cfg.setupRetries;
const T = cfg.setupTimeout;
const W = cfg.waitTime;
/** PROD-019's decision: timers fire 1 ms late, then the next data packet, then 9 one-way trips of 1 ms. */
const BOUND = R * (T + 1) + DATA_GAP + 9;

/** Restart time and recovery time read back from the committed vector alone. */
function measured(suite: string) {
  const t = scenarioFileOf(suite).testGroups.flatMap((g) => g.tests).find((x) => x.reqs.includes('PROD-019'))!;
  const i = t.steps.findIndex((s) => s.comment?.startsWith('B restarts'));
  const restart = t.steps[i].args.now as number;
  const first = (site: string) => t.steps.slice(i).flatMap((s) => (s.args.site === site ? ((s.expect.events ?? []) as { type: string; at: number }[]) : [])).find((e) => e.type === 'KEY_ACTIVATED')?.at;
  const a = first('@A');
  const b = first('@B2');
  assert.ok(a !== undefined && b !== undefined, 'both ends activate a new key after the restart');
  return { restart, recovery: Math.max(a, b) - restart, comment: t.steps.at(-1)!.comment! };
}

function story(ops: ConstructorParameters<typeof ReferenceEngine>[0], profile: string) {
  const e = new ReferenceEngine(ops);
  const bound = new Map<string, string>();
  const net = new TwoSiteNet((op, args, opts) => {
    const r = e.call(op, resolveRefs(args, bound) as JsonObject);
    if (!r.ok) throw new Error(r.error.message);
    if (opts?.bind) bound.set(opts.bind, String(r.result.handle));
    return r.result;
  });
  let n = 0;
  const { restart, recovered } = restartRecovery(net, profile, () => (n++).toString(16).padStart(2, '0'));
  return { restart, recovery: recovered === null ? null : recovered - restart, prods: net.sent.filter((p) => p.label === 'PROD').length };
}

describe('prod restart recovery (PROD-019)', () => {
  for (const profile of ['secnet-notes', 'secnet-0.6.9']) {
    it(`${profile}: the committed vector recovers within the retransmission time, not waiting wait-time`, () => {
      const m = measured(`prod-${profile}`);
      assert.ok(m.recovery > 0 && m.recovery <= BOUND, `recovery ${m.recovery} ms > bound ${BOUND} ms`);
      assert.ok(m.recovery < totalRetransmissionMs(cfg) + W);
      assert.match(m.comment, new RegExp(`recovery ${m.recovery} ms`), 'the vector records the measured time');
    });

    it(`${profile}: without PROD the same story also waits wait-time`, () => {
      const withProd = story(undefined, profile);
      const without = story(neverProdOps, profile);
      assert.equal(without.prods, 0);
      assert.ok(withProd.prods >= 1);
      assert.equal(withProd.recovery, measured(`prod-${profile}`).recovery);
      assert.ok(without.recovery !== null && without.recovery >= R * T + W, `no-PROD recovery ${without.recovery} ms`);
    });
  }
});
