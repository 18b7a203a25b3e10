// `run` writes report.html (and shows progress on stderr); `report` turns results
// files into a page and refuses bad input with one line and exit 2.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultsFile } from '../../reports/results-file.ts';
import { UsageError } from '../../harness/util/errors.ts';
import { cli } from '../support/cli.ts';
import { byClass, byTag, parseHtml } from './dom.ts';
import { divergentRun, hostileRun } from './support.ts';

describe('report command', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'rk-report-cli-'));

  it('run writes report.html next to results.json and prints plain progress lines when piped', () => {
    const out = join(dir, 'run');
    const r = cli(['run', '--suite', 'epoch-scenarios', '--report', out], { env: { CI: 'true' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^run: 10\/10 tests \(100%\), 0 failed, \d+\/s, epoch-scenarios$/m);
    assert.match(r.stdout, /report\.html/);
    const doc = parseHtml(readFileSync(join(out, 'report.html'), 'utf8'));
    assert.equal(byTag(byClass(doc, 'tests')[0], 'tr').length - 1, 10);
  });

  it('report A B --html OUT: one page with the IUT x suite matrix', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify((await divergentRun()).results));
    writeFileSync(b, readFileSync(join((await hostileRun()).reportDir, 'results.json')));
    const html = join(dir, 'out', 'both.html');
    const r = cli(['report', a, b, '--html', html]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `${html}: 2 result sets, 132 tests`);
    assert.equal(byTag(byClass(parseHtml(readFileSync(html, 'utf8')), 'interop')[0], 'tr').length, 3);
  });

  it('bad input: one line naming the file, exit 2, nothing written', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schema": "results_v1.schema.json"}');
    const html = join(dir, 'never.html');
    const r = cli(['report', bad, '--html', html]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /bad\.json: not a results_v1 file: \/: must have required property/);
    assert.equal(existsSync(html), false);
  });

  describe('reading results files', () => {
    const cases: [string, string, RegExp][] = [
      ['notjson.json', '{"run": ', /notjson\.json: not JSON/],
      ['array.json', '[]', /array\.json: not a results_v1 file: \/: must be object/],
    ];
    for (const [name, text, re] of cases)
      it(name, () => {
        writeFileSync(join(dir, name), text);
        assert.throws(() => readResultsFile(join(dir, name)), (e: Error) => e instanceof UsageError && re.test(e.message));
      });
    it('a missing file', () => assert.throws(() => readResultsFile(join(dir, 'absent.json')), /absent\.json: no such file/));

    it('a fuzz section is accepted when well-formed and refused with its pointer otherwise', async () => {
      const base = (await divergentRun()).results;
      const good = join(dir, 'fuzz.json');
      writeFileSync(good, JSON.stringify({ ...base, fuzz: { execs: [{ t: 0, execs: 0 }], findings: [] } }));
      assert.deepEqual(readResultsFile(good).fuzz, { execs: [{ t: 0, execs: 0 }], findings: [] });
      const bad = join(dir, 'fuzz-bad.json');
      writeFileSync(bad, JSON.stringify({ ...base, fuzz: { execs: [], findings: [{ kind: 'crash' }] } }));
      assert.throws(() => readResultsFile(bad), /fuzz-bad\.json: not a results_v1 file: \/fuzz\/findings\/0: must have required property 'signature'/);
    });
  });
});
