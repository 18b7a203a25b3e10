// PSP device + socket model: random operation sequences checked against the rules,
// tracked independently here (outstanding descriptors, keys, rotations), not read back
// from the model: never freed while referenced, always freed after the last reference,
// never freed twice, never used after free; at most two RX assocs; stale after two rotations.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PspDevice, PspSocket, seal, type Descriptor, type RetransmitKey, type SocketEvent } from '../../harness/model/psp/index.ts';

const MK = new Uint8Array(32).fill(7);
const key = (i: number) => new Uint8Array(32).fill(i & 0xff);

/** A socket whose RX side has seen one packet, with TX key spi 1: ready for tx rekeys. */
function established(dev: PspDevice, retransmitKey: RetransmitKey): PspSocket {
  const s = new PspSocket(dev, 1, { retransmitKey, rxRekeyPhaseCheck: false });
  const r = s.rxAssoc();
  assert.equal(r.status, 'installed');
  assert.equal(s.txAssoc(1, key(1)).status, 'installed');
  const p = seal(r.key, { nextHeader: 6, cryptOffset: 0, s: false, d: false, version: 1, spi: r.spi, iv: 1n }, new Uint8Array(4));
  assert.ok(p.ok && s.recv(p.packet).status === 'accepted');
  return s;
}

type TxCmd = { t: 'send'; back: number; len: number } | { t: 'rekey' } | { t: 'complete'; pick: number } | { t: 'ack'; frac: number };
const txCmd: fc.Arbitrary<TxCmd> = fc.oneof(
  fc.record({ t: fc.constant('send' as const), back: fc.nat(40), len: fc.integer({ min: 1, max: 20 }) }),
  fc.constant({ t: 'rekey' as const }),
  fc.record({ t: fc.constant('complete' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('ack' as const), frac: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

describe('psp tx key lifetime (model properties)', () => {
  for (const defer of [true, false])
    for (const profile of ['instant', 'seqno'] as const)
      it(`deferred=${defer}, ${profile}: freed once, never while referenced (deferred), always after the last reference, never used after free`, () => {
        fc.assert(
          fc.property(fc.array(txCmd, { maxLength: 60 }), (cmds) => {
            const s = established(new PspDevice(MK, MK, defer), profile);
            const outstanding = new Map<number, number>(); // spi -> descriptors not completed (tracked here)
            const descs: { d: Descriptor; spi: number; done: boolean }[] = [];
            const freed = new Set<number>();
            const starts: { spi: number; start: number }[] = [{ spi: 1, start: 0 }];
            let nextSpi = 2;
            let sndNxt = 0;
            let sndUna = 0;
            const onEvents = (events: SocketEvent[]) => {
              for (const e of events) {
                if (e.type !== 'key_freed') continue;
                assert.ok(!freed.has(e.spi), `key ${e.spi} freed twice`);
                if (defer) assert.equal(outstanding.get(e.spi) ?? 0, 0, `key ${e.spi} freed while referenced`);
                freed.add(e.spi);
              }
            };
            for (const c of cmds) {
              if (c.t === 'send') {
                const seq = Math.max(sndUna, sndNxt - c.back);
                const r = s.send(seq, new Uint8Array(c.len));
                assert.equal(r.status, 'sent');
                if (r.status !== 'sent') return;
                assert.ok(!freed.has(r.spi), `send used freed key ${r.spi}`);
                const expected = profile === 'instant' ? starts.at(-1)!.spi : starts.filter((k) => k.start <= seq).at(-1)!.spi;
                assert.equal(r.spi, expected, `seq ${seq}`);
                outstanding.set(r.spi, (outstanding.get(r.spi) ?? 0) + 1);
                descs.push({ d: r.descriptor, spi: r.spi, done: false });
                sndNxt = Math.max(sndNxt, seq + c.len);
              } else if (c.t === 'rekey') {
                const spi = nextSpi++;
                const r = s.txRekey(spi, key(spi));
                assert.equal(r.status, 'installed');
                onEvents(r.events);
                starts.push({ spi, start: sndNxt });
              } else if (c.t === 'complete') {
                if (!descs.length) continue;
                const x = descs[c.pick % descs.length];
                const r = s.txComplete(x.d);
                assert.equal(r.status, x.done ? 'refused' : 'completed');
                if (!x.done) outstanding.set(x.spi, outstanding.get(x.spi)! - 1);
                x.done = true;
                onEvents(r.events);
              } else {
                sndUna = Math.max(sndUna, Math.floor(sndUna + (sndNxt - sndUna) * c.frac));
                onEvents((s.ack(sndUna) as { events: SocketEvent[] }).events);
              }
              // No leak: every key that no send can select any more, and (deferred) no descriptor holds, is freed.
              starts.slice(0, -1).forEach((k, i) => {
                const unreachable = profile === 'instant' || sndUna >= starts[i + 1].start;
                const held = defer && (outstanding.get(k.spi) ?? 0) > 0;
                assert.equal(freed.has(k.spi), unreachable && !held, `key ${k.spi}: unreachable ${unreachable}, held ${held}`);
              });
            }
          }),
          { numRuns: 300, seed: 11 },
        );
      });
});

describe('psp rx assocs (model properties)', () => {
  it('accepted iff the SPI is current or previous and made less than two rotations ago', () => {
    type Cmd = { t: 'rotate' } | { t: 'rekey' } | { t: 'recv'; pick: number };
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(fc.constant({ t: 'rotate' as const }), fc.constant({ t: 'rekey' as const }), fc.record({ t: fc.constant('recv' as const), pick: fc.nat() }));
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        const dev = new PspDevice(MK, key(9), false);
        const s = established(dev, 'instant');
        let rotations = 0;
        const all: { spi: number; key: Uint8Array; made: number }[] = [];
        const first = s.state().rx.current!;
        // the assoc made by established(): recover its key by a fresh rx derivation on the same device
        all.push({ spi: first.spi, key: dev.rxKey(first.spi, 1), made: 0 });
        for (const c of cmds) {
          if (c.t === 'rotate') {
            dev.rotate(key(100 + rotations++));
          } else if (c.t === 'rekey') {
            const r = s.rxRekey();
            assert.equal(r.status, 'installed');
            if (r.status === 'installed') all.push({ spi: r.spi, key: r.key, made: rotations });
          } else {
            const a = all[c.pick % all.length];
            const p = seal(a.key, { nextHeader: 6, cryptOffset: 0, s: false, d: false, version: 1, spi: a.spi, iv: 3n }, new Uint8Array(8));
            assert.ok(p.ok);
            const idx = all.indexOf(a);
            const inChain = idx >= all.length - 2;
            const fresh = rotations - a.made < 2;
            const r = s.recv(p.packet);
            assert.equal(r.status, inChain && fresh ? 'accepted' : 'dropped', `spi ${a.spi} idx ${idx}/${all.length} age ${rotations - a.made}`);
            if (r.status === 'dropped') assert.equal(r.reason, inChain ? 'STALE_ASSOC' : 'UNKNOWN_SPI');
            else assert.equal(r.assoc, idx === all.length - 1 ? 'current' : 'previous');
          }
          const st = s.state();
          assert.ok(st.rx.current && (all.length === 1) === (st.rx.previous === null));
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
