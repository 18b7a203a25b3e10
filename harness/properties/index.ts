// Every stateful property, by mechanism.
import { epochProperty } from './epoch.ts';
import { oapProperty } from './oap.ts';
import { prodProperty } from './prod.ts';
import { pspProperty } from './psp.ts';
import type { PropertyDef } from './types.ts';

export const PROPERTIES: readonly PropertyDef[] = [epochProperty, pspProperty, prodProperty, oapProperty];
