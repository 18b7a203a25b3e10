// The OAP adapter ops through the reference engine: bad arguments are BAD_REQUEST naming
// the field, any request/response bytes get a schema-valid verdict, never an error.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { RESULT_VALIDATORS } from '../../harness/runner/validators.ts';
import { creds, trusted, pki } from '../../harness/suites/oap-common.ts';
import { SERVER_NAME } from '../../harness/model/oap/index.ts';

describe('oap ops', () => {
  const e = new ReferenceEngine();
  const call = (op: string, args: object) => {
    const r = e.call(op, JSON.parse(JSON.stringify(args)));
    if (r.ok) assert.ok(RESULT_VALIDATORS.get(op)!(r.result), `${op} result fails its schema: ${JSON.stringify(RESULT_VALIDATORS.get(op)!.errors)}`);
    return r;
  };
  const ok = (op: string, args: object) => {
    const r = call(op, args);
    assert.ok(r.ok, JSON.stringify(r));
    return (r as { result: Record<string, unknown> }).result;
  };
  const srv = String(ok('oap.server.create', { name: SERVER_NAME, config: { kex: 'X25519' }, credentials: creds(pki('ecdsa-p256').server), trusted: trusted('ecdsa-p256') }).handle);
  const cli = String(ok('oap.client.create', { name: SERVER_NAME, config: { kex: 'X25519' }, trusted: trusted('ecdsa-p256') }).handle);
  const now = '1790000000000000000';

  it('bad arguments are BAD_REQUEST naming the field', () => {
    const bad = (op: string, args: object, field: RegExp) => {
      const r = call(op, args);
      assert.ok(!r.ok && r.error.code === 'BAD_REQUEST' && field.test(r.error.message), JSON.stringify(r));
    };
    bad('oap.client.request', { cli, id: '00'.repeat(16), now, kexSecret: '00'.repeat(31) }, /kexSecret/);
    bad('oap.client.request', { cli, id: '00'.repeat(16), now }, /kexSecret/);
    bad('oap.client.request', { cli, id: '00'.repeat(16), now: '18446744073709551616', kexSecret: '00'.repeat(32) }, /now/);
    bad('oap.server.create', { name: 'x', config: { kex: 'ffdhe2048' } }, /kex/);
    bad('oap.server.create', { name: 'x', config: null, trusted: ['3000'] }, /trusted/);
    bad('oap.server.create', { name: 'x', config: null, credentials: { alg: 'ecdsa-p256', secret: '00'.repeat(32), cert: '' } }, /credentials/);
    bad('oap.decode', { packet: '', reqMdNid: 895 }, /reqMdNid/);
    bad('oap.encode', { id: '00'.repeat(16), timestamp: '0', cipherNid: 0, kdfNid: 0, mdNid: 0, kexFmt: 0, kexRole: 0, crt: '', kex: '00'.repeat(0x4000), data: '', reqHash: '', sig: '' }, /kex/);
  });

  it('any request bytes get a schema-valid server verdict; any response bytes a client verdict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
        const hex = Buffer.from(b).toString('hex');
        ok('oap.server.process', { srv, request: hex, now, kexSecret: '11'.repeat(32) });
        ok('oap.client.request', { cli, id: '22'.repeat(16), now, kexSecret: '33'.repeat(32) });
        ok('oap.client.complete', { cli, response: hex, now });
        ok('oap.decode', { packet: hex });
      }),
      { numRuns: 150 },
    );
  });
});
