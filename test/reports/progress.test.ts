// Progress output: a cli-progress bar on a terminal, plain lines on stderr otherwise,
// spaced in time and at tenths of the total, with a closing line.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createProgress, defaultMode } from '../../harness/cli/progress.ts';

function capture(isTTY: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  s.isTTY = isTTY;
  s.columns = 120;
  let out = '';
  s.on('data', (c: Buffer) => (out += c.toString()));
  return { stream: s, out: () => out };
}

describe('progress', () => {
  it('mode: a bar on a terminal, lines in CI or when piped', () => {
    assert.equal(defaultMode({ isTTY: true }, {}), 'bar');
    assert.equal(defaultMode({ isTTY: true }, { CI: 'true' }), 'lines');
    assert.equal(defaultMode({ isTTY: false }, {}), 'lines');
    assert.equal(defaultMode({}, {}), 'lines');
  });

  it('lines: none for a quick run but the closing one', () => {
    const c = capture(false);
    let t = 0;
    const p = createProgress({ label: 'run', total: 100, stream: c.stream, mode: 'lines', now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 5;
      p.tick({ failed: i % 50 === 0 ? 1 : 0, detail: 'keyrot-kat' });
    }
    p.done();
    p.done();
    assert.equal(c.out(), 'run: 100/100 tests (100%), 2 failed, 200/s, keyrot-kat\n');
  });

  it('lines: at a new tenth at most every 2 s, a heartbeat after 10 s without one, never faster', () => {
    const c = capture(false);
    let t = 0;
    const p = createProgress({ label: 'selftest', total: 1000, unit: 'mutants', stream: c.stream, mode: 'lines', now: () => t });
    for (let i = 0; i < 1000; i++) {
      t += i < 500 ? 100 : 1; // 50 s for the first half, then 0.5 s for the rest
      p.tick();
    }
    p.done();
    const lines = c.out().trim().split('\n');
    // First half: one test per 100 ms, a tenth (100 tests) every 10 s: a line at each tenth.
    assert.deepEqual(lines.slice(0, 5).map((l) => l.split(' ')[1]), ['100/1000', '200/1000', '300/1000', '400/1000', '500/1000']);
    // Second half is quicker than the 2 s gap: only the closing line.
    assert.equal(lines.length, 6);
    assert.match(lines[5], /^selftest: 1000\/1000 mutants \(100%\), 0 failed, 20\/s$/);
  });

  it('lines: unknown total (fuzz) counts with a heartbeat', () => {
    const c = capture(false);
    let t = 0;
    const p = createProgress({ label: 'fuzz', unit: 'execs', stream: c.stream, mode: 'lines', now: () => t });
    for (let i = 0; i < 30; i++) {
      t += 1000;
      p.tick({ n: 500, detail: 'keyrot.open' });
    }
    p.done();
    assert.deepEqual(c.out().trim().split('\n'), [
      'fuzz: 5000 execs, 0 failed, 500/s, keyrot.open',
      'fuzz: 10000 execs, 0 failed, 500/s, keyrot.open',
      'fuzz: 15000 execs, 0 failed, 500/s, keyrot.open',
      'fuzz: 15000 execs, 0 failed, 500/s, keyrot.open', // the closing line
    ]);
  });

  it('bar: cli-progress draws tests done/total, failures, rate and the suite', () => {
    const c = capture(true);
    const p = createProgress({ label: 'run', total: 10, stream: c.stream, mode: 'bar' });
    for (let i = 0; i < 10; i++) p.tick({ failed: i === 3 ? 1 : 0, detail: 'epoch-scenarios' });
    p.done();
    assert.match(c.out(), /run \|=+\| 10\/10 tests \| 1 failed \| \d+\/s \| epoch-scenarios/);
  });

  it('off: silent', () => {
    const c = capture(true);
    const p = createProgress({ label: 'run', total: 3, stream: c.stream, mode: 'off' });
    p.tick();
    p.done();
    assert.equal(c.out(), '');
  });
});
