// Every CLI command, each registering itself on the program.
import type { Command } from 'commander';
import { registerOps } from './ops.ts';
import { registerRun } from './run.ts';
import { registerShim } from './shim.ts';
import { registerVectors } from './vectors.ts';

export const COMMANDS: ((p: Command) => void)[] = [registerRun, registerVectors, registerShim, registerOps];
