// The `properties` and `diff` commands end to end: exit codes, the printed report and
// the saved minimal trace.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['bin/rekey-harness.js', ...args]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e) => ({ code: e.code as number, out: String(e.stdout) }),
  );

describe('properties and diff commands', () => {
  it('properties against a mutant: exit 1, minimal trace printed and saved, reproducers given', async function () {
    this.timeout(30000);
    const out = mkdtempSync(join(tmpdir(), 'rk-cli-'));
    const r = await run(['properties', '--adapter', 'reference:epoch-no-wrap', '--property', 'epoch-grace', '--seed', '1', '--out', out]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /^FAIL +epoch-grace vs reference:epoch-no-wrap/m);
    assert.match(r.out, /profile: small keyrot profile/);
    assert.match(r.out, /first divergence: step \d+ epoch\.rekey/);
    const file = join(out, 'epoch-grace-1.json');
    assert.ok(existsSync(file));
    assert.ok(r.out.includes(`reproduce: npx rekey-harness run --adapter reference:epoch-no-wrap --vectors ${file}`));
    assert.match(r.out, /reproduce: npx rekey-harness properties --adapter reference:epoch-no-wrap --property epoch-grace --seed 1 --path \S+ --steps 50/);
  });

  it('diff of the reference with itself passes (exit 0); diff needs two adapters (exit 2)', async function () {
    this.timeout(30000);
    const ok = await run(['diff', '--adapter', 'reference', '--adapter', 'reference', '--property', 'prod', '--runs', '20']);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /^PASS +prod-recovery vs reference \+ reference/m);
    const bad = await run(['diff', '--adapter', 'reference']);
    assert.equal(bad.code, 2);
  });
});
