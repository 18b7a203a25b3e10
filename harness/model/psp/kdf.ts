// PSP key derivation: AES-256-CMAC(master key, block) in SP800-108 counter mode.
// Block layout from google/psp src/psp_encrypt.c derive_psp_key_128(): counter u32 |
// 'P' 'v' 0x30+version 0x00 | SPI u32 | 0x0000 | key bits u16; SPI bit 31 picks the key.
import { aesCmac, type Backend } from '../../crypto/index.ts';
import { concat } from '../../util/bytes.ts';
import { SPI_KEY_SELECTOR, keyLen, type PspVersion } from './constants.ts';

export const MASTER_KEY_LEN = 32;

export function derivationBlock(counter: number, version: PspVersion, spi: number): Uint8Array {
  const bits = keyLen(version) * 8;
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, counter);
  b.set([0x50, 0x76, 0x30 + version, 0x00], 4);
  dv.setUint32(8, spi >>> 0);
  dv.setUint32(12, bits);
  return b;
}

/** The master key an SPI selects: bit 31 set picks master key 1. */
export const masterKeyIndex = (spi: number): 0 | 1 => ((spi & SPI_KEY_SELECTOR) !== 0 ? 1 : 0);

export function deriveKey(masterKeys: readonly [Uint8Array, Uint8Array], spi: number, version: PspVersion, backend?: Backend): Uint8Array {
  const mk = masterKeys[masterKeyIndex(spi)];
  const blocks = keyLen(version) / 16;
  const parts: Uint8Array[] = [];
  for (let c = 1; c <= blocks; c++) parts.push(aesCmac(mk, derivationBlock(c, version, spi), backend));
  return concat(...parts);
}
