// The requirement catalogue: one place, every mechanism.
import { KEYROT_REQUIREMENTS } from './keyrot.ts';
import { PSP_REQUIREMENTS } from './psp.ts';
import { PROD_REQUIREMENTS } from './prod.ts';
import { OAP_REQUIREMENTS } from './oap.ts';
import type { Requirement } from './types.ts';

export const REQUIREMENTS: readonly Requirement[] = [...KEYROT_REQUIREMENTS, ...PSP_REQUIREMENTS, ...PROD_REQUIREMENTS, ...OAP_REQUIREMENTS];

export const requirementById = new Map(REQUIREMENTS.map((r) => [r.id, r]));
