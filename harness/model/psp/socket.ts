// A PSP socket on a device: RX assocs (at most two: current, then previous) and TX keys.
// Rules from the rekey series (shared/seeds/003) and Linux net/psp/psp_sock.c:
// tx-assoc needs an Rx key; rx rekey needs the socket fully established (Tx key set and
// a packet seen on the current assoc) and, upstream, a new SPI of the other phase; the
// new assoc becomes current, current becomes previous, an older one is dropped.
import type { Backend } from '../../crypto/index.ts';
import { IP_PROTO_TCP, keyLen, type PspVersion } from './constants.ts';
import type { PspDevice } from './device.ts';
import { checkPacket, open, seal, type OpenReason } from './packet.ts';
import { makeProfile, type PspProfile } from './profile.ts';
import { TxKeyTable, type TxKey, type TxKeyEvent } from './tx-keys.ts';

export type Which = 'current' | 'previous';

interface RxAssoc {
  spi: number;
  key: Uint8Array;
  generation: number;
  /** Device rotation count when made (see PspDevice.isStale). */
  epoch: number;
}

export type SocketEvent = TxKeyEvent | { type: 'rx_assoc_installed'; spi: number } | { type: 'rx_assoc_dropped'; spi: number };

export interface Counters {
  accepted: number;
  authFailed: number;
  stale: number;
  unknownSpi: number;
  malformed: number;
}

export interface SocketState {
  rx: Record<Which, { spi: number; generation: number; stale: boolean } | null>;
  peerTx: boolean;
  counters: Counters;
  tx: { keys: { spi: number; status: string; inFlight: number }[]; sndNxt: number; sndUna: number };
}

type Refused<R extends string> = { status: 'refused'; reason: R; events: SocketEvent[] };

export type RxAssocResult = { status: 'installed'; spi: number; key: Uint8Array; events: SocketEvent[] } | Refused<'ALREADY_ASSOCIATED' | 'NO_RX_ASSOC' | 'NOT_ESTABLISHED' | 'SAME_PHASE' | 'SPI_EXHAUSTED'>;

export type DropReason = OpenReason | 'UNKNOWN_SPI' | 'STALE_ASSOC' | 'VERSION_MISMATCH';
export type RecvResult =
  | { status: 'accepted'; assoc: Which; spi: number; nextHeader: number; plaintext: Uint8Array; tried: Which[] }
  | { status: 'dropped'; reason: DropReason; assoc?: Which; spi?: number; tried: Which[] };

export type TxAssocResult = { status: 'installed'; events: SocketEvent[] } | Refused<'NO_RX_ASSOC' | 'TX_ALREADY_SET' | 'NO_TX_KEY' | 'NOT_ESTABLISHED' | 'BAD_SPI' | 'KEY_SIZE_MISMATCH'>;

/** One send: the descriptor handed to the driver references the key it used. */
export interface Descriptor {
  key: TxKey;
  completed: boolean;
}

export type SendResult =
  | { status: 'sent'; spi: number; iv: bigint; retransmit: boolean; packet: Uint8Array; descriptor: Descriptor }
  | Refused<'NO_TX_KEY' | 'ALREADY_ACKED'>;

export type CompleteResult = { status: 'completed'; spi: number; events: SocketEvent[] } | Refused<'ALREADY_COMPLETED'>;
export type AckResult = { status: 'acked'; events: SocketEvent[] } | Refused<'ACK_BEYOND_SENT'>;

export class PspSocket {
  readonly profile: PspProfile;
  private rx: Record<Which, RxAssoc | null> = { current: null, previous: null };
  private peerTx = false;
  private readonly counters: Counters = { accepted: 0, authFailed: 0, stale: 0, unknownSpi: 0, malformed: 0 };
  private readonly tx: TxKeyTable;
  private sndNxt = 0;
  private sndUna = 0;

  constructor(readonly dev: PspDevice, readonly version: PspVersion, profile: Partial<Omit<PspProfile, 'name'>> = {}, private readonly backend?: Backend) {
    this.profile = makeProfile(profile);
    this.tx = new TxKeyTable(this.profile.retransmitKey, dev.deferTxKeyDel);
  }

  state(): SocketState {
    const view = (a: RxAssoc | null) => a && { spi: a.spi, generation: a.generation, stale: this.dev.isStale(a.epoch) };
    return {
      rx: { current: view(this.rx.current), previous: view(this.rx.previous) },
      peerTx: this.peerTx,
      counters: { ...this.counters },
      tx: { keys: this.tx.keys.map((k) => ({ spi: k.spi, status: k.status, inFlight: k.inFlight })), sndNxt: this.sndNxt, sndUna: this.sndUna },
    };
  }

  /** Allocate an SPI on the device's current key and derive its Rx key (to hand to the peer). */
  rxAssoc(): RxAssocResult {
    if (this.rx.current) return { status: 'refused', reason: 'ALREADY_ASSOCIATED', events: [] };
    return this.installRx();
  }

