// Seeded bugs the committed PROD vectors must catch, with a divergence that says
// where: the test, the step, the JSON pointer and both values.
import assert from 'node:assert/strict';
import { amplifyingOps, honourKeyedOps } from './mutants.ts';
import { failures, replaySuite } from './support.ts';

const SUITES = ['prod-secnet-notes', 'prod-secnet-0.6.9'];

describe('prod mutants diverge from the committed vectors', () => {
  for (const suite of SUITES) {
    it(`${suite}: a PROD for every NAK (amplification) fails the anti-amplification tests`, async () => {
      const failed = failures(await replaySuite(suite, amplifyingOps));
      const amp = failed.filter((f) => f.unit.reqs.includes('PROD-005'));
      assert.ok(amp.length >= 2, `only ${amp.length} PROD-005 tests failed`);
      assert.match(amp[0].message!, /^step \d+ prod\.incoming: at \/(packets\/length|reason) expected .*, got /);
    });

    it(`${suite}: honouring a PROD while keyed fails the PROD-012 tests`, async () => {
      const failed = failures(await replaySuite(suite, honourKeyedOps));
      const keyed = failed.filter((f) => f.unit.reqs.includes('PROD-012'));
      // secnet-0.6.9 checks the state first, so only the keyed site in RUN tells; secnet-notes also in WAIT.
      assert.equal(keyed.length, suite === 'prod-secnet-notes' ? 2 : 1, failed.map((f) => f.unit.id).join(' '));
      for (const f of keyed) assert.match(f.message!, /^step \d+ prod\.incoming: at \/(outcome|packets\/length|reason) expected "?(dropped|0|PROD_HAVE_KEY)"?, got /);
    });
  }
});
