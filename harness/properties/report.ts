// How a property outcome reads on the console: verdict, profile note, and for a
// failure the minimal sequence, the first divergent step (expected vs actual per
// IUT), seed and path, and one-line reproducers.
import type { PropertyOutcome } from './check.ts';
import type { PropertyDef } from './types.ts';

const shq = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const short = (v: unknown, n = 300) => {
  const s = JSON.stringify(v);
  return s.length > n ? `${s.slice(0, n - 3)}...` : s;
};

export interface ReproContext {
  /** Where the minimal trace was saved, if it was. */
  file?: string;
  steps: number;
}

export function reproducers(o: PropertyOutcome, ctx: ReproContext): string[] {
  const adapters = o.targets.map((t) => `--adapter ${shq(t)}`).join(' ');
  const search = `npx rekey-harness ${o.targets.length > 1 ? 'diff' : 'properties'} ${adapters} --property ${o.property} --seed ${o.seed} --path ${shq(o.path ?? '')} --steps ${ctx.steps}`;
  return [...(ctx.file ? o.targets.map((t) => `npx rekey-harness run --adapter ${shq(t)} --vectors ${shq(ctx.file!)}`) : []), search];
}

export function formatOutcome(def: PropertyDef, o: PropertyOutcome, ctx: ReproContext): string {
  const head = `${o.status.toUpperCase().padEnd(7)} ${o.property} vs ${o.targets.join(' + ')}: ${o.message} (${o.runs} runs, seed ${o.seed}, ${(o.durationMs / 1000).toFixed(1)} s)`;
  const lines = [head, `        profile: ${def.profileNote}`];
  const c = o.counterexample;
  if (!c) return lines.join('\n');
  const d = c.divergence;
  lines.push(`        shrunk ${c.shrinks} times to ${c.trace.length} steps (seed ${o.seed}, path ${o.path}); minimal sequence:`);
  c.trace.forEach((s, i) => lines.push(`   ${String(i + 1).padStart(3)}. ${s.op} ${short(s.args, 160)}${s.bind ? ` -> ${s.bind}` : ''}`));
  lines.push(`        first divergence: step ${d.step + 1} ${d.op}`);
  lines.push(`          expected (model): ${short(d.expected)}`);
  for (const a of d.answers) lines.push(`          ${a.pointer === null ? 'agrees ' : 'DIFFERS'} ${a.spec}: ${a.pointer === null ? '' : `${a.message}; `}actual ${short(a.actual)}`);
  if (ctx.file) lines.push(`        saved: ${ctx.file}`);
  for (const r of reproducers(o, ctx)) lines.push(`        reproduce: ${r}`);
  return lines.join('\n');
}
