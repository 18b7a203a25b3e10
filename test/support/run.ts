// Helpers to run sessions in-process with a temp report folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSession, DEFAULT_VECTORS, type RunOptions } from '../../harness/runner/session.ts';
import type { RunResults, TestOutcome } from '../../harness/runner/results.ts';

export const TSX_NODE = `${process.execPath} --import tsx`;
export const FAULT_SHIM = (mode: string) => `stdio:${TSX_NODE} test/fixtures/fault-shim.ts ${mode}`;

export async function session(o: Partial<RunOptions> & { adapter: string }) {
  const reportDir = mkdtempSync(join(tmpdir(), 'rk-run-'));
  const r = await runSession({ vectors: [DEFAULT_VECTORS], timeoutMs: 5000, jobs: 32, seed: 't', reportDir, today: '2026-11-21', ...o });
  return { ...r, reportDir, byId: new Map(r.results.tests.map((t) => [t.id, t])) };
}

/** results.jsonl as written while running: one run header, outcomes, incidents. */
export function readJsonl(dir: string): { outcomes: TestOutcome[]; incidents: string[] } {
  const lines = readFileSync(join(dir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { outcomes: lines.filter((l) => l.verdict), incidents: lines.filter((l) => l.incident).map((l) => l.incident) };
}

export function readResults(dir: string): RunResults {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
}