  rxRekey(): RxAssocResult {
    const cur = this.rx.current;
    if (!cur) return { status: 'refused', reason: 'NO_RX_ASSOC', events: [] };
    if (!this.tx.current || !this.peerTx) return { status: 'refused', reason: 'NOT_ESTABLISHED', events: [] };
    if (this.profile.rxRekeyPhaseCheck && cur.spi >>> 31 === this.dev.phase) return { status: 'refused', reason: 'SAME_PHASE', events: [] };
    const dropped = this.rx.previous;
    const r = this.installRx();
    if (r.status === 'installed' && dropped) r.events.push({ type: 'rx_assoc_dropped', spi: dropped.spi });
    return r;
  }

  private installRx(): RxAssocResult {
    const spi = this.dev.allocSpi();
    if (spi === null) return { status: 'refused', reason: 'SPI_EXHAUSTED', events: [] };
    const a: RxAssoc = { spi, key: this.dev.rxKey(spi, this.version), generation: this.dev.generation, epoch: this.dev.epoch };
    if (this.rx.current) this.rx.previous = this.rx.current;
    this.rx.current = a;
    return { status: 'installed', spi, key: a.key, events: [{ type: 'rx_assoc_installed', spi }] };
  }

  /** A bare PSP packet (header .. ICV): matched against current, then previous, by SPI. */
  recv(packet: Uint8Array): RecvResult {
    const c = checkPacket(packet);
    const tried: Which[] = [];
    if (!c.ok) {
      this.counters.malformed++;
      return { status: 'dropped', reason: c.reason, tried };
    }
    const spi = c.header.spi;
    for (const which of ['current', 'previous'] as const) {
      const a = this.rx[which];
      if (!a) continue;
      tried.push(which);
      if (a.spi !== spi) continue;
      const drop = (reason: DropReason, counter: keyof Counters): RecvResult => {
        this.counters[counter]++;
        return { status: 'dropped', reason, assoc: which, spi, tried };
      };
      if (this.dev.isStale(a.epoch)) return drop('STALE_ASSOC', 'stale');
      if (c.version !== this.version) return drop('VERSION_MISMATCH', 'authFailed');
      const o = open(a.key, packet, c, this.backend);
      if (!o.ok) return drop('ICV_MISMATCH', 'authFailed');
      this.counters.accepted++;
      if (which === 'current') this.peerTx = true;
      return { status: 'accepted', assoc: which, spi, nextHeader: c.header.nextHeader, plaintext: o.payload, tried };
    }
    this.counters.unknownSpi++;
    return { status: 'dropped', reason: 'UNKNOWN_SPI', spi, tried };
  }

  txAssoc(spi: number, key: Uint8Array): TxAssocResult {
    if (!this.rx.current) return { status: 'refused', reason: 'NO_RX_ASSOC', events: [] };
    if (this.tx.keys.length) return { status: 'refused', reason: 'TX_ALREADY_SET', events: [] };
    return this.installTx(spi, key);
  }

  txRekey(spi: number, key: Uint8Array): TxAssocResult {
    if (!this.tx.current) return { status: 'refused', reason: 'NO_TX_KEY', events: [] };
    if (!this.peerTx) return { status: 'refused', reason: 'NOT_ESTABLISHED', events: [] };
    return this.installTx(spi, key);
  }

  private installTx(spi: number, key: Uint8Array): TxAssocResult {
    // Linux psp_nl_parse_key(): the 31 low bits of an SPI may not be zero.
    if ((spi & 0x7fffffff) === 0) return { status: 'refused', reason: 'BAD_SPI', events: [] };
    if (key.length !== keyLen(this.version)) return { status: 'refused', reason: 'KEY_SIZE_MISMATCH', events: [] };
    return { status: 'installed', events: this.tx.install(spi, key, this.sndNxt, this.sndUna) };
  }

  /** Send a TCP segment of `payload` starting at sequence number `seq` (below snd_nxt = a retransmit). */
  send(seq: number, payload: Uint8Array): SendResult {
    if (!this.tx.current) return { status: 'refused', reason: 'NO_TX_KEY', events: [] };
    if (seq < this.sndUna) return { status: 'refused', reason: 'ALREADY_ACKED', events: [] };
    const k = this.tx.select(seq);
    if (!k || k.status === 'freed') throw new Error('psp model: selected a freed TX key');
    const iv = k.nextIv++;
    const s = seal(k.key, { nextHeader: IP_PROTO_TCP, cryptOffset: 0, s: false, d: false, version: this.version, spi: k.spi, iv }, payload, this.backend);
    if (!s.ok) throw new Error(`psp model: seal failed: ${s.reason}`);
    const retransmit = seq < this.sndNxt;
    this.sndNxt = Math.max(this.sndNxt, seq + payload.length);
    k.inFlight++;
    return { status: 'sent', spi: k.spi, iv, retransmit, packet: s.packet, descriptor: { key: k, completed: false } };
  }

  txComplete(d: Descriptor): CompleteResult {
    if (d.completed) return { status: 'refused', reason: 'ALREADY_COMPLETED', events: [] };
    d.completed = true;
    return { status: 'completed', spi: d.key.spi, events: this.tx.complete(d.key, this.sndUna) };
  }

  /** The peer acknowledged everything below `upTo`. */
  ack(upTo: number): AckResult {
    if (upTo > this.sndNxt) return { status: 'refused', reason: 'ACK_BEYOND_SENT', events: [] };
    this.sndUna = Math.max(this.sndUna, upTo);
    return { status: 'acked', events: this.tx.settle(this.sndUna) };
  }
}
