// `fuzz`: structure-aware out-of-process fuzzing of an IUT's parsers (docs/fuzzing.md).
import { Option, type Command } from 'commander';
import { ADAPTER_FORMS } from '../../../adapters/transport/index.ts';
import { AdapterStartError } from '../../runner/client.ts';
import { OOP_TARGETS } from '../../fuzz/targets/index.ts';
import { parseShard, replayFinding, runFuzz } from '../../fuzz/run.ts';
import { collectOption, intOption } from '../options.ts';

export function registerFuzz(program: Command): void {
  program
    .command('fuzz')
    .description('fuzz an IUT: model-made messages, structure-aware mutants re-sealed with the model keys, compared with the model')
    .option('--adapter <spec>', `the IUT: ${ADAPTER_FORMS}`, 'reference')
    .option('--target <name>', `${OOP_TARGETS.map((t) => t.name).join(' | ')} | all (repeatable)`, collectOption)
    .option('--time <seconds>', 'time budget for the whole run', intOption('--time', 1, 7 * 86400), 60)
    .option('--seed <seed>', 'random seed (same seed, same inputs)', 'rekey-fuzz-v1')
    .option('--corpus <dir>', 'corpus folder, read at start and grown (resumable); findings go to DIR/findings', 'fuzz-corpus')
    .option('--findings <dir>', 'findings folder (default: CORPUS/findings)')
    .option('--out <dir>', 'where fuzz-summary.json, fuzz-summary.md and fuzz-report.html go', 'fuzz-report')
    .addOption(new Option('--shard <k/n>', 'this is shard K of N (CI matrix)').argParser(parseShard).default({ k: 1, n: 1 }, '1/1'))
    .option('--execs <n>', 'stop each target after this many execs (exactly reproducible runs)', intOption('--execs', 1, Number.MAX_SAFE_INTEGER))
    .option('--batch <n>', 'requests in flight at once', intOption('--batch', 1, 256), 256)
    .option('--timeout <ms>', 'per-request timeout: longer is a hang', intOption('--timeout', 1, 3_600_000), 5000)
    .option('--replay <finding.json>', 'replay one saved finding and print both verdicts')
    .action(async (o) => {
      try {
        if (o.replay) {
          const r = await replayFinding(o.adapter, o.replay, o.timeout);
          console.log(r.text);
          process.exitCode = r.exit;
          return;
        }
        // A first SIGINT / SIGTERM (Ctrl-C, a CI job's cancel) ends the run cleanly, summary written; a second one at once.
        const stop = new AbortController();
        const onSignal = (sig: NodeJS.Signals) => {
          if (stop.signal.aborted) process.exit(130);
          console.error(`${sig}: finishing the batch in flight, then writing the summary (again to stop at once)`);
          stop.abort();
        };
        process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
        const { summary, exit } = await runFuzz({
          adapter: o.adapter, targets: o.target ?? ['all'], timeS: o.time, seed: o.seed, corpus: o.corpus, findings: o.findings, out: o.out,
          shard: o.shard, maxExecs: o.execs, batch: o.batch, timeoutMs: o.timeout, signal: stop.signal, log: (l) => console.error(l),
        });
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
        if (summary.error) console.error(`rekey-harness: ${summary.error}`);
        console.log(`${summary.execs} execs in ${summary.durationS.toFixed(1)} s (${Math.round(summary.execsPerSec)}/s), corpus ${summary.corpusSize}, ${summary.findings.length} findings (${summary.newFindings} new); summary in ${o.out}/`);
        process.exitCode = exit;
      } catch (e) {
        // --replay: the IUT did not start.
        if (e instanceof AdapterStartError) {
          console.error(`rekey-harness: ${e.message}`);
          process.exitCode = 3;
          return;
        }
        throw e;
      }
    });
}
