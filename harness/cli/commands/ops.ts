// `ops`: list the protocol's ops, or write adapters/schemas/ops.json.
import type { Command } from 'commander';
import { join } from 'node:path';
import { ALL_OPS } from '../../../adapters/ops/index.ts';
import { opsSchemaText } from '../../../adapters/ops/schemas.ts';
import { writeAtomic } from '../../util/fs.ts';
import { ROOT } from '../../util/schema.ts';

export const OPS_SCHEMA_PATH = join(ROOT, 'adapters/schemas/ops.json');

export function registerOps(program: Command): void {
  program
    .command('ops')
    .description('list every adapter op with its summary')
    .option('--schemas', `write ${'adapters/schemas/ops.json'} (args and result schema of every op)`)
    .action((o: { schemas?: boolean }) => {
      if (o.schemas) {
        writeAtomic(OPS_SCHEMA_PATH, opsSchemaText());
        console.log(`wrote ${OPS_SCHEMA_PATH}`);
        return;
      }
      for (const op of [...ALL_OPS].sort((a, b) => a.name.localeCompare(b.name))) console.log(`${op.name.padEnd(24)} ${op.summary}`);
    });
}
