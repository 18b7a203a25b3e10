// One secnet site (our end of a tunnel to one peer) on a virtual clock, as far as
// NAK/PROD recovery needs it. Facts from ewxrjk/secnet site.c: the states and their
// transitions, send_msg retransmission, initiate_key_setup, generate_send_prod,
// site_outgoing (sets allow_send_prod), site_incoming (MSG1 and PROD by name, the
// rest by dest index; NAK accepted only from the current session's peer index),
// activate_new_key; and udp.c (an unclaimed packet longer than 12 bytes that is not
// a NAK draws a NAK). The key exchange's cryptography is abstract: the session key
// is the two nonces (initiator's first), and "encryption" prefixes it.
import { Drbg } from '../../crypto/index.ts';
import { concat, equal, readU32, u32be, utf8 } from '../../util/bytes.ts';
import type { ProdProfile, SiteConfig, SiteState } from './profile.ts';
import { HEADER_LEN, LABELS, NONCE_LEN, decode, encode, encodeHeader, nameMatches, senderExtra, type LabelName, type Message } from './wire.ts';

const KEY_LEN = 2 * NONCE_LEN;

export interface SentPacket {
  to: string;
  label: LabelName;
  packet: Uint8Array;
  /** Virtual ms at which it was sent (timers fire between calls). */
  at: number;
}

export type SiteEvent =
  | { type: 'STATE'; from: SiteState; to: SiteState; at: number }
  | { type: 'KEY_ACTIVATED'; at: number }
  | { type: 'KEY_DELETED'; reason: 'EXPIRED' | 'STOPPED'; at: number }
  | { type: 'DATA_DELIVERED'; data: Uint8Array; at: number };

export type Outcome = 'processed' | 'dropped' | 'unclaimed';

export interface Report {
  packets: SentPacket[];
  events: SiteEvent[];
}

export interface IncomingReport extends Report {
  /** processed: the site acted on it; dropped: the site claimed it and ignored it; unclaimed: not for this site (udp.c may NAK it). */
  outcome: Outcome;
  reason: string;
}

export interface OutgoingReport extends Report {
  outcome: 'sent' | 'discarded';
  reason: string;
}

export interface SiteSnapshot {
  state: SiteState;
  keyHeld: boolean;
  allowSendProd: boolean;
  now: number;
  /** The next instant a timer fires (retransmission, end of WAIT, resolution, key expiry), or null: secnet's poll timeout. */
  nextTimer: number | null;
}

interface DataKey {
  id: Uint8Array;
  expires: number;
  renegotiateAt: number;
}

/** The NAK a receiver sends back for `packet` (util.c send_nak: dest = their index, source = ours). */
export function nakFor(packet: Uint8Array): Uint8Array {
  return encodeHeader(readU32(packet, 4), readU32(packet, 0), LABELS.NAK);
}

/** udp.c: only a packet longer than 12 bytes whose label is not NAK draws a NAK ("prevents traffic amplification"). */
export function unclaimedDrawsNak(packet: Uint8Array): boolean {
  return packet.length > HEADER_LEN && readU32(packet, 8) !== LABELS.NAK;
}

export class Site {
  private st: SiteState;
  private now: number;
  private allowSendProd = false;
  private key: DataKey | null = null;
  /** current.remote_session_id: kept after the key is gone, as site.c does. */
  private peerIndex: number | null = null;
  private dataPeer: string | null = null;
  private setupPeer: string | null = null;
  private setupSessionId = 0;
  private localN: Uint8Array | null = null;
  private remoteN: Uint8Array | null = null;
  private newKey: Uint8Array | null = null;
  /** The key-setup packet being retransmitted (site.c st->buffer). */
  private pending: Message | null = null;
  private retries = 0;
  private timeout: number | null = null;
  private resolveAt: number | null = null;
  private readonly rng: Drbg;
  private readonly local: Uint8Array;
  private readonly remote: Uint8Array;
  /** site.c setup_priority: strcmp(localname, remotename) > 0 wins crossed MSG1s. */
  private readonly priority: boolean;
  private out: Report = { packets: [], events: [] };

