// The report parsed by parse5 (the WHATWG HTML parsing algorithm, written by others),
// with the few queries the tests need.
import { parse } from 'parse5';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  /** Text content of the subtree. */
  text: string;
}

type P5 = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: P5[]; value?: string; content?: P5 };

function convert(n: P5): El {
  const children: El[] = [];
  let text = '';
  for (const k of (n.content ?? n).childNodes ?? []) {
    if (k.nodeName === '#text') text += k.value ?? '';
    else if (k.tagName) {
      const c = convert(k);
      children.push(c);
      text += c.text;
    }
  }
  return { tag: n.tagName ?? n.nodeName, attrs: Object.fromEntries((n.attrs ?? []).map((a) => [a.name, a.value])), children, text };
}

export function parseHtml(html: string): El {
  return convert(parse(html) as unknown as P5);
}

export function all(root: El, pred: (e: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    if (pred(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

export const hasClass = (e: El, c: string) => (e.attrs.class ?? '').split(/\s+/).includes(c);
export const byTag = (root: El, tag: string) => all(root, (e) => e.tag === tag);
export const byClass = (root: El, c: string) => all(root, (e) => hasClass(e, c));
