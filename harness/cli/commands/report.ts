// `report`: turn one or more results.json files into a self-contained HTML page.
import type { Command } from 'commander';
import { htmlReport } from '../../../reports/html.ts';
import { readResultsFile } from '../../../reports/results-file.ts';
import { writeAtomic } from '../../util/fs.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write an HTML report from results.json files (several: an IUT x suite matrix)')
    .argument('<results...>', 'results.json files written by run (or fuzz)')
    .requiredOption('--html <file>', 'where to write the HTML page')
    .action((files: string[], o: { html: string }) => {
      const runs = files.map(readResultsFile);
      writeAtomic(o.html, htmlReport(runs));
      console.log(`${o.html}: ${runs.length} result set${runs.length === 1 ? '' : 's'}, ${runs.reduce((n, r) => n + r.tests.length, 0)} tests`);
    });
}
