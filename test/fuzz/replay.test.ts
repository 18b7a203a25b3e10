// Every in-process fuzz target on every committed seed and regression input, in-process:
// a crash jsfuzz once found stays fixed.
import assert from 'node:assert/strict';
import { IN_PROCESS_TARGETS } from '../../fuzz/targets/index.ts';
import { committedInputs, loadTarget, replay } from '../../fuzz/lib/inputs.ts';
import { InvariantError, check } from '../../fuzz/lib/check.ts';

describe('fuzz: committed inputs replay clean', () => {
  for (const name of Object.keys(IN_PROCESS_TARGETS)) {
    it(name, async () => {
      const files = committedInputs(name);
      assert.ok(files.length > 0, `no seed corpus for ${name} (npx tsx fuzz/jsfuzz/seeds.ts ${name})`);
      const bad = await replay(await loadTarget(name), files);
      assert.deepEqual(bad.map((b) => `${b.file}: ${b.error.message}`), []);
    });
  }

  it('a broken invariant is reported as a failure, not swallowed', async () => {
    const bad = await replay(() => check(false, 'planted'), committedInputs('keyrot-nonce').slice(0, 1));
    assert.equal(bad.length, 1);
    assert.ok(bad[0].error instanceof InvariantError);
  });
});
