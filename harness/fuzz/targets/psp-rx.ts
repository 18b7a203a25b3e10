// psp.recv on a socket holding two RX assocs (current and previous, after one rx
// rekey): mutated packets re-sealed under either assoc's derived key, so the two-assoc
// lookup, version check and every header rule are reached. Stateless per packet.
import { ReferenceEngine } from '../../../adapters/reference/engine.ts';
import { toHex } from '../../util/bytes.ts';
import type { Call, OopTarget } from '../types.ts';
import { PSP_KEYS, pspFields, pspGenome, pspWire } from './psp-decrypt.ts';

const SETUP: Call[] = [
  { op: 'psp.dev_create', args: { key0: toHex(PSP_KEYS[0]), key1: toHex(PSP_KEYS[1]) } },
  { op: 'psp.sock_create', args: { dev: '@0', version: 1 } },
  { op: 'psp.rx_assoc', args: { sock: '@1' } },
  { op: 'psp.rx_rekey', args: { sock: '@1' } },
];

/** The SPIs the model hands out for this setup (previous, current). */
function modelSpis(): number[] {
  const e = new ReferenceEngine();
  const h: string[] = [];
  const spis: number[] = [];
  for (const c of SETUP) {
    const args = JSON.parse(JSON.stringify(c.args).replace(/"@(\d)"/g, (_m, i) => JSON.stringify(h[Number(i)])));
    const r = e.call(c.op, args);
    if (!r.ok) throw new Error(`psp-rx setup ${c.op}: ${r.error.message}`);
    h.push(String(r.result.handle ?? ''));
    if (typeof r.result.spi === 'string') spis.push(parseInt(r.result.spi, 16));
  }
  return spis;
}

export const pspRx: OopTarget = {
  name: 'psp-rx',
  description: 'psp.recv with current and previous assocs: mutated packets re-sealed under either SPI key',
  setup: SETUP,
  seeds: () => modelSpis().flatMap((spi) => [pspGenome(1, 0, spi), pspGenome(1, 1, spi), pspGenome(1, 3, spi), pspGenome(0, 1, spi)]),
  fields: pspFields,
  calls: (g) => [{ op: 'psp.recv', args: { sock: '@1', packet: toHex(pspWire(g)) } }],
  verdict: (r) => ({ accept: r.status === 'accepted', reason: r.status === 'accepted' ? '' : String(r.reason) }),
};
