// The C shim under valgrind over a small subset of every claimed op (KATs, scenarios
// with handles, error paths, handles left open at end of input): no memory errors,
// no leaks. Results are compared with the vectors too, so the subset really ran.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_VECTORS, loadUnits } from '../../harness/runner/session.ts';
import { firstDifference } from '../../harness/runner/compare.ts';
import { opsOf } from '../../harness/runner/units.ts';
import { resolveRefs } from '../../harness/vectors/record.ts';
import { LineDriver, SHIM, ensureBuilt } from './shim.ts';

const VALGRIND = '/usr/bin/valgrind';

describe('C shim: valgrind', function () {
  this.timeout(60000);
  before(function () {
    ensureBuilt(this);
    if (!existsSync(VALGRIND)) {
      if (process.env.CI) throw new Error('valgrind missing in CI');
      console.log('    (valgrind not installed: skipped)');
      this.skip();
    }
  });

  let d: LineDriver | undefined;
  after(() => d?.kill());

  it('no memory errors and no leaks over a subset of vectors and error paths', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'rk-vg-')), 'valgrind.log');
    d = new LineDriver([VALGRIND, '--leak-check=full', '--error-exitcode=99', `--log-file=${log}`, SHIM]);
    const claimed = new Set<string>((await d.call('hello', { versions: [1] })).result.ops);
    // The first test of every vector group whose ops the shim claims (KATs and scenarios).
    const seen = new Set<string>();
    const units = loadUnits([DEFAULT_VECTORS]).filter((u) => {
      const key = `${u.suite}/${u.group}`;
      if (seen.has(key) || !opsOf(u).every((op) => claimed.has(op))) return false;
      return seen.add(key);
    });
    assert.deepEqual(new Set(units.flatMap(opsOf)), claimed, 'the subset exercises every claimed op');
    for (const u of units) {
      const bound = new Map<string, string>();
      for (const s of u.steps) {
        const r = await d.call(s.op, resolveRefs(s.args, bound) as object);
        assert.ok(r.ok, `${u.id} ${s.op}: ${r.error?.message}`);
        if (s.bind) bound.set(s.bind, r.result.handle);
        assert.equal(firstDifference(s.expect, r.result), null, `${u.id} ${s.op}`);
      }
    }
    // Protocol errors, mechanism rejections, and handles still open when input ends (freed at exit).
    const seed = '11'.repeat(32);
    for (const [op, args] of [
      ['keyrot.seal', { seed, dir: 0, ctr: 1, epoch: 0, plaintext: 'zz' }],
      ['keyrot.open', { seed, dir: 0, epoch: 0, packet: '0' }],
      ['epoch.create', { role: 'initiator', seed, profile: { hash: 'sha512' } }],
      ['psp.decrypt', { key0: seed, key1: '11', packet: '00'.repeat(40) }],
      ['nope.op', {}],
    ] as const) assert.equal((await d.call(op, args)).ok, false, op);
    for (const [op, args] of [
      ['keyrot.open', { seed, dir: 0, epoch: 0, packet: '00'.repeat(27) }],
      ['psp.decrypt', { key0: seed, key1: seed, packet: '00'.repeat(40) }],
    ] as const) assert.equal((await d.call(op, args)).result?.valid, false, op);
    const ep = (await d.call('epoch.create', { role: 'responder', seed })).result.handle;
    await d.call('epoch.rekey', { ep, seed, epoch: 1, now: 0 });
    await d.call('epoch.create', { role: 'initiator', seed });
    const { code } = await d.end();
    const report = readFileSync(log, 'utf8');
    assert.equal(code, 0, report);
    assert.match(report, /ERROR SUMMARY: 0 errors from 0 contexts/);
    assert.match(report, /All heap blocks were freed|definitely lost: 0 bytes in 0 blocks[\s\S]*possibly lost: 0 bytes in 0 blocks/);
  });
});
