// rekey-harness command line. Exit codes (README "Exit codes"): 0 ok, 1 mismatches or
// unexpected results, 2 usage or malformed input, 3 the IUT could not be used.
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { UsageError } from '../util/errors.ts';
import { COMMANDS } from './commands/index.ts';

const program = new Command('rekey-harness')
  .description('Conformance and fuzz test harness for rekeying implementations')
  .version(pkg.version)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
for (const register of COMMANDS) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
  } else if (e instanceof UsageError) {
    process.stderr.write(`rekey-harness: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`rekey-harness: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  }
}
