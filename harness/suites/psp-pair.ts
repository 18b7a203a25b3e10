// Two PSP endpoints for scenarios: socket A on device DA receives, socket B on device DB
// sends (and both directions work once established). Steps bind DA, DB, A, B.
import type { Drbg } from '../crypto/index.ts';
import { toHex } from '../util/bytes.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import type { Scenario } from '../vectors/record.ts';

export interface PairOptions {
  /** Driver of B's device defers TX key deletion. */
  deferB?: boolean;
  profile?: JsonObject;
  version?: number;
  /** Rotate A's device this many times before the sockets are made. */
  preRotateA?: number;
}

export class PspPair {
  private seq: Record<string, number> = { A: 0, B: 0 };
  private sends = 0;

  constructor(readonly s: Scenario, private readonly rng: Drbg) {}

  key(): string {
    return toHex(this.rng.bytes(32));
  }

  /** Devices, sockets, RX assocs both ways, TX keys both ways; no traffic yet. */
  create(o: PairOptions = {}): void {
    const sock = { ...(o.version === undefined ? {} : { version: o.version }), ...(o.profile ? { profile: o.profile } : {}) };
    this.s.step('psp.dev_create', { key0: this.key(), key1: this.key() }, { bind: 'DA' });
    this.s.step('psp.dev_create', { key0: this.key(), key1: this.key(), deferTxKeyDel: o.deferB ?? false }, { bind: 'DB' });
    for (let i = 0; i < (o.preRotateA ?? 0); i++) this.rotate('DA');
    this.s.step('psp.sock_create', { dev: '@DA', ...sock }, { bind: 'A' });
    this.s.step('psp.sock_create', { dev: '@DB', ...sock }, { bind: 'B' });
    const ra = this.s.step('psp.rx_assoc', { sock: '@A' });
    const rb = this.s.step('psp.rx_assoc', { sock: '@B' });
    this.s.step('psp.tx_assoc', { sock: '@A', spi: rb.spi, key: rb.key });
    this.s.step('psp.tx_assoc', { sock: '@B', spi: ra.spi, key: ra.key });
  }

  /** create, then one packet each way so both sockets are fully established; descriptors EB and EA. */
  establish(o: PairOptions = {}): void {
    this.create(o);
    this.recv('A', this.send('B', 'EB').packet);
    this.recv('B', this.send('A', 'EA').packet);
  }

  /** New data from `who` (its next sequence number), bound to a descriptor name when given. */
  send(who: 'A' | 'B', bind?: string, len = 1 + this.rng.int(48)): { packet: string; seq: number } {
    const seq = this.seq[who];
    this.seq[who] += len;
    const r = this.s.step('psp.send', { sock: `@${who}`, seq, payload: toHex(this.rng.bytes(len)) }, { bind: bind ?? this.autoName() });
    return { packet: String(r.packet), seq };
  }

  /** Retransmit `len` bytes from `seq` (expected to be sent: the descriptor is bound). */
  resend(who: 'A' | 'B', seq: number, len: number, bind?: string): JsonObject {
    return this.s.step('psp.send', { sock: `@${who}`, seq, payload: toHex(this.rng.bytes(len)) }, { bind: bind ?? this.autoName() });
  }

  /** Descriptors are handles: each sent one gets a name, so vectors never hold a handle value. */
  private autoName(): string {
    return `S${++this.sends}`;
  }

  recv(who: 'A' | 'B', packet: string): JsonObject {
    return this.s.step('psp.recv', { sock: `@${who}`, packet });
  }

  /** RX rekey on `who`, handing the new SPI + key to the peer's TX side. */
  rekey(who: 'A' | 'B'): JsonObject {
    const r = this.s.step('psp.rx_rekey', { sock: `@${who}` });
    if (r.status === 'installed') this.s.step('psp.tx_rekey', { sock: `@${who === 'A' ? 'B' : 'A'}`, spi: r.spi, key: r.key });
    return r;
  }

  rotate(dev: 'DA' | 'DB'): void {
    this.s.step('psp.dev_rotate', { dev: `@${dev}`, key: this.key() });
  }
}
