// Every vector suite, in generation order.
import { keyrotKat } from './keyrot-kat.ts';
import { epochScenarios } from './epoch-scenarios.ts';
import { prodKat } from './prod-kat.ts';
import { prodScenarios069, prodScenariosNotes } from './prod-scenarios.ts';
import { pspKdfKat } from './psp-kdf-kat.ts';
import { pspPacketKat } from './psp-packet-kat.ts';
import { pspRxScenarios } from './psp-rx-scenarios.ts';
import { pspTxScenarios } from './psp-tx-scenarios.ts';
import { oapDecodeKat } from './oap-decode-kat.ts';
import { oapExchange } from './oap-exchange.ts';
import { oapFreshness } from './oap-freshness.ts';
import { oapRekey } from './oap-rekey.ts';
import type { SuiteDef } from './types.ts';

export const SUITES: readonly SuiteDef[] = [keyrotKat, epochScenarios, prodKat, prodScenariosNotes, prodScenarios069, pspKdfKat, pspPacketKat, pspRxScenarios, pspTxScenarios, oapDecodeKat, oapExchange, oapFreshness, oapRekey];
