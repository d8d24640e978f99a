// Source positions: every AST node that came from a file carries one, so diagnostics can point at it.

/** 1-based line and column (column counts UTF-16 code units, as Monaco does); 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Span {
  readonly file: string;
  readonly start: Position;
  /** Exclusive end. */
  readonly end: Position;
}

export const NO_SPAN: Span = {
  file: '<generated>',
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

/** Maps offsets to line/column for one text; built once per file. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.lineStarts[lo] ?? 0;
    return { line: lo + 1, column: clamped - lineStart + 1, offset: clamped };
  }

  span(startOffset: number, endOffset: number): Span {
    return { file: this.file, start: this.position(startOffset), end: this.position(endOffset) };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
