// PSP transmit side: tx rekey with descriptors in flight, deferred vs immediate key
// deletion, the key a retransmission uses under both profiles, and refusals. Every
// key_freed event is in the vectors, so an early, late, double or missing free diverges.
import { LINUX_PSP_REKEY } from '../model/psp/index.ts';
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import { PspPair } from './psp-pair.ts';
import type { SuiteDef } from './types.ts';

const SEQNO = { retransmitKey: 'seqno' };

export const pspTxScenarios: SuiteDef = {
  name: 'psp-tx-scenarios',
  mechanism: 'psp',
  kind: 'scenario',
  description: 'PSP transmit side: descriptors in flight across tx rekeys, deferred vs immediate key deletion, retransmission key (instant vs seqno)',
  build(rng) {
    const rec = new ScenarioRecorder();
    let n = 0;
    const pair = (s: Scenario) => new PspPair(s, rng.fork(`test${++n}`));
    const complete = (s: Scenario, d: string) => s.step('psp.tx_complete', { desc: `@${d}` });
    // Each tx rekey follows A's device-key rotation and rx rekey, as upstream requires a phase change.

    const deferred = rec.group('PspTxDeferred');
    deferred({ comment: 'deferred deletion: the old key outlives the rekey while descriptors hold it and is freed at the last completion; a second completion is refused', flags: ['Deferred'], reqs: ['PSP-TX-005', 'PSP-TX-006', 'PSP-TX-007', 'PSP-TX-009'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: true });
      p.send('B', 'D1');
      p.send('B', 'D2');
      p.rotate('DA');
      p.rekey('A');
      p.send('B', 'D3');
      complete(s, 'EB');
      complete(s, 'D1');
      complete(s, 'D2');
      complete(s, 'D3');
      complete(s, 'D2');
    });
    deferred({ comment: 'deferred deletion with nothing in flight: the old key is freed at the rekey', flags: ['Deferred'], reqs: ['PSP-TX-006', 'PSP-TX-004'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: true });
      complete(s, 'EB');
      p.rotate('DA');
      p.rekey('A');
      p.recv('A', p.send('B').packet);
    });
    deferred({ comment: 'two rekeys in a row: each old key waits for its own descriptors only', flags: ['Deferred'], reqs: ['PSP-TX-005', 'PSP-TX-006', 'PSP-TX-008'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: true });
      complete(s, 'EB');
      p.send('B', 'D1');
      p.rotate('DA');
      p.rekey('A');
      p.send('B', 'D2');
      p.rotate('DA');
      p.rekey('A');
      p.send('B', 'D3');
      complete(s, 'D2');
      complete(s, 'D3');
      complete(s, 'D1');
    });

    const immediate = rec.group('PspTxImmediate');
    immediate({ comment: 'immediate deletion: the old key is freed at the rekey although descriptors still name it; their completions free nothing', reqs: ['PSP-TX-004', 'PSP-TX-007'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: false });
      p.send('B', 'D1');
      p.rotate('DA');
      p.rekey('A');
      p.send('B', 'D2');
      complete(s, 'D1');
      complete(s, 'EB');
      complete(s, 'D2');
      complete(s, 'D1');
    });
    immediate({ comment: 'an rx rekey neither frees nor changes the TX key', reqs: ['PSP-TX-011'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: false });
      p.rotate('DB');
      s.step('psp.rx_rekey', { sock: '@B' });
      p.recv('A', p.send('B').packet);
    });

    const rtx = rec.group('PspTxRetransmit');
    rtx({ comment: 'instant profile: a retransmission after the rekey goes out under the new key (new SPI, its IV 1)', flags: ['Deferred'], reqs: ['PSP-TX-002', 'PSP-TX-009'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: true });
      const first = p.send('B', 'D1', 16);
      p.rotate('DA');
      p.rekey('A');
      p.recv('A', String(p.resend('B', first.seq, 16, 'R1').packet));
      complete(s, 'D1');
      complete(s, 'EB');
    });
    rtx({ comment: 'seqno profile, deferred driver: data sent before the rekey is retransmitted under the old key, new data under the new; the old key is freed once acked and its descriptors completed', flags: ['SeqnoProfile', 'Deferred'], reqs: ['PSP-TX-003', 'PSP-TX-005', 'PSP-TX-006', 'PSP-TX-008'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: true, profile: SEQNO });
      const first = p.send('B', 'D1', 16);
      p.rotate('DA');
      p.rekey('A');
      p.recv('A', String(p.resend('B', first.seq, 16, 'R1').packet));
      const next = p.send('B', 'D2', 8);
      p.recv('A', next.packet);
      s.step('psp.ack', { sock: '@B', upTo: next.seq });
      complete(s, 'D1');
      complete(s, 'EB');
      complete(s, 'R1');
      s.step('psp.send', { sock: '@B', seq: first.seq, payload: '00' });
      s.step('psp.ack', { sock: '@B', upTo: next.seq + 100 });
    });
    rtx({ comment: 'seqno profile, immediate driver: the old key stays for retransmissions until acked, then is freed at once', flags: ['SeqnoProfile'], reqs: ['PSP-TX-003', 'PSP-TX-004'] }, (s) => {
      const p = pair(s);
      p.establish({ deferB: false, profile: SEQNO });
      const first = p.send('B', 'D1', 16);
      p.rotate('DA');
      p.rekey('A');
      p.resend('B', first.seq, 16);
      s.step('psp.ack', { sock: '@B', upTo: first.seq + 8 });
      p.resend('B', first.seq + 8, 8);
      s.step('psp.ack', { sock: '@B', upTo: first.seq + 16 });
      p.send('B');
    });

    const refused = rec.group('PspTxRefused');
    refused({ comment: 'tx_assoc twice, tx_rekey before establishment, SPI with zero low bits, key of the wrong size, send without a key', reqs: ['PSP-TX-001', 'PSP-TX-010'] }, (s) => {
      const p = pair(s);
      s.step('psp.dev_create', { key0: p.key(), key1: p.key() }, { bind: 'D' });
      s.step('psp.sock_create', { dev: '@D' }, { bind: 'S' });
      s.step('psp.rx_assoc', { sock: '@S' });
      s.step('psp.send', { sock: '@S', seq: 0, payload: '00' });
      s.step('psp.tx_rekey', { sock: '@S', spi: '00000005', key: p.key() });
      s.step('psp.tx_assoc', { sock: '@S', spi: '80000000', key: p.key() });
      s.step('psp.tx_assoc', { sock: '@S', spi: '00000005', key: p.key().slice(0, 32) });
      s.step('psp.tx_assoc', { sock: '@S', spi: '00000005', key: p.key() });
      s.step('psp.tx_assoc', { sock: '@S', spi: '00000006', key: p.key() });
      s.step('psp.tx_rekey', { sock: '@S', spi: '00000006', key: p.key() });
      s.step('psp.ack', { sock: '@S', upTo: 1 });
    });

    return scenarioFile(
      {
        suite: 'psp-tx-scenarios',
        mechanism: 'psp',
        seed: rng.seed,
        profile: { ...LINUX_PSP_REKEY },
        header: [
          'PSP transmit side (profile linux-psp-rekey): socket B on device DB sends to socket A on device DA; "@D1".. name send descriptors, EB / EA the ones of the establishing packets.',
          'B\'s device defers TX key deletion where flagged Deferred; key_installed / key_freed events and the key table in `state` are compared at every step.',
        ],
        notes: {
          Deferred: { bugType: 'STATE', description: 'B\'s driver defers TX key deletion (dev_create deferTxKeyDel: true).' },
          SeqnoProfile: { bugType: 'PROFILE', description: 'Sockets made with profile {retransmitKey: "seqno"}: retransmissions keep the key of their data.' },
        },
      },
      rec.groups,
    );
  },
};
