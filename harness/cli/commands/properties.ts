// `properties`: model-based differential testing of one IUT; `diff`: the same
// sequences against two IUTs, the model as tie-breaker.
import type { Command } from 'commander';
import { ADAPTER_FORMS } from '../../../adapters/transport/index.ts';
import { PROPERTIES } from '../../properties/index.ts';
import { propertySession } from '../../properties/session.ts';
import { UsageError } from '../../util/errors.ts';
import { collectOption, intOption } from '../options.ts';

const common = (c: Command) =>
  c
    .option('--property <name>', `only this property or mechanism (repeatable; have: ${PROPERTIES.map((p) => p.name).join(', ')})`, collectOption)
    .option('--runs <n>', 'generated sequences per property', intOption('--runs', 1, 1_000_000), 200)
    .option('--steps <n>', 'longest sequence (commands after the opening steps)', intOption('--steps', 1, 10_000), 50)
    .option('--seed <n>', 'fast-check seed (printed with every result)', intOption('--seed', 0, 2 ** 31 - 1))
    .option('--path <path>', 'replay the counterexample at this path (with its --seed)')
    .option('--timeout <ms>', 'per-request timeout', intOption('--timeout', 1, 3_600_000), 10000)
    .option('--out <dir>', 'where minimal traces are saved as scenario vector files', 'rekey-report/minimal');

async function action(adapters: string[], o: any): Promise<void> {
  const { exit } = await propertySession({
    adapters, properties: o.property, seed: o.seed, path: o.path, numRuns: o.runs, steps: o.steps, timeoutMs: o.timeout, outDir: o.out,
    print: (s) => console.log(s),
  });
  process.exitCode = exit;
}

export function registerProperties(program: Command): void {
  common(
    program
      .command('properties')
      .description('run generated op sequences against the IUT and the model in lockstep; shrink a divergence to a minimal trace saved as a vector file')
      .option('--adapter <spec>', `the IUT: ${ADAPTER_FORMS}`, 'reference'),
  ).action((o) => action([o.adapter], o));
  common(
    program
      .command('diff')
      .description('run the same generated sequences against two IUTs and report their first divergence, the model as tie-breaker')
      .requiredOption('--adapter <spec>', `an IUT (give two): ${ADAPTER_FORMS}`, collectOption),
  ).action((o) => {
    if (o.adapter.length !== 2) throw new UsageError(`diff needs exactly two --adapter, got ${o.adapter.length}`);
    return action(o.adapter, o);
  });
}
