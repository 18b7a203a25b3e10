// The nightly fuzz workflow: valid for GitHub's own workflow parser (@actions/workflow-parser,
// the schema and expression checks the Actions language service runs), with the shape
// docs/fuzzing.md documents (shard matrix, corpus cache, findings as artifacts, failure on
// new findings), and its Fuzz step's script works when run as written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { ROOT } from '../../harness/util/schema.ts';
import type { FuzzSummary } from '../../harness/fuzz/summary.ts';

const PATH = '.github/workflows/nightly-fuzz.yml';
const text = readFileSync(join(ROOT, PATH), 'utf8');
const wf = parse(text, { strict: true, uniqueKeys: true });
const docs = readFileSync(join(ROOT, 'docs/fuzzing.md'), 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

describe('fuzz: nightly workflow', () => {
  const job = wf.jobs.fuzz;
  const steps: Step[] = job.steps;

  it("GitHub's workflow parser accepts it, and rejects it with one unknown key (the check can fail)", async () => {
    const errors = (content: string) => parseWorkflow({ name: PATH, content }, new NoOperationTraceWriter()).context.errors.getErrors().map((e) => e.message);
    assert.deepEqual(errors(text), []);
    const parsed = parseWorkflow({ name: PATH, content: text }, new NoOperationTraceWriter());
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    assert.deepEqual(template.errors ?? [], []);
    assert.deepEqual(template.jobs.map((j) => j.id.value), ['fuzz']);
    assert.equal(errors(text.replace('    timeout-minutes: 60', '    timeout-minutes: 60\n    timeout-seconds: 5')).length, 1);
  });

  it('runs on a schedule, by hand and from other repositories, with documented inputs', () => {
    assert.ok(wf.on.schedule[0].cron);
    for (const trigger of ['workflow_dispatch', 'workflow_call']) {
      for (const k of ['adapter', 'targets', 'time']) {
        assert.ok(wf.on[trigger].inputs[k], `${trigger} input ${k}`);
        assert.ok(docs.includes(`\`${k}\``), `docs/fuzzing.md documents input ${k}`);
      }
    }
    for (const k of ['setup', 'harness', 'harness-ref']) {
      assert.ok(wf.on.workflow_call.inputs[k], `workflow_call input ${k}`);
      assert.ok(docs.includes(`\`${k}\``), `docs/fuzzing.md documents input ${k}`);
    }
    // A called workflow checks out its caller: rekey-harness must be checked out beside it.
    const harness = steps.find((s) => s.with?.path === '.rekey-harness')!;
    assert.equal(harness.with!.repository, '${{ inputs.harness }}');
  });

  it('shards with a matrix that matches SHARDS, each resuming its own cached corpus', () => {
    assert.deepEqual(job.strategy.matrix.shard, Array.from({ length: Number(wf.env.SHARDS) }, (_, i) => i + 1));
    const fuzz = steps.find((s) => s.id === 'fuzz')!;
    assert.equal(fuzz.env!.SHARD, '${{ matrix.shard }}');
    assert.match(fuzz.run!, /--shard "\$SHARD\/\$SHARDS"/);
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

  describe("the Fuzz step's script, run by bash as the runner would", function () {
    this.timeout(60_000);
    const fuzz = steps.find((s) => s.id === 'fuzz')!;
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rekey-wf-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** The step's env (expressions replaced by what GitHub would put there) and the runner's files. */
    const runStep = (env: Record<string, string>) => {
      const output = join(dir, 'output');
      const summary = join(dir, 'summary.md');
      writeFileSync(output, '');
      const r = spawnSync('bash', ['-e', '-c', fuzz.run!], {
        cwd: dir, encoding: 'utf8', timeout: 50_000,
        env: { ...process.env, ...env, SHARDS: String(wf.env.SHARDS), REKEY_HARNESS: join(ROOT, 'bin/rekey-harness.js'), GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
      });
      assert.equal(r.status, 0, `the step itself fails: ${r.stderr}`);
      return { output: readFileSync(output, 'utf8'), summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
    };

    it('fuzzes its shard, records exit code 0 and appends the summary', () => {
      const r = runStep({ ADAPTER: 'reference', TARGETS: 'prod-parse oap-decode', TIME: '2', SEED: 'nightly-7', SHARD: '2' });
      assert.equal(r.output, 'code=0\n');
      const s = JSON.parse(readFileSync(join(dir, 'fuzz-report/fuzz-summary.json'), 'utf8')) as FuzzSummary;
      assert.deepEqual([s.shard, s.seed, s.adapter], [`2/${wf.env.SHARDS}`, 'nightly-7', 'reference']);
      assert.deepEqual(s.targets.map((t) => t.name).sort(), ['oap-decode', 'prod-parse']);
      assert.ok(s.execs > 0);
      assert.ok(r.summary.includes('prod-parse'), r.summary);
    });

    it('records a failing exit code for the next step instead of stopping', () => {
      const r = runStep({ ADAPTER: 'reference', TARGETS: 'no-such-target', TIME: '2', SEED: 's', SHARD: '1' });
      assert.equal(r.output, 'code=2\n');
    });
  });
});
