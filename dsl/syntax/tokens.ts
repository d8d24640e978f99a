// Token vocabulary of `.xy` text: every token type, the reserved keywords, and how each is named in messages.
import { createToken, Lexer } from 'chevrotain';
import type { TokenType } from 'chevrotain';

/** Every reserved word, in the order LANGUAGE.md lists them (plus the additions documented there). */
export const KEYWORD_LIST: readonly string[] = [
  'policy', 'jurisdiction', 'national', 'province', 'city', 'county', 'version', 'effective', 'until', 'extends',
  'basis', 'rank', 'issuer', 'number', 'articles', 'sections', 'section', 'certainty', 'verified', 'paraphrase',
  'recalled', 'scale', 'severity', 'level', 'enum', 'record', 'field', 'required', 'optional', 'list', 'lists', 'of',
  'money', 'integer', 'decimal', 'string', 'date', 'boolean', 'duration', 'param', 'from', 'red', 'black', 'grey',
  'scope', 'local', 'title', 'rule', 'for', 'when', 'where', 'unless', 'within', 'any', 'all', 'count', 'sum', 'max',
  'min', 'on', 'grade', 'grades', 'and', 'or', 'not', 'in', 'has', 'is', 'set', 'null', 'true', 'false', 'at',
  '评价日期', 'measure', 'measures', 'reward', 'penalty', 'management', 'action', 'block', 'restrict', 'warn',
  'prioritize', 'simplify', 'inspect', 'applies', 'to', 'matters', 'department', 'categories', 'category',
  'mandatory', 'discretionary', 'term', 'target', 'subject', 'legal_representative', 'third_party', 'narrow',
  'grading', 'base', 'range', 'item', 'add', 'deduct', 'per', 'once', 'cap', 'direct', 'band', 'supervision', 'ratio',
  'frequency', 'carry', 'early', 'removal', 'after', 'objection', 'pending', 'suspend', 'mark', 'counted', 'calendar',
  'civil', 'extend', 'allow', 'note', 'unset', 'leniency', 'ceiling', 'transition', 'fill', 'exactly', 'outer',
  'replaces', 'external', 'latest',
]; // prettier-ignore

/** Keywords that begin a top-level declaration: error recovery stops skipping at them. */
export const DECL_STARTS: ReadonlySet<string> = new Set([
  'basis',
  'categories',
  'scale',
  'enum',
  'record',
  'param',
  'fill',
  'list',
  'measure',
  'narrow',
  'grading',
  'leniency',
  'measures',
]);

/** Keywords that are also built-in field names or values, so they may be used as names in expressions. */
export const SOFT_KEYWORDS: ReadonlySet<string> = new Set(['severity', 'date', 'objection', 'pending']);

/**
 * Abstract category of every token that cannot begin a declaration: declaration bodies swallow a run of
 * them as "junk" (one diagnostic) instead of abandoning the declaration.
 */
export const Junk = createToken({ name: 'Junk', pattern: Lexer.NA });

const zhLabels = new Map<TokenType, string>();

function token(name: string, pattern: RegExp | string, en: string, zh: string, junk = true): TokenType {
  const t = createToken({ name, pattern, label: en, ...(junk ? { categories: [Junk] } : {}) });
  zhLabels.set(t, zh);
  return t;
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\r\n]*/, group: 'comments' });

export const StringLit = token('StringLit', /"(?:[^"\\\r\n]|\\[^\r\n])*"/, 'a string', '字符串');
/** An unterminated string: reported, then parsed as if it were closed at the end of the line. */
export const BadString = token('BadString', /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/, 'a string', '字符串');
export const BookTitle = token('BookTitle', /《[^》\r\n]*》/, 'a 《title》', '书名号标题');
export const DateLit = token('DateLit', /\d{4}-\d{2}-\d{2}(?!\d)/, 'a date', '日期');

const englishDurationRe = /\d+[ \t]+(?:year|month|day|workday)s?(?![\p{L}\p{N}_])/uy;
export const EnglishDuration = createToken({
  name: 'EnglishDuration',
  pattern: {
    exec: (text: string, offset: number) => {
      englishDurationRe.lastIndex = offset;
      return englishDurationRe.exec(text);
    },
  },
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  line_breaks: false,
  label: 'a duration',
  categories: [Junk],
});
zhLabels.set(EnglishDuration, '期限');
export const ChineseDuration = token('ChineseDuration', /\d+(?:个工作日|个月|年|日|天)/, 'a duration', '期限');
export const Money = token('Money', /\d+(?:\.\d+)?[万亿]?元/, 'an amount of money', '金额');
export const Percent = token('Percent', /\d+(?:\.\d+)?%/, 'a percentage', '百分比');
export const NumberLit = token('NumberLit', /\d+(?:\.\d+)?/, 'a number', '数字');

