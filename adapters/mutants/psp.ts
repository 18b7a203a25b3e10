// PSP bugs (requirements PSP-RX-*, PSP-TX-*), planted in the sockets psp.sock_create makes.
import { PspDevice, PspSocket, TxKeyTable, checkPacket, deriveKey, open } from '../../harness/model/psp/index.ts';
import type { OpDef } from '../ops/types.ts';
import { adopt, derive, replaceOp, rewriteArgs, type Method } from './patch.ts';
import type { Mutant } from './types.ts';

const device = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'psp.dev_create', 'pspdev', derive(PspDevice, patches));
const socket = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'psp.sock_create', 'pspsock', derive(PspSocket, patches));

export const pspMutants: Mutant[] = [
  {
    name: 'psp-tx-free-early',
    mechanism: 'psp',
    reqs: ['PSP-TX-005', 'PSP-TX-006'],
    bug: 'the core ignores the driver\'s deferred TX key deletion: the old key is freed at the rekey while descriptors still hold it',
    ops: (ops) =>
      replaceOp(ops, 'psp.sock_create', (orig) => (a, ctx) => {
        const r = orig(a, ctx);
        ctx.handles.get<{ tx: { deferDel: boolean } }>('pspsock', r.handle).tx.deferDel = false;
        return r;
      }),
  },
  {
    name: 'psp-rx-three-assocs',
    mechanism: 'psp',
    reqs: ['PSP-RX-001', 'PSP-RX-003'],
    bug: 'rx rekey keeps the dropped assoc around: a packet on the third-oldest SPI is still accepted',
    ops: socket({
      rxRekey: (orig) => function () {
        const older = this.rx.previous;
        const r = orig.call(this);
        if (r.status === 'installed') this.older = older;
        return r;
      },
      recv: (orig) => function (packet) {
        const r = orig.call(this, packet);
        const c = checkPacket(packet);
        if (r.status !== 'dropped' || r.reason !== 'UNKNOWN_SPI' || !this.older || !c.ok || c.header.spi !== this.older.spi) return r;
        const o = open(this.older.key, packet, c);
        if (!o.ok) return r;
        this.counters.unknownSpi--;
        this.counters.accepted++;
        return { status: 'accepted', assoc: 'previous', spi: c.header.spi, nextHeader: c.header.nextHeader, plaintext: o.payload, tried: r.tried };
      },
    }),
  },
  {
    name: 'psp-previous-first',
    mechanism: 'psp',
    reqs: ['PSP-RX-002'],
    bug: 'a received packet is looked up in the previous assoc before the current one',
    ops: socket({
      recv: (orig) => function (packet) {
        const r = orig.call(this, packet);
        if (!r.tried.length) return r;
        const order = ['previous', 'current'].filter((w) => this.rx[w]);
        return { ...r, tried: r.assoc ? order.slice(0, order.indexOf(r.assoc) + 1) : order };
      },
    }),
  },
  {
    name: 'psp-tx-key-leaked',
    mechanism: 'psp',
    reqs: ['PSP-TX-006'],
    bug: 'with deferred deletion, completing the last descriptor of a retiring key does not free it: the key leaks',
    ops: (ops) =>
      replaceOp(ops, 'psp.sock_create', (orig) => (a, ctx) => {
        const r = orig(a, ctx);
        Object.setPrototypeOf(ctx.handles.get<{ tx: object }>('pspsock', r.handle).tx, derive(TxKeyTable, {
          complete: (done) => function (k, sndUna) {
            if (k.status !== 'retiring') return done.call(this, k, sndUna);
            k.inFlight--;
            return [];
          },
        }));
        return r;
      }),
  },
  {
    name: 'psp-kdf-ignores-key-bit',
    mechanism: 'psp',
    reqs: ['PSP-KDF-003'],
    bug: 'key derivation ignores SPI bit 31 and always uses master key 0',
    ops: (ops) =>
      device({ rxKey: () => function (spi, version) { return deriveKey([this.masterKeys[0], this.masterKeys[0]], spi, version); } })(
        rewriteArgs(ops, ['psp.derive'], (a) => ({ ...a, key1: a.key0 })),
      ),
  },
  {
    name: 'psp-stale-survives',
    mechanism: 'psp',
    reqs: ['PSP-RX-004'],
    bug: 'an RX assoc survives the second device-key rotation: packets on it are still accepted',
    ops: device({ isStale: () => function (epoch) { return this.rotations - epoch >= 3; } }),
  },
];
