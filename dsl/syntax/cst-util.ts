// Shared helpers for the CST → AST visitor: child access that tolerates recovery, spans, diagnostics.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Name } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { LineIndex } from '../span.js';
import type { Position, Span } from '../span.js';
import { isValidDate, unescapeString } from './literals.js';

/** A node that may carry the comment lines found above it. */
export interface Anchor {
  /** [start, end) of the node's text. */
  readonly start: number;
  readonly end: number;
  readonly node: object;
  readonly topLevel: boolean;
}

export interface JunkToken {
  readonly token: IToken;
  /** The declaration keyword whose body it appeared in, or '' at top level. */
  readonly context: string;
}

export class VisitContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly anchors: Anchor[] = [];
  readonly junk: JunkToken[] = [];
  /** Offsets of tokens the parser already reported, so the visitor does not pile on. */
  readonly parseErrorOffsets: number[] = [];
  private readonly index: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly base?: Position,
  ) {
    this.index = new LineIndex(file, text);
  }

  position(offset: number): Position {
    const p = this.index.position(offset);
    const b = this.base;
    if (b === undefined) return p;
    return {
      line: b.line + p.line - 1,
      column: p.line === 1 ? b.column + p.column - 1 : p.column,
      offset: b.offset + p.offset,
    };
  }

  /** `end` is exclusive. */
  span(start: number, end: number): Span {
    return { file: this.file, start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  tokenSpan(t: IToken): Span {
    if (!Number.isFinite(t.startOffset)) return this.span(this.text.length, this.text.length);
    return this.span(t.startOffset, tokenEnd(t));
  }

  nodeSpan(n: CstNode): Span {
    const r = nodeRange(n);
    return r === undefined ? this.span(this.text.length, this.text.length) : this.span(r[0], r[1]);
  }

  error(code: string, zh: string, en: string, span: Span, help?: string): void {
    this.diagnostics.push({
      code,
      severity: 'error',
      message: zh,
      messageEn: en,
      span,
      ...(help === undefined ? {} : { help }),
    });
  }

  name(t: IToken): Name {
    return { text: t.image, span: this.tokenSpan(t) };
  }

  string(t: IToken): string {
    const image = t.image;
    const closed = image.length >= 2 && image.endsWith('"') && !isEscapedQuoteEnd(image);
    const body = closed ? image.slice(1, -1) : image.slice(1);
    const { value, bad } = unescapeString(body);
    for (const b of bad) {
      this.error(
        'syntax.invalid-escape',
        `无效的转义 \`${b}\``,
        `invalid escape \`${b}\``,
        this.tokenSpan(t),
        '字符串中只能使用 `\\"` 和 `\\\\` 两种转义',
      );
    }
    return value;
  }

  date(t: IToken): string {
    if (!isValidDate(t.image)) {
      this.error(
        'syntax.invalid-date',
        `\`${t.image}\` 不是有效的日期`,
        `\`${t.image}\` is not a valid calendar date`,
        this.tokenSpan(t),
        '日期写作 `YYYY-MM-DD`，且须为真实存在的日期',
      );
    }
    return t.image;
  }

  number(t: IToken): number {
    const n = Number(t.image);
    if (!Number.isFinite(n)) {
      this.error(
        'syntax.invalid-number',
        `数字 \`${t.image}\` 超出范围`,
        `number \`${t.image}\` is out of range`,
        this.tokenSpan(t),
      );
      return 0;
    }
    return n;
  }

  /** Whether the parser reported an error inside the node's text. */
  hasParseErrorIn(n: CstNode): boolean {
    const r = nodeRange(n);
    return r !== undefined && this.parseErrorOffsets.some((o) => o >= r[0] && o <= r[1]);
  }

  /** Registers an AST node that can carry comments, with the extent of its CST node. */
  anchor(n: CstNode | undefined, node: object, topLevel = false): void {
    const r = n === undefined ? undefined : nodeRange(n);
    this.anchors.push({ start: r?.[0] ?? 0, end: r?.[1] ?? 0, node, topLevel });
  }
}

/** Whether the final `"` of an unterminated string's image is itself escaped (`"abc\"`). */
function isEscapedQuoteEnd(image: string): boolean {
  let backslashes = 0;
  for (let i = image.length - 2; i >= 1 && image[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

export function tokenEnd(t: IToken): number {
  return t.endOffset !== undefined && Number.isFinite(t.endOffset) ? t.endOffset + 1 : t.startOffset + t.image.length;
}

export function isToken(e: CstElement): e is IToken {
  return 'image' in e;
}

function isReal(t: IToken): boolean {
  return t.isInsertedInRecovery !== true && Number.isFinite(t.startOffset);
}

/** Real (not recovery-inserted) tokens under a label. */
export function toks(n: CstNode | undefined, label: string): IToken[] {
  const c = n?.children[label];
  if (c === undefined) return [];
  return c.filter((e): e is IToken => isToken(e) && isReal(e));
}

export function tok(n: CstNode | undefined, label: string): IToken | undefined {
  return toks(n, label)[0];
}

export function subs(n: CstNode | undefined, label: string): CstNode[] {
  const c = n?.children[label];
  if (c === undefined) return [];
  return c.filter((e): e is CstNode => !isToken(e));
}

export function sub(n: CstNode | undefined, label: string): CstNode | undefined {
  return subs(n, label)[0];
}

/** [start, end) of the real tokens under a node, or undefined when recovery left it empty. */
export function nodeRange(n: CstNode): [number, number] | undefined {
  const loc = n.location;
  if (
    loc !== undefined &&
    Number.isFinite(loc.startOffset) &&
    loc.endOffset !== undefined &&
    Number.isFinite(loc.endOffset)
  ) {
    return [loc.startOffset, loc.endOffset + 1];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of Object.values(n.children)) {
    for (const e of list) {
      const r = isToken(e) ? (isReal(e) ? ([e.startOffset, tokenEnd(e)] as const) : undefined) : nodeRange(e);
      if (r === undefined) continue;
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[1]);
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : undefined;
}

export function startOffset(n: CstNode): number | undefined {
  return nodeRange(n)?.[0];
}

export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: a.start, end: b.end };
}
