// Small generators shared by the properties.
import fc from 'fast-check';
import { Drbg } from '../crypto/index.ts';
import { toHex } from '../util/bytes.ts';
import type { Command } from './types.ts';

export const hexBytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map(toHex);

/** A key or seed named by (base, label): both ends of a flow derive the same one, and a trace stays short. */
export const keyFor = (base: number, label: string, n = 32) => toHex(new Drbg(`property/${base}/${label}`).bytes(n));

/** Flip one bit of a hex string (position taken modulo its length). */
export function flipBit(hex: string, at: number): string {
  const b = Buffer.from(hex, 'hex');
  if (!b.length) return '00';
  b[at % b.length] ^= 1 << at % 8;
  return b.toString('hex');
}

export const cmd = <W>(label: string, run: Command<W>['run'], check?: Command<W>['check']): Command<W> => ({ label, run, ...(check ? { check } : {}) });
