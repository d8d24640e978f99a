// Public entry of the text front end: policy / expression / citation / duration text → AST + diagnostics.
import type { Citation, Expr, PolicyAst } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Position } from '../span.js';

export interface ParseResult<T> {
  readonly value: T | undefined;
  readonly diagnostics: Diagnostic[];
}

export function parsePolicy(_text: string, _file: string): ParseResult<PolicyAst> {
  throw new Error('not implemented');
}

/** Parse one expression; `base` = position of the first character in the enclosing file (for YAML strings). */
export function parseExpression(_text: string, _file: string, _base?: Position): ParseResult<Expr> {
  throw new Error('not implemented');
}

/** Parse a citation list like `令44 第二条, 令44 第十二条第二款` or `榆林要点 section "十"`. */
export function parseCitations(_text: string, _file: string, _base?: Position): ParseResult<Citation[]> {
  throw new Error('not implemented');
}

/** Parse a duration like `3 years`, `6个月`, `7个工作日`. */
export function parseDuration(_text: string, _file: string, _base?: Position): ParseResult<Expr> {
  throw new Error('not implemented');
}

/** Reserved words, for the editor's tokenizer. */
export const KEYWORDS: readonly string[] = [];
