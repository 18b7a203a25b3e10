// Misbehaving IUTs: each run finishes (mocha's timeout bounds it) with the right
// verdicts, pins the fault on the test that causes it, and keeps an intact results file.
import assert from 'node:assert/strict';
import { openClient } from '../../adapters/transport/index.ts';
import { FAULT_SHIM, readJsonl, readResults, session } from '../support/run.ts';

const EMPTY_OPEN = 'keyrot-kat#119'; // keyrot.open of an empty packet (last test of the file)
const SUBSET = ['keyrot-kat#1??', 'keyrot-kat#9?'];

describe('fault handling', function () {
  this.timeout(60000);

  const intact = (dir: string, n: number) => {
    const j = readJsonl(dir);
    assert.equal(j.outcomes.length, n, 'every outcome streamed to results.jsonl');
    assert.equal(readResults(dir).tests.length, n, 'results.json complete');
  };

  it('the empty-packet test is the one the fault shims key on', async () => {
    const r = await session({ adapter: 'reference', tests: [EMPTY_OPEN] });
    assert.equal(r.results.tests[0].comment, 'empty packet');
  });

  it('hang: timeouts become errors, the IUT is restarted, then given up on; exit 1', async () => {
    const r = await session({ adapter: FAULT_SHIM('hang'), tests: SUBSET, timeoutMs: 300, maxRestarts: 2 });
    assert.equal(r.exit, 1);
    assert.ok(r.results.tests.every((t) => t.verdict === 'error'));
    assert.ok(r.results.tests.some((t) => t.fault === 'timeout'));
    assert.ok(r.results.run.incidents.some((i) => /gave up/.test(i)));
    intact(r.reportDir, r.results.tests.length);
  });

  it('crash on one input: only that test errs (with the IUT\'s stderr), the rest pass after a restart', async () => {
    const r = await session({ adapter: FAULT_SHIM('crash-on-empty'), tests: SUBSET });
    const bad = r.byId.get(EMPTY_OPEN)!;
    assert.equal(bad.verdict, 'error');
    assert.equal(bad.fault, 'crash');
    assert.match(bad.message, /exited \(code 3\)/);
    assert.ok(bad.stderr?.some((l) => /segfault while opening an empty packet/.test(l)));
    assert.ok(r.results.tests.filter((t) => t.id !== EMPTY_OPEN).every((t) => t.verdict === 'pass'));
    assert.equal(r.exit, 1);
    intact(r.reportDir, r.results.tests.length);
  });

  it('a crash mid-pipeline: answers written before it are kept, only the requests from the crash on fail', async () => {
    const client = openClient(FAULT_SHIM('crash-on-empty'), { timeoutMs: 20_000 });
    await client.start();
    try {
      const open = (packet: string) => client.call('keyrot.open', { seed: '00'.repeat(32), dir: 0, epoch: 0, packet });
      // Many in flight, so the harness is still writing when the shim exits.
      const outs = await Promise.all([...Array.from({ length: 200 }, () => open('00'.repeat(28))), open(''), ...Array.from({ length: 200 }, () => open('00'.repeat(28)))]);
      assert.deepEqual(outs.map((o) => o.kind), [...Array(200).fill('ok'), ...Array(201).fill('fault')]);
      assert.match((outs[200] as { message: string }).message, /exited \(code 3\)/);
    } finally {
      await client.close();
    }
  });

  it('garbage on stdout: a protocol error on that test only', async () => {
    const r = await session({ adapter: FAULT_SHIM('garbage'), tests: SUBSET });
    const bad = r.byId.get(EMPTY_OPEN)!;
    assert.equal(bad.verdict, 'error');
    assert.equal(bad.fault, 'protocol');
    assert.match(bad.message, /not JSON: "Segmentation fault/);
    assert.ok(r.results.tests.filter((t) => t.id !== EMPTY_OPEN).every((t) => t.verdict === 'pass'));
  });

  it('a 100 MB line: a protocol error, memory stays bounded', async () => {
    const rss0 = process.memoryUsage().rss;
    const r = await session({ adapter: FAULT_SHIM('huge-line'), tests: SUBSET });
    const bad = r.byId.get(EMPTY_OPEN)!;
    assert.equal(bad.fault, 'protocol');
    assert.match(bad.message, /line over 16777216 bytes/);
    assert.ok(process.memoryUsage().rss - rss0 < 80 * 2 ** 20, 'the line was not buffered whole');
    assert.ok(r.results.tests.filter((t) => t.id !== EMPTY_OPEN).every((t) => t.verdict === 'pass'));
  });

  it('wrong ids: every request times out, stray responses are listed as incidents', async () => {
    const r = await session({ adapter: FAULT_SHIM('wrong-ids'), tests: ['keyrot-kat#1?'], timeoutMs: 300, maxRestarts: 1 });
    assert.ok(r.results.tests.every((t) => t.verdict === 'error'));
    assert.ok(r.results.run.incidents.some((i) => /response to no request in flight \(id 10\d\d\)/.test(i)));
    intact(r.reportDir, r.results.tests.length);
  });

  it('slow answers within the timeout: all pass', async () => {
    const r = await session({ adapter: FAULT_SHIM('slow'), tests: SUBSET });
    assert.equal(r.exit, 0);
    assert.equal(r.results.totals.pass, r.results.tests.length);
  });

  it('stderr flood: all pass, only a bounded tail is kept', async () => {
    const r = await session({ adapter: FAULT_SHIM('stderr-flood'), tests: ['keyrot-kat#1?'] });
    assert.equal(r.exit, 0);
    assert.equal(r.results.totals.pass, r.results.tests.length);
  });

  it('exits at hello: exit 3, one incident line, reports still written', async () => {
    const r = await session({ adapter: FAULT_SHIM('exit-at-hello'), tests: SUBSET });
    assert.equal(r.exit, 3);
    assert.match(r.results.run.incidents[0], /hello failed: crash: IUT exited \(code 1\)/);
    assert.equal(readResults(r.reportDir).run.iut, null);
  });

  it('a result that breaks the op schema is a protocol error, not a pass or fail', async () => {
    const r = await session({ adapter: FAULT_SHIM('bad-result'), suites: ['keyrot-kat'], tests: ['keyrot-kat#*'] });
    const keyTests = r.results.tests.filter((t) => t.group === 'KeyrotKey');
    assert.ok(keyTests.length > 10);
    for (const t of keyTests) {
      assert.equal(t.verdict, 'error');
      assert.match(t.message, /does not match its schema/);
    }
    assert.ok(r.results.tests.filter((t) => t.group !== 'KeyrotKey').every((t) => t.verdict === 'pass'));
  });

  it('an adapter that cannot start: exit 3 with the reason', async () => {
    const r = await session({ adapter: 'tcp://127.0.0.1:1', tests: SUBSET });
    assert.equal(r.exit, 3);
    assert.match(r.results.run.incidents[0], /cannot start tcp:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});
