// Rekey over OAP, end to end: an exchange's key seeds epoch 0 of a flow, a second
// exchange's key is installed as epoch 1, and traffic crosses the grace period. Each
// side's epoch seed is the key its own OAP step returned (shared/seeds/000: "A re-key
// delivers one root seed from the OAP exchange").
import type { KexAlg } from '../crypto/kex.ts';
import { O7S_KEYROT_V1 } from '../model/keyrot/index.ts';
import { toHex } from '../util/bytes.ts';
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import { T0, cfg, createPair, exchange, ms, profileRecord } from './oap-common.ts';
import type { SuiteDef } from './types.ts';

const GRACE = O7S_KEYROT_V1.graceMs;

export const oapRekey: SuiteDef = {
  name: 'oap-rekey',
  mechanism: 'oap',
  kind: 'scenario',
  description: 'OAP -> keyrot -> epoch grace: the key of each exchange seeds the next epoch; both ends agree on every packet across the rekey',
  build(rng) {
    const rec = new ScenarioRecorder();
    const msg = () => toHex(rng.bytes(1 + rng.int(24)));
    /** Run an exchange at virtual ms `t`; returns [client key, server key]. */
    const oap = (s: Scenario, kex: KexAlg, encaps: 'server' | 'client', t: number): [string, string] => {
      const x = exchange(s, rng, { clientKex: kex, serverKex: encaps === 'client' ? null : kex, now: T0 + ms(t) });
      return [String(x.complete!.key), String(x.server.key)];
    };
    const send = (s: Scenario, who: 'A' | 'B', t: number) => String(s.step('epoch.send', { ep: `@${who}`, plaintext: msg(), now: t }).packet);
    const recv = (s: Scenario, who: 'A' | 'B', p: string, t: number) => s.step('epoch.recv', { ep: `@${who}`, packet: p, now: t });

    const g = rec.group('OapRekey');
    const combos: [KexAlg, 'server' | 'client', string][] = [
      ['X25519', 'server', 'ECDH X25519'],
      ['ML-KEM-768', 'client', 'ML-KEM-768, client encapsulates'],
      ['X25519MLKEM768', 'server', 'X25519MLKEM768, server encapsulates'],
    ];
    for (const [kex, encaps, what] of combos)
      g({ comment: `${what}: exchange -> epoch 0, rekey exchange -> epoch 1, grace, old epoch wiped`, reqs: ['OAP-REKEY-001', 'OAP-REKEY-002', 'EPOCH-001', 'EPOCH-002', 'EPOCH-005'] }, (s) => {
        const c = cfg(kex, { kemMode: encaps });
        createPair(s, rng, { server: { config: c, sign: 'ecdsa-p256', kemKey: encaps === 'client' }, client: { config: c } });
        const [k0c, k0s] = oap(s, kex, encaps, 0);
        s.step('epoch.create', { role: 'initiator', seed: k0c }, { bind: 'A' });
        s.step('epoch.create', { role: 'responder', seed: k0s }, { bind: 'B' });
        recv(s, 'B', send(s, 'A', 10), 11);
        recv(s, 'A', send(s, 'B', 12), 13);
        const [k1c, k1s] = oap(s, kex, encaps, 1000);
        s.step('epoch.rekey', { ep: '@A', seed: k1c, epoch: 1, now: 1010 });
        s.step('epoch.rekey', { ep: '@B', seed: k1s, epoch: 1, now: 1020 });
        const old = send(s, 'B', 1030);
        recv(s, 'B', send(s, 'A', 1040), 1041);
        recv(s, 'B', send(s, 'A', 1010 + GRACE), 1010 + GRACE + 1);
        recv(s, 'A', send(s, 'B', 1010 + GRACE + 2), 1010 + GRACE + 3);
        recv(s, 'A', old, 1010 + GRACE + 4);
        recv(s, 'A', old, 1010 + 2 * GRACE + 1);
      });

    return scenarioFile(
      {
        suite: 'oap-rekey',
        mechanism: 'oap',
        seed: rng.seed,
        profile: { ...profileRecord, keyrot: O7S_KEYROT_V1.name, graceMs: GRACE },
        header: [
          'Rekey over OAP: "@S"/"@C" run OAP (virtual ns), "@A" (client, initiator) and "@B" (server, responder) run epoch grace (virtual ms).',
          'The vector carries each exchanged key literally into epoch.create / epoch.rekey; the OAP steps check the IUT derives exactly that key.',
        ],
        notes: {},
      },
      rec.groups,
    );
  },
};
