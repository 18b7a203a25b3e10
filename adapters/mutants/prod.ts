// secnet PROD bugs (requirements PROD-*), planted in the sites prod.createSite makes.
import { HEADER_LEN, Site, nakFor, type ProdProfile } from '../../harness/model/prod/index.ts';
import type { OpDef } from '../ops/types.ts';
import { adopt, derive, replaceOp, type Method } from './patch.ts';
import type { Mutant } from './types.ts';

const site = (patches: Record<string, (orig: Method) => Method>) => (ops: readonly OpDef[]) => adopt(ops, 'prod.createSite', 'prod-site', derive(Site, patches));

/** The site's profile with one reading changed (both profiles, so each vector file sees the bug). */
const profile = (change: (p: ProdProfile) => Partial<ProdProfile>) => (ops: readonly OpDef[]) =>
  replaceOp(ops, 'prod.createSite', (orig) => (a, ctx) => {
    const r = orig(a, ctx);
    const s = ctx.handles.get<{ profile: ProdProfile }>('prod-site', r.handle);
    s.profile = { ...s.profile, ...change(s.profile) };
    return r;
  });

export const prodMutants: Mutant[] = [
  {
    name: 'prod-sent-in-sentmsg',
    mechanism: 'prod',
    reqs: ['PROD-009'],
    bug: 'a NAK in SENTMSG1-5 draws a PROD (it can only disturb an exchange the peer is already in)',
    ops: profile((p) => ({ sendStates: [...p.sendStates, 'SENTMSG1', 'SENTMSG2', 'SENTMSG3', 'SENTMSG4', 'SENTMSG5'] })),
  },
  {
    name: 'prod-every-nak',
    mechanism: 'prod',
    reqs: ['PROD-005'],
    bug: 'sending a PROD does not clear allow_send_prod: every NAK draws a PROD (traffic amplification)',
    ops: site({
      onNak: (orig) => function (source, from) {
        const r = orig.call(this, source, from);
        if (r[1] === 'NAK_PROD_SENT') this.allowSendProd = true;
        return r;
      },
    }),
  },
  {
    name: 'prod-honoured-while-keyed',
    mechanism: 'prod',
    reqs: ['PROD-012'],
    bug: 'a PROD starts a key exchange even while the receiver holds a working key',
    ops: profile(() => ({ honourWithoutKeyOnly: false })),
  },
  {
    name: 'prod-nak-any-source',
    mechanism: 'prod',
    reqs: ['PROD-006'],
    bug: 'a NAK is accepted whatever its source index, not only from the current session\'s peer',
    ops: site({
      onNak: (orig) => function (source, from) {
        return orig.call(this, this.peerIndex ?? source, from);
      },
    }),
  },
  {
    name: 'prod-nak-loop',
    mechanism: 'prod',
    reqs: ['PROD-017'],
    bug: 'an unclaimed packet of exactly 12 bytes (a bare NAK) draws a NAK: off by one in the length check, so NAKs answer NAKs',
    ops: site({
      incoming: (orig) => function (now, packet, from) {
        const r = orig.call(this, now, packet, from);
        if (r.outcome === 'unclaimed' && packet.length === HEADER_LEN) r.packets.push({ to: from, label: 'NAK', packet: nakFor(packet), at: this.now });
        return r;
      },
    }),
  },
];
