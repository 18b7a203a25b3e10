// One end of an encrypted flow with epoch grace (shared/seeds/000: "TX holds the old
// epoch until the peer is observed on the new one (or a grace deadline elapses),
// promoted from both the read and write paths"). Time is a virtual clock passed in.
import { KeyTree, counterLimit, makeProfile, openPacket, parseNonce, sealPacket, splitCounter, totalLeaves, type Direction, type KeyrotProfile } from '../keyrot/index.ts';

export type Role = 'initiator' | 'responder';

export type EpochEvent =
  | { type: 'RB_REKEY'; epoch: number }
  | { type: 'TX_PROMOTED'; from: number; to: number; cause: 'peer' | 'deadline' }
  | { type: 'RX_EPOCH_WIPED'; epoch: number };

export interface EpochState {
  txEpoch: number;
  txCtr: number;
  rxEpochs: number[];
  pending: { epoch: number; deadline: number } | null;
  oldRx: { epoch: number; expires: number } | null;
  rekeySignalled: boolean;
}

export type SendResult =
  | { status: 'sent'; packet: Uint8Array; events: EpochEvent[] }
  | { status: 'failed'; reason: 'CTR_EXHAUSTED'; events: EpochEvent[] };

export type DropReason = 'TRUNCATED' | 'BAD_NONCE' | 'CTR_RANGE' | 'UNKNOWN_EPOCH' | 'AUTH_FAILED';
export type RecvResult =
  | { status: 'accepted'; plaintext: Uint8Array; epoch: number; events: EpochEvent[] }
  | { status: 'dropped'; reason: DropReason; events: EpochEvent[] };

export type RekeyResult = { status: 'installed'; events: EpochEvent[] } | { status: 'refused'; reason: 'REKEY_PENDING' | 'BAD_EPOCH'; events: EpochEvent[] };

interface EpochKeys {
  epoch: number;
  tree: KeyTree;
}

export class EpochEndpoint {
  readonly profile: KeyrotProfile;
  private tx: EpochKeys;
  private txCtr = 0;
  /** RX keys by epoch; at most two, of different parity. */
  private rx: EpochKeys[];
  private pending: { epoch: number; deadline: number } | null = null;
  private oldRx: { epoch: number; expires: number } | null = null;
  private rekeySignalled = false;

  constructor(readonly role: Role, seed: Uint8Array, epoch = 0, profile: Partial<KeyrotProfile> = {}) {
    this.profile = makeProfile(profile);
    this.tx = { epoch: epoch & 0xff, tree: new KeyTree(this.profile, seed) };
    this.rx = [this.tx];
  }

  private get txDir(): Direction {
    return this.role === 'initiator' ? 0 : 1;
  }

  private get rxDir(): Direction {
    return this.role === 'initiator' ? 1 : 0;
  }

  state(): EpochState {
    return {
      txEpoch: this.tx.epoch,
      txCtr: this.txCtr,
      rxEpochs: this.rx.map((k) => k.epoch),
      pending: this.pending && { ...this.pending },
      oldRx: this.oldRx && { ...this.oldRx },
      rekeySignalled: this.rekeySignalled,
    };
  }

  /**
   * Install the next epoch's seed: RX accepts it at once, TX stays until promoted.
   * Refused while a transition is still under way (TX not promoted, or the old RX
   * epoch still held: the wire carries only epoch & 1, so three epochs would collide).
   */
  rekey(seed: Uint8Array, epoch: number, now: number): RekeyResult {
    const events = this.expire(now);
    if (this.pending || this.oldRx) return { status: 'refused', reason: 'REKEY_PENDING', events };
    if ((epoch & 0xff) !== ((this.tx.epoch + 1) & 0xff)) return { status: 'refused', reason: 'BAD_EPOCH', events };
    const next = { epoch: epoch & 0xff, tree: new KeyTree(this.profile, seed) };
    this.rx = [this.tx, next];
    this.pending = { epoch: next.epoch, deadline: now + this.profile.graceMs };
    return { status: 'installed', events };
  }

  send(plaintext: Uint8Array, now: number): SendResult {
    const events = this.tick(now);
    if (this.txCtr >= counterLimit(this.profile)) return { status: 'failed', reason: 'CTR_EXHAUSTED', events };
    const ctr = this.txCtr++;
    const packet = sealPacket(this.profile, this.tx.tree.keyFor(this.txDir, ctr), this.tx.epoch, ctr, plaintext);
    const { node, leaf } = splitCounter(this.profile, ctr);
    const left = totalLeaves(this.profile) - (node * this.profile.leavesPerNode + leaf);
    if (!this.rekeySignalled && left <= this.profile.watermark) {
      this.rekeySignalled = true;
      events.push({ type: 'RB_REKEY', epoch: this.tx.epoch });
    }
    return { status: 'sent', packet, events };
  }

  /** A dropped packet changes nothing; only the clock (checked on every read) may. */
  recv(packet: Uint8Array, now: number): RecvResult {
    const events = this.tick(now);
    const n = parseNonce(this.profile, packet);
    if (!n.ok) return { status: 'dropped', reason: n.reason, events };
    const keys = this.rx.find((k) => (k.epoch & 1) === n.parity);
    if (!keys) return { status: 'dropped', reason: 'UNKNOWN_EPOCH', events };
    const pt = openPacket(this.profile, keys.tree.keyFor(this.rxDir, n.ctr), packet);
    if (!pt) return { status: 'dropped', reason: 'AUTH_FAILED', events };
    if (this.pending && keys.epoch === this.pending.epoch) this.promote(now, 'peer', events);
    return { status: 'accepted', plaintext: pt, epoch: keys.epoch, events };
  }

  /** The read/write-path check: deadline promotion, then old-epoch expiry. */
  private tick(now: number): EpochEvent[] {
    const events: EpochEvent[] = [];
    if (this.pending && now >= this.pending.deadline) this.promote(now, 'deadline', events);
    events.push(...this.expire(now));
    return events;
  }

  private expire(now: number): EpochEvent[] {
    if (!this.oldRx || now < this.oldRx.expires) return [];
    const old = this.oldRx.epoch;
    for (const k of this.rx) if (k.epoch === old) k.tree.destroy();
    this.rx = this.rx.filter((k) => k.epoch !== old);
    this.oldRx = null;
    return [{ type: 'RX_EPOCH_WIPED', epoch: old }];
  }

  private promote(now: number, cause: 'peer' | 'deadline', events: EpochEvent[]): void {
    const next = this.rx.find((k) => k.epoch === this.pending!.epoch)!;
    events.push({ type: 'TX_PROMOTED', from: this.tx.epoch, to: next.epoch, cause });
    this.oldRx = { epoch: this.tx.epoch, expires: now + this.profile.graceMs };
    this.tx = next;
    this.txCtr = 0;
    this.rekeySignalled = false;
    this.pending = null;
  }
}
