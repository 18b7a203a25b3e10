// The requirement catalogue: one place, every mechanism.
import { KEYROT_REQUIREMENTS } from './keyrot.ts';
import type { Requirement } from './types.ts';

export const REQUIREMENTS: readonly Requirement[] = [...KEYROT_REQUIREMENTS];

export const requirementById = new Map(REQUIREMENTS.map((r) => [r.id, r]));
