// `shim`: the reference implementation behind the adapter protocol.
import type { Command } from 'commander';
import { ReferenceEngine } from '../../../adapters/reference/engine.ts';
import { listen, serveStream } from '../../../adapters/reference/shim.ts';
import { mutantByName, mutantEngine } from '../../../adapters/mutants/index.ts';

export function registerShim(program: Command): void {
  program
    .command('shim')
    .description('serve the reference model over the adapter protocol (stdio, or --listen)')
    .option('--listen <spec>', 'listen on tcp://HOST:PORT (port 0: any free port) or unix:/PATH and print where')
    .option('--mutant <name>', 'serve a seeded-bug mutant of the reference instead (adapters/mutants/README.md)')
    .action(async (o: { listen?: string; mutant?: string }) => {
      const mutant = o.mutant && mutantByName(o.mutant).name;
      const make = () => (mutant ? mutantEngine(mutant) : new ReferenceEngine());
      if (!o.listen) {
        serveStream(process.stdin, process.stdout, make);
        return;
      }
      const { where } = await listen(o.listen, make);
      console.log(`listening ${where}`);
    });
}
