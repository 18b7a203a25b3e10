// Every vector suite, in generation order.
import { keyrotKat } from './keyrot-kat.ts';
import { epochScenarios } from './epoch-scenarios.ts';
import type { SuiteDef } from './types.ts';

export const SUITES: readonly SuiteDef[] = [keyrotKat, epochScenarios];
