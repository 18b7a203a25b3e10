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