  constructor(readonly profile: ProdProfile, readonly config: SiteConfig, now: number, run = true) {
    this.now = now;
    this.st = run ? 'RUN' : 'STOP';
    this.rng = new Drbg(`secnet-site/${config.seed}/${config.index}`);
    this.local = utf8(config.localName);
    this.remote = utf8(config.remoteName);
    this.priority = Buffer.compare(Buffer.from(this.local), Buffer.from(this.remote)) > 0;
  }

  snapshot(): SiteSnapshot {
    const due = this.dueTimers().map(([t]) => t);
    return { state: this.st, keyHeld: this.key !== null, allowSendProd: this.allowSendProd, now: this.now, nextTimer: due.length ? Math.min(...due) : null };
  }

  /** Let virtual time pass: retransmissions, WAIT expiry, resolution, key expiry. */
  advance(now: number): Report {
    this.begin(now);
    return this.end();
  }

  /** site_control: start (RUN) or stop (STOP, keys deleted). */
  control(now: number, run: boolean): Report {
    this.begin(now);
    if (run) this.enterRun();
    else {
      this.setState('STOP');
      this.timeout = null;
      this.resolveAt = null;
      this.newKey = null;
      this.deleteKey('STOPPED');
    }
    return this.end();
  }

  /** site_outgoing: the tunnel hands us a data packet for the peer. */
  outgoing(now: number, data: Uint8Array): OutgoingReport {
    this.begin(now);
    if (this.st === 'STOP') return { ...this.end(), outcome: 'discarded', reason: 'STOPPED' };
    this.allowSendProd = true;
    if (this.key && this.dataPeer) {
      this.send(this.dataPeer, { label: 'MSG0', dest: this.peerIndex ?? 0, source: this.config.index, payload: concat(this.key.id, u32be(LABELS.MSG9), data) });
      return { ...this.end(), outcome: 'sent', reason: 'ENCRYPTED' };
    }
    const started = this.initiate(null);
    return { ...this.end(), outcome: 'discarded', reason: started ? 'NO_KEY_EXCHANGE_STARTED' : 'NO_KEY' };
  }

  /** site_incoming, then udp.c's rule for packets no site claimed. */
  incoming(now: number, packet: Uint8Array, from: string): IncomingReport {
    this.begin(now);
    const [outcome, reason] = this.dispatch(packet, from);
    if (outcome === 'unclaimed' && unclaimedDrawsNak(packet)) this.sendRaw(from, 'NAK', nakFor(packet));
    return { ...this.end(), outcome, reason };
  }

  private begin(now: number): void {
    this.out = { packets: [], events: [] };
    this.runTimers(Math.max(now, this.now));
  }

  private end(): Report {
    return this.out;
  }

  /** Fire every timer due by `until`, each at its own instant (site.c fires when now > deadline). */
  private runTimers(until: number): void {
    for (;;) {
      const next = this.dueTimers().filter(([t]) => t <= until).sort((a, b) => a[0] - b[0])[0];
      if (!next) break;
      this.now = next[0];
      next[1]();
    }
    this.now = until;
  }

  private dueTimers(): [number, () => void][] {
    const due: [number, () => void][] = [];
    if (this.timeout !== null) due.push([this.timeout + 1, () => this.onTimeout()]);
    if (this.resolveAt !== null) due.push([this.resolveAt, () => this.resolveComplete()]);
    if (this.key) due.push([this.key.expires + 1, () => this.deleteKey('EXPIRED')]);
    return due;
  }

  private onTimeout(): void {
    this.timeout = null;
    if (this.st.startsWith('SENTMSG')) this.sendMsg();
    else if (this.st === 'WAIT') this.enterRun();
  }

