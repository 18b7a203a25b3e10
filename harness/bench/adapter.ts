// Adapter throughput: harness client + reference shim over stdio, sequential and
// pipelined, next to a raw NDJSON echo child measured the same way in the same run.
import { fileURLToPath } from 'node:url';
import { StdioClient } from '../../adapters/transport/stdio.ts';
import type { Bench, BenchRow } from './types.ts';

const BIN = fileURLToPath(new URL('../../bin/rekey-harness.js', import.meta.url));
const ECHO = fileURLToPath(new URL('./echo-child.mjs', import.meta.url));

/** Messages per second through a client, `depth` requests in flight. */
async function rate(command: string, depth: number, ms = 1500): Promise<number> {
  const c = new StdioClient(`stdio:${command}`, command, { timeoutMs: 30000 });
  await c.start();
  const one = () => c.call('free', { handle: 'none' });
  for (let i = 0; i < 2000; i++) await one(); // warm-up
  let n = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (performance.now() - t0 < ms) {
      await one();
      n++;
    }
  };
  await Promise.all(Array.from({ length: depth }, lane));
  const r = n / ((performance.now() - t0) / 1000);
  await c.close();
  return r;
}

export const bench: Bench = {
  name: 'adapter',
  async run() {
    const shim = `${process.execPath} ${BIN} shim`;
    const echo = `${process.execPath} ${ECHO}`;
    const rows: BenchRow[] = [];
    for (const [label, depth, target] of [['sequential', 1, '>= 80% of echo'], ['pipelined x64', 64, '>= 50% of echo']] as const) {
      const e = await rate(echo, depth);
      const s = await rate(shim, depth);
      rows.push({ name: `stdio reference shim, ${label}`, unit: 'msgs', rate: s, baseline: { name: `raw NDJSON echo child, ${label}`, rate: e }, target });
    }
    return rows;
  },
};
