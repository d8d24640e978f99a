// Diagnostics: one object that renders in the terminal, becomes a Monaco marker and is returned by HTTP.
import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  /** Stable code, e.g. `check.unknown-field`; tests and users key on it. */
  readonly code: string;
  readonly severity: Severity;
  /** Chinese message; user text in backticks, no final period. */
  readonly message: string;
  /** English rendering of the same message, for bilingual output. */
  readonly messageEn?: string;
  readonly span?: Span;
  readonly help?: string;
  readonly related?: readonly RelatedSpan[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: file, line, column, code — so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.span?.file ?? '';
    const fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const oa = a.span?.start.offset ?? -1;
    const ob = b.span?.start.offset ?? -1;
    if (oa !== ob) return oa - ob;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
