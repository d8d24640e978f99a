// DSL text inside a YAML scalar → AST and diagnostics whose spans point into the YAML file.
import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { LineIndex, Position, Span } from '../span.js';

/** Parse functions of the text front end take positions relative to this origin; we remap afterwards. */
export const ORIGIN: Position = { line: 1, column: 1, offset: 0 };

/**
 * Maps an index in a scalar's value to an offset in the YAML text. Quoting, escapes, folding and block
 * indentation make value and source differ, so the value's characters are aligned greedily with the source;
 * unmatched characters (escapes) stay on the last matched position.
 */
export class ScalarOffsets {
  private readonly map: Int32Array;

  constructor(
    private readonly lines: LineIndex,
    readonly value: string,
    node: Node | undefined,
  ) {
    this.map = new Int32Array(value.length + 1);
    const range = node?.range;
    if (!range || !isScalar(node)) {
      this.map.fill(range?.[0] ?? 0);
      return;
    }
    const [start, end] = range;
    const source = lines.text.slice(start, end);
    let p = 0;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') p = 1;
    else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const nl = source.indexOf('\n');
      p = nl < 0 ? source.length : nl + 1;
    }
    if (source.slice(p, p + value.length) === value) {
      for (let i = 0; i <= value.length; i++) this.map[i] = start + p + i;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      const limit = Math.min(source.length, p + 24);
      let q = p;
      while (q < limit && source[q] !== c) q++;
      if (q < limit) {
        this.map[i] = start + q;
        p = q + 1;
      } else {
        this.map[i] = start + Math.min(p, source.length);
      }
    }
    this.map[value.length] = start + Math.min(p, source.length);
  }

  /** Source offset of the character at `index` of the value. */
  offset(index: number): number {
    const i = Math.max(0, Math.min(index, this.value.length));
    return this.map[i] ?? 0;
  }

  /** Span in the YAML file of value[start, end). */
  span(start: number, end: number): Span {
    const s = this.offset(start);
    const e = end > start ? this.offset(end - 1) + 1 : s;
    return this.lines.span(s, Math.max(s, e));
  }

  /** Rewrites every `span` found in an AST fragment or diagnostic, from value-relative to file positions. */
  remap<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'span' && isSpan(v) ? this.span(v.start.offset, v.end.offset) : this.walk(v);
    }
    return out;
  }
}

function isSpan(v: unknown): v is Span {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<Span>;
  return typeof s.start?.offset === 'number' && typeof s.end?.offset === 'number';
}

export function remapDiagnostics(offsets: ScalarOffsets, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => offsets.remap(d));
}
