// Runs whose reports the report tests look at: one with a planted divergence (a
// vector edited to be wrong) and one against the hostile IUT. Each runs once per
// mocha process and is shared by the tests that need it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSession } from '../../harness/runner/session.ts';
import { ROOT } from '../../harness/util/schema.ts';

export const HOSTILE_IUT = fileURLToPath(new URL('../fixtures/hostile-iut.mjs', import.meta.url));
export { default as PAYLOADS } from '../fixtures/hostile-payloads.json' with { type: 'json' };

/** The step whose expected packet is edited in epoch-scenarios#1 (0-based). */
export const EDITED_STEP = 4;

async function run(adapter: string, vectors: string[], tests?: string[]) {
  const reportDir = mkdtempSync(join(tmpdir(), 'rk-report-'));
  const { results } = await runSession({ adapter, vectors, tests, timeoutMs: 5000, jobs: 8, seed: 'report-test', reportDir, today: '2026-11-21' });
  return { results, reportDir, html: readFileSync(join(reportDir, 'report.html'), 'utf8') };
}

let divergent: ReturnType<typeof run> | undefined;
/** epoch-scenarios with one expected packet changed in its last hex digit, plus keyrot-kat. */
export function divergentRun() {
  divergent ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-vec-'));
    const f = JSON.parse(readFileSync(join(ROOT, 'vectors/epoch/epoch-scenarios.json'), 'utf8'));
    const step = f.testGroups[0].tests[0].steps[EDITED_STEP];
    step.expect.packet = step.expect.packet.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
    writeFileSync(join(dir, 'epoch-scenarios.json'), JSON.stringify(f));
    return run('reference', [join(dir, 'epoch-scenarios.json'), join(ROOT, 'vectors/keyrot/keyrot-kat.json')]);
  })();
  return divergent;
}

let hostile: ReturnType<typeof run> | undefined;
/** One test per hostile behaviour: error message, divergent reason, crash with stderr. */
export function hostileRun() {
  hostile ??= run(`stdio:${process.execPath} ${HOSTILE_IUT}`, [join(ROOT, 'vectors/keyrot/keyrot-kat.json')], ['keyrot-kat#1', 'keyrot-kat#6', 'keyrot-kat#24']);
  return hostile;
}
