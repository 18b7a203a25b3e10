// jsfuzz itself, briefly: a real target runs instrumented (coverage above 0, so the CJS
// bundling works, third-party packages included), and a planted crash is found, saved
// under .fuzz-build/crashes/ with a regression command, and the saved input still crashes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzSession } from '../../fuzz/jsfuzz/session.ts';
import { BUILD_DIR } from '../../fuzz/jsfuzz/build.ts';
import { ROOT } from '../../harness/util/schema.ts';
import { fuzz as planted } from './fixtures/planted-crash-target.ts';

const main = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'fuzz/jsfuzz/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('fuzz: in-process (jsfuzz)', function () {
  this.timeout(90_000);

  it('npm run fuzz: oap-keys (X.509 and SPKI through the asn1 packages) runs instrumented and finds nothing', () => {
    const r = main(['oap-keys', '--time', '4']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const m = /oap-keys: (\d+) execs .* cov (\d+),/.exec(r.stdout);
    assert.ok(m && Number(m[1]) > 0 && Number(m[2]) > 0, r.stdout);
  });

  it('npm run fuzz: a wrong target or flag exits 2 with one line', () => {
    for (const args of [['no-such-target'], ['prod-wire', '--time', 'soon']]) {
      const r = main(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('a planted crash is found from the prod-wire seeds, saved, and replays', async () => {
    const name = 'test-planted-crash';
    rmSync(join(BUILD_DIR, 'corpus', name), { recursive: true, force: true });
    const lines: string[] = [];
    const r = await fuzzSession({ name, entry: join(ROOT, 'test/fuzz/fixtures/planted-crash-target.ts'), seedsOf: 'prod-wire', seconds: 40, log: (l) => lines.push(l) });
    const crash = r.crash;
    assert.ok(crash, lines.join('\n'));
    assert.ok(r.run.cov > 0);
    assert.ok(lines.includes(`regression: npm run fuzz -- ${name} --replay ${crash}`), lines.join('\n'));
    assert.throws(() => planted(new Uint8Array(readFileSync(join(ROOT, crash)))), /planted/);
    rmSync(join(ROOT, crash));
  });
});
