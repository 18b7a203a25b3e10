// AES-CMAC (RFC 4493 / NIST SP 800-38B) over node:crypto's AES, so CMAC has a second
// backend next to noble's: CBC-MAC with a zero IV over the message whose last block is
// XORed with subkey K1 (complete block) or padded with 10* and XORed with K2.
import * as nodeCrypto from 'node:crypto';

const BLOCK = 16;
const RB = 0x87;

function aesEcb(key: Uint8Array): (block: Uint8Array) => Uint8Array {
  const alg = `aes-${key.length * 8}-ecb`;
  return (block) => {
    const c = nodeCrypto.createCipheriv(alg, key, null).setAutoPadding(false);
    return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
  };
}

/** Left shift by one bit; XOR Rb into the last byte when the shifted-out bit was 1. */
function dbl(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = ((b[i] << 1) | (i + 1 < BLOCK ? b[i + 1] >>> 7 : 0)) & 0xff;
  if (b[0] & 0x80) out[BLOCK - 1] ^= RB;
  return out;
}

export function aesCmacNode(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (![16, 24, 32].includes(key.length)) throw new RangeError('aesCmac: key must be 16, 24 or 32 bytes');
  const enc = aesEcb(key);
  const k1 = dbl(enc(new Uint8Array(BLOCK)));
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(data.length / BLOCK));
  const complete = data.length > 0 && data.length % BLOCK === 0;
  const last = new Uint8Array(BLOCK);
  const tail = data.subarray((n - 1) * BLOCK);
  last.set(tail);
  if (!complete) last[tail.length] = 0x80;
  const sub = complete ? k1 : k2;
  for (let i = 0; i < BLOCK; i++) last[i] ^= sub[i];
  let x: Uint8Array = new Uint8Array(BLOCK);
  for (let b = 0; b < n; b++) {
    const m = b === n - 1 ? last : data.subarray(b * BLOCK, (b + 1) * BLOCK);
    const y = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) y[i] = x[i] ^ m[i];
    x = enc(y);
  }
  return x;
}
