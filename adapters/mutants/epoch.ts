// Epoch-grace bugs (requirements EPOCH-*), planted in the endpoint objects that
// epoch.create makes.
import { EpochEndpoint } from '../../harness/model/epoch/endpoint.ts';
import type { OpDef } from '../ops/types.ts';
import { adopt, derive, type Method } from './patch.ts';
import type { Mutant } from './types.ts';

const endpoint = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'epoch.create', 'epoch', derive(EpochEndpoint, patches));

export const epochMutants: Mutant[] = [
  {
    name: 'epoch-promote-before-peer',
    mechanism: 'epoch',
    reqs: ['EPOCH-001'],
    bug: 'TX moves to the new epoch as soon as it is installed, before the peer is seen or the deadline passes',
    ops: endpoint({
      rekey: (orig) => function (seed, epoch, now) {
        const r = orig.call(this, seed, epoch, now);
        if (r.status === 'installed') this.promote(now, 'peer', r.events);
        return r;
      },
    }),
  },
  {
    name: 'epoch-no-peer-promotion',
    mechanism: 'epoch',
    reqs: ['EPOCH-002'],
    bug: 'a packet authenticated under the new epoch does not promote TX: only the deadline does',
    ops: endpoint({
      promote: (orig) => function (now, cause, events) {
        if (cause !== 'peer') orig.call(this, now, cause, events);
      },
    }),
  },
  {
    name: 'epoch-promote-write-only',
    mechanism: 'epoch',
    reqs: ['EPOCH-003'],
    bug: 'the grace deadline is checked on the write path only: a receive-only flow never promotes',
    ops: endpoint({
      recv: (orig) => function (packet, now) {
        this.readPath = true;
        try {
          return orig.call(this, packet, now);
        } finally {
          this.readPath = false;
        }
      },
      tick: (orig) => function (now) {
        if (!this.readPath || !this.pending) return orig.call(this, now);
        const held = this.pending;
        this.pending = null;
        const events = orig.call(this, now);
        this.pending = held;
        return events;
      },
    }),
  },
  {
    name: 'epoch-old-dropped-at-promotion',
    mechanism: 'epoch',
    reqs: ['EPOCH-005'],
    bug: 'the old RX epoch is wiped on the first call after promotion instead of at T2 = promotion + grace',
    ops: endpoint({
      promote: (orig) => function (now, cause, events) {
        orig.call(this, now, cause, events);
        this.oldRx.expires = now;
      },
    }),
  },
  {
    name: 'epoch-promote-before-auth',
    mechanism: 'epoch',
    reqs: ['EPOCH-006'],
    bug: 'a packet carrying the new epoch\'s parity promotes TX even when it fails authentication (rotation decided before authenticating)',
    ops: endpoint({
      recv: (orig) => function (packet, now) {
        const r = orig.call(this, packet, now);
        if (r.status === 'dropped' && r.reason === 'AUTH_FAILED' && this.pending && packet[0] >> 7 === (this.pending.epoch & 1)) this.promote(now, 'peer', r.events);
        return r;
      },
    }),
  },
  {
    name: 'epoch-rekey-while-pending',
    mechanism: 'epoch',
    reqs: ['EPOCH-007'],
    bug: 'a rekey while TX has not been promoted yet is not refused as pending: it replaces the pending epoch (or fails on the epoch number, dropping it)',
    ops: endpoint({
      rekey: (orig) => function (seed, epoch, now) {
        if (this.pending && !this.oldRx) this.pending = null;
        return orig.call(this, seed, epoch, now);
      },
    }),
  },
  {
    name: 'epoch-ctr-not-reset',
    mechanism: 'epoch',
    reqs: ['EPOCH-008'],
    bug: 'promotion keeps the TX counter of the old epoch instead of starting the new one at 0',
    ops: endpoint({
      promote: (orig) => function (now, cause, events) {
        const ctr = this.txCtr;
        orig.call(this, now, cause, events);
        this.txCtr = ctr;
      },
    }),
  },
  {
    name: 'epoch-no-wrap',
    mechanism: 'epoch',
    reqs: ['EPOCH-009'],
    bug: 'the next epoch is computed without wrapping: after epoch 255 every rekey is refused',
    ops: endpoint({
      rekey: (orig) => function (seed, epoch, now) {
        const events = this.expire(now);
        if (!this.pending && !this.oldRx && epoch !== this.tx.epoch + 1) return { status: 'refused', reason: 'BAD_EPOCH', events };
        const r = orig.call(this, seed, epoch, now);
        return { ...r, events: [...events, ...r.events] };
      },
    }),
  },
];
