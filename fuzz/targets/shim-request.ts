// The reference shim's request handling (adapters/reference/shim.ts serveStream, the
// engine and every registered op's argument parsing): each non-blank line gets exactly
// one response, a valid protocol envelope, and never INTERNAL (a handler that threw).
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { serveStream } from '../../adapters/reference/shim.ts';
import { schemaValidator } from '../../harness/util/schema.ts';
import { check } from '../lib/check.ts';

const validResponse = schemaValidator('response_v1.schema.json');

export function fuzz(data: Uint8Array): void {
  const input = new EventEmitter();
  let written = '';
  const output = { write: (s: string) => ((written += s), true) };
  serveStream(input as unknown as Readable, output as unknown as Writable, () => new ReferenceEngine());
  const text = Buffer.concat([data, Buffer.from('\n')]);
  input.emit('data', text);
  const requests = text.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
  const responses = written === '' ? [] : written.slice(0, -1).split('\n');
  check(responses.length === requests, `${requests} requests, ${responses.length} responses`);
  for (const r of responses) {
    const msg = JSON.parse(r) as { id: number; ok: boolean; error?: { code: string } };
    // A line with no usable id is answered with id 0, which the v1 schema (id >= 1) has no room for.
    check(validResponse(msg.id === 0 ? { ...msg, id: 1 } : msg), `response is not a protocol envelope: ${r.slice(0, 120)}`);
    check(msg.ok || msg.error?.code !== 'INTERNAL', `an op handler threw: ${r.slice(0, 200)}`);
  }
}
