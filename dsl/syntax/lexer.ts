// Text → tokens: one shared chevrotain lexer; comments come back separately so the visitor can attach them.
import { Lexer } from 'chevrotain';
import type { IToken } from 'chevrotain';
import { ALL_TOKENS, BadString, StringLit } from './tokens.js';

// Full tracking costs a little in the lexer but gives every token its endOffset at creation; setting it
// afterwards (offset-only tracking) changed the tokens' hidden class and made parsing ~40% slower.
const lexer = new Lexer(ALL_TOKENS, {
  positionTracking: 'full',
  ensureOptimizations: true,
});

export interface LexError {
  readonly offset: number;
  readonly length: number;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: LexError[];
  /** Unterminated strings: kept in `tokens` as strings so parsing goes on, reported separately. */
  readonly unterminated: IToken[];
}

export function lex(text: string): LexResult {
  const result = lexer.tokenize(text);
  const unterminated: IToken[] = [];
  for (const t of result.tokens) {
    if (t.tokenType === BadString) {
      unterminated.push(t);
      t.tokenType = StringLit;
      t.tokenTypeIdx = StringLit.tokenTypeIdx ?? t.tokenTypeIdx;
    }
  }
  return {
    tokens: result.tokens,
    comments: result.groups['comments'] ?? [],
    errors: result.errors.map((e) => ({ offset: e.offset, length: e.length })),
    unterminated,
  };
}
