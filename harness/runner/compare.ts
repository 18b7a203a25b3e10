// Expected-vs-actual comparison: every key the vector expects must match; keys an
// IUT adds are ignored (at every level); arrays match element by element.

/** JSON pointer of the first difference, or null when `actual` satisfies `expected`. */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | null {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(expected, actual) ? null : path || '/';
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return path || '/';
    if (actual.length !== expected.length) return `${path}/length`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return path || '/';
  for (const [k, v] of Object.entries(expected)) {
    const d = firstDifference(v, (actual as Record<string, unknown>)[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (d) return d;
  }
  return null;
}

/** Value at a JSON pointer (for showing both sides of a difference). */
export function atPointer(v: unknown, pointer: string): unknown {
  if (pointer === '/' || pointer === '') return v;
  let cur: any = v;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (k === 'length' && Array.isArray(cur)) return cur.length;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}
