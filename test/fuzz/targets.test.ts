// The out-of-process targets start from messages the model accepts (re-sealing with
// the model's keys works), and the model agrees with itself on them over the adapter.
import assert from 'node:assert/strict';
import { openClient } from '../../adapters/transport/index.ts';
import { runOne } from '../../harness/fuzz/loop.ts';
import { Pair } from '../../harness/fuzz/pair.ts';
import { OOP_TARGETS } from '../../harness/fuzz/targets/index.ts';
import { Rng } from '../../harness/fuzz/rng.ts';
import { mutate } from '../../harness/fuzz/mutate.ts';

describe('fuzz: out-of-process targets', () => {
  for (const t of OOP_TARGETS) {
    it(`${t.name}: seeds reach acceptance, mutants reach rejections, no self-divergence`, async () => {
      const pair = new Pair(openClient('reference', { timeoutMs: 5000 }), t);
      const verdicts = new Set<string>();
      for (const g of t.seeds()) {
        const e = await runOne(pair, g);
        assert.equal(e.judgement.kind, undefined, `${e.judgement.model} vs ${e.judgement.iut}`);
        verdicts.add(e.judgement.model);
      }
      assert.ok(verdicts.has('accept'), `no seed accepted: ${[...verdicts]}`);
      const rng = new Rng(t.name);
      const seeds = t.seeds();
      for (let i = 0; i < 200; i++) {
        const e = await runOne(pair, mutate(rng, rng.pick(seeds), t.fields, rng.pick(seeds)));
        verdicts.add(e.judgement.model);
      }
      assert.ok([...verdicts].filter((v) => v.startsWith('reject:')).length >= 2, `few rejection classes: ${[...verdicts]}`);
    });
  }
});

describe('fuzz: oap-server target state', () => {
  const t = OOP_TARGETS.find((x) => x.name === 'oap-server')!;
  // What an exec's result may not depend on: the response carries the exec's own time.
  const stable = (r: unknown) => {
    const { response: _r, ...rest } = r as Record<string, unknown>;
    return rest;
  };

  it('an exec gives the same result deep in a run as alone on a new connection, so its finding replays', async function () {
    this.timeout(60_000);
    const long = new Pair(openClient('reference', { timeoutMs: 5000 }), t);
    const rng = new Rng('oap-server state');
    const seeds = t.seeds();
    const inputs = Array.from({ length: 120 }, () => mutate(rng, rng.pick(seeds), t.fields, rng.pick(seeds)));
    const verdicts = new Set<string>();
    for (const g of inputs) {
      const inRun = await runOne(long, g);
      const alone = await runOne(new Pair(openClient('reference', { timeoutMs: 5000 }), t), g);
      assert.deepEqual(stable(alone.model), stable(inRun.model), `input ${Buffer.from(g.bytes).toString("hex").slice(0, 80)}… (${g.bytes.length} bytes)`);
      verdicts.add(inRun.key);
    }
    // The check meant something: accepted, remembered-and-rejected and replayed requests were among them.
    const all = [...verdicts].join(' ');
    for (const v of ['accept|', 'reject:auth:', 'reject:freshness:REPLAY']) assert.ok(all.includes(v), `no ${v} in ${all}`);
  });

  it('the window edges and the replay seeds land where the profile puts them (20 s back, 100 ms ahead, whole ms)', async () => {
    const pair = new Pair(openClient('reference', { timeoutMs: 5000 }), t);
    const keys: string[] = [];
    for (const g of t.seeds()) keys.push((await runOne(pair, g)).key);
    for (const k of ['accept|accept;reject:freshness:REPLAY|reject:freshness:REPLAY', 'reject:freshness:FUTURE_TIMESTAMP|reject:freshness:FUTURE_TIMESTAMP', 'reject:freshness:OUTDATED_TIMESTAMP|reject:freshness:OUTDATED_TIMESTAMP']) {
      assert.ok(keys.includes(k), `${k} not in ${keys.join(', ')}`);
    }
    // The two accepted edges: 100.999999 ms ahead and 20000.999999 ms back truncate to the limits.
    assert.deepEqual(keys.slice(-4), ['accept|accept', 'reject:freshness:FUTURE_TIMESTAMP|reject:freshness:FUTURE_TIMESTAMP', 'accept|accept', 'reject:freshness:OUTDATED_TIMESTAMP|reject:freshness:OUTDATED_TIMESTAMP']);
  });
});
