// The reference shim over every transport passes every committed vector.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN, ROOT } from '../support/cli.ts';
import { session } from '../support/run.ts';

function startListener(spec: string): Promise<{ child: ChildProcess; where: string }> {
  const child = spawn(process.execPath, [BIN, 'shim', '--listen', spec], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`shim exited ${c}`)));
    createInterface({ input: child.stdout! }).once('line', (l) => {
      const m = /^listening (\S+)$/.exec(l);
      if (m) resolve({ child, where: m[1] });
      else reject(new Error(`unexpected: ${l}`));
    });
  });
}

describe('transports against the reference shim', function () {
  this.timeout(180000);
  const expectClean = (r: Awaited<ReturnType<typeof session>>) => {
    const t = r.results.totals;
    assert.equal(r.exit, 0, JSON.stringify(r.results.tests.find((x) => x.verdict !== 'pass')));
    assert.equal(t.fail + t.error + t.skipped, 0);
    assert.ok(t.pass > 100);
    assert.equal(r.results.run.iut?.name, 'rekey-harness-reference');
  };

  it('embedded reference', async () => expectClean(await session({ adapter: 'reference' })));
  it('stdio child process', async () => expectClean(await session({ adapter: `stdio:${process.execPath} ${BIN} shim` })));
  for (const spec of ['tcp://127.0.0.1:0', `unix:${join(tmpdir(), `rk-${process.pid}.sock`)}`]) {
    it(`socket ${spec.split(':')[0]}`, async () => {
      const { child, where } = await startListener(spec);
      try {
        assert.match(where, spec.startsWith('tcp') ? /^tcp:\/\/127\.0\.0\.1:\d+$/ : /^unix:\//);
        expectClean(await session({ adapter: where }));
      } finally {
        child.kill();
      }
    });
  }
});
