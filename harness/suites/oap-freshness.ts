// OAP freshness on a virtual clock (Ouroboros src/irmd/oap/auth.c oap_check_hdr): the
// timestamp window edges to the nanosecond, replays, the replay cache filled before
// authentication, and purging.
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import { toHex } from '../util/bytes.ts';
import { OFFSET } from '../model/oap/index.ts';
import { T0, at, cfg, createPair, ephemeral, flip, ms, profileRecord, type Pair } from './oap-common.ts';
import type { SuiteDef } from './types.ts';

const S = 1_000_000_000n;

export const oapFreshness: SuiteDef = {
  name: 'oap-freshness',
  mechanism: 'oap',
  kind: 'scenario',
  description: 'OAP timestamp window (-100 ms .. +20 s), replay cache inserted before authentication, purge after the replay timer',
  build(rng) {
    const rec = new ScenarioRecorder();
    const anon: Pair = { server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519') } };
    const signed: Pair = { server: { config: cfg('X25519'), sign: 'ecdsa-p256' }, client: { config: cfg('X25519'), sign: 'ecdsa-p256' } };
    /** A fresh request stamped `stamp`. */
    const request = (s: Scenario, stamp: bigint) => String(s.step('oap.client.request', { cli: '@C', id: toHex(rng.bytes(16)), now: at(stamp), ...ephemeral(rng, 'X25519') }).request);
    const process = (s: Scenario, req: string, now: bigint) => s.step('oap.server.process', { srv: '@S', request: req, now: at(now), ...ephemeral(rng, 'X25519') });

    const window = rec.group('OapTimestampWindow');
    const edge = (comment: string, reqs: string[], offset: bigint, result: 'valid' | 'invalid') =>
      window({ comment, flags: ['Boundary'], reqs, result }, (s) => {
        createPair(s, rng, anon);
        process(s, request(s, T0), T0 + offset);
      });
    edge('received 30 s after its timestamp (test_oap_outdated_packet)', ['OAP-SRV-002'], 30n * S, 'invalid');
    edge('received 20.000999999 s after: delta truncates to 20000 ms, accepted', ['OAP-SRV-002'], 20n * S + ms(1) - 1n, 'valid');
    edge('received 20.001 s after: delta 20001 ms, too old', ['OAP-SRV-002'], 20n * S + ms(1), 'invalid');
    edge('timestamp 1 s in the future (test_oap_future_packet)', ['OAP-SRV-001'], -S, 'invalid');
    edge('timestamp 100.999999 ms in the future: delta truncates to -100 ms, accepted', ['OAP-SRV-001'], -(ms(101) - 1n), 'valid');
    edge('timestamp 101 ms in the future: rejected', ['OAP-SRV-001'], -ms(101), 'invalid');
    edge('received at its own timestamp', ['OAP-SRV-001', 'OAP-SRV-002'], 0n, 'valid');
    window({ comment: 'timestamp 2^64-1: the difference wraps modulo 2^64 and reads as too old', flags: ['Boundary'], reqs: ['OAP-SRV-002'], result: 'invalid' }, (s) => {
      createPair(s, rng, anon);
      const req = request(s, T0);
      process(s, Buffer.from(req, 'hex').fill(0xff, OFFSET.timestamp, OFFSET.timestamp + 8).toString('hex'), T0);
    });

    const replay = rec.group('OapReplay');
    replay({ comment: 'the same request twice (test_oap_replay_packet); a new request with a new id is accepted', reqs: ['OAP-SRV-003'], result: 'invalid' }, (s) => {
      createPair(s, rng, anon);
      const req = request(s, T0);
      process(s, req, T0 + ms(1));
      process(s, req, T0 + ms(2));
      process(s, request(s, T0 + ms(3)), T0 + ms(4));
    });
    replay({ comment: 'same id with a different timestamp is not a replay', reqs: ['OAP-SRV-003'] }, (s) => {
      createPair(s, rng, anon);
      const id = toHex(rng.bytes(16));
      for (const t of [T0, T0 + 1n]) process(s, String(s.step('oap.client.request', { cli: '@C', id, now: at(t), ...ephemeral(rng, 'X25519') }).request), T0 + ms(5));
    });
    replay({ comment: 'a forged copy (bad signature) arrives first and burns (id, timestamp): the genuine request is then a replay', flags: ['Tampered'], reqs: ['OAP-SRV-004', 'OAP-SRV-007'], result: 'invalid' }, (s) => {
      createPair(s, rng, signed);
      const req = request(s, T0);
      process(s, flip(req, req.length / 2 - 1, 0x01), T0 + ms(1));
      process(s, req, T0 + ms(2));
    });
    replay({ comment: 'a rejected-as-stale request is not remembered; nor is one that does not decode', reqs: ['OAP-SRV-002', 'OAP-SRV-003'] }, (s) => {
      createPair(s, rng, anon);
      const req = request(s, T0);
      process(s, req, T0 + 30n * S);
      process(s, req.slice(0, 40), T0 + 30n * S);
      process(s, req, T0 + ms(5));
    });
    replay({ comment: 'entries are purged once now > timestamp + 20 s: the cache shrinks as later requests arrive', reqs: ['OAP-SRV-005'] }, (s) => {
      createPair(s, rng, anon);
      for (let i = 0; i < 3; i++) process(s, request(s, T0 + BigInt(i) * S), T0 + BigInt(i) * S);
      process(s, request(s, T0 + 21n * S), T0 + 21n * S + 500_000n);
      process(s, request(s, T0 + 23n * S), T0 + 23n * S);
    });
    replay({ comment: 'a replay 20.0005 s after its timestamp: still inside the window but already purged, so accepted (upstream behaviour)', flags: ['Observed'], reqs: ['OAP-SRV-005'] }, (s) => {
      createPair(s, rng, anon);
      const req = request(s, T0);
      process(s, req, T0);
      process(s, req, T0 + 20n * S + 500_000n);
    });

    return scenarioFile(
      {
        suite: 'oap-freshness',
        mechanism: 'oap',
        seed: rng.seed,
        profile: profileRecord,
        header: ['OAP server freshness with virtual time in nanoseconds (decimal strings). "@S" is the server, "@C" the client making requests.'],
        notes: {
          Boundary: { bugType: 'BOUNDARY', description: 'At or next to an edge of the timestamp window.' },
          Tampered: { bugType: 'AUTH', description: 'A byte of the request was changed in flight.' },
          Observed: { bugType: 'EDGE_CASE', description: 'Upstream behaviour a stricter implementation may differ from (see OAP-SRV-005).' },
        },
      },
      rec.groups,
    );
  },
};
