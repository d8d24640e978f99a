// Structural comparison helper: AST → the same AST without source spans, so tests compare meaning only.

/** Deep copy without `span` keys (comments kept). */
export function stripSpans<T>(node: T): T {
  return strip(node) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}
