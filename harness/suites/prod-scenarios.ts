// PROD scenarios, one vector file per profile: the same stories under secnet-notes
// and secnet-0.6.9, so the verdicts per file show which reading an IUT follows.
// Sites: A "alpha" (index 1, knows B's address) and B "bravo" (index 7, no address
// for A, as for a mobile peer). Packets travel with 1 ms latency.
import { toHex, utf8 } from '../util/bytes.ts';
import { DEFAULTS, PROFILES, SECNET_069, SECNET_NOTES, totalRetransmissionMs, makeConfig, type ProdProfile } from '../model/prod/index.ts';
import { ScenarioRecorder, type Scenario } from '../vectors/record.ts';
import { scenarioFile } from '../vectors/file.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import { TwoSiteNet } from './prod-net.ts';
import type { SuiteDef } from './types.ts';
import type { Drbg } from '../crypto/index.ts';

export const ADDR_A = '192.0.2.1:4100';
export const ADDR_B = '198.51.100.2:4100';
const ADDR_A_MOVED = '203.0.113.9:4100';
export const CFG_A: JsonObject = { localName: 'alpha', remoteName: 'bravo', index: 1, peerAddress: ADDR_B, seed: 'alpha' };
export const CFG_B: JsonObject = { localName: 'bravo', remoteName: 'alpha', index: 7, seed: 'bravo' };
/** Data packets every DATA_GAP ms in the restart scenario. */
export const DATA_GAP = 500;

const hex = (s: string) => toHex(utf8(s));
const u32 = (x: number) => x.toString(16).padStart(8, '0');
const nak = (dest: number, source: number) => u32(dest) + u32(source) + '00000000';
const name = (s: string) => (s.length.toString(16).padStart(4, '0')) + hex(s);
const prodPacket = (a: string, b: string) => '00000000' + '00000000' + '0a0a0a0a' + name(a) + name(b);
const PROD_AB = prodPacket('alpha', 'bravo');
const NAK_TO_A = nak(1, 7);
const NAK_TO_B = nak(7, 1);

type Body = (s: Scenario, net: TwoSiteNet) => void;

