// npm run bench [-- NAME…]: every benchmark, each as a ratio against a baseline measured
// in the same process run. Not a test: nothing here asserts a time.
import { BENCHES } from './index.ts';

const only = process.argv.slice(2);
const unknown = only.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));
console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const b of BENCHES.filter((x) => !only.length || only.includes(x.name))) {
  console.log(`\n## ${b.name}`);
  for (const r of await b.run()) {
    let line = `  ${r.name}: ${fmt(r.rate)} ${r.unit}/s`;
    if (r.baseline) line += `\n    baseline ${r.baseline.name}: ${fmt(r.baseline.rate)} ${r.unit}/s -> ratio ${(r.rate / r.baseline.rate).toFixed(3)} (baseline time / ours ${(r.baseline.rate / r.rate).toFixed(3)}x)`;
    if (r.target) line += `\n    target: ${r.target}`;
    if (r.note) line += `\n    ${r.note}`;
    console.log(line);
  }
}
