// The example C shim (adapters/examples/c) against every committed vector: zero
// failures on the ops it claims, everything else skipped; its seeded-bug build is caught,
// by the vectors and by `rekey-harness fuzz`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from '../../harness/fuzz/run.ts';
import type { Finding } from '../../harness/fuzz/store.ts';
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

describe('C shim: fuzzed through the adapter', function () {
  this.timeout(60000);
  let dir: string;
  before(function () {
    ensureBuilt(this);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rekey-cfuzz-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fuzzC = (adapter: string, execs: number) =>
    runFuzz({ adapter, targets: ['all'], timeS: 50, maxExecs: execs, seed: 'c-shim', shard: { k: 1, n: 1 }, corpus: join(dir, 'c'), out: join(dir, 'o'), batch: 256, timeoutMs: 10_000 });

  it('agrees with the model on every mutant of the targets it supports; the others are skipped by name', async () => {
    const { summary: s, exit } = await fuzzC(`stdio:${SHIM}`, 20_000);
    assert.equal(exit, 0, JSON.stringify(s.findings));
    assert.deepEqual(s.targets.filter((t) => t.status === 'fuzzed').map((t) => [t.name, t.execs]), [['keyrot-open', 20_000], ['epoch-recv', 20_000], ['psp-decrypt', 20_000]]);
    assert.ok(s.targets.filter((t) => t.status === 'skipped').every((t) => /^IUT lacks /.test(t.note ?? '')));
  });

  it('finds the seeded bug of the bugged build: direction-1 packets do not authenticate', async () => {
    const { summary: s, exit } = await fuzzC(`stdio:${BUGGED}`, 512);
    assert.equal(exit, 1);
    assert.ok(s.findings.some((f) => f.signature === 'keyrot-open|divergence|accept|reject:AUTH_FAILED'), JSON.stringify(s.findings));
    const f = JSON.parse(readFileSync(s.findings.find((x) => x.target === 'keyrot-open')!.path, 'utf8')) as Finding;
    assert.equal(f.calls[f.judged].args.dir, 1);
  });
});
