// The runner end to end on the embedded reference: divergences from an edited vector,
// expectations (known failure, unexpected pass, skip, expiry), exit codes, reports.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { opsSchemaText } from '../../adapters/ops/schemas.ts';
import { schemaValidator } from '../../harness/util/schema.ts';
import { cli, ROOT } from '../support/cli.ts';
import { readJsonl, readResults, session } from '../support/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'rk-runner-'));
const KAT = join(ROOT, 'vectors/keyrot/keyrot-kat.json');
const SCEN = join(ROOT, 'vectors/epoch/epoch-scenarios.json');

/** A copy of the keyrot KAT with one expected key changed, and of the epoch scenarios with one step changed. */
function editedVectors() {
  const kat = JSON.parse(readFileSync(KAT, 'utf8'));
  const t = kat.testGroups.find((g: { op: string }) => g.op === 'keyrot.key').tests[0];
  t.expected.nonce = `ff${t.expected.nonce.slice(2)}`;
  const katPath = join(dir, 'kat.json');
  writeFileSync(katPath, JSON.stringify(kat));
  const scen = JSON.parse(readFileSync(SCEN, 'utf8'));
  const test = scen.testGroups[0].tests[1];
  const i = test.steps.findIndex((s: { op: string; expect: { status?: string } }) => s.op === 'epoch.recv' && s.expect.status === 'accepted');
  test.steps[i].expect.status = 'dropped';
  const scenPath = join(dir, 'scen.json');
  writeFileSync(scenPath, JSON.stringify(scen));
  return { katPath, katId: `keyrot-kat#${t.tcId}`, scenPath, scenId: `epoch-scenarios#${test.tcId}`, scenStep: i };
}

