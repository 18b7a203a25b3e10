// PSP RX scenarios: the two-assoc chain (current tried first, previous second, an older
// one gone), device-key rotation (one survived, two fatal, generation wrap), drops that
// change nothing, and refused associations.
import { LINUX_PSP_REKEY } from '../model/psp/index.ts';
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import { PspPair } from './psp-pair.ts';
import type { SuiteDef } from './types.ts';

/** Without the upstream phase check, rekeys need no rotation: the chain limit is tested alone. */
const NO_PHASE_CHECK = { rxRekeyPhaseCheck: false };

const flip = (hex: string, byte: number, mask: number) => {
  const b = Buffer.from(hex, 'hex');
  b[byte < 0 ? b.length + byte : byte] ^= mask;
  return b.toString('hex');
};

export const pspRxScenarios: SuiteDef = {
  name: 'psp-rx-scenarios',
  mechanism: 'psp',
  kind: 'scenario',
  description: 'PSP receive side: at most two assocs, current before previous, rotation staleness, generation wrap, drops and refusals',
  build(rng) {
    const rec = new ScenarioRecorder();
    let n = 0;
    const pair = (s: Scenario) => new PspPair(s, rng.fork(`test${++n}`));

    const chain = rec.group('PspRxTwoAssocs');
    chain({ comment: 'two rx rekeys, then a packet on the third-oldest SPI is refused; the two newest are accepted (no rotation, phase check off)', flags: ['NoPhaseCheck'], reqs: ['PSP-RX-001', 'PSP-RX-003', 'PSP-RX-002'] }, (s) => {
      const p = pair(s);
      p.establish({ profile: NO_PHASE_CHECK });
      const p1 = p.send('B').packet;
      p.rekey('A');
      const p2 = p.send('B').packet;
      p.rekey('A');
      const p3 = p.send('B').packet;
      p.recv('A', p3);
      p.recv('A', p2);
      p.recv('A', p1);
      s.step('psp.sock_state', { sock: '@A' });
    });
    chain({ comment: 'upstream profile: rekey after each rotation; the third-oldest SPI is gone, previous and current accepted', reqs: ['PSP-RX-001', 'PSP-RX-003', 'PSP-RX-006', 'PSP-RX-008'] }, (s) => {
      const p = pair(s);
      p.establish();
      p.rotate('DA');
      const p1 = p.send('B').packet;
      p.rekey('A');
      const p2 = p.send('B').packet;
      p.rotate('DA');
      p.rekey('A');
      const p3 = p.send('B').packet;
      p.recv('A', p1);
      p.recv('A', p2);
      p.recv('A', p3);
    });
    chain({ comment: 'current is tried before previous: the peer still sends under the old SPI until its tx rekey', reqs: ['PSP-RX-002', 'PSP-TX-002'] }, (s) => {
      const p = pair(s);
      p.establish();
      p.rotate('DA');
      const r = s.step('psp.rx_rekey', { sock: '@A' });
      p.recv('A', p.send('B').packet);
      s.step('psp.tx_rekey', { sock: '@B', spi: r.spi, key: r.key });
      p.recv('A', p.send('B').packet);
    });

    const rot = rec.group('PspRxRotation');
    rot({ comment: 'one device-key rotation keeps an SPI, the second makes it stale', reqs: ['PSP-RX-004', 'PSP-RX-009'] }, (s) => {
      const p = pair(s);
      p.establish();
      const pk = [p.send('B').packet, p.send('B').packet, p.send('B').packet];
      p.rotate('DA');
      p.recv('A', pk[0]);
      s.step('psp.sock_state', { sock: '@A' });
      p.rotate('DA');
      p.recv('A', pk[1]);
      p.recv('A', pk[2]);
      s.step('psp.sock_state', { sock: '@A' });
    });
    rot({ comment: 'generation wraps from 127 to 0; an assoc made at 127 survives the wrap and dies on the next rotation', flags: ['GenerationWrap'], reqs: ['PSP-RX-005', 'PSP-RX-004', 'PSP-RX-006'] }, (s) => {
      const p = pair(s);
      p.establish({ preRotateA: 127 });
      const pk = [p.send('B').packet, p.send('B').packet];
      p.rotate('DA');
      p.recv('A', pk[0]);
      p.rotate('DA');
      p.recv('A', pk[1]);
    });
    rot({ comment: 'a connection rekeyed after every rotation never goes stale', reqs: ['PSP-RX-004', 'PSP-RX-001', 'PSP-RX-008'] }, (s) => {
      const p = pair(s);
      p.establish();
      for (let i = 0; i < 4; i++) {
        p.rotate('DA');
        p.rekey('A');
        p.recv('A', p.send('B').packet);
      }
      s.step('psp.sock_state', { sock: '@A' });
    });

    const drops = rec.group('PspRxDrops');
    drops({ comment: 'forged, unknown-SPI, malformed and wrong-version packets are dropped and counted; the assocs do not change', reqs: ['PSP-RX-009', 'PSP-PKT-014', 'PSP-PKT-009'] }, (s) => {
      const p = pair(s);
      p.establish();
      const good = p.send('B').packet;
      p.recv('A', flip(good, -1, 0x01));
      p.recv('A', flip(good, 7, 0x40));
      p.recv('A', good.slice(0, 40));
      p.recv('A', flip(good, 3, 0x08)); // version 1 -> 3: same key size, another version than the assoc's
      s.step('psp.sock_state', { sock: '@A' });
      p.recv('A', good);
    });

    const refused = rec.group('PspRxRefused');
    refused({ comment: 'rx_assoc twice, rx_rekey without an assoc, rx_rekey and tx before the socket is established, rx_rekey on the same phase', reqs: ['PSP-RX-010', 'PSP-RX-007', 'PSP-RX-008', 'PSP-TX-001'] }, (s) => {
      const p = pair(s);
      s.step('psp.dev_create', { key0: p.key(), key1: p.key() }, { bind: 'D' });
      s.step('psp.sock_create', { dev: '@D' }, { bind: 'S' });
      s.step('psp.rx_rekey', { sock: '@S' });
      s.step('psp.tx_assoc', { sock: '@S', spi: '00000001', key: p.key() });
      p.create();
      s.step('psp.rx_assoc', { sock: '@A' });
      s.step('psp.rx_rekey', { sock: '@A' });
      p.recv('A', p.send('B').packet);
      s.step('psp.rx_rekey', { sock: '@A' });
      p.rotate('DA');
      s.step('psp.rx_rekey', { sock: '@A' });
    });

    return scenarioFile(
      {
        suite: 'psp-rx-scenarios',
        mechanism: 'psp',
        seed: rng.seed,
        profile: { ...LINUX_PSP_REKEY },
        header: [
          'PSP receive side (profile linux-psp-rekey): socket A on device DA receives from socket B on device DB; "@A", "@B", "@DA", "@DB" name them.',
          'SPIs are allocated by the device (phase bit | index from 1) and keys derived from its master keys, so an IUT must give the same SPIs and keys.',
        ],
        notes: {
          NoPhaseCheck: { bugType: 'PROFILE', description: 'Sockets made with profile {rxRekeyPhaseCheck: false}: rekeys without rotation.' },
          GenerationWrap: { bugType: 'BOUNDARY', description: 'The device generation passes 127 -> 0.' },
        },
      },
      rec.groups,
    );
  },
};
