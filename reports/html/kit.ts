// Building HTML safely: every value interpolated into `html\`...\`` is escaped unless
// it is itself an Html fragment, so strings from an IUT can never become markup.
import { escape } from 'html-escaper';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(v: Part): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escape(String(v));
}

/** Template tag: literal parts are markup, interpolations are escaped text. Quote attributes. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup we wrote ourselves (the stylesheet); never for data. */
export const trusted = (markup: string): Html => new Html(markup);

/** Shorten for display; a hostile IUT may answer megabytes. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length - max} more characters)`;
}

export function jsonText(v: unknown, max = 4000): string {
  const s = v === undefined ? '(none)' : JSON.stringify(v, null, 1);
  return clip(s ?? String(v), max);
}

/** Seconds with one decimal, or ms below one second. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '?';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A verdict as a coloured label (class v-<verdict> in the stylesheet). */
export const badge = (verdict: string): Html => html`<span class="badge v-${verdict}">${verdict}</span>`;