function build(profile: ProdProfile, rng: Drbg) {
  const P = profile.name;
  const rec = new ScenarioRecorder();
  const data = () => toHex(rng.bytes(1 + rng.int(16)));
  const test = (group: (m: { comment: string; reqs: string[]; flags?: string[] }, b: (s: Scenario) => void) => void, comment: string, reqs: string[], body: Body, flags?: string[]) =>
    group({ comment, reqs, ...(flags ? { flags } : {}) }, (s) => body(s, new TwoSiteNet((op, args, opts) => s.step(op, args, opts))));

  /** A and B complete a key exchange started by data at A (t = 0..6). */
  const keyed = (net: TwoSiteNet, a: JsonObject = {}, b: JsonObject = {}) => {
    net.create('A', ADDR_A, P, { ...CFG_A, ...a });
    net.create('B', ADDR_B, P, { ...CFG_B, ...b });
    net.outgoingNow('A', data(), 'data at A with no key starts a key exchange');
    net.run(10000, () => net.state('A').keyHeld && net.state('B').keyHeld);
  };
  /** After `keyed`, the network loses everything and `ref` starts an exchange that runs into WAIT while it holds its key. */
  const keyedWait = (net: TwoSiteNet, ref: 'A' | 'B') => {
    net.partition();
    net.now = 100;
    net.incoming(ref, ref === 'A' ? NAK_TO_A : NAK_TO_B, ref === 'A' ? ADDR_B : ADDR_A, 'an accepted NAK in RUN starts a key exchange');
    net.advance(ref, 100 + 20000, 'no answer: 5 transmissions 2 s apart, then WAIT');
  };

  const basic = rec.group('ProdExchange');
  test(basic, 'two sites complete a key exchange and carry data', ['PROD-001', 'PROD-021'], (s, net) => {
    keyed(net);
    net.outgoingNow('A', data());
    net.run(40);
  });
  test(basic, 'default timers: MSG1 sent 5 times 2000 ms apart (each timer fires 1 ms after its deadline), WAIT for 20000 ms, then RUN', ['PROD-020'], (s, net) => {
    net.create('A', ADDR_A, P, CFG_A);
    net.outgoingNow('A', data());
    for (const t of [2000, 2001, 4002, 6003, 8004, 10004, 10005, 30005, 30006]) net.advance('A', t);
  });
  test(basic, 'mobile defaults: 30 transmissions 1000 ms apart, WAIT 10000 ms; configured timers override', ['PROD-020'], (s, net) => {
    net.create('A', ADDR_A, P, { ...CFG_A, mobile: true });
    net.outgoingNow('A', data());
    net.advance('A', 30030, 'all 30 transmissions and WAIT');
    net.advance('A', 40031, 'back to RUN after wait-time');
    net.create('C', '192.0.2.77:1', P, { ...CFG_A, setupTimeout: 100, setupRetries: 2, waitTime: 300 });
    net.outgoingNow('C', data());
    net.advance('C', 40031 + 1000, 'C: 2 transmissions 100 ms apart, WAIT 300 ms, RUN');
  });

  const amp = rec.group('ProdAntiAmplification');
  test(amp, 'in WAIT with a key, 4 NAKs after one data packet draw one PROD; 2 data packets then 3 NAKs draw one more; PRODs go to the NAK source', ['PROD-005', 'PROD-007', 'PROD-002'], (s, net) => {
    keyed(net);
    keyedWait(net, 'A');
    for (let i = 0; i < 4; i++) net.incoming('A', NAK_TO_A, i === 0 ? ADDR_B : ADDR_A_MOVED);
    net.outgoingNow('A', data());
    net.outgoingNow('A', data());
    for (let i = 0; i < 3; i++) net.incoming('A', NAK_TO_A, ADDR_A_MOVED);
  });
  test(amp, 'a site that was never handed a data packet sends no PROD however many NAKs arrive', ['PROD-005'], (s, net) => {
    keyed(net);
    net.partition();
    net.now = 100;
    net.incoming('B', NAK_TO_B, ADDR_A, 'B starts an exchange; it never had outgoing data');
    net.advance('B', 20000);
    for (let i = 0; i < 3; i++) net.incoming('B', NAK_TO_B, ADDR_A);
  });
  test(amp, 'in STOP outgoing data is discarded and allows no PROD', ['PROD-022', 'PROD-005'], (s, net) => {
    net.create('A', ADDR_A, P, CFG_A);
    s.step('prod.control', { site: '@A', now: 0, run: false });
    net.outgoingNow('A', data());
    net.incoming('A', NAK_TO_A, ADDR_B);
    s.step('prod.control', { site: '@A', now: 1, run: true });
  });

  const send = rec.group('ProdSendStates');
  test(send, 'in RUN an accepted NAK starts a key exchange and draws no PROD (A resolves its configured address)', ['PROD-008', 'PROD-006'], (s, net) => {
    keyed(net);
    net.partition();
    net.outgoingNow('A', data());
    net.incoming('A', NAK_TO_A, ADDR_B);
  });
  test(send, `in RESOLVE an accepted NAK ${profile.sendStates.includes('RESOLVE') ? 'draws a PROD' : 'draws no PROD'}`, [profile === SECNET_NOTES ? 'PROD-009' : 'PROD-010'], (s, net) => {
    keyed(net, { resolveMs: 3000 });
    net.partition();
    net.now = 3100;
    net.outgoingNow('A', data());
    net.incoming('A', NAK_TO_A, ADDR_B, 'A starts an exchange: RESOLVE for 3000 ms');
    net.incoming('A', NAK_TO_A, ADDR_B, 'a NAK while resolving');
  });
  for (const target of ['SENTMSG1', 'SENTMSG2', 'SENTMSG3', 'SENTMSG4', 'SENTMSG5'] as const) {
    const ref = target === 'SENTMSG2' || target === 'SENTMSG4' ? 'B' : 'A';
    test(send, `in ${target} an accepted NAK draws no PROD`, [profile === SECNET_NOTES ? 'PROD-009' : 'PROD-010'], (s, net) => {
      keyed(net);
      net.now = 100;
      net.outgoingNow(ref, data(), 'allow a PROD');
      net.incoming('A', NAK_TO_A, ADDR_B, 'A renegotiates');
      net.run(200, () => net.state(ref).state === target);
      net.partition();
      net.incoming(ref, ref === 'A' ? NAK_TO_A : NAK_TO_B, ref === 'A' ? ADDR_B : ADDR_A, `NAK in ${target}`);
    });
  }
  test(send, 'in WAIT an accepted NAK draws a PROD to its source', ['PROD-007', P === 'secnet-notes' ? 'PROD-009' : 'PROD-010'], (s, net) => {
    keyed(net);
    keyedWait(net, 'A');
    net.outgoingNow('A', data());
    net.incoming('A', NAK_TO_A, ADDR_A_MOVED);
  });

  const nakg = rec.group('ProdNak');
  test(nakg, 'NAKs with the wrong source index are dropped; with the wrong destination index they are not ours and draw no NAK', ['PROD-006', 'PROD-017'], (s, net) => {
    keyed(net);
    keyedWait(net, 'A');
    net.outgoingNow('A', data());
    net.incoming('A', nak(1, 8), ADDR_B, 'source index 8, our peer is 7');
    net.incoming('A', nak(2, 7), ADDR_B, 'destination index 2, we are 1');
    net.incoming('A', nak(0, 0), ADDR_B, 'the NAK an unclaimed PROD draws');
    net.incoming('A', NAK_TO_A, ADDR_B, 'the right NAK: still allowed to PROD');
  });
  test(nakg, 'with no address configured, a NAK in RUN supplies the peer address: MSG1 goes to its source', ['PROD-016', 'PROD-008'], (s, net) => {
    keyed(net);
    net.partition();
    net.incoming('B', NAK_TO_B, ADDR_A_MOVED);
  });
  test(nakg, 'a data packet that will not decrypt draws a NAK with the indices swapped; unclaimed packets over 12 bytes draw one, NAKs and 12-byte packets do not', ['PROD-018', 'PROD-017'], (s, net) => {
    keyed(net);
    net.partition();
    net.create('B2', ADDR_B, P, { ...CFG_B, seed: 'bravo-restarted' }, 'B restarts: same index, no key');
    net.outgoingNow('A', data());
    const msg0 = String(net.sent.at(-1)!.packet);
    net.incoming('B2', msg0, ADDR_A, 'MSG0 under the lost key');
    net.incoming('B2', u32(99) + u32(1) + '02020202' + '00', ADDR_A, 'MSG2 for another index: unclaimed, 13 bytes');
    net.incoming('B2', u32(99) + u32(1) + '02020202', ADDR_A, 'unclaimed, 12 bytes');
    net.incoming('B2', u32(99) + u32(1) + '00000000' + 'ffff', ADDR_A, 'unclaimed NAK with a body');
  });

  const honour = rec.group('ProdHonour');
  test(honour, 'a PROD to a keyed site in RUN is not honoured', ['PROD-012'], (s, net) => {
    keyed(net);
    net.partition();
    net.incoming('B', PROD_AB, ADDR_A);
  });
  test(honour, 'a PROD to a keyed site in WAIT is not honoured', ['PROD-012', profile === SECNET_NOTES ? 'PROD-013' : 'PROD-014'], (s, net) => {
    keyed(net);
    keyedWait(net, 'B');
    net.incoming('B', PROD_AB, ADDR_A);
  });
  test(honour, 'a PROD to a site without a key in RUN starts a key exchange: MSG1 to the PROD source (no address configured)', ['PROD-015', profile === SECNET_NOTES ? 'PROD-013' : 'PROD-014'], (s, net) => {
    net.create('B', ADDR_B, P, CFG_B);
    net.incoming('B', PROD_AB, ADDR_A_MOVED);
  });
  test(honour, 'a PROD to a site without a key in RUN with an address configured: RESOLVE, then MSG1 to the configured address', ['PROD-015'], (s, net) => {
    net.create('A', ADDR_A, P, { ...CFG_A, resolveMs: 50 });
    net.incoming('A', prodPacket('bravo', 'alpha'), ADDR_A_MOVED);
    net.advance('A', 50);
  });
  test(honour, `a PROD to a site without a key in WAIT ${profile.honourStates.includes('WAIT') ? 'starts a key exchange' : 'is ignored'}`, [profile === SECNET_NOTES ? 'PROD-013' : 'PROD-014'], (s, net) => {
    net.create('B', ADDR_B, P, { ...CFG_B, peerAddress: '198.51.100.99:1' });
    net.outgoingNow('B', data(), 'B tries an address that never answers');
    net.advance('B', 10005);
    net.incoming('B', PROD_AB, ADDR_A);
  });
  test(honour, 'a PROD to a site without a key already in an exchange (SENTMSG1) or stopped starts nothing new', [profile === SECNET_NOTES ? 'PROD-013' : 'PROD-014'], (s, net) => {
    net.create('B', ADDR_B, P, { ...CFG_B, peerAddress: '198.51.100.99:1' });
    net.outgoingNow('B', data());
    net.incoming('B', PROD_AB, ADDR_A);
    s.step('prod.control', { site: '@B', now: 1, run: false });
    net.now = 1;
    net.incoming('B', PROD_AB, ADDR_A);
  });

  const bad = rec.group('ProdNotHonoured');
  test(bad, 'malformed PRODs and PRODs with wrong or swapped names are not claimed (each draws a NAK with indices 0) and change nothing; then a good one is honoured', ['PROD-004', 'PROD-011', 'PROD-003', 'PROD-017'], (s, net) => {
    net.create('B', ADDR_B, P, CFG_B);
    const forms: [string, string][] = [
      [prodPacket('bravo', 'alpha'), 'swapped names'],
      [prodPacket('alpha', 'charlie'), 'wrong receiver name'],
      [prodPacket('alph', 'bravo'), 'sender name a prefix of the peer name'],
      [prodPacket('alpha', 'bravo') + '00', 'trailing byte'],
      [PROD_AB.slice(0, 26), 'truncated inside the first name length'],
      ['00000000000000000a0a0a0a' + '0010' + hex('alpha'), 'first name length past the end'],
      ['00000000000000000a0a0a0a' + '0008' + hex('alpha') + '00abcd' + name('bravo'), 'sender extra data of 2 bytes'],
    ];
    for (const [p, why] of forms) net.incoming('B', p, ADDR_A, why);
    net.incoming('B', '00000000000000000a0a0a0a' + '000a' + hex('alpha') + '0000000000' + name('bravo'), ADDR_A, 'sender name with a capabilities word: valid, honoured');
  });

  const msg1 = rec.group('ProdMsg1States');
  test(msg1, 'MSG1 is answered in RUN and in WAIT; in SENTMSG1 only by the lower-priority end (alpha < bravo); ignored in SENTMSG2', ['PROD-021'], (s, net) => {
    net.create('B', ADDR_B, P, { ...CFG_B, peerAddress: '198.51.100.99:1' });
    net.create('A', ADDR_A, P, CFG_A);
    net.partition();
    net.outgoingNow('B', data(), 'B (higher priority) in SENTMSG1');
    net.outgoingNow('A', data(), 'A (lower priority) in SENTMSG1');
    const msg1A = String(net.sent.at(-1)!.packet);
    const msg1B = String(net.sent.at(-2)!.packet);
    net.incoming('B', msg1A, ADDR_A, 'crossed MSG1s: B wins and ignores A\'s');
    net.incoming('A', msg1B, ADDR_B, 'crossed MSG1s: A yields and answers with MSG2');
    net.incoming('A', msg1B, ADDR_B, 'MSG1 again in SENTMSG2: ignored');
    net.advance('B', 10005, 'B times out into WAIT');
    net.incoming('B', msg1A, ADDR_A, 'MSG1 in WAIT: answered');
    net.create('C', '192.0.2.50:1', P, { ...CFG_B, seed: 'c' });
    net.incoming('C', msg1A, ADDR_A, 'MSG1 in RUN: answered');
  });

  const rcv = rec.group('ProdRestartRecovery');
  let recovery = '';
  test(rcv, 'B restarts while in SENTMSG2 of a renegotiation; A keeps its old key and retransmits MSG3 into WAIT, then PRODs B on the next NAK; both hold a key again within the retransmission time', ['PROD-019', 'PROD-005', 'PROD-007', 'PROD-015', profile === SECNET_NOTES ? 'PROD-009' : 'PROD-010', profile === SECNET_NOTES ? 'PROD-013' : 'PROD-014'], (s, net) => {
    const { restart, recovered } = restartRecovery(net, P, data);
    const at = recovered!;
    const cfg = makeConfig(CFG_A as never);
    recovery = `restart at ${restart} ms, both keyed at ${at} ms: recovery ${at - restart} ms; retransmission time ${totalRetransmissionMs(cfg)} ms, wait-time ${cfg.waitTime} ms`;
    net.observe('A', `A holds the new key. ${recovery}`);
    net.observe('B2', `B holds the new key. ${recovery}`);
  });

  return scenarioFile(
    {
      suite: `prod-${P}`,
      mechanism: 'prod',
      seed: rng.seed,
      profile: { name: P, sendStates: [...profile.sendStates], honourStates: [...profile.honourStates], ...DEFAULTS.fixed },
      header: [
        `secnet NAK/PROD recovery under profile ${P}: ${P === 'secnet-notes' ? 'NOTES message 11 as the requirement' : 'the secnet 0.6.9 site.c behaviour'}.`,
        'Steps refer to sites created earlier as "@A" (alpha, index 1, configured with B\'s address), "@B" (bravo, index 7, no address for A) and restarted "@B2".',
        `Addresses: A ${ADDR_A}, B ${ADDR_B}; packets take 1 ms. Restart recovery: ${recovery}.`,
      ],
      notes: {},
    },
    rec.groups,
  );
}

