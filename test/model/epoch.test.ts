// Epoch grace model: a model-based property over two endpoints (random sends, deliveries
// in any order, rekeys and time), plus the invariants of one endpoint's state.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EpochEndpoint, type EpochState } from '../../harness/model/epoch/endpoint.ts';
import { toHex } from '../../harness/util/bytes.ts';

const TINY = { nodes: 2, leavesPerNode: 2, seqBits: 2, watermark: 2, graceMs: 50 };
const seedFor = (e: number) => Uint8Array.from({ length: 32 }, (_, i) => (e * 31 + i) & 0xff);

function checkInvariants(s: EpochState): void {
  assert.ok(s.rxEpochs.length >= 1 && s.rxEpochs.length <= 2, 'one or two RX epochs');
  if (s.rxEpochs.length === 2) assert.notEqual(s.rxEpochs[0] & 1, s.rxEpochs[1] & 1, 'RX epochs differ in parity');
  assert.ok(s.rxEpochs.includes(s.txEpoch), 'RX holds the TX epoch');
  if (s.pending) {
    assert.equal(s.pending.epoch, (s.txEpoch + 1) & 0xff);
    assert.ok(s.rxEpochs.includes(s.pending.epoch));
    assert.equal(s.oldRx, null);
  }
  if (s.oldRx) assert.ok(s.rxEpochs.includes(s.oldRx.epoch));
  assert.ok(s.txCtr <= 2 ** 5);
}

type Cmd = { t: 'send'; who: 0 | 1 } | { t: 'deliver'; pick: number } | { t: 'rekey'; who: 0 | 1 } | { t: 'time'; dt: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('send' as const), who: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rekey' as const), who: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('time' as const), dt: fc.integer({ min: 1, max: 80 }) }) },
);

describe('epoch grace model', () => {
  it('two endpoints agree under any interleaving; no (epoch, counter) is used twice; state invariants hold', () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 120 }), (cmds) => {
        const ends = [new EpochEndpoint('initiator', seedFor(0), 0, TINY), new EpochEndpoint('responder', seedFor(0), 0, TINY)];
        const inFlight: { to: number; packet: Uint8Array; epoch: number; pt: string }[] = [];
        const used = [new Set<string>(), new Set<string>()];
        let now = 0;
        for (const c of cmds) {
          if (c.t === 'time') now += c.dt;
          else if (c.t === 'send') {
            const pt = Uint8Array.of(inFlight.length & 0xff, c.who);
            const r = ends[c.who].send(pt, now);
            const s = ends[c.who].state();
            if (r.status === 'sent') {
              const key = `${s.txEpoch}/${s.txCtr - 1}`;
              assert.ok(!used[c.who].has(key), `reused ${key}`);
              used[c.who].add(key);
              inFlight.push({ to: 1 - c.who, packet: r.packet, epoch: s.txEpoch, pt: toHex(pt) });
            } else assert.equal(s.txCtr, 2 ** 5);
          } else if (c.t === 'deliver' && inFlight.length) {
            const [p] = inFlight.splice(c.pick % inFlight.length, 1);
            const dst = ends[p.to];
            const r = dst.recv(p.packet, now);
            if (r.status === 'accepted') {
              assert.equal(r.epoch, p.epoch);
              assert.equal(toHex(r.plaintext), p.pt);
            } else {
              // A drop changes nothing but the clock, so the state now is what it was checked against.
              assert.ok(!dst.state().rxEpochs.includes(p.epoch), `dropped (${r.reason}) a packet of held epoch ${p.epoch}`);
            }
          } else if (c.t === 'rekey') {
            const s = ends[c.who].state();
            const next = (s.txEpoch + 1) & 0xff;
            ends[c.who].rekey(seedFor(next), next, now);
          }
          for (const e of ends) checkInvariants(e.state());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a dropped packet leaves the state exactly as the clock alone would', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.integer({ min: 0, max: 5000 }), (junk, t) => {
        const a = new EpochEndpoint('responder', seedFor(0), 0, TINY);
        const b = new EpochEndpoint('responder', seedFor(0), 0, TINY);
        a.rekey(seedFor(1), 1, 0);
        b.rekey(seedFor(1), 1, 0);
        const r = a.recv(junk, t);
        b.send(new Uint8Array(0), t); // same clock tick on the write path
        assert.equal(r.status, 'dropped');
        const sa = a.state();
        const sb = b.state();
        assert.deepEqual({ ...sa, txCtr: 0 }, { ...sb, txCtr: 0 });
      }),
    );
  });

  it('refuses a rekey while pending or while the old epoch is held, and to any epoch but e+1', () => {
    const e = new EpochEndpoint('initiator', seedFor(0), 0, TINY);
    assert.equal(e.rekey(seedFor(2), 2, 0).status, 'refused');
    assert.equal(e.rekey(seedFor(1), 1, 0).status, 'installed');
    const before = e.state();
    assert.deepEqual(e.rekey(seedFor(2), 2, 10), { status: 'refused', reason: 'REKEY_PENDING', events: [] });
    assert.deepEqual(e.state(), before);
    e.send(new Uint8Array(1), 50); // promoted by deadline
    assert.equal(e.rekey(seedFor(2), 2, 60).status, 'refused');
    assert.equal(e.rekey(seedFor(2), 2, 100).status, 'installed'); // old epoch wiped at T2 = 100
  });
});
