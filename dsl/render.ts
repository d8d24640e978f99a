// Diagnostics → terminal text in the style of rustc/Cedar: code, message, the line, a caret under the span, help.
import type { Diagnostic } from './diagnostic.js';
import { LineIndex } from './span.js';

/** Display width: CJK and full-width characters take two terminal columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

const MAX_ECHO = 160;

// Rendering twenty findings of one 5,000-line file must not scan it twenty times.
const byText = new Map<string, LineIndex>();

function lineIndexOf(file: string, text: string): LineIndex {
  const key = `${file}\u0000${text.length}`;
  const cached = byText.get(key);
  if (cached && cached.text === text) return cached;
  const index = new LineIndex(file, text);
  if (byText.size > 64) byText.clear();
  byText.set(key, index);
  return index;
}

export interface RenderOptions {
  /** include the English rendering under the Chinese message */
  readonly english?: boolean;
}

/** `sources` maps a file name to its text, so the renderer can echo the offending line. */
export function renderDiagnostic(
  d: Diagnostic,
  sources: ReadonlyMap<string, string>,
  options: RenderOptions = {},
): string {
  const lines = [`${d.severity}[${d.code}]: ${d.message}`];
  if (options.english && d.messageEn) lines.push(`  (${d.messageEn})`);
  const span = d.span;
  if (span) {
    lines.push(`  --> ${span.file}:${span.start.line}:${span.start.column}`);
    const text = sources.get(span.file);
    if (text !== undefined) {
      const index = lineIndexOf(span.file, text);
      const full = index.lineText(span.start.line);
      // A minified or hostile file can have a 10 MB line: show a window around the span, not the line.
      const from = full.length > MAX_ECHO ? Math.max(0, span.start.column - 1 - 40) : 0;
      const clipped = full.slice(from, from + MAX_ECHO);
      const source = (from > 0 ? '…' : '') + clipped + (full.length > from + MAX_ECHO ? '…' : '');
      const shift = from > 0 ? 1 - from : 0;
      const gutter = String(span.start.line);
      const pad = ' '.repeat(gutter.length);
      const startColumn = span.start.column + shift;
      const before = source.slice(0, startColumn - 1);
      const endColumn =
        span.end.line === span.start.line ? Math.min(span.end.column + shift, source.length + 1) : source.length + 1;
      const marked = source.slice(startColumn - 1, Math.max(startColumn, endColumn) - 1);
      lines.push(
        `${pad} |`,
        `${gutter} | ${source}`,
        `${pad} | ${' '.repeat(width(before))}${'^'.repeat(Math.max(1, width(marked)))}`,
      );
    }
  }
  for (const related of d.related ?? []) {
    lines.push(
      `  = note: ${related.message} (${related.span.file}:${related.span.start.line}:${related.span.start.column})`,
    );
  }
  if (d.help) lines.push(`  = help: ${d.help}`);
  return lines.join('\n');
}

export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  options: RenderOptions = {},
): string {
  return diagnostics.map((d) => renderDiagnostic(d, sources, options)).join('\n\n');
}