export const DotDot = token('DotDot', '..', '`..`', '`..`');
export const Dot = token('Dot', '.', '`.`', '`.`');
export const Comma = token('Comma', /[,，]/, '`,`', '`,`');
export const Colon = token('Colon', ':', '`:`', '`:`');
export const LParen = token('LParen', '(', '`(`', '`(`');
export const RParen = token('RParen', ')', '`)`', '`)`');
export const LBracket = token('LBracket', '[', '`[`', '`[`');
export const RBracket = token('RBracket', ']', '`]`', '`]`');
export const EqEq = token('EqEq', '==', '`==`', '`==`');
export const NotEq = token('NotEq', '!=', '`!=`', '`!=`');
export const LtEq = token('LtEq', '<=', '`<=`', '`<=`');
export const GtEq = token('GtEq', '>=', '`>=`', '`>=`');
export const Lt = token('Lt', '<', '`<`', '`<`');
export const Gt = token('Gt', '>', '`>`', '`>`');
export const Plus = token('Plus', '+', '`+`', '`+`');
export const Minus = token('Minus', '-', '`-`', '`-`');
export const Star = token('Star', '*', '`*`', '`*`');
export const Slash = token('Slash', '/', '`/`', '`/`');

const identifierRe = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** One representative character per lexer "first char" bucket that may start an identifier. */
function identifierStartHints(): string[] {
  const hints: string[] = ['_'];
  for (let c = 65; c < 256; c++) {
    const ch = String.fromCharCode(c);
    if (/\p{L}/u.test(ch)) hints.push(ch);
  }
  // Chevrotain folds codes ≥ 256 into buckets of 255; one code per bucket suffices, over-approximation is harmless.
  let lastBucket = -1;
  for (let c = 256; c < 65536; c++) {
    const bucket = Math.floor(c / 255);
    if (bucket !== lastBucket) {
      hints.push(String.fromCharCode(c));
      lastBucket = bucket;
    }
  }
  return hints;
}

export const Identifier = createToken({
  name: 'Identifier',
  pattern: {
    exec: (text: string, offset: number) => {
      identifierRe.lastIndex = offset;
      return identifierRe.exec(text);
    },
  },
  start_chars_hint: identifierStartHints(),
  line_breaks: false,
  label: 'a name',
  categories: [Junk],
});
zhLabels.set(Identifier, '名称');

const N = '[0-9零〇一二三四五六七八九十百千两]+';
/** `第二十二条第一款第（五）项`: article, optional 之N, paragraph, item, sub-item — one token. */
export const Article = createToken({
  name: 'Article',
  pattern: new RegExp(`第${N}条(?:之${N})?(?:第${N}款)?(?:第(?:[（(]${N}[）)]|${N})项)?(?:第${N}目)?`),
  longer_alt: Identifier,
  label: 'an article such as 第二条',
  categories: [Junk],
});
zhLabels.set(Article, '条款（如 第二条）');

function keywordTokenName(word: string): string {
  return word === '评价日期' ? 'Kw_at_zh' : `Kw_${word}`;
}

/** Keyword token types by their text. */
export const K: Readonly<Record<string, TokenType>> = Object.fromEntries(
  KEYWORD_LIST.map((word) => [
    word,
    (() => {
      const t = createToken({
        name: keywordTokenName(word),
        pattern: word,
        longer_alt: Identifier,
        label: `\`${word}\``,
        ...(DECL_STARTS.has(word) ? {} : { categories: [Junk] }),
      });
      zhLabels.set(t, `\`${word}\``);
      return t;
    })(),
  ]),
);

export function kw(word: string): TokenType {
  const t = K[word];
  if (t === undefined) throw new Error(`unknown keyword ${word}`);
  return t;
}

/** Longer keywords first: a keyword that is a prefix of another (`in` / `integer`) must not shadow it. */
const keywordTokens = [...KEYWORD_LIST].sort((a, b) => b.length - a.length).map(kw);

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLit,
  BadString,
  BookTitle,
  DateLit,
  EnglishDuration,
  ChineseDuration,
  Money,
  Percent,
  NumberLit,
  DotDot,
  Dot,
  Comma,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Plus,
  Minus,
  Star,
  Slash,
  ...keywordTokens,
  Article,
  Identifier,
  Junk,
];

/** How a token type is named in a message: Chinese and English. */
export function describeTokenType(t: TokenType): { zh: string; en: string } {
  const en = t.LABEL ?? t.name;
  return { zh: zhLabels.get(t) ?? en, en };
}
