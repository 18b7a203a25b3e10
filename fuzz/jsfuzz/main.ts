// `npm run fuzz -- TARGET|all --time SECONDS [--execs N]`: coverage-guided in-process
// fuzzing with jsfuzz. `--replay FILE...` runs saved inputs through the target in-process.
// Exit 0: nothing found; 1: a crash (saved, with its regression command) or a blind run;
// 2: usage.
import { Command } from 'commander';
import { basename } from 'node:path';
import { IN_PROCESS_TARGETS } from '../targets/index.ts';
import { loadTarget, replay } from '../lib/inputs.ts';
import { fuzzSession } from './session.ts';
import { intOption } from '../../harness/cli/options.ts';

const program = new Command('fuzz')
  .argument('[target]', `one of ${Object.keys(IN_PROCESS_TARGETS).join(', ')}, or all`)
  .option('--time <seconds>', 'time budget per target', intOption('--time', 1, 7 * 86400), 60)
  .option('--execs <n>', 'stop a target after about this many execs', intOption('--execs', 1, Number.MAX_SAFE_INTEGER))
  .option('--replay <files...>', 'run these inputs through the target in-process and report')
  .option('--list', 'list the targets')
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
  .action(async (target: string | undefined, o: { time: number; execs?: number; replay?: string[]; list?: boolean }) => {
    if (o.list || !target) {
      for (const [n, what] of Object.entries(IN_PROCESS_TARGETS)) console.log(`${n.padEnd(16)} ${what}`);
      return;
    }
    const names = target === 'all' ? Object.keys(IN_PROCESS_TARGETS) : [target];
    const unknown = names.filter((n) => !(n in IN_PROCESS_TARGETS));
    if (unknown.length) {
      console.error(`fuzz: unknown target ${unknown.join(', ')} (npm run fuzz -- --list)`);
      process.exitCode = 2;
      return;
    }
    if (o.replay) {
      const bad = await replay(await loadTarget(names[0]), o.replay);
      for (const b of bad) console.log(`${basename(b.file)}: ${b.error.stack ?? b.error}`);
      console.log(`${o.replay.length - bad.length} passed, ${bad.length} failed`);
      process.exitCode = bad.length ? 1 : 0;
      return;
    }
    let ok = true;
    for (const name of names) {
      const r = await fuzzSession({ name, seconds: o.time, maxExecs: o.execs, log: (l) => console.log(l) });
      ok = ok && !r.crash && !r.blind;
    }
    process.exitCode = ok ? 0 : 1;
  });

await program.parseAsync(process.argv);
