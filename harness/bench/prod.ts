// Site events per second: a keyed site in WAIT fed data packets, NAKs (each drawing a
// PROD when allowed) and time; baseline: the same count of wire decodes.
import { PROFILES, Site, decode, makeConfig } from '../model/prod/index.ts';
import { fromHex } from '../util/bytes.ts';
import { measure, type Bench } from './types.ts';

const NAK = fromHex('000000010000000700000000');
const PROD = fromHex('00000000000000000a0a0a0a0005616c7068610005627261766f');
const EVENTS = 1000;

function run(): void {
  const site = new Site(PROFILES['secnet-notes'], makeConfig({ localName: 'alpha', remoteName: 'bravo', index: 1, peerAddress: '198.51.100.2:1', seed: 'bench' }), 0);
  let now = 0;
  for (let i = 0; i < EVENTS; i++) {
    if (i % 3 === 0) site.outgoing(now, Uint8Array.of(i & 255));
    else if (i % 3 === 1) site.incoming(now, NAK, '198.51.100.2:1');
    else site.advance((now += 700));
  }
}

export const bench: Bench = {
  name: 'prod',
  async run() {
    const rate = await measure(EVENTS, run);
    const baseline = await measure(EVENTS, () => {
      for (let i = 0; i < EVENTS; i++) decode(PROD);
    });
    return [{ name: 'prod site events (data, NAK, time)', unit: 'events', rate, baseline: { name: 'PROD decodes', rate: baseline }, note: 'one site, secnet-notes; a MSG1 exchange that never completes, WAIT, PRODs' }];
  },
};
