// The C shim at the wire: framing, pipelining, limits and error codes (PROTOCOL.md),
// and the published PSP key-derivation examples (an answer nobody here computed).
import assert from 'node:assert/strict';
import { schemaValidator } from '../../harness/util/schema.ts';
import { batch, ensureBuilt, req } from './shim.ts';

const SEED = '00'.repeat(32);
const HELLO = req(1, 'hello', { versions: [1] });

describe('C shim: protocol', function () {
  this.timeout(30000);
  before(function () {
    ensureBuilt(this);
  });
  const validResponse = schemaValidator('response_v1.schema.json');

  it('answers a pipelined batch of 300 requests in order, one line each, all schema-valid', () => {
    const lines = [HELLO];
    for (let i = 2; i <= 300; i++) lines.push(req(i, 'keyrot.key', { seed: SEED, dir: i % 2, ctr: i * 12345, epoch: i % 256 }));
    const out = batch(lines.join(''));
    assert.deepEqual(out.map((r) => r.id), Array.from({ length: 300 }, (_, i) => i + 1));
    assert.ok(out.every((r) => r.ok && validResponse(r)));
    assert.deepEqual(out[0].result.implementation, { name: 'rekey-shim-c', version: '1.0' });
  });

  it('ignores blank lines and tolerates CRLF', () => {
    const out = batch(`\n${HELLO.replace('\n', '\r\n')}\r\n\n${req(2, 'reset', {})}`);
    assert.deepEqual(out.map((r) => [r.id, r.ok]), [[1, true], [2, true]]);
  });

  it('answers bad requests with the protocol error codes and keeps serving', () => {
    const cases: [string, string][] = [
      [req(2, 'keyrot.nodes', {}), 'BAD_REQUEST'],
      [req(3, 'keyrot.nodes', { seed: 'AB'.repeat(32) }), 'BAD_REQUEST'],
      [req(4, 'keyrot.nodes', { seed: '00' }), 'BAD_REQUEST'],
      [req(5, 'keyrot.leaves', { seed: SEED, node: 128, dir: 0 }), 'BAD_REQUEST'],
      [req(6, 'keyrot.key', { seed: SEED, dir: 0, ctr: 1.5, epoch: 0 }), 'BAD_REQUEST'],
      [req(7, 'epoch.create', { role: 'observer', seed: SEED }), 'BAD_REQUEST'],
      [req(8, 'epoch.create', { role: 'initiator', seed: SEED, profile: { nodes: 3 } }), 'BAD_REQUEST'],
      [req(9, 'epoch.create', { role: 'initiator', seed: SEED, profile: { aead: 'chacha20-poly1305' } }), 'UNSUPPORTED'],
      [req(10, 'keyrot.nodes', { seed: SEED, profile: { hash: 'sha384' } }), 'UNSUPPORTED'],
      [req(11, 'epoch.state', { ep: 'epoch-99' }), 'UNKNOWN_HANDLE'],
      [req(12, 'psp.encap', {}), 'UNKNOWN_OP'],
      [req(13, 'psp.derive', { key0: SEED, key1: SEED, spi: '00000001', version: 4 }), 'BAD_REQUEST'],
      [req(14, 'hello', { versions: [2] }), 'BAD_REQUEST'],
    ];
    const out = batch(HELLO + cases.map(([l]) => l).join('') + req(15, 'keyrot.nodes', { seed: SEED }));
    assert.deepEqual(out.slice(1, -1).map((r) => [r.id, r.ok, r.error?.code]), cases.map(([l, code]) => [JSON.parse(l).id, false, code]));
    assert.ok(out.every((r) => validResponse(r)));
    assert.equal(out.at(-1)!.result.nodes.length, 128);
  });

  it('a line that is not a request is answered with id 0 (as the reference shim does), then serving goes on', () => {
    const out = batch(`not json\n{"id":0,"op":"hello","args":{}}\n${HELLO}`);
    assert.deepEqual(out.map((r) => [r.id, r.error?.code]), [[0, 'BAD_REQUEST'], [0, 'BAD_REQUEST'], [1, undefined]]);
  });

  it('refuses a line over 16 MiB, then serves the next', () => {
    const huge = `{"id":2,"op":"keyrot.open","args":{"packet":"${'0'.repeat(16 << 20)}"}}\n`;
    const out = batch(HELLO + huge + req(3, 'reset', {}));
    assert.deepEqual(out.map((r) => [r.id, r.error?.message]), [[1, undefined], [0, 'line too long'], [3, undefined]]);
  });

  it('handles: free answers freed true once, reset drops every handle', () => {
    const create = (id: number) => req(id, 'epoch.create', { role: 'initiator', seed: SEED });
    const out = batch(HELLO + create(2) + create(3) + req(4, 'free', { handle: 'epoch-1' }) + req(5, 'free', { handle: 'epoch-1' }) + req(6, 'reset', {}) + req(7, 'epoch.state', { ep: 'epoch-2' }));
    const [h1, h2] = [out[1].result.handle, out[2].result.handle];
    assert.notEqual(h1, h2);
    assert.equal(h1, 'epoch-1', 'this shim numbers its handles; the free requests below rely on it');
    assert.deepEqual(out.slice(3).map((r) => r.result ?? r.error?.code), [{ freed: true }, { freed: false }, {}, 'UNKNOWN_HANDLE']);
  });

  it('psp.derive gives the PSP Architecture Specification examples', () => {
    // PSP Architecture Specification, "Examples of key derivation" (quoted in DESIGN.md section 3 "PSP").
    const k0 = '34448a064292601b11a0978f56a2d34cf3fc35ede1a6bc04f8db3e5243a2b0ca';
    const k1 = '563952565d3a78ae773ec1b779f2f2d99f4a7f53a6fbb9b07d5b71f39364d739';
    const cases: [string, number, string][] = [
      ['12345678', 0, '96c22dc799198090b74b70ae468e4e30'],
      ['9a345678', 0, '3946da2554eae46ad1ef77a64372edc4'],
      ['12345678', 1, '2b7d72074e42ca334487f2990e3f8c4037e436f38283449b76463e9b7fb2e3de'],
    ];
    const out = batch(HELLO + cases.map(([spi, version], i) => req(i + 2, 'psp.derive', { key0: k0, key1: k1, spi, version })).join(''));
    assert.deepEqual(out.slice(1).map((r) => r.result.key), cases.map((c) => c[2]));
  });
});
