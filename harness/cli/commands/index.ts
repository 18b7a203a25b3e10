// Every CLI command, each registering itself on the program.
import type { Command } from 'commander';
import { registerFuzz } from './fuzz.ts';
import { registerOps } from './ops.ts';
import { registerProperties } from './properties.ts';
import { registerReport } from './report.ts';
import { registerRun } from './run.ts';
import { registerSelftest } from './selftest.ts';
import { registerShim } from './shim.ts';
import { registerVectors } from './vectors.ts';

export const COMMANDS: ((p: Command) => void)[] = [registerRun, registerVectors, registerShim, registerOps, registerReport, registerProperties, registerSelftest, registerFuzz];
