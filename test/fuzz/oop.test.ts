// `rekey-harness fuzz` end to end: a shim with a planted parser bug is caught within a
// short budget, the finding saved with a reproducer that replays it; the reference
// shim gives nothing. Runs the real CLI against stdio shims.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../harness/util/schema.ts';
import type { FuzzSummary } from '../../harness/fuzz/summary.ts';
import { replayFinding, runFuzz } from '../../harness/fuzz/run.ts';
import { OOP_TARGETS } from '../../harness/fuzz/targets/index.ts';
import { FindingStore, type Finding } from '../../harness/fuzz/store.ts';
import { firstError, schemaValidator } from '../../harness/util/schema.ts';
import { reqHashLen } from '../../harness/model/oap/hdr.ts';

const run = promisify(execFile);
const CLI = join(ROOT, 'bin/rekey-harness.js');
const PLANTED = `stdio:node --import tsx ${join(ROOT, 'test/fuzz/fixtures/planted-shim.ts')}`;

async function fuzz(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // A generous request timeout: a shim starting under a loaded CPU is not a hang.
    const r = await run(process.execPath, [CLI, 'fuzz', '--timeout', '20000', ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('fuzz: out-of-process', function () {
  this.timeout(90_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rekey-fuzz-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the planted bugs (keyrot reserved nonce bits, an OAP response read past its end, forgotten OAP replays, a crash), saves them minimized with working reproducers', async () => {
    const targets = ['keyrot-open', 'oap-decode', 'oap-server', 'prod-parse'].flatMap((t) => ['--target', t]);
    const r = await fuzz(['--adapter', PLANTED, ...targets, '--time', '40', '--execs', '384', '--corpus', join(dir, 'c'), '--out', join(dir, 'o')]);
    assert.equal(r.code, 1, r.stderr);
    const s = JSON.parse(readFileSync(join(dir, 'o/fuzz-summary.json'), 'utf8')) as FuzzSummary;
    // Only responses are decoded wrongly: the finding is a response whose data runs past the buffer.
    const oap = s.findings.find((x) => x.signature === 'oap-decode|divergence|reject:LENGTHS_EXCEED_PACKET|accept');
    assert.ok(oap, JSON.stringify(s.findings));
    const [call] = (JSON.parse(readFileSync(oap.path, 'utf8')) as Finding).calls;
    const pkt = Buffer.from(String(call.args.packet), 'hex');
    assert.notEqual(call.args.reqMdNid, 0, 'decoded as a response');
    const upToData = 36 + pkt.readUInt16BE(30) + (pkt.readUInt16BE(32) & 0x3fff);
    assert.ok(upToData <= pkt.length && upToData + pkt.readUInt16BE(34) > pkt.length - reqHashLen(Number(call.args.reqMdNid)), `data runs past the buffer: ${pkt.toString('hex')}`);
    // The replay needs the exec's two calls; the finding replays alone on a new connection.
    const replay = s.findings.find((x) => x.signature === 'oap-server|divergence|reject:freshness:REPLAY|accept');
    assert.ok(replay, JSON.stringify(s.findings));
    const rf = JSON.parse(readFileSync(replay.path, 'utf8')) as Finding;
    assert.deepEqual([rf.calls.length, rf.judged], [2, 1]);
    assert.match((await replayFinding(PLANTED, replay.path, 20_000)).text, /reproduced oap-server\|divergence\|reject:freshness:REPLAY\|accept/);
    const crash = s.findings.find((x) => x.kind === 'crash' && x.target === 'prod-parse');
    assert.ok(crash, JSON.stringify(s.findings));
    const culprit = JSON.parse(readFileSync(crash.path, 'utf8'));
    const bytes = Buffer.from(culprit.genome.hex, 'hex');
    assert.ok(bytes.length < 40 && bytes.readUInt32BE(8) === 0x03030303, `crash input is the culprit: ${culprit.genome.hex}`);
    const f = s.findings.find((x) => x.signature === 'keyrot-open|divergence|reject:BAD_NONCE|accept');
    assert.ok(f, JSON.stringify(s.findings));
    assert.equal(s.newFindings, s.findings.length);
    // The summary and every finding match their schemas; the HTML page beside them lists every finding with its reproducer.
    const validSummary = schemaValidator('fuzz_summary_v1.schema.json');
    assert.ok(validSummary(s), firstError(validSummary.errors));
    for (const x of s.findings) FindingStore.read(x.path);
    const page = readFileSync(join(dir, 'o/fuzz-report.html'), 'utf8');
    for (const x of s.findings) assert.ok(page.includes(x.signature) && page.includes(x.path), x.signature);
    const saved = JSON.parse(readFileSync(f.path, 'utf8'));
    assert.equal(saved.minimized, true);
    assert.deepEqual(saved.model, { valid: false, reason: 'BAD_NONCE' });
    assert.equal(saved.iut.result.valid, true);
    // The one-line reproducer works (run in-process here, to keep the test fast): still diverging, exit 1.
    assert.match(saved.reproducer, /^npx rekey-harness fuzz --adapter '.*planted-shim\.ts' --target keyrot-open --replay /);
    const again = await replayFinding(PLANTED, f.path, 20_000);
    assert.equal(again.exit, 1);
    assert.match(again.text, /reproduced keyrot-open\|divergence\|reject:BAD_NONCE\|accept/);
    // A second run over the same corpus/findings: nothing new, exit 0.
    const rerun = await runFuzz({
      adapter: PLANTED, targets: ['keyrot-open'], timeS: 30, maxExecs: 512, seed: 'again', shard: { k: 1, n: 1 }, corpus: join(dir, 'c'), out: join(dir, 'o2'), batch: 256, timeoutMs: 20_000,
    });
    assert.equal(rerun.exit, 0);
    assert.ok(rerun.summary.findings.every((x) => !x.new));
    assert.ok(rerun.summary.findings.some((x) => x.signature === f.signature), 'a known finding that still reproduces is listed');
    // Against the reference the bug is gone: the known finding is listed as fixed.
    const fixed = await runFuzz({
      adapter: 'reference', targets: ['keyrot-open'], timeS: 30, maxExecs: 1, seed: 'again', shard: { k: 1, n: 1 }, corpus: join(dir, 'c'), out: join(dir, 'o3'), batch: 256, timeoutMs: 20_000,
    });
    assert.equal(fixed.exit, 0);
    assert.deepEqual(fixed.summary.fixed.find((x) => x.signature === f.signature)?.now, 'agree');
    assert.match(readFileSync(join(dir, 'o3/fuzz-summary.md'), 'utf8'), /## Fixed/);
  });

  it('finds a planted hang (psp.decrypt on hdr_ext_len 0), names the input that hangs, and goes on', async () => {
    // A short request timeout: every hang costs one, plus a restart, and minimizing tries a few more.
    const r = await fuzz(['--adapter', PLANTED, '--target', 'psp-decrypt', '--timeout', '1000', '--batch', '64', '--execs', '64', '--time', '60', '--corpus', join(dir, 'c'), '--out', join(dir, 'o')]);
    assert.equal(r.code, 1, r.stderr);
    const s = JSON.parse(readFileSync(join(dir, 'o/fuzz-summary.json'), 'utf8')) as FuzzSummary;
    const hang = s.findings.find((x) => x.kind === 'hang');
    assert.ok(hang, JSON.stringify(s.findings));
    assert.match(hang.signature, /^psp-decrypt\|hang\|reject:[A-Z_]+\|timeout$/);
    const f = JSON.parse(readFileSync(hang.path, 'utf8')) as Finding;
    assert.equal(Buffer.from(String(f.calls[0].args.packet), 'hex')[1], 0, 'the saved input is one that hangs');
    assert.equal(s.execs, 64, 'the run went on past the hang');
  });

  it('an IUT that crashes and never starts again: the crash is kept, the summary written, exit 3', async () => {
    // The culprit cannot be replayed, so it must be the first request left unanswered: this
    // also checks the transport reads every answer the shim wrote before it exited.
    const shim = `stdio:node --import tsx ${join(ROOT, 'test/fixtures/fault-shim.ts')} crash-then-gone ${join(dir, 'gone')}`;
    const r = await fuzz(['--adapter', shim, '--target', 'keyrot-open', '--target', 'epoch-recv', '--execs', '256', '--time', '40', '--corpus', join(dir, 'c'), '--out', join(dir, 'o')]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^rekey-harness: hello failed/m);
    const s = JSON.parse(readFileSync(join(dir, 'o/fuzz-summary.json'), 'utf8')) as FuzzSummary;
    assert.match(s.error ?? '', /hello failed/);
    assert.deepEqual(s.findings.map((x) => [x.kind, x.new]), [['crash', true]]);
    const f = FindingStore.read(s.findings[0].path);
    assert.ok(Buffer.from(String(f.calls[0].args.packet), 'hex').length < 28, 'the saved input is one that crashes');
    assert.deepEqual(s.targets.map((t) => [t.name, t.status]), [['keyrot-open', 'fuzzed'], ['epoch-recv', 'skipped']]);
  });

  it('SIGTERM ends a run cleanly: the batch in flight judged, the targets left skipped, the summary written', async () => {
    const child = spawn(process.execPath, [CLI, 'fuzz', '--target', 'prod-parse', '--target', 'keyrot-open', '--time', '600', '--corpus', join(dir, 'c'), '--out', join(dir, 'o')], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let code: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve((code = c))));
    try {
      // Wait for the run to be under way: its corpus grows as it goes.
      const d = join(dir, 'c', 'prod-parse');
      while (code === undefined && !(existsSync(d) && readdirSync(d).length > 0)) await new Promise((r) => setImmediate(r));
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    } finally {
      if (code === undefined) child.kill('SIGKILL');
    }
    const s = JSON.parse(readFileSync(join(dir, 'o/fuzz-summary.json'), 'utf8')) as FuzzSummary;
    assert.equal(s.interrupted, true);
    assert.ok(s.execs > 0);
    assert.deepEqual(s.targets.map((t) => [t.name, t.status]), [['prod-parse', 'fuzzed'], ['keyrot-open', 'skipped']]);
    assert.match(readFileSync(join(dir, 'o/fuzz-summary.md'), 'utf8'), /\(interrupted\)/);
  });

  it('the reference gives zero findings on every target', async () => {
    // In-process: the stdio path is exercised above; here the point is model == reference engine.
    // The OAP exchange targets run a handshake half per exec (~200/s), so they get fewer execs.
    const costly = ['oap-server', 'oap-client'];
    const budgets: [string[], number][] = [[OOP_TARGETS.map((t) => t.name).filter((n) => !costly.includes(n)), 3000], [costly, 400]];
    for (const [i, [targets, execs]] of budgets.entries()) {
      const { summary: s, exit } = await runFuzz({
        adapter: 'reference', targets, timeS: 60, maxExecs: execs, seed: 'zero', shard: { k: 1, n: 1 }, corpus: join(dir, 'c'), out: join(dir, `o${i}`), batch: 256, timeoutMs: 5000,
      });
      assert.equal(exit, 0);
      assert.deepEqual(s.findings, []);
      assert.ok(schemaValidator('fuzz_summary_v1.schema.json')(s));
      assert.deepEqual(s.targets.map((t) => [t.name, t.status, t.execs]), targets.map((n) => [n, 'fuzzed', execs]));
      assert.ok(s.execsOverTime.length >= 2);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, `o${i}/fuzz-summary.json`), 'utf8')).execs, s.execs);
    }
  });

  it('is deterministic for a seed and shard, and shards differ', async () => {
    const corpusOf = async (sub: string, k: number) => {
      const { exit } = await runFuzz({
        adapter: 'reference', targets: ['oap-decode'], timeS: 30, maxExecs: 1024, seed: 's1', shard: { k, n: 2 }, corpus: join(dir, sub), out: join(dir, `${sub}-o`), batch: 256, timeoutMs: 5000,
      });
      assert.equal(exit, 0);
      return readdirSync(join(dir, sub, 'oap-decode')).sort();
    };
    const a = await corpusOf('a', 1);
    assert.deepEqual(await corpusOf('b', 1), a);
    assert.notDeepEqual(await corpusOf('c', 2), a);
  });
});