/**
 * The NOTES story: A and B hold a key; A starts a renegotiation (data from B after
 * renegotiate-time) and B restarts in SENTMSG2, with no key and no address for A.
 * A sends data every DATA_GAP ms. Returns the restart time and when both hold a new key.
 */
export function restartRecovery(net: TwoSiteNet, profile: string, data: () => string): { restart: number; recovered: number | null } {
  net.create('A', ADDR_A, profile, { ...CFG_A, renegotiateTime: 5000 });
  net.create('B', ADDR_B, profile, CFG_B);
  net.outgoingNow('A', data(), 'data at A with no key starts a key exchange');
  net.run(100, () => net.state('A').keyHeld && net.state('B').keyHeld);
  for (let t = DATA_GAP; t <= 60000; t += DATA_GAP) net.schedule('A', t, data());
  net.schedule('B', 5500, data());
  net.run(5600, () => net.state('B').state === 'SENTMSG2');
  const restart = net.now;
  net.restart('B', 'B2', ADDR_B, profile, { ...CFG_B, seed: 'bravo-restarted' }, `B restarts at t=${restart} ms in SENTMSG2: no key, no address for A`);
  net.run(restart + 40000, () => net.bothKeyedAt('A', 'B2', restart) !== null);
  return { restart, recovered: net.bothKeyedAt('A', 'B2', restart) };
}

const suite = (profile: ProdProfile): SuiteDef => ({
  name: `prod-${profile.name}`,
  mechanism: 'prod',
  kind: 'scenario',
  description: `secnet PROD scenarios under profile ${profile.name}: send states, anti-amplification, NAK rules, honour rules, malformed PRODs, restart recovery`,
  build: (rng) => build(PROFILES[profile.name], rng),
});

export const prodScenariosNotes = suite(SECNET_NOTES);
export const prodScenarios069 = suite(SECNET_069);
