// `vectors generate | verify | list`.
import type { Command } from 'commander';
import { DEFAULT_SEED, generate, pickSuites } from '../../vectors/generate.ts';
import { verifyFiles } from '../../vectors/verify.ts';
import { vectorPaths } from '../../vectors/load.ts';
import { SUITES } from '../../suites/index.ts';
import { suiteFile } from '../../suites/types.ts';
import { VECTORS_DIR } from '../../util/schema.ts';
import { collectOption } from '../options.ts';

export function registerVectors(program: Command): void {
  const v = program.command('vectors').description('generate, verify and list known-answer and scenario vectors');
  v.command('generate')
    .description('write vector files from the reference model (deterministic: same seed, same bytes)')
    .option('--suite <name>', 'only this suite (repeatable)', collectOption)
    .option('--out <dir>', 'output folder', VECTORS_DIR)
    .option('--seed <seed>', 'generator seed', DEFAULT_SEED)
    .action((o: { suite?: string[]; out: string; seed: string }) => {
      for (const { path, tests } of generate(pickSuites(o.suite), o.out, o.seed)) console.log(`${path}: ${tests} tests`);
    });
  v.command('verify')
    .description('schema-validate vector files, then recompute every test with the model and compare')
    .argument('[files...]', 'vector files or folders', [VECTORS_DIR])
    .action(async (files: string[]) => {
      const reports = await verifyFiles(files.flatMap(vectorPaths));
      let bad = 0;
      for (const r of reports) {
        console.log(`${r.file}: ${r.tests} tests, ${r.mismatches.length ? `${r.mismatches.length} MISMATCHES` : 'ok'}`);
        for (const m of r.mismatches.slice(0, 20)) console.log(`  ${m}`);
        bad += r.mismatches.length;
      }
      const total = reports.reduce((n, r) => n + r.tests, 0);
      console.log(`${total - bad} passed, ${bad} failed`);
      if (bad) process.exitCode = 1;
    });
  v.command('list')
    .description('list the suites and their files')
    .action(() => {
      for (const s of SUITES) console.log(`${s.name.padEnd(28)} ${s.kind.padEnd(9)} vectors/${suiteFile(s).padEnd(36)} ${s.description}`);
    });
}
