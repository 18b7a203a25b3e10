// A planted divergence (a mutant of the epoch endpoint) found by the epoch property,
// shrunk against the live IUT, saved as a scenario vector file, and replayed from
// that file by `run`: the mutant fails at the saved step, the reference passes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClient } from '../../adapters/transport/index.ts';
import { checkProperty } from '../../harness/properties/check.ts';
import { epochProperty } from '../../harness/properties/epoch.ts';
import { formatOutcome } from '../../harness/properties/report.ts';
import { traceFile } from '../../harness/properties/trace-file.ts';
import { parseVectorFile } from '../../harness/vectors/load.ts';
import { session } from '../support/run.ts';

const opts = { numRuns: 200, steps: 50, seed: 11 };

describe('properties: shrinking a planted divergence', () => {
  it('the reference agrees with itself over the process boundary (stdio shim)', async function () {
    this.timeout(30000);
    const c = openClient(`stdio:${process.execPath} bin/rekey-harness.js shim`, { timeoutMs: 5000 });
    await c.start();
    try {
      const r = await checkProperty(epochProperty, [c], { ...opts, numRuns: 20 });
      assert.equal(r.status, 'pass', r.message);
      assert.equal(r.runs, 20);
    } finally {
      await c.close();
    }
  });

  it('TX promoted at install is shrunk to create, create, rekey; the saved file replays and fails only on the mutant', async () => {
    const spec = 'reference:epoch-promote-before-peer';
    const c = openClient(spec, { timeoutMs: 5000 });
    await c.start();
    const r = await checkProperty(epochProperty, [c], opts);
    assert.equal(r.status, 'fail');
    const cx = r.counterexample!;
    assert.ok(cx.shrinks > 0, 'fast-check shrank the first failing sequence');
    // The smallest sequence that can show the bug: the two opening creates and one rekey.
    assert.deepEqual(cx.trace.map((s) => s.op), ['epoch.create', 'epoch.create', 'epoch.rekey']);
    assert.equal(cx.divergence.step, 2);
    const d = cx.divergence.answers[0];
    assert.match(d.pointer!, /^\/(events|state)/);
    assert.equal((cx.trace[2].expect.state as { txEpoch: number }).txEpoch, (cx.trace[2].args.epoch as number) - 1, 'the model keeps TX on the old epoch');

    const text = formatOutcome(epochProperty, r, { file: 'X.json', steps: 50 });
    assert.match(text, /first divergence: step 3 epoch\.rekey/);
    assert.match(text, new RegExp(`seed ${r.seed}, path ${r.path!.replace(/[:]/g, ':')}`));
    assert.match(text, /reproduce: npx rekey-harness run --adapter reference:epoch-promote-before-peer --vectors X\.json/);

    const dir = mkdtempSync(join(tmpdir(), 'rk-prop-'));
    const file = join(dir, 'min.json');
    writeFileSync(file, JSON.stringify(traceFile(epochProperty, r)));
    parseVectorFile(readFileSync(file, 'utf8'), file); // schema-valid, counts right

    const bad = await session({ adapter: spec, vectors: [file] });
    assert.equal(bad.exit, 1);
    const t = bad.results.tests[0];
    assert.equal(t.verdict, 'fail');
    assert.equal(t.step, 2);
    const good = await session({ adapter: 'reference', vectors: [file] });
    assert.equal(good.exit, 0);
    assert.equal(good.results.tests[0].verdict, 'pass');
  });

  it('replaying the printed seed and path finds the same minimal counterexample at once', async () => {
    const c = openClient('reference:epoch-promote-before-peer', { timeoutMs: 5000 });
    await c.start();
    const first = await checkProperty(epochProperty, [c], opts);
    const again = await checkProperty(epochProperty, [c], { ...opts, seed: first.seed, path: first.path });
    assert.equal(again.status, 'fail');
    assert.equal(again.runs, 1);
    assert.deepEqual(again.counterexample!.trace, first.counterexample!.trace);
  });
});

describe('properties: diff of two IUTs', () => {
  it('two references agree', async () => {
    const cs = [openClient('reference', { timeoutMs: 5000 }), openClient(`reference`, { timeoutMs: 5000 })];
    for (const c of cs) await c.start();
    const r = await checkProperty(epochProperty, cs, { ...opts, numRuns: 30 });
    assert.equal(r.status, 'pass', r.message);
  });

  it('reference vs a mutant: first divergence, the model sides with the reference', async () => {
    const cs = [openClient('reference', { timeoutMs: 5000 }), openClient('reference:epoch-ctr-not-reset', { timeoutMs: 5000 })];
    for (const c of cs) await c.start();
    const r = await checkProperty(epochProperty, cs, opts);
    assert.equal(r.status, 'fail');
    const [a, b] = r.counterexample!.divergence.answers;
    assert.equal(a.pointer, null, 'the reference agrees with the model');
    assert.notEqual(b.pointer, null, 'the mutant does not');
    assert.match(formatOutcome(epochProperty, r, { steps: 50 }), /reproduce: npx rekey-harness diff --adapter reference --adapter reference:epoch-ctr-not-reset/);
  });
});
