// The site model: secnet's defaults, and the PROD rules as properties over random
// event sequences under both profiles (fast-check shrinks any counterexample).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReferenceEngine } from '../../adapters/reference/engine.ts';
import { LABELS, PROFILES, Site, decode, makeConfig, type SiteConfig } from '../../harness/model/prod/index.ts';
import { fromHex } from '../../harness/util/bytes.ts';

const A = '192.0.2.1:1';
const B = '198.51.100.2:1';
const cfgA = (over: Partial<SiteConfig> = {}) => makeConfig({ localName: 'alpha', remoteName: 'bravo', index: 1, peerAddress: B, seed: 'a', ...over });
const cfgB = (over: Partial<SiteConfig> = {}) => makeConfig({ localName: 'bravo', remoteName: 'alpha', index: 7, seed: 'b', ...over });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nakTo = (dest: number, source: number) => fromHex(hex(Buffer.from([...u32(dest), ...u32(source), 0, 0, 0, 0])));
const u32 = (x: number) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255];
const prodAB = () => {
  const n = (s: string) => [0, s.length, ...Buffer.from(s)];
  return Uint8Array.from([...u32(0), ...u32(0), ...u32(LABELS.PROD), ...n('alpha'), ...n('bravo')]);
};

/** A and B with a key, by delivering packets by hand (1 ms each). */
function keyedPair(profile: string, a: Partial<SiteConfig> = {}) {
  const sa = new Site(PROFILES[profile], cfgA(a), 0);
  const sb = new Site(PROFILES[profile], cfgB(), 0);
  let queue = sa.outgoing(0, Uint8Array.of(1)).packets.map((p) => ({ ...p, from: A }));
  let t = 0;
  while (queue.length) {
    const next: typeof queue = [];
    for (const p of queue) {
      const dst = p.to === B ? sb : sa;
      next.push(...dst.incoming(++t, p.packet, p.from).packets.map((q) => ({ ...q, from: p.to })));
    }
    queue = next;
  }
  assert.ok(sa.snapshot().keyHeld && sb.snapshot().keyHeld);
  return { sa, sb, t };
}

