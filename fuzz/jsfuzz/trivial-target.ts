// The benchmark baseline: a target that does next to nothing, so jsfuzz's own cost
// per exec (IPC, coverage count) is what its rate measures.
export function fuzz(data: Uint8Array): void {
  if (data.length > 2 && data[0] === 0x52 && data[1] === 0x48) data[2]++;
}
