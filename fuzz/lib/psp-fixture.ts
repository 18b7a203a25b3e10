// Master keys of the psp fuzz targets (the PSP spec's example keys, DESIGN.md "PSP");
// the seed corpus is sealed under them so mutants reach the ICV check and beyond.
import { fromHex } from '../../harness/util/bytes.ts';

export const PSP_FUZZ_MASTER_KEYS = [
  fromHex('34448a064292601b11a0978f56a2d34cf3fc35ede1a6bc04f8db3e5243a2b0ca'),
  fromHex('563952565d3a78ae773ec1b779f2f2d99f4a7f53a6fbb9b07d5b71f39364d739'),
] as const;