describe('prod site model', () => {
  it('defaults are site.c\'s: setup-timeout 2 s, setup-retries 5, wait-time 20 s; mobile 1 s, 30, 10 s; renegotiate 5 min before key lifetime', () => {
    // ewxrjk/secnet site.c DEFAULT_SETUP_RETRY_INTERVAL (2*1000), DEFAULT_SETUP_RETRIES 5, DEFAULT_WAIT_TIME (20*1000),
    // DEFAULT_KEY_LIFETIME (3600*1000), DEFAULT_KEY_RENEGOTIATE_GAP (5*60*1000); DEFAULT_MOBILE_* 1000, 30, 10000.
    const c = cfgA();
    assert.deepEqual([c.setupTimeout, c.setupRetries, c.waitTime, c.keyLifetime, c.renegotiateTime], [2000, 5, 20000, 3600000, 3600000 - 300000]);
    const m = cfgA({ mobile: true });
    assert.deepEqual([m.setupTimeout, m.setupRetries, m.waitTime], [1000, 30, 10000]);
    assert.equal(cfgA({ keyLifetime: 100000 }).renegotiateTime, 50000); // lifetime < 2 x gap: half the lifetime
  });

  it('MSG1 is retransmitted setup-retries times, then WAIT for wait-time, then RUN', () => {
    const s = new Site(PROFILES['secnet-notes'], cfgA({ setupTimeout: 100, setupRetries: 3, waitTime: 1000 }), 0);
    const sent = [...s.outgoing(0, Uint8Array.of(1)).packets, ...s.advance(5000).packets];
    assert.deepEqual(sent.map((p) => [p.label, p.at]), [['MSG1', 0], ['MSG1', 101], ['MSG1', 202]]);
    const waitAt = 303;
    const r = new Site(PROFILES['secnet-notes'], cfgA({ setupTimeout: 100, setupRetries: 3, waitTime: 1000 }), 0);
    r.outgoing(0, Uint8Array.of(1));
    assert.equal(r.advance(waitAt).events.at(-1)?.type, 'STATE');
    assert.equal(r.snapshot().state, 'WAIT');
    assert.equal(r.advance(waitAt + 1000).events.length, 0);
    assert.equal(r.advance(waitAt + 1001).events.at(-1)?.type, 'STATE');
    assert.equal(r.snapshot().state, 'RUN');
  });

  for (const profile of Object.keys(PROFILES)) {
    describe(profile, () => {
      const ev = fc.oneof(
        fc.record({ k: fc.constant('data' as const) }),
        fc.record({ k: fc.constant('nak' as const), good: fc.boolean() }),
        fc.record({ k: fc.constant('prod' as const) }),
        fc.record({ k: fc.constant('time' as const), dt: fc.integer({ min: 0, max: 25000 }) }),
        fc.record({ k: fc.constant('stop' as const), run: fc.boolean() }),
      );

      it('anti-amplification: PRODs never outnumber data packets, and two PRODs always have a data packet between them (PROD-005)', () => {
        fc.assert(
          fc.property(fc.array(ev, { maxLength: 60 }), fc.boolean(), (evs, fromB) => {
            const { sa, sb, t } = keyedPair(profile);
            const s = fromB ? sb : sa;
            const nak = fromB ? nakTo(7, 1) : nakTo(1, 7);
            let now = t;
            let data = fromB ? 0 : 1; // keyedPair handed A one data packet
            let prods = 0;
            let sinceData = 0;
            for (const e of evs) {
              const r =
                e.k === 'data' ? s.outgoing(now, Uint8Array.of(2))
                : e.k === 'nak' ? s.incoming(now, e.good ? nak : nakTo(1, 9), A)
                : e.k === 'prod' ? s.incoming(now, prodAB(), A)
                : e.k === 'stop' ? s.control(now, e.run)
                : s.advance((now += e.dt));
              if (e.k === 'data' && s.snapshot().state !== 'STOP') {
                data++;
                sinceData = 0;
              }
              const p = r.packets.filter((x) => x.label === 'PROD').length;
              prods += p;
              sinceData += p;
              assert.ok(prods <= data, `${prods} PRODs for ${data} data packets`);
              assert.ok(sinceData <= 1, 'two PRODs with no data packet between');
            }
          }),
          { numRuns: 150 },
        );
      });

      it('a PROD is never honoured while a key is held, and only a PROD for us is (PROD-011, PROD-012)', () => {
        fc.assert(
          fc.property(fc.array(ev, { maxLength: 40 }), (evs) => {
            const { sb, t } = keyedPair(profile);
            let now = t;
            for (const e of evs) {
              if (e.k === 'time') sb.advance((now += e.dt));
              else if (e.k === 'data') sb.outgoing(now, Uint8Array.of(3));
              else if (e.k === 'nak') sb.incoming(now, nakTo(7, 1), A);
              else if (e.k === 'stop') sb.control(now, e.run);
              const before = sb.snapshot();
              const r = sb.incoming(now, prodAB(), A);
              if (before.keyHeld) assert.equal(r.outcome, 'dropped');
              if (r.outcome === 'processed') assert.ok(PROFILES[profile].honourStates.includes(before.state));
              const swapped = prodAB();
              swapped.set([0, 5, ...Buffer.from('bravo'), 0, 5, ...Buffer.from('alpha')], 12);
              assert.equal(sb.incoming(now, swapped, A).outcome, 'unclaimed');
            }
          }),
          { numRuns: 150 },
        );
      });
    });
  }

  it('the NAK a PROD draws is not for anyone and draws nothing (PROD-017)', () => {
    const { sa } = keyedPair('secnet-notes');
    const r = sa.incoming(100, nakTo(0, 0), B);
    assert.deepEqual([r.outcome, r.packets.length], ['unclaimed', 0]);
    const d = decode(nakTo(0, 0));
    assert.ok(d.ok && d.msg.label === 'NAK');
  });

  it('ops: bad config, unknown profile and time going backwards are BAD_REQUEST; a malformed packet is a result', () => {
    const e = new ReferenceEngine();
    const bad = (args: object) => e.call('prod.createSite', args as never);
    const cfg = { localName: 'alpha', remoteName: 'bravo', index: 1 };
    for (const args of [{ profile: 'secnet-1.0', config: cfg }, { profile: 'secnet-notes', config: { ...cfg, index: 0 } }, { profile: 'secnet-notes', config: { ...cfg, remoteName: 'alpha' } }, { profile: 'secnet-notes', config: { ...cfg, colour: 1 } }]) {
      const r = bad(args);
      assert.ok(!r.ok && r.error.code === 'BAD_REQUEST', JSON.stringify(args));
    }
    const c = e.call('prod.createSite', { profile: 'secnet-notes', config: cfg, now: 10 });
    assert.ok(c.ok);
    const site = c.result.handle as string;
    const back = e.call('prod.advance', { site, now: 9 });
    assert.ok(!back.ok && back.error.code === 'BAD_REQUEST');
    const r = e.call('prod.incoming', { site, now: 10, packet: '00000000000000000a0a0a0a00ff', from: A });
    assert.ok(r.ok);
    assert.deepEqual([r.result.outcome, r.result.reason], ['unclaimed', 'NAME_PAST_END']);
  });
});
