// Adapter specs as users write them: reference | stdio:CMD ARGS | tcp://host:port | unix:/path.
import { ReferenceEngine } from '../reference/engine.ts';
import { mutantByName, mutantEngine } from '../mutants/index.ts';
import type { Client } from '../../harness/runner/client.ts';
import { UsageError } from '../../harness/util/errors.ts';
import { InProcessClient } from './in-process.ts';
import { SocketClient, type SocketAddress } from './socket.ts';
import { StdioClient } from './stdio.ts';
import type { ClientOptions } from './stream-client.ts';

export const ADAPTER_FORMS = "reference | reference:MUTANT | 'stdio:CMD ARGS...' | tcp://HOST:PORT | unix:/PATH";

export function parseSocketAddress(spec: string): SocketAddress | undefined {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})$/.exec(spec);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port > 65535) throw new UsageError(`${spec}: port out of range`);
    return { host: tcp[1].replace(/^\[|\]$/g, ''), port };
  }
  const unix = /^unix:(.+)$/.exec(spec);
  if (unix) return { path: unix[1] };
  return undefined;
}

export function openClient(spec: string, opts: ClientOptions): Client {
  if (spec === 'reference') return new InProcessClient(spec, () => new ReferenceEngine());
  // reference:NAME is a mutant of the reference, in-process (adapters/mutants).
  if (spec.startsWith('reference:')) {
    const name = mutantByName(spec.slice('reference:'.length)).name;
    return new InProcessClient(spec, () => mutantEngine(name));
  }
  if (spec.startsWith('stdio:')) {
    const cmd = spec.slice('stdio:'.length).trim();
    if (!cmd) throw new UsageError(`--adapter ${spec}: no command after stdio:`);
    return new StdioClient(spec, cmd, opts);
  }
  const addr = parseSocketAddress(spec);
  if (addr) return new SocketClient(spec, addr, opts);
  throw new UsageError(`--adapter ${spec}: expected ${ADAPTER_FORMS}`);
}
