// `rekey-harness fuzz` on bad input: a finding or corpus file that is not what the harness
// writes, or a folder flag naming a file, is one line naming it and exit 2, before anything
// is written.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.ts';

describe('fuzz: bad input', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rekey-fuzz-in-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const oneLine = (args: string[], names: RegExp) => {
    const r = cli(['fuzz', '--target', 'prod-parse', '--time', '1', '--out', join(dir, 'o'), ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, names);
    assert.ok(!existsSync(join(dir, 'o')), 'nothing written');
  };

  it('--replay of a missing file, of a file that is not JSON, of JSON that is not a finding', () => {
    oneLine(['--replay', join(dir, 'none.json')], /none\.json: no such file/);
    writeFileSync(join(dir, 'text.json'), 'finding?');
    oneLine(['--replay', join(dir, 'text.json')], /text\.json: not JSON/);
    writeFileSync(join(dir, 'other.json'), '{"schema":"fuzz_finding_v1.schema.json","signature":"x"}');
    oneLine(['--replay', join(dir, 'other.json')], /other\.json: not a finding \(fuzz_finding_v1\): \/: must have required property/);
  });

  it('a corpus entry or a known finding that is not what the harness writes', () => {
    mkdirSync(join(dir, 'c/prod-parse'), { recursive: true });
    writeFileSync(join(dir, 'c/prod-parse/entry.json'), '{"hex":"zz","reseal":true}');
    oneLine(['--corpus', join(dir, 'c')], /entry\.json: not a corpus entry \(\{hex, reseal\}\): \/hex: must match pattern/);
    rmSync(join(dir, 'c/prod-parse/entry.json'));
    mkdirSync(join(dir, 'c/findings/prod-parse/0123'), { recursive: true });
    writeFileSync(join(dir, 'c/findings/prod-parse/0123/finding.json'), '{"truncated":');
    oneLine(['--corpus', join(dir, 'c')], /finding\.json: not JSON/);
  });

  it('--corpus, --findings or --out naming a file', () => {
    writeFileSync(join(dir, 'file'), '');
    for (const flag of ['--corpus', '--findings']) oneLine([flag, join(dir, 'file')], new RegExp(`${flag} .*file: not a directory`));
    const r = cli(['fuzz', '--target', 'prod-parse', '--time', '1', '--corpus', join(dir, 'c'), '--out', join(dir, 'file')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out .*file: not a directory/);
  });
});
