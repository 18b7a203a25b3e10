// A secnet site's receive path (harness/model/prod/site.ts Site.incoming: label and index
// dispatch, name and nonce checks, the NAK and PROD rules) on any bytes as a packet.
// Input: byte 0 picks the site and its state (lib/prod-fixture.ts); byte 1 bit 0: the
// packet comes from a stranger's address, not the peer's; bit 1: it arrives twice, so
// anything one packet may do only once is seen twice. The rest is the packet.
// The invariants are the NOTES / site.c rules that bound what packets make a site do,
// checked against the profile the site was made with (a planted bug may change the site's).
import { HEADER_LEN, LABELS, decode } from '../../harness/model/prod/index.ts';
import { readU32 } from '../../harness/util/bytes.ts';
import { check } from '../lib/check.ts';
import { prodFuzzSite, type Checkpoint } from '../lib/prod-fixture.ts';
import type { ProdProfile } from '../../harness/model/prod/index.ts';

const OUTCOMES = new Set(['processed', 'dropped', 'unclaimed']);

/** Deliver `packet` once or twice to the fixture's site and check every rule. */
export function checkIncoming(f: Checkpoint & { profile: ProdProfile }, flags: number, packet: Uint8Array): void {
  const from = flags & 1 ? 'stranger-addr' : f.peer;
  const label = packet.length >= HEADER_LEN ? readU32(packet, 8) : null;
  // PROD-005: after a PROD, no other until the next outgoing data packet (none comes here).
  let prodAllowed = f.site.snapshot().allowSendProd;
  for (let n = 0; n < (flags & 2 ? 2 : 1); n++) {
    const before = f.site.snapshot();
    const r = f.site.incoming(f.now + 1 + n, packet, from);
    check(OUTCOMES.has(r.outcome) && /^[A-Z0-9_]+$/.test(r.reason), `outcome ${r.outcome} / reason ${r.reason}`);
    for (const p of r.packets) {
      const d = decode(p.packet);
      check(d.ok && d.msg.label === p.label, `sent a ${p.label} that does not decode as one`);
    }
    // One packet in draws at most two out (a key-setup message and a NAK): no amplification.
    check(r.packets.length <= 2, `${r.packets.length} packets sent for one received`);
    const prods = r.packets.filter((p) => p.label === 'PROD');
    check(prods.length <= 1, 'more than one PROD for one packet');
    if (prods.length) {
      check(label === LABELS.NAK && r.reason === 'NAK_PROD_SENT', 'a PROD sent other than in answer to a NAK');
      check(prodAllowed, 'a PROD sent with no data packet since the last PROD');
      check(f.profile.sendStates.includes(before.state), `a PROD sent in state ${before.state}`);
      prodAllowed = false;
    }
    if (r.reason.startsWith('NAK_') && r.reason !== 'NAK_INDEX_MISMATCH') {
      check(readU32(packet, 4) === f.peerIndex, `a NAK from index ${readU32(packet, 4)} accepted (the session's peer is ${f.peerIndex})`);
    }
    for (const p of r.packets.filter((x) => x.label === 'NAK')) {
      check(label !== LABELS.NAK, 'a NAK answered with a NAK');
      check(r.outcome !== 'unclaimed' || packet.length > HEADER_LEN, 'an unclaimed packet of 12 bytes or less drew a NAK');
      check(p.to === from, 'a NAK sent somewhere other than back');
    }
    if (r.reason === 'PROD_HONOURED') {
      check(label === LABELS.PROD, 'PROD_HONOURED for a packet that is not a PROD');
      check(!before.keyHeld, 'a PROD honoured while a key is held');
      check(f.profile.honourStates.includes(before.state), `a PROD honoured in state ${before.state}`);
    }
    const delivered = r.events.filter((e) => e.type === 'DATA_DELIVERED');
    check(delivered.length === (r.reason === 'DATA_DELIVERED' ? 1 : 0), 'data delivered other than by an accepted MSG0');
  }
}

export function fuzz(data: Uint8Array): void {
  if (data.length < 2) return;
  checkIncoming(prodFuzzSite(data[0]), data[1], data.subarray(2));
}
