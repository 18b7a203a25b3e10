// The example C shim (adapters/examples/c) against every committed vector: zero
// failures on the ops it claims, everything else skipped; its seeded-bug build is caught.
import assert from 'node:assert/strict';
import { session } from '../support/run.ts';
import { opsOf } from '../../harness/runner/units.ts';
import { DEFAULT_VECTORS, loadUnits } from '../../harness/runner/session.ts';
import { BUGGED, SHIM, ensureBuilt } from './shim.ts';

describe('C shim: conformance run', function () {
  this.timeout(60000);
  before(function () {
    const ms = ensureBuilt(this);
    console.log(`    (built rekey-shim and rekey-shim-bugged in ${ms} ms)`);
  });

  it('passes every test of the ops it claims and is skipped, by name, on the rest', async () => {
    const r = await session({ adapter: `stdio:${SHIM}` });
    const claimed = new Set(r.results.run.iut!.ops);
    const units = new Map(loadUnits([DEFAULT_VECTORS]).map((u) => [u.id, u]));
    const t = r.results.totals;
    console.log(`    (C shim: ${t.total} tests, ${t.pass} pass, ${t.skipped} skipped, ${t.fail} fail, ${t.error} error)`);
    assert.equal(r.exit, 0);
    assert.equal(t.fail + t.error, 0, r.results.tests.filter((x) => x.verdict === 'fail' || x.verdict === 'error').map((x) => `${x.id}: ${x.message}`).slice(0, 5).join('\n'));
    for (const o of r.results.tests) {
      const missing = opsOf(units.get(o.id)!).filter((op) => !claimed.has(op));
      if (missing.length) {
        assert.equal(o.verdict, 'skipped', o.id);
        assert.ok(missing.every((op) => o.message.includes(op)), `${o.id}: ${o.message}`);
      } else assert.equal(o.verdict, 'pass', `${o.id} uses only claimed ops`);
    }
    // Every op the shim claims is exercised by at least one passing test.
    const exercised = new Set(r.results.tests.filter((x) => x.verdict === 'pass').flatMap((x) => opsOf(units.get(x.id)!)));
    assert.deepEqual([...claimed].filter((op) => !exercised.has(op)), []);
  });

  it('the seeded-bug build (leaf direction byte not forked) fails with divergences on KEYROT-003', async () => {
    const r = await session({ adapter: `stdio:${BUGGED}`, suites: ['keyrot-kat', 'epoch-scenarios'] });
    assert.equal(r.exit, 1);
    assert.match(r.results.run.iut!.name, /seeded bug/);
    const req = r.results.requirements.find((x) => x.id === 'KEYROT-003')!;
    assert.equal(req.verdict, 'fail');
    const leaves = r.results.tests.filter((x) => x.op === 'keyrot.leaves' || x.group === 'KeyrotLeaves');
    // Direction 0 is what the bug computes for both: only direction 1 diverges, at the first leaf.
    for (const x of leaves) {
      const dir = / direction (\d)$/.exec(x.comment)![1];
      assert.equal(x.verdict, dir === '1' ? 'fail' : 'pass', x.id);
      if (dir === '1') {
        assert.equal(x.pointer, '/leaves/0');
        assert.match(x.message, /keyrot\.leaves: at \/leaves\/0 expected "[0-9a-f]{64}", got "[0-9a-f]{64}"/);
        assert.ok(x.reqs.includes('KEYROT-003'));
      }
    }
    assert.ok(r.results.tests.every((x) => x.verdict !== 'error'));
  });
});
