// Epoch-grace scenarios: two endpoints of one flow, driven step by step on a virtual clock.
import { toHex } from '../util/bytes.ts';
import { O7S_KEYROT_V1 } from '../model/keyrot/index.ts';
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import type { SuiteDef } from './types.ts';

/** 4 leaf keys of 2 packets each: lets a scenario reach the watermark and exhaustion. */
export const TINY_PROFILE = { nodes: 2, leavesPerNode: 2, seqBits: 1, watermark: 2, graceMs: 1000 };
const GRACE = O7S_KEYROT_V1.graceMs;

export const epochScenarios: SuiteDef = {
  name: 'epoch-scenarios',
  mechanism: 'epoch',
  kind: 'scenario',
  description: 'Ouroboros epoch grace: promotion by peer and by deadline on each path, old-epoch expiry, drops, refusals, watermark, exhaustion',
  build(rng) {
    const rec = new ScenarioRecorder();
    const seed = () => toHex(rng.bytes(32));
    const msg = () => toHex(rng.bytes(1 + rng.int(32)));
    const pair = (s: Scenario, seed0: string, extra: JsonObject = {}) => {
      s.step('epoch.create', { role: 'initiator', seed: seed0, ...extra }, { bind: 'A' });
      s.step('epoch.create', { role: 'responder', seed: seed0, ...extra }, { bind: 'B' });
    };
    const send = (s: Scenario, who: string, now: number) => String(s.step('epoch.send', { ep: `@${who}`, plaintext: msg(), now }).packet);
    const recv = (s: Scenario, who: string, packet: string, now: number) => s.step('epoch.recv', { ep: `@${who}`, packet, now });

    const grace = rec.group('EpochGrace');
    grace({ comment: 'both ends agree in both directions, packets delivered out of order', reqs: ['EPOCH-010', 'KEYROT-003'] }, (s) => {
      pair(s, seed());
      const ab = [send(s, 'A', 1), send(s, 'A', 2), send(s, 'A', 3)];
      const ba = [send(s, 'B', 4), send(s, 'B', 5)];
      for (const p of [ab[2], ab[0], ab[1]]) recv(s, 'B', p, 10);
      for (const p of [ba[1], ba[0]]) recv(s, 'A', p, 10);
    });
    grace({ comment: 'B promoted on seeing A on the new epoch; A promoted by its deadline on the write path; old epoch accepted until T2, refused after', reqs: ['EPOCH-001', 'EPOCH-002', 'EPOCH-004', 'EPOCH-005'] }, (s) => {
      const s1 = seed();
      pair(s, seed());
      s.step('epoch.rekey', { ep: '@A', seed: s1, epoch: 1, now: 100 });
      s.step('epoch.rekey', { ep: '@B', seed: s1, epoch: 1, now: 600 });
      const oldFromB = send(s, 'B', 700);
      recv(s, 'B', send(s, 'A', 800), 810); // still epoch 0 on both sides
      const newFromA = send(s, 'A', 100 + GRACE);
      recv(s, 'B', newFromA, 100 + GRACE + 50);
      recv(s, 'A', send(s, 'B', 100 + GRACE + 60), 100 + GRACE + 70);
      recv(s, 'A', oldFromB, 100 + GRACE + GRACE - 1);
      recv(s, 'A', oldFromB, 100 + GRACE + GRACE);
    });
    grace({ comment: 'receive-only flow: TX promoted by the deadline from the read path alone', reqs: ['EPOCH-003', 'EPOCH-001'] }, (s) => {
      pair(s, seed());
      const pkts = [send(s, 'A', 0), send(s, 'A', 1), send(s, 'A', 2)];
      s.step('epoch.rekey', { ep: '@B', seed: seed(), epoch: 1, now: 10 });
      recv(s, 'B', pkts[0], 10 + GRACE - 1);
      recv(s, 'B', pkts[1], 10 + GRACE);
      recv(s, 'B', pkts[2], 10 + GRACE + 1);
    });
    grace({ comment: 'send-only flow: TX promoted by the deadline from the write path alone', reqs: ['EPOCH-004', 'EPOCH-008'] }, (s) => {
      pair(s, seed());
      send(s, 'A', 0);
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 1, now: 5 });
      send(s, 'A', 5 + GRACE - 1);
      send(s, 'A', 5 + GRACE);
      send(s, 'A', 5 + GRACE + 1);
    });
    grace({ comment: 'old epoch expires at T2 even with no traffic between: the next call wipes it', reqs: ['EPOCH-005'] }, (s) => {
      pair(s, seed());
      const s1 = seed();
      const old = send(s, 'A', 0);
      s.step('epoch.rekey', { ep: '@B', seed: s1, epoch: 1, now: 0 });
      send(s, 'B', GRACE);
      s.step('epoch.state', { ep: '@B' });
      recv(s, 'B', old, GRACE + GRACE + 5);
    });

    const drop = rec.group('EpochDrop');
    drop({ comment: 'unknown epoch and forged packets are dropped and leave the state unchanged', reqs: ['EPOCH-006', 'KEYROT-007'] }, (s) => {
      pair(s, seed());
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 1, now: 0 });
      const p1 = send(s, 'A', GRACE); // epoch 1: B only knows epoch 0
      s.step('epoch.state', { ep: '@B' });
      recv(s, 'B', p1, GRACE + 1);
      s.step('epoch.rekey', { ep: '@B', seed: seed(), epoch: 1, now: GRACE + 2 }); // a different seed: p1 fails to authenticate
      recv(s, 'B', p1, GRACE + 3);
      const forged = Buffer.from(p1, 'hex');
      forged[forged.length - 1] ^= 0x40;
      recv(s, 'B', forged.toString('hex'), GRACE + 4);
      recv(s, 'B', p1.slice(0, 40), GRACE + 5);
      s.step('epoch.state', { ep: '@B' });
    });

    const refuse = rec.group('EpochRekeyRefused');
    refuse({ comment: 'a second rekey while one is pending is refused and changes nothing; so is a rekey to another epoch than e+1', reqs: ['EPOCH-007'] }, (s) => {
      pair(s, seed());
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 2, now: 0 });
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 1, now: 1 });
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 2, now: 2 });
      send(s, 'A', 2 + GRACE);
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 2, now: 3 + GRACE });
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 2, now: 2 + GRACE + GRACE });
    });
    refuse({ comment: 'epoch 255 is followed by epoch 0 (uint8, parity on the wire)', reqs: ['EPOCH-009'] }, (s) => {
      const s0 = seed();
      const s1 = seed();
      s.step('epoch.create', { role: 'initiator', seed: s0, epoch: 255 }, { bind: 'A' });
      s.step('epoch.create', { role: 'responder', seed: s0, epoch: 255 }, { bind: 'B' });
      s.step('epoch.rekey', { ep: '@A', seed: s1, epoch: 0, now: 0 });
      s.step('epoch.rekey', { ep: '@B', seed: s1, epoch: 0, now: 0 });
      recv(s, 'B', send(s, 'A', GRACE), GRACE);
    });

    const tiny = rec.group('EpochTinyProfile');
    tiny({ comment: 'RB_REKEY raised exactly once per epoch at the watermark, re-armed by promotion (tiny profile)', flags: ['TinyProfile'], reqs: ['KEYROT-008', 'EPOCH-008'] }, (s) => {
      pair(s, seed(), { profile: TINY_PROFILE });
      for (let t = 0; t < 6; t++) send(s, 'A', t);
      s.step('epoch.rekey', { ep: '@A', seed: seed(), epoch: 1, now: 10 });
      for (let t = 0; t < 6; t++) send(s, 'A', 10 + TINY_PROFILE.graceMs + t);
    });
    tiny({ comment: 'TX fails once the counter reaches the limit, and keeps failing: no wrap (tiny profile)', flags: ['TinyProfile'], reqs: ['KEYROT-006'] }, (s) => {
      pair(s, seed(), { profile: TINY_PROFILE });
      const pkts: string[] = [];
      for (let t = 0; t < 8; t++) pkts.push(send(s, 'A', t));
      s.step('epoch.send', { ep: '@A', plaintext: msg(), now: 9 });
      s.step('epoch.send', { ep: '@A', plaintext: msg(), now: 10 });
      recv(s, 'B', pkts[7], 11);
    });

    return scenarioFile(
      {
        suite: 'epoch-scenarios',
        mechanism: 'epoch',
        seed: rng.seed,
        profile: { ...O7S_KEYROT_V1 },
        header: [
          'Ouroboros epoch grace (profile o7s-keyrot-v1, graceMs is our choice): each test drives an initiator A and a responder B.',
          'Steps refer to endpoints created earlier as "@A" / "@B". Tests flagged TinyProfile pass a small profile to epoch.create.',
        ],
        notes: {
          TinyProfile: { bugType: 'PROFILE', description: `Runs with profile overrides ${JSON.stringify(TINY_PROFILE)} so watermark and exhaustion are reached in a few packets.` },
        },
      },
      rec.groups,
    );
  },
};
