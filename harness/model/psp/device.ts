// A PSP device: two master ("device") keys, a generation that moves on each rotation,
// and SPI allocation. Facts from Linux net/psp: generation is a u8 masked with
// PSP_GEN_VALID_MASK 0x7f (so it wraps after 127); on rotation active assocs become
// previous and previous become stale (psp_assocs_key_rotated). Per the PSP spec a rotation
// replaces the older master key, and the SPI's bit 31 (phase) names the key slot.
import type { Backend } from '../../crypto/index.ts';
import { SPI_KEY_SELECTOR, type PspVersion } from './constants.ts';
import { deriveKey } from './kdf.ts';

export const GENERATION_MASK = 0x7f;
const SPI_INDEX_LIMIT = 0x80000000;

export type DeviceEvent = { type: 'key_rotated'; generation: number; phase: 0 | 1 };

export interface DeviceState {
  generation: number;
  phase: 0 | 1;
  deferTxKeyDel: boolean;
}

export class PspDevice {
  private readonly masterKeys: [Uint8Array, Uint8Array];
  /** Rotations so far; unbounded, so staleness survives the generation wrapping. */
  private rotations = 0;
  private nextSpiIndex = 1;

  /** deferTxKeyDel: the driver keeps key handles in TX descriptors and frees an old key only when told it is safe. */
  constructor(key0: Uint8Array, key1: Uint8Array, readonly deferTxKeyDel: boolean, private readonly backend?: Backend) {
    this.masterKeys = [key0.slice(), key1.slice()];
  }

  get generation(): number {
    return this.rotations & GENERATION_MASK;
  }

  /** The master key slot new SPIs use. */
  get phase(): 0 | 1 {
    return (this.rotations & 1) as 0 | 1;
  }

  state(): DeviceState {
    return { generation: this.generation, phase: this.phase, deferTxKeyDel: this.deferTxKeyDel };
  }

  /** A new master key goes into the older slot, which becomes current. */
  rotate(newKey: Uint8Array): DeviceEvent[] {
    this.rotations++;
    this.masterKeys[this.phase] = newKey.slice();
    return [{ type: 'key_rotated', generation: this.generation, phase: this.phase }];
  }

  /** Mark of "when" an assoc was made, for isStale. */
  get epoch(): number {
    return this.rotations;
  }

  /** An assoc made at `epoch` survives one rotation and is stale after the second. */
  isStale(epoch: number): boolean {
    return this.rotations - epoch >= 2;
  }

  /** Next SPI on the current key: phase bit | index (the 31 low bits are never zero). Null when exhausted. */
  allocSpi(): number | null {
    if (this.nextSpiIndex >= SPI_INDEX_LIMIT) return null;
    return ((this.phase ? SPI_KEY_SELECTOR : 0) | this.nextSpiIndex++) >>> 0;
  }

  rxKey(spi: number, version: PspVersion): Uint8Array {
    return deriveKey(this.masterKeys, spi, version, this.backend);
  }
}
