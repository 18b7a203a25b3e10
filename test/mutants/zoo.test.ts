// The seeded-bug zoo: its table is current, every mutant is one named bug tied to a
// catalogued requirement, the CLI serves one over stdio, and a time-boxed selftest
// catches all of them while the reference passes everything.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MUTANTS } from '../../adapters/mutants/index.ts';
import { zooReadme } from '../../adapters/mutants/table.ts';
import { openClient } from '../../adapters/transport/index.ts';
import { requirementById } from '../../harness/requirements/index.ts';
import { changedOps } from '../../harness/selftest/targets.ts';
import { selftest } from '../../harness/selftest/selftest.ts';
import { caughtBy, formatSelftest, killRate, selftestPassed } from '../../harness/selftest/kill-table.ts';

describe('mutant zoo', () => {
  it('adapters/mutants/README.md is the generated table (rekey-harness selftest --zoo)', () => {
    assert.equal(readFileSync('adapters/mutants/README.md', 'utf8'), zooReadme());
  });

  it('at least 30 mutants, at least 4 per mechanism, unique names, each breaking catalogued requirements of its mechanism', () => {
    assert.ok(MUTANTS.length >= 30, `${MUTANTS.length} mutants`);
    assert.equal(new Set(MUTANTS.map((m) => m.name)).size, MUTANTS.length);
    for (const mech of ['keyrot', 'epoch', 'psp', 'oap', 'prod']) {
      assert.ok(MUTANTS.filter((m) => m.mechanism === mech).length >= 4, `mechanism ${mech} has fewer than 4 mutants`);
    }
    for (const m of MUTANTS) {
      assert.ok(m.name.startsWith(`${m.mechanism}-`), m.name);
      assert.ok(m.reqs.length > 0, m.name);
      for (const id of m.reqs) assert.ok(requirementById.has(id), `${m.name}: unknown requirement ${id}`);
    }
  });

  it('every mutant changes at least one op and nothing else', () => {
    for (const m of MUTANTS) {
      const ch = changedOps(m);
      assert.ok(ch.size > 0, `${m.name} changes no op`);
      for (const op of ch) assert.ok(op.startsWith(`${m.mechanism}.`) || m.mechanism === 'keyrot', `${m.name} changes ${op}`);
    }
  });

  it('shim --mutant NAME serves the mutant over stdio', async function () {
    this.timeout(20000);
    const c = openClient(`stdio:${process.execPath} bin/rekey-harness.js shim --mutant epoch-no-wrap`, { timeoutMs: 5000 });
    try {
      const h = await c.start();
      assert.match(h.implementation.name, /mutant:epoch-no-wrap$/);
    } finally {
      await c.close();
    }
  });
});

describe('selftest (time-boxed, in-process)', () => {
  it('catches every mutant and passes the reference', async function () {
    this.timeout(150000); // about 20 s on an idle machine; the box bounds the property checks only
    const r = await selftest({ mode: 'in-process', jobs: 4, timeBoxS: 15, numRuns: 300, steps: 50, seed: 7, timeoutMs: 5000 });
    const k = killRate(r);
    assert.equal(k.total, MUTANTS.length);
    for (const m of r.mutants) assert.notEqual(caughtBy(m), 'NOT CAUGHT', `${m.mutant!.name} survived`);
    assert.ok(selftestPassed(r), formatSelftest(r));
    assert.match(formatSelftest(r), new RegExp(`kill rate: ${MUTANTS.length}/${MUTANTS.length} \\(100\\.0%\\); reference clean`));
  });
});
