// The reference shim: the model behind the adapter protocol, over stdio or a listening
// socket. One engine (handle table) per connection; requests answered in order.
import { createServer, type Server } from 'node:net';
import { unlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from '../transport/lines.ts';
import { MAX_LINE_BYTES } from '../protocol/constants.ts';
import { parseSocketAddress } from '../transport/index.ts';
import { ReferenceEngine } from './engine.ts';
import { UsageError } from '../../harness/util/errors.ts';

export type EngineFactory = () => ReferenceEngine;

function reply(line: string, engine: ReferenceEngine): string {
  let req: any;
  try {
    req = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: 0, ok: false, error: { code: 'BAD_REQUEST', message: 'line is not JSON' } });
  }
  const id = Number.isSafeInteger(req?.id) && req.id > 0 ? req.id : 0;
  if (!id || typeof req.op !== 'string' || !req.args || typeof req.args !== 'object' || Array.isArray(req.args)) {
    return JSON.stringify({ id, ok: false, error: { code: 'BAD_REQUEST', message: 'request needs id (integer >= 1), op (string), args (object)' } });
  }
  return JSON.stringify({ id, ...engine.call(req.op, req.args) });
}

/** Serve one connection until its input ends. Output is batched per input chunk (pipelining). */
export function serveStream(input: Readable, output: Writable, make: EngineFactory): void {
  const engine = make();
  let out: string[] = [];
  const splitter = new LineSplitter(
    MAX_LINE_BYTES,
    (line) => out.push(reply(line, engine)),
    () => out.push(JSON.stringify({ id: 0, ok: false, error: { code: 'BAD_REQUEST', message: 'line too long' } })),
  );
  input.on('data', (c: Buffer) => {
    splitter.push(c);
    if (out.length) {
      output.write(`${out.join('\n')}\n`);
      out = [];
    }
  });
}

/** Listen on tcp://host:port (port 0 = any) or unix:/path; resolves with the address actually bound. */
export function listen(spec: string, make: EngineFactory): Promise<{ server: Server; where: string }> {
  const addr = parseSocketAddress(spec);
  if (!addr) throw new UsageError(`--listen ${spec}: expected tcp://HOST:PORT or unix:/PATH`);
  const server = createServer((sock) => {
    sock.setNoDelay(true);
    sock.on('error', () => sock.destroy());
    serveStream(sock, sock, make);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new UsageError(`--listen ${spec}: ${(e as Error).message}`)));
    const done = () => {
      const a = server.address();
      const where = typeof a === 'string' ? `unix:${a}` : `tcp://${a!.family === 'IPv6' ? `[${a!.address}]` : a!.address}:${a!.port}`;
      resolve({ server, where });
    };
    if ('path' in addr) {
      try {
        unlinkSync(addr.path);
      } catch {
        /* no stale socket */
      }
      server.listen(addr.path, done);
    } else server.listen(addr.port, addr.host, done);
  });
}