  private dispatch(packet: Uint8Array, from: string): [Outcome, string] {
    if (packet.length < HEADER_LEN) return ['unclaimed', 'TRUNCATED_HEADER'];
    const label = readU32(packet, 8);
    if (label === LABELS.MSG1 || label === LABELS.PROD) {
      const d = decode(packet);
      if (!d.ok) return ['unclaimed', d.reason];
      const m = d.msg as Extract<Message, { label: 'MSG1' | 'PROD' }>;
      if (!nameMatches(m.sender, this.remote) || !nameMatches(m.receiver, this.local)) return ['unclaimed', 'NAMES_MISMATCH'];
      return m.label === 'PROD' ? this.onProd(from) : this.onMsg1(m as Extract<Message, { label: 'MSG1' }>, from);
    }
    if (readU32(packet, 0) !== this.config.index) return ['unclaimed', 'NOT_FOR_US'];
    const d = decode(packet);
    if (!d.ok) return ['dropped', d.reason];
    const m = d.msg;
    switch (m.label) {
      case 'NAK':
        return this.onNak(m.source, from);
      case 'MSG0':
        return this.onMsg0(packet, m.payload, from);
      case 'MSG2':
        return this.onSetup(m, 'SENTMSG1', 'SENTMSG3');
      case 'MSG3':
        return this.onSetup(m, 'SENTMSG2', 'SENTMSG4');
      case 'MSG4':
        return this.onSetup(m, 'SENTMSG3', 'SENTMSG5');
      case 'MSG5':
        return this.onMsg5(m.payload);
      case 'MSG6':
        return this.onMsg6(m.payload);
      default:
        return ['dropped', 'UNEXPECTED_LABEL'];
    }
  }

  private onProd(from: string): [Outcome, string] {
    if (!this.profile.honourStates.includes(this.st)) return ['dropped', 'PROD_WRONG_STATE'];
    if (this.profile.honourWithoutKeyOnly && this.key) return ['dropped', 'PROD_HAVE_KEY'];
    if (this.st === 'WAIT') this.enterRun();
    return this.initiate(from) ? ['processed', 'PROD_HONOURED'] : ['dropped', 'PROD_NO_ADDRESS'];
  }

  private onNak(source: number, from: string): [Outcome, string] {
    if (this.peerIndex === null || source !== this.peerIndex) return ['dropped', 'NAK_INDEX_MISMATCH'];
    if (this.initiate(from)) return ['processed', 'NAK_STARTED_EXCHANGE'];
    if (!this.allowSendProd) return ['processed', 'NAK_PROD_TOO_SOON'];
    if (!this.profile.sendStates.includes(this.st)) return ['processed', 'NAK_PROD_WRONG_STATE'];
    this.allowSendProd = false;
    const prod: Message = { label: 'PROD', dest: 0, source: 0, sender: { name: this.local, extra: new Uint8Array(0) }, receiver: { name: this.remote, extra: new Uint8Array(0) } };
    this.send(from, prod);
    return ['processed', 'NAK_PROD_SENT'];
  }

  private onMsg1(m: Extract<Message, { label: 'MSG1' }>, from: string): [Outcome, string] {
    if (this.st === 'RUN' || this.st === 'RESOLVE' || this.st === 'WAIT') {
      this.setupPeer = from; // a resolution under way still completes and then takes over (site.c)
    } else if (this.st === 'SENTMSG1') {
      if (this.priority) return ['dropped', 'MSG1_CROSSED_WE_WIN'];
    } else return ['dropped', 'UNEXPECTED_MSG1'];
    this.setupSessionId = m.source;
    this.remoteN = m.nSender;
    this.enterNewState('SENTMSG2');
    return ['processed', 'MSG1_ACCEPTED'];
  }

  private onSetup(m: Extract<Message, { label: 'MSG2' | 'MSG3' | 'MSG4' }>, expect: SiteState, next: SiteState): [Outcome, string] {
    if (this.st !== expect) return ['dropped', `UNEXPECTED_${m.label}`];
    if (!nameMatches(m.sender, this.remote) || !nameMatches(m.receiver, this.local)) return ['dropped', `${m.label}_WRONG_NAMES`];
    if (!this.localN || !equal(m.nReceiver, this.localN)) return ['dropped', `${m.label}_WRONG_NONCE`];
    if (m.label === 'MSG2') {
      this.setupSessionId = m.source;
      this.remoteN = m.nSender;
    } else {
      if (!this.remoteN || !equal(m.nSender, this.remoteN)) return ['dropped', `${m.label}_WRONG_NONCE`];
      // MSG3 reaches the responder, MSG4 the initiator; the key is initiator nonce || responder nonce.
      this.newKey = m.label === 'MSG3' ? concat(this.remoteN, this.localN) : concat(this.localN, this.remoteN);
    }
    this.enterNewState(next);
    return ['processed', `${m.label}_ACCEPTED`];
  }

