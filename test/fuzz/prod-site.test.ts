// The prod-site in-process target's invariants can fail: with each PROD mutant's bug
// planted in the fixture sites (the zoo's own site prototype and profile), some seed input
// breaks one; the reference breaks none.
import assert from 'node:assert/strict';
import { ALL_OPS } from '../../adapters/ops/index.ts';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { MUTANTS } from '../../adapters/mutants/index.ts';
import type { Mutant } from '../../adapters/mutants/types.ts';
import type { Site } from '../../harness/model/prod/index.ts';
import { InvariantError } from '../../fuzz/lib/check.ts';
import { PROD_FUZZ_FIXTURES, prodFuzzSite, prodStoryPackets } from '../../fuzz/lib/prod-fixture.ts';
import { checkIncoming } from '../../fuzz/targets/prod-site.ts';

/** Every fixture x seed packet x (peer, twice) with `plant` applied to each fresh site; the broken invariants. */
function broken(plant: (s: Site, profile: string) => void): string[] {
  const out = new Set<string>();
  for (let k = 0; k < PROD_FUZZ_FIXTURES; k++) {
    for (const p of prodStoryPackets()) {
      for (const flags of [0, 2]) {
        const f = prodFuzzSite(k);
        plant(f.site, f.profile.name);
        try {
          checkIncoming(f, flags, p);
        } catch (e) {
          if (!(e instanceof InvariantError)) throw e;
          out.add(e.message);
        }
      }
    }
  }
  return [...out];
}

/** The mutant's bug on an existing site: the prototype and profile its own prod.createSite gives. */
function planter(m: Mutant): (s: Site, profile: string) => void {
  const engine = new ReferenceEngine(m.ops(ALL_OPS));
  return (s, profile) => {
    const r = engine.call('prod.createSite', { profile, config: { localName: 'x', remoteName: 'y', index: 1 } });
    if (!r.ok) throw new Error(r.error.message);
    const made = engine.handles.get<Site>('prod-site', String(r.result.handle));
    Object.setPrototypeOf(s, Object.getPrototypeOf(made));
    Object.assign(s, { profile: made.profile });
  };
}

describe('fuzz: prod-site target invariants', () => {
  it('the reference breaks none on the seeds', () => {
    assert.deepEqual(broken(() => {}), []);
  });

  for (const m of MUTANTS.filter((x) => x.mechanism === 'prod')) {
    it(`${m.name} (${m.reqs.join(', ')}) breaks one`, () => {
      assert.notDeepEqual(broken(planter(m)), [], m.bug);
    });
  }
});
