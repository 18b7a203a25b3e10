// Files the harness writes: final reports atomically (write then rename), streams
// line by line with a synchronous write so a killed run keeps every finished line.
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export class LineLog {
  private fd: number;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  write(obj: unknown): void {
    writeSync(this.fd, `${JSON.stringify(obj)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