  private onMsg5(payload: Uint8Array): [Outcome, string] {
    if (this.st === 'SENTMSG4' && this.newKey && opens(payload, this.newKey, LABELS.MSG5)) {
      this.enterNewState('RUN');
      return ['processed', 'MSG5_ACCEPTED'];
    }
    if (this.st === 'RUN' && this.key && this.dataPeer && opens(payload, this.key.id, LABELS.MSG5)) {
      this.sendRaw(this.dataPeer, 'MSG6', encode(this.msg56('MSG6', this.key.id, this.peerIndex ?? 0)));
      return ['processed', 'MSG5_MSG6_RESENT'];
    }
    return ['dropped', this.st === 'SENTMSG4' || this.st === 'RUN' ? 'MSG5_INVALID' : 'UNEXPECTED_MSG5'];
  }

  private onMsg6(payload: Uint8Array): [Outcome, string] {
    if (this.st !== 'SENTMSG5') return ['dropped', 'UNEXPECTED_MSG6'];
    if (!this.newKey || !opens(payload, this.newKey, LABELS.MSG6)) return ['dropped', 'MSG6_INVALID'];
    this.pending = null;
    this.activateNewKey();
    return ['processed', 'MSG6_ACCEPTED'];
  }

  private onMsg0(packet: Uint8Array, payload: Uint8Array, from: string): [Outcome, string] {
    let inner: Uint8Array | null = this.key ? opensAny(payload, this.key.id) : null;
    if (!inner && this.st === 'SENTMSG5' && this.newKey && (inner = opensAny(payload, this.newKey))) {
      // The peer got our MSG5 and uses the new key: its MSG6 was lost (site.c decrypt_msg0).
      this.pending = null;
      this.timeout = null;
      this.activateNewKey();
    }
    if (!inner) {
      this.initiate(null);
      this.sendRaw(from, 'NAK', nakFor(packet));
      return ['dropped', 'MSG0_UNDECRYPTABLE'];
    }
    if (inner.length < 4 || readU32(inner, 0) !== LABELS.MSG9) return ['dropped', 'MSG0_UNKNOWN_TYPE'];
    this.event({ type: 'DATA_DELIVERED', data: inner.slice(4), at: this.now });
    if (this.key && this.now > this.key.renegotiateAt) this.initiate(null);
    return ['processed', 'DATA_DELIVERED'];
  }

  /** initiate_key_setup: only from RUN; resolve a configured address, else use the hint or the old data peer. */
  private initiate(hint: string | null): boolean {
    if (this.st !== 'RUN') return false;
    if (this.config.peerAddress !== null) {
      this.setState('RESOLVE');
      this.resolveAt = this.now + this.config.resolveMs;
      if (this.config.resolveMs === 0) this.resolveComplete();
      return true;
    }
    if (!this.computeSetupPeer(null, hint)) return false;
    this.enterNewState('SENTMSG1');
    return true;
  }

  /** Resolution of the configured address completed (site.c decrement_resolving_count). */
  private resolveComplete(): void {
    this.resolveAt = null;
    const addr = this.config.peerAddress!;
    if (this.st === 'RESOLVE') {
      this.computeSetupPeer(addr, null);
      this.enterNewState('SENTMSG1');
    } else if (this.st.startsWith('SENTMSG')) {
      this.setupPeer = addr;
      this.dataPeer = addr;
    } else if (this.st === 'RUN') this.dataPeer = addr;
  }

  /** transport_compute_setupinit_peers for a non-mobile peer: configured, else incoming, else the old data peer. */
  private computeSetupPeer(configured: string | null, incoming: string | null): boolean {
    const p = configured ?? incoming ?? this.dataPeer;
    if (p === null) return false;
    this.setupPeer = p;
    return true;
  }

