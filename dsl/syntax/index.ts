// Public entry of the text front end: policy / expression / citation / duration text → AST + diagnostics.
import type { CstNode, IToken } from 'chevrotain';
import { EOF } from 'chevrotain';
import type { Citation, Expr, PolicyAst } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { sortDiagnostics } from '../diagnostic.js';
import type { Position } from '../span.js';
import { attachComments, visitPolicy } from './cst-to-ast.js';
import { visitCitationList, visitExpression } from './cst-to-expr.js';
import { VisitContext, sub, tokenEnd } from './cst-util.js';
import { lex } from './lexer.js';
import type { EncodedMessage, EntryRule } from './parser.js';
import { COUNTED_HELP, TooDeepError, runParser } from './parser.js';
import { KEYWORD_LIST, LBracket, LParen, Minus, RBracket, RParen, kw } from './tokens.js';

export interface ParseResult<T> {
  readonly value: T | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Reserved words, for the editor's tokenizer. */
export const KEYWORDS: readonly string[] = KEYWORD_LIST;

/** Inputs longer than this (UTF-16 code units) are refused before lexing. */
export const MAX_INPUT_CHARS = 20 * 1024 * 1024;
/** Bracket nesting plus runs of prefix `not` / `-` beyond this are refused before parsing. */
export const MAX_NESTING = 64;
/** More diagnostics than this from one text are summarised: the rest is noise from one early mistake. */
const MAX_DIAGNOSTICS = 200;

/** Parse a whole `.xy` policy file. */
export function parsePolicy(text: string, file: string): ParseResult<PolicyAst> {
  return parseWith(text, file, undefined, 'policy', (ctx, cst, comments, tokens) => {
    const ast = visitPolicy(ctx, cst);
    attachComments(ctx, comments, tokens, ast);
    return ast;
  });
}

/** Parse one expression; `base` = position of the first character in the enclosing file (for YAML strings). */
export function parseExpression(text: string, file: string, base?: Position): ParseResult<Expr> {
  return parseWith(text, file, base, 'expressionEntry', (ctx, cst) => visitExpression(ctx, sub(cst, 'expr')));
}

/** Parse a citation list like `令44 第二条, 令44 第十二条第二款` or `榆林要点 section "十"`. */
export function parseCitations(text: string, file: string, base?: Position): ParseResult<Citation[]> {
  return parseWith(text, file, base, 'citationsEntry', (ctx, cst) => visitCitationList(ctx, sub(cst, 'list')));
}

/**
 * Parse a duration like `3 years`, `6个月`, `7个工作日`. Any expression is accepted (a parameter name, a
 * sum), exactly as after `duration` in the text form; whether it is a duration is the checker's question.
 */
export function parseDuration(text: string, file: string, base?: Position): ParseResult<Expr> {
  return parseExpression(text, file, base);
}

function parseWith<T>(
  text: string,
  file: string,
  base: Position | undefined,
  entry: EntryRule,
  build: (ctx: VisitContext, cst: CstNode, comments: readonly IToken[], tokens: readonly IToken[]) => T | undefined,
): ParseResult<T> {
  const ctx = new VisitContext(file, text, base);
  if (text.length > MAX_INPUT_CHARS) {
    ctx.error(
      'syntax.too-large',
      `输入过大：${text.length} 个字符，上限为 ${MAX_INPUT_CHARS} 个字符（20 MB）`,
      `input too large: ${text.length} characters, the limit is ${MAX_INPUT_CHARS} (20 MB)`,
      ctx.span(0, 0),
      '把策略拆分为多个通过 `extends` 组合的文件',
    );
    return { value: undefined, diagnostics: ctx.diagnostics };
  }
  try {
    const lexed = lex(text);
    reportLexErrors(ctx, lexed.errors, lexed.unterminated);
    const deep = tooDeepToken(lexed.tokens);
    if (deep !== undefined) {
      reportTooDeep(ctx, deep);
      return finish<T>(ctx, undefined);
    }
    const { cst, errors } = runParser(lexed.tokens, entry);
    const errorOffsets = reportParseErrors(ctx, errors);
    const value = build(ctx, cst, lexed.comments, lexed.tokens);
    reportJunk(ctx, lexed.tokens, errorOffsets);
    return finish(ctx, value);
  } catch (e) {
    if (e instanceof TooDeepError) reportTooDeep(ctx, e.token);
    else if (e instanceof RangeError) reportTooDeep(ctx, undefined);
    else {
      ctx.error(
        'syntax.internal-error',
        `解析器内部错误：${e instanceof Error ? e.message : String(e)}`,
        `internal parser error: ${e instanceof Error ? e.message : String(e)}`,
        ctx.span(0, 0),
        '这是 xinyong 的缺陷，请附上该文件报告',
      );
    }
    return finish<T>(ctx, undefined);
  }
}

function finish<T>(ctx: VisitContext, value: T | undefined): ParseResult<T> {
  let diagnostics = sortDiagnostics(dedupe(ctx.diagnostics));
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const dropped = diagnostics.length - MAX_DIAGNOSTICS;
    diagnostics = diagnostics.slice(0, MAX_DIAGNOSTICS);
    diagnostics.push({
      code: 'syntax.too-many-errors',
      severity: 'info',
      message: `另有 ${dropped} 个语法错误未列出`,
      messageEn: `${dropped} more syntax errors not shown`,
    });
  }
  return { value, diagnostics };
}

function dedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.code}@${d.span?.start.offset ?? -1}@${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ------------------------------------------------------------------ lexical errors

const CHAR_HELP: Readonly<Record<string, string>> = {
  '“': '字符串请使用半角双引号 `"`',
  '”': '字符串请使用半角双引号 `"`',
  '（': '括号请使用半角 `(` `)`（条款中的 `第（五）项` 除外）',
  '）': '括号请使用半角 `(` `)`（条款中的 `第（五）项` 除外）',
  '：': '冒号请使用半角 `:`',
  '【': '列表请使用半角方括号 `[` `]`',
  '】': '列表请使用半角方括号 `[` `]`',
  '、': '列表项之间请使用逗号 `,`',
  '《': '书名号 `《…》` 须在同一行内闭合',
};

function reportLexErrors(
  ctx: VisitContext,
  errors: readonly { offset: number; length: number }[],
  unterminated: readonly IToken[],
): void {
  for (const e of errors) {
    const chars = ctx.text.slice(e.offset, e.offset + Math.min(e.length, 20));
    const first = String.fromCodePoint(ctx.text.codePointAt(e.offset) ?? 0xfffd);
    const help = CHAR_HELP[first];
    const shown = chars.replace(/`/g, '\\`');
    ctx.error(
      'syntax.unexpected-character',
      `无法识别的字符 \`${shown}\``,
      `unexpected character \`${shown}\``,
      ctx.span(e.offset, e.offset + e.length),
      help,
    );
  }
  for (const t of unterminated) {
    ctx.error(
      'syntax.unterminated-string',
      '字符串没有结束引号',
      'unterminated string',
      ctx.tokenSpan(t),
      '字符串须在同一行内以 `"` 结束',
    );
  }
}

// ------------------------------------------------------------------ nesting limits

function tooDeepToken(tokens: readonly IToken[]): IToken | undefined {
  const not = kw('not');
  let depth = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === LParen || tt === LBracket) depth++;
    else if (tt === RParen || tt === RBracket) {
      depth = Math.max(0, depth - 1);
      prefixRun = 0;
    } else if (tt === Minus || tt === not) prefixRun++;
    else prefixRun = 0;
    if (depth + prefixRun > MAX_NESTING) return t;
  }
  return undefined;
}

function reportTooDeep(ctx: VisitContext, t: IToken | undefined): void {
  ctx.error(
    'syntax.too-deep',
    `嵌套过深：括号、\`not\`、\`-\` 与聚合的嵌套不得超过 ${MAX_NESTING} 层`,
    `nesting too deep: brackets, \`not\`, \`-\` and aggregates may nest at most ${MAX_NESTING} levels`,
    t === undefined || t.tokenType === EOF ? ctx.span(0, 0) : ctx.tokenSpan(t),
    '把表达式拆成几个参数或规则',
  );
}

