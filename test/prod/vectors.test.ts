// The committed PROD vectors: they replay on the reference, cover every PROD
// requirement under each profile, and tell the two profiles apart.
import assert from 'node:assert/strict';
import { PROD_REQUIREMENTS } from '../../harness/requirements/prod.ts';
import { fixedProfileOps } from './mutants.ts';
import { PROD_FILES, failures, prodFile, replaySuite } from './support.ts';

const reqsOf = (suite: string) => new Set(prodFile(suite).testGroups.flatMap((g) => g.tests.flatMap((t) => t.reqs)));

describe('prod vectors', () => {
  for (const suite of PROD_FILES) {
    it(`${suite} replays on the reference with no divergence (runner replayUnit)`, async () => {
      const out = await replaySuite(suite);
      assert.ok(out.length > 20);
      assert.deepEqual(failures(out).map((f) => `${f.unit.id}: ${f.message}`), []);
    });
  }

  for (const profile of ['secnet-notes', 'secnet-0.6.9']) {
    it(`every PROD requirement that holds under ${profile} is tested by prod-kat or prod-${profile}, and no other profile's`, () => {
      const have = new Set([...reqsOf('prod-kat'), ...reqsOf(`prod-${profile}`)]);
      for (const r of PROD_REQUIREMENTS) {
        const applies = !r.profiles || r.profiles.includes(profile);
        assert.equal(have.has(r.id), applies, `${r.id} ${applies ? 'untested' : 'tested but belongs to another profile'} under ${profile}`);
      }
    });
  }

  it('every profile difference quotes both sources (NOTES seed and site.c)', () => {
    for (const r of PROD_REQUIREMENTS.filter((x) => x.profiles)) {
      const refs = r.sources.map((s) => s.ref).join(' ');
      assert.match(refs, /seeds\/004/, r.id);
      assert.match(refs, /site\.c/, r.id);
    }
  });

  it('an IUT that follows one profile passes that profile\'s file and fails exactly the other\'s difference tests', async () => {
    const diff = new Set(PROD_REQUIREMENTS.filter((r) => r.profiles).map((r) => r.id));
    for (const [iut, other] of [['secnet-0.6.9', 'secnet-notes'], ['secnet-notes', 'secnet-0.6.9']]) {
      const ops = fixedProfileOps(iut);
      assert.deepEqual(failures(await replaySuite(`prod-${iut}`, ops)), [], `${iut} IUT on its own file`);
      const failed = failures(await replaySuite(`prod-${other}`, ops));
      assert.ok(failed.length >= 2, `${iut} IUT should fail some of prod-${other}`);
      for (const f of failed) assert.ok(f.unit.reqs.some((r) => diff.has(r)), `${f.unit.id} failed but tests no profile difference: ${f.message}`);
    }
  });
});
