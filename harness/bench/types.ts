// A benchmark reports rows measured in one process run: the thing measured next to
// its raw baseline, as a ratio. Never a timed assertion in a test.
export interface BenchRow {
  name: string;
  /** What was counted, e.g. "leaf keys", "packets", "ops". */
  unit: string;
  /** Units per second of the thing measured. */
  rate: number;
  /** Optional baseline run in the same process, and target for rate/baselineRate (or baseline/rate). */
  baseline?: { name: string; rate: number };
  target?: string;
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Run `f` repeatedly for at least `ms` milliseconds; returns units per second. */
export async function measure(units: number, f: () => unknown | Promise<unknown>, ms = 1000): Promise<number> {
  await f(); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  let el = 0;
  do {
    await f();
    n++;
    el = Number(process.hrtime.bigint() - t0) / 1e6;
  } while (el < ms);
  return (n * units) / (el / 1000);
}
