// `selftest`: vectors and properties against the reference (0 failures) and every
// mutant of the zoo (each must be caught); prints the kill table.
import type { Command } from 'commander';
import { zooReadme } from '../../../adapters/mutants/table.ts';
import { formatSelftest, selftestPassed } from '../../selftest/kill-table.ts';
import { selftest } from '../../selftest/selftest.ts';
import { collectOption, intOption } from '../options.ts';
import { UsageError } from '../../util/errors.ts';

export function registerSelftest(program: Command): void {
  program
    .command('selftest')
    .description('check the harness against its seeded-bug zoo: the reference must pass, every mutant must be caught')
    .option('--time-box <seconds>', 'spread this budget over the property checks', intOption('--time-box', 1, 86_400))
    .option('--jobs <n>', 'mutants checked at once', intOption('--jobs', 1, 64), 4)
    .option('--adapter-mode <mode>', 'in-process (fast) or stdio (each target a real child process: shim --mutant NAME)', 'in-process')
    .option('--runs <n>', 'generated sequences per property and target', intOption('--runs', 1, 1_000_000), 300)
    .option('--steps <n>', 'longest generated sequence', intOption('--steps', 1, 10_000), 50)
    .option('--seed <n>', 'fast-check seed', intOption('--seed', 0, 2 ** 31 - 1), 7)
    .option('--mutant <name>', 'only this mutant (repeatable)', collectOption)
    .option('--timeout <ms>', 'per-request timeout', intOption('--timeout', 1, 3_600_000), 10000)
    .option('--zoo', 'print the zoo table (adapters/mutants/README.md) and exit')
    .action(async (o) => {
      if (o.zoo) {
        process.stdout.write(zooReadme());
        return;
      }
      if (o.adapterMode !== 'in-process' && o.adapterMode !== 'stdio') throw new UsageError('--adapter-mode takes in-process or stdio');
      const r = await selftest({
        mode: o.adapterMode, jobs: o.jobs, timeBoxS: o.timeBox, numRuns: o.runs, steps: o.steps, seed: o.seed, timeoutMs: o.timeout, mutants: o.mutant,
        onTarget: (t) => process.stderr.write(`  checked ${t.mutant?.name ?? 'reference'} (${(t.durationMs / 1000).toFixed(1)} s)\n`),
      });
      console.log(formatSelftest(r));
      process.exitCode = selftestPassed(r) ? 0 : 1;
    });
}