  private enterNewState(next: SiteState): void {
    this.pending = this.generate(next);
    this.retries = next === 'RUN' ? 1 : this.config.setupRetries; // MSG6 goes once: the peer retransmits MSG5
    this.sendMsg();
    this.setState(next);
    if (next === 'RUN') {
      this.pending = null;
      this.timeout = null;
      this.activateNewKey();
    }
  }

  private generate(next: SiteState): Message {
    const sender = (label: LabelName) => ({ name: this.local, extra: senderExtra(label, this.config.capabilities, this.config.mtu) });
    const receiver = { name: this.remote, extra: new Uint8Array(0) };
    const base = { source: this.config.index, receiver };
    switch (next) {
      case 'SENTMSG1':
        this.localN = this.rng.bytes(NONCE_LEN);
        return { label: 'MSG1', dest: 0, ...base, sender: sender('MSG1'), nSender: this.localN };
      case 'SENTMSG2':
        this.localN = this.rng.bytes(NONCE_LEN);
        return { label: 'MSG2', dest: this.setupSessionId, ...base, sender: sender('MSG2'), nSender: this.localN, nReceiver: this.remoteN! };
      case 'SENTMSG3':
      case 'SENTMSG4': {
        const label = next === 'SENTMSG3' ? 'MSG3' : 'MSG4';
        // pk and sig stand in for the DH share and the signature: opaque here.
        return { label, dest: this.setupSessionId, ...base, sender: sender(label), nSender: this.localN!, nReceiver: this.remoteN!, pk: this.rng.bytes(16), sig: new Uint8Array(0) };
      }
      case 'SENTMSG5':
        return this.msg56('MSG5', this.newKey!, this.setupSessionId);
      default:
        return this.msg56('MSG6', this.newKey!, this.setupSessionId);
    }
  }

  private msg56(label: 'MSG5' | 'MSG6', key: Uint8Array, dest: number): Message {
    return { label, dest, source: this.config.index, payload: concat(key, u32be(LABELS[label])) };
  }

  /** send_msg: transmit the pending setup packet while retries remain, else give up into WAIT. */
  private sendMsg(): void {
    if (this.retries > 0 && this.pending && this.setupPeer) {
      this.send(this.setupPeer, this.pending);
      this.timeout = this.now + this.config.setupTimeout;
      this.retries--;
    } else this.enterWait();
  }

  private enterWait(): void {
    this.setState('WAIT');
    this.timeout = this.now + this.config.waitTime;
    this.pending = null;
  }

  private enterRun(): void {
    this.setState('RUN');
    this.timeout = null;
    this.setupSessionId = 0;
    this.setupPeer = null;
    this.localN = null;
    this.remoteN = null;
    this.newKey = null;
    this.pending = null;
  }

  private activateNewKey(): void {
    this.key = { id: this.newKey!, expires: this.now + this.config.keyLifetime, renegotiateAt: this.now + this.config.renegotiateTime };
    this.peerIndex = this.setupSessionId;
    this.dataPeer = this.setupPeer;
    this.event({ type: 'KEY_ACTIVATED', at: this.now });
    this.enterRun();
  }

  private deleteKey(reason: 'EXPIRED' | 'STOPPED'): void {
    if (!this.key) return;
    this.key = null;
    this.event({ type: 'KEY_DELETED', reason, at: this.now });
  }

  private setState(to: SiteState): void {
    if (to !== this.st) this.event({ type: 'STATE', from: this.st, to, at: this.now });
    this.st = to;
  }

  private event(e: SiteEvent): void {
    this.out.events.push(e);
  }

  private send(to: string, m: Message): void {
    this.sendRaw(to, m.label, encode(m));
  }

  private sendRaw(to: string, label: LabelName, packet: Uint8Array): void {
    this.out.packets.push({ to, label, packet, at: this.now });
  }
}

/** The abstract transform: a payload opens under `key` when it starts with it. */
function opensAny(payload: Uint8Array, key: Uint8Array): Uint8Array | null {
  return payload.length >= KEY_LEN && equal(payload.subarray(0, KEY_LEN), key) ? payload.subarray(KEY_LEN) : null;
}

function opens(payload: Uint8Array, key: Uint8Array, label: number): boolean {
  const inner = opensAny(payload, key);
  return inner !== null && inner.length >= 4 && readU32(inner, 0) === label;
}