describe('runner', function () {
  this.timeout(60000);
  const v = editedVectors();

  it('an edited vector fails with the divergence: step, pointer, expected vs actual, reproducer', async () => {
    const r = await session({ adapter: 'reference', vectors: [v.katPath, v.scenPath] });
    assert.equal(r.exit, 1);
    const k = r.byId.get(v.katId)!;
    assert.equal(k.verdict, 'fail');
    assert.equal(k.pointer, '/nonce');
    assert.match(String(k.expected), /^ff/);
    assert.doesNotMatch(String(k.actual), /^ff/);
    assert.equal(k.reproducer, `npx rekey-harness run --adapter reference --vectors ${v.katPath} --test '${v.katId}' --timeout 5000`);
    const s = r.byId.get(v.scenId)!;
    assert.equal(s.verdict, 'fail');
    assert.equal(s.step, v.scenStep);
    assert.equal(s.pointer, '/status');
    assert.deepEqual([s.expected, s.actual], ['dropped', 'accepted']);
    assert.equal(s.trace!.length, v.scenStep + 1);
    assert.equal(s.trace!.at(-1)!.status, 'diverged');
    assert.equal(r.results.totals.fail, 2);
    assert.equal(r.results.requirements.find((q) => q.id === 'KEYROT-005')!.verdict, 'fail');
    // the reproducer runs exactly that test and fails the same way
    const rep = cli(['run', '--adapter', 'reference', '--vectors', v.katPath, '--test', v.katId, '--report', join(dir, 'rep')]);
    assert.equal(rep.code, 1);
    assert.match(rep.stdout, /1 failed/);
    assert.equal(readResults(join(dir, 'rep')).tests.length, 1);
  });

  it('reports: results.json matches its schema, results.jsonl streamed every outcome, junit.xml parses back', async () => {
    const r = await session({ adapter: 'reference', vectors: [v.katPath, v.scenPath] });
    const validate = schemaValidator('results_v1.schema.json');
    assert.ok(validate(readResults(r.reportDir)), JSON.stringify(validate.errors));
    assert.equal(readJsonl(r.reportDir).outcomes.length, r.results.totals.total);
    const x = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(r.reportDir, 'junit.xml'), 'utf8'));
    const suites = [x.testsuites.testsuite].flat();
    assert.deepEqual(suites.map((s: { name: string }) => s.name).sort(), ['epoch-scenarios', 'keyrot-kat']);
    assert.equal(Number(x.testsuites.tests), r.results.totals.total);
    assert.equal(Number(x.testsuites.failures), 2);
    const cases = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as { name: string; failure?: { message: string; '#text': string } }[];
    assert.equal(cases.length, r.results.totals.total);
    const failed = cases.filter((c) => c.failure);
    assert.equal(failed.length, 2);
    const kf = failed.find((c) => c.name.startsWith(v.katId))!;
    assert.match(kf.failure!.message, /at \/nonce expected "ff/);
    assert.match(kf.failure!['#text'], /expected: "ff[0-9a-f]+"\nactual: {3}"[0-9a-f]+"/);
    assert.match(kf.failure!['#text'], /reproduce: npx rekey-harness run/);
    const md = readFileSync(join(r.reportDir, 'summary.md'), 'utf8');
    assert.match(md, /\| total \| pass \| fail/);
    assert.match(md, new RegExp(`### ${v.katId.replace('#', '#')}`));
    assert.match(md, /\| KEYROT-005 \| MUST \| ❌ fail/);
  });

  it('expectations: known failure, unexpected pass, skip, expiry', async () => {
    const exp = join(dir, 'expect.json');
    writeFileSync(exp, JSON.stringify({
      schema: 'expectations_v1.schema.json',
      iut: 'reference with an edited vector',
      entries: [
        { match: v.katId, status: 'fail', reason: 'nonce bug, tracked as #1' },
        { match: 'keyrot-kat#1', status: 'fail', reason: 'thought broken, is not' },
        { match: 'req:EPOCH-00[3]', status: 'skip', reason: 'read path not wired yet' },
        { match: v.scenId, status: 'fail', reason: 'expired entry', expires: '2026-01-01' },
      ],
    }));
    const r = await session({ adapter: 'reference', vectors: [v.katPath, v.scenPath], expect: exp });
    assert.equal(r.byId.get(v.katId)!.expectation, 'known-failure');
    assert.equal(r.byId.get('keyrot-kat#1')!.expectation, 'unexpected-pass');
    const skipped = r.results.tests.filter((t) => t.expectation === 'skip-listed');
    assert.ok(skipped.length >= 1 && skipped.every((t) => t.reqs.includes('EPOCH-003') && t.verdict === 'skipped'));
    assert.equal(r.byId.get(v.scenId)!.expectation, 'expected', 'an expired entry no longer applies');
    assert.deepEqual(r.results.expiredExpectations.map((e) => e.expires), ['2026-01-01']);
    // unexpected: the unexpected pass, the (no longer covered) scenario failure, the expired entry
    assert.equal(r.results.totals.unexpected, 3);
    assert.equal(r.exit, 1);
  });

  it('exit 0 when every failure is expected and nothing expired', async () => {
    const exp = join(dir, 'expect-ok.json');
    writeFileSync(exp, JSON.stringify({ schema: 'expectations_v1.schema.json', entries: [{ match: v.katId, status: 'fail', reason: 'known' }, { match: v.scenId, status: 'fail', reason: 'known', expires: '2027-06-30' }] }));
    const r = await session({ adapter: 'reference', vectors: [v.katPath, v.scenPath], expect: exp });
    assert.equal(r.exit, 0);
    assert.equal(r.results.totals.unexpected, 0);
  });

  it('a malformed expectations file or vector path: one line, exit 2', () => {
    writeFileSync(join(dir, 'bad-exp.json'), JSON.stringify({ schema: 'expectations_v1.schema.json', entries: [{ match: 'x', status: 'maybe', reason: 'r' }] }));
    const a = cli(['run', '--vectors', KAT, '--expect', join(dir, 'bad-exp.json'), '--report', join(dir, 'r2')]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /bad-exp\.json: \/entries\/0\/status: must be equal to one of the allowed values/);
    const b = cli(['run', '--vectors', join(dir, 'nope.json')]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /nope\.json: no such file or directory/);
    const c = cli(['run', '--adapter', 'carrier-pigeon:', '--vectors', KAT]);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /--adapter carrier-pigeon:: expected reference/);
  });

  it('an op the IUT does not list in hello is skipped, never failed', async () => {
    const r = await session({ adapter: 'reference', vectors: [KAT], tests: ['keyrot-kat#*'] });
    assert.ok(r.results.tests.every((t) => t.verdict === 'pass'));
    // a stdio IUT that lists only keyrot.key: everything else is skipped by name
    const shim = join(dir, 'only-key.mjs');
    writeFileSync(shim, `
      import { createInterface } from 'node:readline';
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (l) => {
        const r = JSON.parse(l);
        if (r.op === 'hello') console.log(JSON.stringify({ id: r.id, ok: true, result: { version: 1, implementation: { name: 'only-key', version: '1' }, ops: ['keyrot.key'] } }));
        else console.log(JSON.stringify({ id: r.id, ok: false, error: { code: 'INTERNAL', message: 'not really implemented' } }));
      });`);
    const s = await session({ adapter: `stdio:${process.execPath} ${shim}`, vectors: [KAT] });
    const key = s.results.tests.filter((t) => t.group === 'KeyrotKey');
    assert.ok(key.length > 0 && key.every((t) => t.verdict === 'fail'));
    const others = s.results.tests.filter((t) => t.group !== 'KeyrotKey');
    assert.ok(others.every((t) => t.verdict === 'skipped' && /does not support keyrot\./.test(t.message)));
    assert.equal(s.results.run.iut?.name, 'only-key');
  });

  it('adapters/schemas/ops.json is in sync with the op definitions (npx rekey-harness ops --schemas)', () => {
    assert.equal(readFileSync(join(ROOT, 'adapters/schemas/ops.json'), 'utf8'), opsSchemaText());
  });
});
