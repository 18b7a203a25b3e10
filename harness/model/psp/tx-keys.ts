// The TX keys of one socket and their lifetime (shared/seeds/003: "as soon as we install
// the new tx key, we have no use for the previous one ... the driver can signal back to
// the core when it is safe to dispose of old tx keys"). A key is current, old (kept for
// retransmits under the seqno profile), retiring (deferred: descriptors still hold it)
// or freed. Each freeing is one key_freed event; a freed key is never selected again.
import type { RetransmitKey } from './profile.ts';

export type TxKeyStatus = 'current' | 'old' | 'retiring' | 'freed';

export interface TxKey {
  spi: number;
  key: Uint8Array;
  /** First sequence number sent under this key (snd_nxt at install). */
  startSeq: number;
  status: TxKeyStatus;
  /** Descriptors sent with this key and not completed. */
  inFlight: number;
  nextIv: bigint;
}

export type TxKeyEvent = { type: 'key_installed'; spi: number } | { type: 'key_freed'; spi: number };

export class TxKeyTable {
  readonly keys: TxKey[] = [];

  constructor(private readonly retransmitKey: RetransmitKey, private readonly deferDel: boolean) {}

  get current(): TxKey | undefined {
    const k = this.keys[this.keys.length - 1];
    return k && k.status === 'current' ? k : undefined;
  }

  /** Install a key from `startSeq` on; the previous current key becomes old. */
  install(spi: number, key: Uint8Array, startSeq: number, sndUna: number): TxKeyEvent[] {
    const prev = this.current;
    if (prev) prev.status = 'old';
    // PSP_INITIAL_IV = 1 (google/psp src/psp.h): the first packet under a key carries IV 1.
    this.keys.push({ spi, key: key.slice(), startSeq, status: 'current', inFlight: 0, nextIv: 1n });
    return [{ type: 'key_installed', spi }, ...this.settle(sndUna)];
  }

  /** The key a segment starting at `seq` goes out under: instant, the current one; seqno, the newest started at or before `seq`. */
  select(seq: number): TxKey | undefined {
    if (this.retransmitKey === 'instant') return this.current;
    for (let i = this.keys.length - 1; i >= 0; i--) if (this.keys[i].startSeq <= seq) return this.keys[i];
    return undefined;
  }

  /** A descriptor of `k` completed: drop its reference and free what may now be freed. */
  complete(k: TxKey, sndUna: number): TxKeyEvent[] {
    k.inFlight--;
    return this.settle(sndUna);
  }

  /**
   * Move keys along: old -> retiring once no retransmit can need them (at once when a
   * rekey is an instant; once everything sent before the successor started is acked under
   * seqno), retiring -> freed at once, or, with deferred deletion, at the last completion.
   */
  settle(sndUna: number): TxKeyEvent[] {
    const events: TxKeyEvent[] = [];
    this.keys.forEach((k, i) => {
      if (k.status === 'old' && (this.retransmitKey === 'instant' || sndUna >= this.keys[i + 1].startSeq)) k.status = 'retiring';
      if (k.status === 'retiring' && (!this.deferDel || k.inFlight === 0)) {
        k.status = 'freed';
        k.key.fill(0);
        events.push({ type: 'key_freed', spi: k.spi });
      }
    });
    return events;
  }
}
