// adapters/schemas/ops.json: every op's args and result schema, generated from the
// reference op definitions so the documented protocol and the checked one are one.
import { ALL_OPS } from './index.ts';
import { PROTOCOL_VERSION } from '../protocol/constants.ts';

export function opsSchemaDocument(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `rekey-harness adapter protocol v${PROTOCOL_VERSION}: args and result of every op`,
    protocolVersion: PROTOCOL_VERSION,
    ops: Object.fromEntries([...ALL_OPS].sort((a, b) => a.name.localeCompare(b.name)).map((o) => [o.name, { summary: o.summary, args: o.args, result: o.result }])),
  };
}

export function opsSchemaText(): string {
  return `${JSON.stringify(opsSchemaDocument(), null, 1)}\n`;
}
