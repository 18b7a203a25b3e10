// The secnet sites the prod-site target fuzzes, in every state a packet can meet them in:
// one story of two sites (alice initiates, bob responds) on a virtual clock, under a
// profile, stopped at a checkpoint. A Site has no copy, so an exec replays the story up to
// its checkpoint (a dozen cheap calls). The packets the story exchanges are the seeds.
import { Site, encode, makeConfig, nakFor, PROFILES, type ProdProfile, type Report } from '../../harness/model/prod/index.ts';
import { utf8 } from '../../harness/util/bytes.ts';

const ALICE = makeConfig({ localName: 'alice', remoteName: 'bob', index: 1, peerAddress: 'bob-addr', seed: 'fuzz alice' });
const BOB = makeConfig({ localName: 'bob', remoteName: 'alice', index: 2, peerAddress: 'alice-addr', seed: 'fuzz bob' });

export interface Checkpoint {
  what: string;
  site: Site;
  /** The address the site's peer sends from. */
  peer: string;
  /** The peer's index in the site's last session (site.c remote_session_id), null before any key. */
  peerIndex: number | null;
  now: number;
}

/** The story; yields a checkpoint whenever a site is in a state worth fuzzing, and reports every packet sent. */
function* story(profile: ProdProfile, onPacket: (p: Uint8Array) => void): Generator<Checkpoint> {
  let now = 0;
  const alice = new Site(profile, ALICE, now);
  const bob = new Site(profile, BOB, now);
  const sites: Record<string, Site> = { 'alice-addr': alice, 'bob-addr': bob };
  const addr = (s: Site) => (s === alice ? 'alice-addr' : 'bob-addr');
  let keyed = false;
  const at = (s: Site, what: string): Checkpoint => ({
    what, site: s, peer: s === alice ? 'bob-addr' : 'alice-addr', peerIndex: keyed ? (s === alice ? BOB : ALICE).index : null, now,
  });
  // Packets in flight, delivered one at a time (each delivery may answer).
  let flight: { to: string; packet: Uint8Array; from: string }[] = [];
  const took = (from: Site, r: Report) => {
    for (const p of r.packets) {
      onPacket(p.packet);
      flight.push({ to: p.to, packet: p.packet, from: addr(from) });
    }
  };
  const deliverOne = () => {
    const f = flight.shift()!;
    now++;
    took(sites[f.to], sites[f.to].incoming(now, f.packet, f.from));
  };

  yield at(alice, 'RUN, never keyed');
  took(alice, alice.outgoing(++now, utf8('first data')));
  yield at(alice, 'SENTMSG1');
  deliverOne();
  yield at(bob, 'SENTMSG2');
  deliverOne();
  yield at(alice, 'SENTMSG3');
  deliverOne();
  yield at(bob, 'SENTMSG4');
  deliverOne();
  yield at(alice, 'SENTMSG5');
  deliverOne();
  keyed = true;
  yield at(bob, 'RUN, keyed as responder');
  deliverOne();
  yield at(alice, 'RUN, keyed');
  took(alice, alice.outgoing(++now, utf8('to bob')));
  took(bob, bob.outgoing(++now, utf8('to alice')));
  while (flight.length) deliverOne();
  // bob goes quiet; alice's key expires: RUN without a key, the old session's peer index kept.
  flight = [];
  now += ALICE.keyLifetime + 1;
  alice.advance(now);
  yield at(alice, 'RUN, key expired');
  took(alice, alice.outgoing(++now, utf8('lost')));
  flight = [];
  yield at(alice, 'SENTMSG1 again, a data packet since');
  // Retransmissions unanswered, timer by timer (each fires just after its deadline), into WAIT.
  while (alice.snapshot().state !== 'WAIT') alice.advance((now = alice.snapshot().nextTimer!));
  took(alice, alice.outgoing(++now, utf8('allows a PROD')));
  flight = [];
  yield at(alice, 'WAIT after a failed exchange, a data packet since');
}

const CHECKPOINTS_PER_STORY = [...story(PROFILES['secnet-notes'], () => {})].length;
export const PROD_FUZZ_PROFILES = Object.values(PROFILES);
export const PROD_FUZZ_FIXTURES = CHECKPOINTS_PER_STORY * PROD_FUZZ_PROFILES.length;

/** Fixture i (any integer): a fresh site at its checkpoint, and the profile it was made with. */
export function prodFuzzSite(i: number): Checkpoint & { profile: ProdProfile } {
  const k = i % PROD_FUZZ_FIXTURES;
  const profile = PROD_FUZZ_PROFILES[Math.floor(k / CHECKPOINTS_PER_STORY)];
  let n = k % CHECKPOINTS_PER_STORY;
  for (const c of story(profile, () => {})) if (n-- === 0) return { ...c, profile };
  throw new Error('unreachable: fewer checkpoints than counted');
}

/** Every packet the story exchanges (under the first profile), a NAK of each, and a PROD each way: the seeds. */
export function prodStoryPackets(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const _ of story(PROD_FUZZ_PROFILES[0], (x) => out.push(x, nakFor(x))));
  const name = (s: string) => ({ name: utf8(s), extra: new Uint8Array(0) });
  for (const [a, b] of [['bob', 'alice'], ['alice', 'bob']]) out.push(encode({ label: 'PROD', dest: 0, source: 0, sender: name(a), receiver: name(b) }));
  return out;
}
