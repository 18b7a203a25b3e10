// Vector files: deterministic generation equal to the committed bytes, schema checks,
// verification against the model, and clear failures on bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUITES } from '../../harness/suites/index.ts';
import { suiteFile } from '../../harness/suites/types.ts';
import { renderSuite } from '../../harness/vectors/generate.ts';
import { parseVectorFile } from '../../harness/vectors/load.ts';
import { verifyFiles } from '../../harness/vectors/verify.ts';
import { cli, ROOT } from '../support/cli.ts';

const committed = (s: (typeof SUITES)[number]) => join(ROOT, 'vectors', suiteFile(s));

describe('vectors', () => {
  for (const s of SUITES) {
    it(`${s.name}: regenerating gives exactly the committed file`, () => {
      assert.ok(existsSync(committed(s)), `${suiteFile(s)} is not committed: run npx rekey-harness vectors generate --suite ${s.name}`);
      const text = renderSuite(s);
      assert.equal(text, readFileSync(committed(s), 'utf8'));
      assert.equal(renderSuite(s), text, 'two generations differ');
      parseVectorFile(text, s.name); // valid against its schema
    });
  }

  it('every committed vector file belongs to a suite', () => {
    const files = readdirSync(join(ROOT, 'vectors'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.parentPath.includes('schemas'))
      .map((e) => join(e.parentPath, e.name));
    const known = new Set(SUITES.map(committed));
    for (const f of files) assert.ok(known.has(f), `${f} is not produced by any suite`);
  });

  it('verify passes on the committed vectors (the model recomputes every test)', async () => {
    const reports = await verifyFiles(SUITES.map(committed));
    for (const r of reports) assert.deepEqual(r.mismatches, [], r.file);
  });

  it('verify catches a corrupted expected value and names the test and pointer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-vec-'));
    const f = JSON.parse(readFileSync(join(ROOT, 'vectors/keyrot/keyrot-kat.json'), 'utf8'));
    const t = f.testGroups.find((g: { op: string }) => g.op === 'keyrot.key').tests[2];
    t.expected.key = t.expected.key.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const p = join(dir, 'bad.json');
    writeFileSync(p, JSON.stringify(f));
    const [r] = await verifyFiles([p]);
    assert.equal(r.mismatches.length, 1);
    assert.match(r.mismatches[0], new RegExp(`keyrot-kat#${t.tcId}: .*at /key expected`));
    const c = cli(['vectors', 'verify', p]);
    assert.equal(c.code, 1);
    assert.match(c.stdout, /1 MISMATCHES/);
  });

  describe('bad input: one line naming the file and pointer or flag, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-bad-'));
    const cases: [string, string, RegExp][] = [
      ['notjson.json', '{"suite": ', /notjson\.json: not JSON/],
      ['noschema.json', '{"suite": "x"}', /noschema\.json: \/schema: must be one of/],
      ['badfield.json', JSON.stringify({ ...JSON.parse(readFileSync(join(ROOT, 'vectors/keyrot/keyrot-kat.json'), 'utf8')), numberOfTests: 'many' }), /badfield\.json: \/numberOfTests: must be integer/],
    ];
    for (const [name, text, re] of cases) {
      it(`vectors verify ${name}`, () => {
        writeFileSync(join(dir, name), text);
        const r = cli(['vectors', 'verify', join(dir, name)]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, re);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.equal(r.stdout, '');
      });
    }
    it('a wrong count of tests is caught with its pointer', () => {
      const f = JSON.parse(readFileSync(join(ROOT, 'vectors/epoch/epoch-scenarios.json'), 'utf8'));
      f.numberOfTests += 1;
      writeFileSync(join(dir, 'count.json'), JSON.stringify(f));
      const r = cli(['vectors', 'verify', join(dir, 'count.json')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /count\.json: \/numberOfTests: says \d+, file has \d+ tests/);
    });
    it('unknown suite: exit 2 and no file written', () => {
      const out = mkdtempSync(join(tmpdir(), 'rk-out-'));
      const r = cli(['vectors', 'generate', '--suite', 'keyrot-kat', '--suite', 'nope', '--out', out]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--suite nope: unknown suite/);
      assert.deepEqual(readdirSync(out), []);
    });
    it('unknown flag and bad flag value: exit 2 with the flag named', () => {
      const a = cli(['vectors', 'generate', '--bogus']);
      assert.equal(a.code, 2);
      assert.match(a.stderr, /unknown option '--bogus'/);
      const b = cli(['run', '--timeout', 'soon']);
      assert.equal(b.code, 2);
      assert.match(b.stderr, /--timeout takes a whole number/);
    });
  });

  it('generate writes the same bytes as committed, into --out', () => {
    const out = mkdtempSync(join(tmpdir(), 'rk-gen-'));
    const r = cli(['vectors', 'generate', '--suite', 'epoch-scenarios', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(out, 'epoch/epoch-scenarios.json'), 'utf8'), readFileSync(join(ROOT, 'vectors/epoch/epoch-scenarios.json'), 'utf8'));
  });
});
