// PSP packets decrypted per second by the model: decap of an IPv4 transport packet
// (SPI -> derived key by CMAC, then AES-GCM-256 open), node:crypto backend measured
// against the noble backend, at 64 and 1400 bytes of inner payload.
import { Drbg } from '../crypto/index.ts';
import { IP_PROTO_UDP, decap, deriveKey, encap } from '../model/psp/index.ts';
import { ipPacket, l4Segment } from '../suites/psp-inner.ts';
import { measure, type Bench, type BenchRow } from './types.ts';

const BATCH = 200;

function packetOf(size: number) {
  const rng = new Drbg(`bench/psp/${size}`);
  const keys = [rng.bytes(32), rng.bytes(32)] as const;
  const inner = ipPacket(rng, { ip: 4, proto: IP_PROTO_UDP, l4: l4Segment(rng, IP_PROTO_UDP, rng.bytes(size)) });
  const spi = 0x80000001;
  const e = encap('transport', deriveKey(keys, spi, 1), { spi, iv: 1n, version: 1, cryptOffset: 0, s: false, d: false }, inner);
  if (!e.ok) throw new Error(`bench: encap failed: ${e.reason}`);
  return { keys, packet: e.packet };
}

export const bench: Bench = {
  name: 'psp',
  async run() {
    const rows: BenchRow[] = [];
    for (const size of [64, 1400]) {
      const { keys, packet } = packetOf(size);
      const rate = (backend: 'node' | 'noble') =>
        measure(BATCH, () => {
          for (let i = 0; i < BATCH; i++) if (!decap(keys, packet, backend).ok) throw new Error('bench: decap failed');
        });
      const node = await rate('node');
      const noble = await rate('noble');
      rows.push({ name: `psp decap ${size}-byte payload, node:crypto`, unit: 'packets', rate: node, baseline: { name: 'same, noble', rate: noble }, note: 'IPv4 transport, version 1; key derived from the SPI on every packet' });
    }
    return rows;
  },
};