// ------------------------------------------------------------------ parser errors

function decode(message: string): EncodedMessage {
  try {
    const m = JSON.parse(message) as Partial<EncodedMessage>;
    if (typeof m.code === 'string' && typeof m.zh === 'string' && typeof m.en === 'string') {
      return { code: m.code, zh: m.zh, en: m.en, ...(typeof m.help === 'string' ? { help: m.help } : {}) };
    }
  } catch {
    // chevrotain's own message: fall through
  }
  return { code: 'syntax.unexpected-token', zh: message, en: message };
}

/** Returns the offsets the parser already complained about, so junk there is not reported twice. */
function reportParseErrors(ctx: VisitContext, errors: readonly { message: string; token: IToken }[]): Set<number> {
  const offsets = new Set<number>();
  for (const e of errors) {
    const m = decode(e.message);
    const t = e.token;
    const atEnd = t.tokenType === EOF || !Number.isFinite(t.startOffset);
    const span = atEnd ? ctx.span(ctx.text.length, ctx.text.length) : ctx.tokenSpan(t);
    if (!atEnd) offsets.add(t.startOffset);
    ctx.parseErrorOffsets.push(atEnd ? ctx.text.length : t.startOffset);
    ctx.error(m.code, m.zh, m.en, span, m.help);
  }
  return offsets;
}

const CLAUSE_HELP: Readonly<Record<string, string>> = {
  '': '此处应为声明：basis、categories、scale、enum、record、param、fill、list、measure、narrow、grading、leniency ceiling 或 measures per record cap',
  policy: '策略头的子句：jurisdiction、version、effective、until、extends',
  basis: '`basis` 声明的子句：rank、issuer、number、effective、until、articles、sections、certainty',
  record: '`record` 声明中只能有 `severity` 和 `field …`',
  param: '`param` 的每个版本是一个值或 `unset`，之后可跟 from、basis、transition',
  fill: '`fill` 的每个版本是一个值，之后可跟 from、basis、transition',
  list: '`list` 声明的子句：scope、category、max level、basis、duration、until、extend to、early removal、objection pending、allow black、rule（规则的子句：basis、for、where、when、unless）',
  measure:
    '`measure` 声明的子句：reward|penalty|management、level、action、category、applies to、matters、department、mandatory|discretionary、target、term、basis',
  narrow: '`narrow measure` 只能有 matters 和 level',
  grading: '`grading` 声明的子句：grades、base、range、item、band、direct、cap、supervision、basis',
};

/** One diagnostic per run of adjacent junk tokens. */
function reportJunk(ctx: VisitContext, tokens: readonly IToken[], already: ReadonlySet<number>): void {
  if (ctx.junk.length === 0) return;
  const index = new Map<IToken, number>();
  tokens.forEach((t, i) => index.set(t, i));
  const junk = [...ctx.junk].sort((a, b) => a.token.startOffset - b.token.startOffset);
  let i = 0;
  while (i < junk.length) {
    const first = junk[i];
    if (first === undefined) break;
    let last = first;
    let j = i + 1;
    for (; j < junk.length; j++) {
      const next = junk[j];
      if (next === undefined || index.get(next.token) !== (index.get(last.token) ?? -2) + 1) break;
      last = next;
    }
    i = j;
    if (already.has(first.token.startOffset)) continue;
    const image = first.token.image.length > 40 ? `${first.token.image.slice(0, 40)}…` : first.token.image;
    ctx.error(
      'syntax.unexpected-token',
      `此处不应出现 \`${image}\``,
      `unexpected \`${image}\``,
      ctx.span(first.token.startOffset, tokenEnd(last.token)),
      // `counted` after an expression is a misspelt `counted civil` rather than a clause of the declaration
      first.token.image === 'counted' ? COUNTED_HELP : CLAUSE_HELP[first.context],
    );
  }
}
