// The nightly fuzz workflow is valid YAML with the shape docs/fuzzing.md documents:
// shard matrix, corpus cache, findings as artifacts, failure on new findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../harness/util/schema.ts';

const text = readFileSync(join(ROOT, '.github/workflows/nightly-fuzz.yml'), 'utf8');
const wf = parse(text, { strict: true, uniqueKeys: true });
const docs = readFileSync(join(ROOT, 'docs/fuzzing.md'), 'utf8');

describe('fuzz: nightly workflow', () => {
  const job = wf.jobs.fuzz;
  const steps: { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }[] = job.steps;

  it('runs on a schedule, by hand and from other repositories, with documented inputs', () => {
    assert.ok(wf.on.schedule[0].cron);
    for (const trigger of ['workflow_dispatch', 'workflow_call']) {
      for (const k of ['adapter', 'targets', 'time']) {
        assert.ok(wf.on[trigger].inputs[k], `${trigger} input ${k}`);
        assert.ok(docs.includes(`\`${k}\``), `docs/fuzzing.md documents input ${k}`);
      }
    }
    assert.ok(docs.includes('`setup`') && wf.on.workflow_call.inputs.setup);
  });

  it('shards with a matrix that matches SHARDS, each resuming its own cached corpus', () => {
    assert.deepEqual(job.strategy.matrix.shard, Array.from({ length: Number(wf.env.SHARDS) }, (_, i) => i + 1));
    const fuzz = steps.find((s) => s.run?.includes('rekey-harness fuzz'))!;
    assert.match(fuzz.run!, /--shard \$\{\{ matrix\.shard \}\}\/\$SHARDS/);
    assert.match(fuzz.run!, /--corpus fuzz-corpus/);
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    assert.equal(cache.with!.path, 'fuzz-corpus');
    assert.match(cache.with!.key, /matrix\.shard/);
  });

  it('uploads findings even on failure and fails the job on new findings', () => {
    const up = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    assert.equal(up.if, 'always()');
    assert.match(up.with!.path, /fuzz-corpus\/findings/);
    const last = steps[steps.length - 1];
    assert.match(last.if!, /steps\.fuzz\.outputs\.code != '0'/);
    assert.match(last.run!, /exit 1/);
  });
});
