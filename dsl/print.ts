// The canonical formatter: surface AST → `.xy` text that parses back to the same AST.
import type { Citation, DurationLit, Expr, PolicyAst } from './ast.js';

export function printPolicy(_ast: PolicyAst): string {
  throw new Error('not implemented');
}

/** Minimal parentheses, parseable back. */
export function printExpr(_expr: Expr): string {
  throw new Error('not implemented');
}

export function printCitation(_c: Citation): string {
  throw new Error('not implemented');
}

/** Canonical: `3 years`, `1 year`, `6 months`, `15 days`, `7 workdays`. */
export function printDuration(_d: DurationLit): string {
  throw new Error('not implemented');
}
