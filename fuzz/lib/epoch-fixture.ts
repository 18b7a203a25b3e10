// The endpoint the epoch-recv targets fuzz: a responder on epoch 0 with epoch 1
// pending, so packets of both parities are meaningful. The initiator side makes seeds.
import { EpochEndpoint, type Role } from '../../harness/model/epoch/endpoint.ts';

export const EPOCH_FUZZ_SEEDS = [new Uint8Array(32).fill(0x11), new Uint8Array(32).fill(0x22)];
export const EPOCH_FUZZ_NOW = 1;

export function epochFuzzEndpoint(role: Role = 'responder'): EpochEndpoint {
  const e = new EpochEndpoint(role, EPOCH_FUZZ_SEEDS[0], 0, { graceMs: 1000 });
  e.rekey(EPOCH_FUZZ_SEEDS[1], 1, 0);
  return e;
}
