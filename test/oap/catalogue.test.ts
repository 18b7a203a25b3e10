// The OAP requirement catalogue and the committed OAP vectors cover each other: every
// OAP-* requirement is exercised by some vector, every vector names known requirements,
// and each Ouroboros OAP test mirrored here has a vector that cites it.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OAP_REQUIREMENTS } from '../../harness/requirements/oap.ts';
import { requirementById } from '../../harness/requirements/index.ts';

const DIR = fileURLToPath(new URL('../../vectors/oap/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const tests = files.flatMap((f) => f.testGroups.flatMap((g: { tests: { reqs: string[]; comment: string }[] }) => g.tests));

describe('oap catalogue', () => {
  it('every OAP requirement is exercised by a committed vector', () => {
    const used = new Set(tests.flatMap((t) => t.reqs));
    const missing = OAP_REQUIREMENTS.map((r) => r.id).filter((id) => !used.has(id));
    assert.deepEqual(missing, []);
  });

  it('every requirement a vector names exists, and every OAP requirement cites a source', () => {
    for (const id of new Set(tests.flatMap((t) => t.reqs))) assert.ok(requirementById.has(id), id);
    for (const r of OAP_REQUIREMENTS) assert.ok(r.sources.length > 0 && r.sources.every((s) => s.ref && s.quote), r.id);
  });

  it('each mirrored Ouroboros OAP test has a vector', () => {
    const upstream = [
      'corrupted_request', 'corrupted_response', 'truncated_request', 'test_oap_inflated_length_field', 'test_oap_deflated_length_field', 'test_oap_nid_without_kex',
      'test_oap_unsupported_nid', 'test_oap_cipher_mismatch', 'test_oap_srv_enc_cli_none', 'test_oap_cli_enc_srv_none', 'test_oap_cli_rejects_downgrade',
      'test_oap_srv_rejects_weak_kex', 'test_oap_outdated_packet', 'test_oap_future_packet', 'test_oap_replay_packet', 'test_oap_server_name_mismatch',
      'test_oap_roundtrip_auth_only', 'test_oap_roundtrip_kex_only', 'test_oap_piggyback_data', 'test_oap_kem_srv_uncfg',
    ];
    for (const name of upstream) assert.ok(tests.some((t) => t.comment.includes(name)), name);
  });
});
