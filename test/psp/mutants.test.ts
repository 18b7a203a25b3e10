// An IUT that frees a TX key early, or accepts the third-oldest SPI, diverges on the
// committed scenario vectors; the reference passes them all. Replayed in-process with the
// runner's replayUnit over a ReferenceEngine built from a modified op list.
import assert from 'node:assert/strict';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import type { JsonObject, OpDef } from '../../adapters/ops/types.ts';
import { pspMutants } from '../../adapters/mutants/psp.ts';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import type { CallOutcome, Client } from '../../harness/runner/client.ts';
import { replayUnit } from '../../harness/runner/replay.ts';
import { unitsOf } from '../../harness/runner/units.ts';
import type { ScenarioFile } from '../../harness/vectors/types.ts';
import { vectors } from './helpers.ts';

/** The engine behind the runner's Client interface; one engine per test unit. */
function inProcess(ops: readonly OpDef[]): Client {
  let engine = new ReferenceEngine(ops);
  return {
    spec: 'in-process',
    broken: false,
    async start() {
      engine = new ReferenceEngine(ops);
      return { version: 1, implementation: { name: 'in-process', version: '0' }, ops: engine.opNames };
    },
    async call(op: string, args: JsonObject): Promise<CallOutcome> {
      const r = engine.call(op, args);
      return r.ok ? { kind: 'ok', result: r.result } : { kind: 'error', code: r.error.code, message: r.error.message };
    },
    stderrTail: () => [],
    takeStrayViolations: () => [],
    async close() {},
  };
}

async function replayAll(ops: readonly OpDef[]) {
  const out: { id: string; verdict: string; message?: string }[] = [];
  for (const name of ['psp-rx-scenarios', 'psp-tx-scenarios']) {
    for (const u of unitsOf(vectors<ScenarioFile>(name), name)) {
      const c = inProcess(ops);
      await c.start();
      const r = await replayUnit(c, u, new Map());
      out.push({ id: u.id, verdict: r.verdict, message: r.message });
    }
  }
  return out;
}

const mutant = (name: string) => pspMutants.find((m) => m.name === name)!;

describe('psp mutants are caught by the scenario vectors', () => {
  it('the reference passes every PSP scenario', async () => {
    const r = await replayAll(ALL_OPS);
    assert.ok(r.length >= 17);
    assert.deepEqual(r.filter((x) => x.verdict !== 'pass'), []);
  });

  it('an IUT that frees the old TX key at the rekey despite deferred deletion diverges on a key_freed event', async () => {
    const fails = (await replayAll(mutant('psp-tx-free-early').ops(ALL_OPS))).filter((x) => x.verdict === 'fail');
    const ids = fails.map((f) => f.id);
    assert.ok(ids.includes('psp-tx-scenarios#1'), ids.join());
    const m = fails.find((f) => f.id === 'psp-tx-scenarios#1')!.message!;
    assert.match(m, /psp\.tx_rekey: at \/events/);
    assert.ok(fails.every((f) => f.id.startsWith('psp-tx-scenarios')));
  });

  it('an IUT that keeps a third assoc diverges where the third-oldest SPI must be refused', async () => {
    const fails = (await replayAll(mutant('psp-rx-three-assocs').ops(ALL_OPS))).filter((x) => x.verdict === 'fail');
    const ids = fails.map((f) => f.id);
    assert.ok(ids.includes('psp-rx-scenarios#1'), ids.join());
    assert.match(fails.find((f) => f.id === 'psp-rx-scenarios#1')!.message!, /psp\.recv: at \/status expected "dropped", got "accepted"/);
  });
});
