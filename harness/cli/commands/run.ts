// `run`: the conformance suite against an IUT (default: the embedded reference).
import type { Command } from 'commander';
import { DEFAULT_VECTORS, runSession } from '../../runner/session.ts';
import { consoleSummary } from '../../../reports/console.ts';
import { ADAPTER_FORMS } from '../../../adapters/transport/index.ts';
import { collectOption, dateOption, intOption } from '../options.ts';
import { createProgress, type Progress } from '../progress.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('replay every vector the IUT supports and report a verdict per test and per requirement')
    .option('--adapter <spec>', `the IUT: ${ADAPTER_FORMS}`, 'reference')
    .option('--vectors <path>', 'vector file or folder (repeatable; default: all committed vectors)', collectOption)
    .option('--suite <name>', 'only this suite (repeatable)', collectOption)
    .option('--test <glob>', 'only tests whose id (suite#tcId) matches (repeatable)', collectOption)
    .option('--timeout <ms>', 'per-request timeout', intOption('--timeout', 1, 3_600_000), 10000)
    .option('--jobs <n>', 'tests in flight at once (pipelining depth)', intOption('--jobs', 1, 256), 32)
    .option('--seed <seed>', 'seed for generated sequences (printed in reports)', 'rekey-harness-v1')
    .option('--report <dir>', 'where to write results.jsonl, results.json, junit.xml, summary.md', 'rekey-report')
    .option('--expect <file>', 'expectations file (skips and known failures)')
    .option('--today <date>', 'date used for expectation expiry (YYYY-MM-DD, default: today UTC)', dateOption)
    .action(async (o) => {
      let progress: Progress | undefined;
      const { exit, results } = await runSession({
        adapter: o.adapter,
        vectors: o.vectors ?? [DEFAULT_VECTORS],
        suites: o.suite,
        tests: o.test,
        timeoutMs: o.timeout,
        jobs: o.jobs,
        seed: o.seed,
        reportDir: o.report,
        expect: o.expect,
        today: o.today ?? new Date().toISOString().slice(0, 10),
        onOutcome: (t, _done, total) => {
          progress ??= createProgress({ label: 'run', total });
          progress.tick({ failed: t.verdict === 'fail' || t.verdict === 'error' ? 1 : 0, detail: t.suite });
        },
      }).finally(() => progress?.done());
      console.log(consoleSummary(results, o.report));
      process.exitCode = exit;
    });
}
