// One `run` from start to reports: load vectors, start the IUT, replay, stream
// results.jsonl, write results.json / junit.xml / summary.md atomically.
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { openClient } from '../../adapters/transport/index.ts';
import type { Json } from '../../adapters/ops/types.ts';
import { displayPath, loadVectorFile, vectorPaths } from '../vectors/load.ts';
import { ROOT } from '../util/schema.ts';
import { LineLog, writeAtomic } from '../util/fs.ts';
import { UsageError } from '../util/errors.ts';
import { AdapterStartError, type HelloInfo } from './client.ts';
import { NO_EXPECTATIONS, loadExpectations } from './expectations.ts';
import { collect } from './collect.ts';
import { replayAll } from './run.ts';
import type { RunInfo, RunResults, TestOutcome } from './results.ts';
import { unitsOf, type TestUnit } from './units.ts';
import picomatch from 'picomatch';
import { resultsJson } from '../../reports/json.ts';
import { junitXml } from '../../reports/junit.ts';
import { summaryMarkdown } from '../../reports/markdown.ts';
import { htmlReport } from '../../reports/html.ts';

export interface RunOptions {
  adapter: string;
  vectors: string[];
  suites?: string[];
  tests?: string[];
  timeoutMs: number;
  jobs: number;
  seed: string;
  reportDir: string;
  expect?: string;
  today: string;
  maxRestarts?: number;
  onOutcome?(o: TestOutcome, done: number, total: number): void;
  onIncident?(line: string): void;
}

export const EXIT = { OK: 0, UNEXPECTED: 1, USAGE: 2, IUT_UNUSABLE: 3 } as const;

const shq = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function loadUnits(paths: string[], suites?: string[], tests?: string[]): TestUnit[] {
  let units: TestUnit[] = [];
  for (const p of paths.flatMap(vectorPaths)) units.push(...unitsOf(loadVectorFile(p), displayPath(p)));
  if (suites?.length) {
    const known = new Set(units.map((u) => u.suite));
    for (const s of suites) if (!known.has(s)) throw new UsageError(`--suite ${s}: no such suite in the vectors (have: ${[...known].sort().join(', ')})`);
    units = units.filter((u) => suites.includes(u.suite));
  }
  if (tests?.length) {
    const m = picomatch(tests);
    units = units.filter((u) => m(u.id));
    if (!units.length) throw new UsageError(`--test ${tests.join(' ')}: matches no test`);
  }
  return units;
}

export async function runSession(o: RunOptions): Promise<{ exit: number; results: RunResults }> {
  const units = loadUnits(o.vectors, o.suites, o.tests);
  const expectations = o.expect ? loadExpectations(o.expect, o.today) : NO_EXPECTATIONS;
  const client = openClient(o.adapter, { timeoutMs: o.timeoutMs });
  const started = Date.now();
  const run: RunInfo = {
    tool: { name: pkg.name, version: pkg.version },
    adapter: o.adapter,
    iut: null,
    seed: o.seed,
    startedAt: new Date(started).toISOString(),
    options: { timeoutMs: o.timeoutMs, jobs: o.jobs, suites: (o.suites ?? []) as Json, tests: (o.tests ?? []) as Json, vectors: o.vectors, expect: o.expect ?? null },
    incidents: [],
  };
  const log = new LineLog(join(o.reportDir, 'results.jsonl'));
  log.write({ run });
  const outcomes: TestOutcome[] = [];
  const incident = (line: string) => {
    run.incidents.push(line);
    log.write({ incident: line });
    o.onIncident?.(line);
  };
  let exit: number = EXIT.OK;
  let hello: HelloInfo | undefined;
  try {
    hello = await client.start();
    run.iut = { name: hello.implementation.name, version: hello.implementation.version, protocol: hello.version, ops: hello.ops };
  } catch (e) {
    if (!(e instanceof AdapterStartError)) throw e;
    incident(e.message);
    exit = EXIT.IUT_UNUSABLE;
  }
  const reproducer = (u: TestUnit) =>
    `npx rekey-harness run --adapter ${shq(o.adapter)} --vectors ${shq(u.file)} --test ${shq(u.id)}${o.timeoutMs !== 10000 ? ` --timeout ${o.timeoutMs}` : ''}`;
  if (hello) {
    await replayAll(client, hello, units, { jobs: o.jobs, maxRestarts: o.maxRestarts ?? 5, expectations, reproducer }, {
      onOutcome: (t) => {
        outcomes.push(t);
        log.write(t);
        o.onOutcome?.(t, outcomes.length, units.length);
      },
      onIncident: incident,
    });
  }
  await client.close();
  run.finishedAt = new Date().toISOString();
  run.durationMs = Date.now() - started;
  log.close();
  const results = collect(run, outcomes, expectations.expired, new Set(units.map((u) => u.mechanism)));
  writeReports(results, o.reportDir);
  if (exit === EXIT.OK && results.totals.unexpected > 0) exit = EXIT.UNEXPECTED;
  return { exit, results };
}

export function writeReports(r: RunResults, dir: string): void {
  writeAtomic(join(dir, 'results.json'), resultsJson(r));
  writeAtomic(join(dir, 'junit.xml'), junitXml(r));
  writeAtomic(join(dir, 'summary.md'), summaryMarkdown(r));
  writeAtomic(join(dir, 'report.html'), htmlReport([r]));
}

export const DEFAULT_VECTORS = join(ROOT, 'vectors');
