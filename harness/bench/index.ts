// Every benchmark `npm run bench` runs, in order.
import { bench as keyrot } from './keyrot.ts';
import { bench as adapter } from './adapter.ts';
import { bench as psp } from './psp.ts';
import { bench as oap } from './oap.ts';
import { bench as prod } from './prod.ts';
import { bench as properties } from './properties.ts';
import { bench as fuzz } from './fuzz.ts';
import type { Bench } from './types.ts';

export const BENCHES: Bench[] = [keyrot, adapter, psp, oap, prod, properties, fuzz];
