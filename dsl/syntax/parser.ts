// Tokens → concrete syntax tree: a grammar-only chevrotain parser (no semantics; see cst-to-ast.ts).
import { CstParser, EOF } from 'chevrotain';
import type { CstNode, IOrAlt, IParserErrorMessageProvider, IToken, OrMethodOpts, TokenType } from 'chevrotain';
import {
  ALL_TOKENS,
  KEYWORD_LIST,
  Article,
  BookTitle,
  ChineseDuration,
  Comma,
  DateLit,
  Dot,
  DotDot,
  EnglishDuration,
  EqEq,
  Gt,
  GtEq,
  Identifier,
  Junk,
  LBracket,
  LParen,
  Lt,
  LtEq,
  Minus,
  Money,
  NotEq,
  NumberLit,
  Percent,
  Plus,
  RBracket,
  RParen,
  Slash,
  Star,
  StringLit,
  describeTokenType,
  kw,
} from './tokens.js';

/** Rule-stack depth past which parsing stops with `syntax.too-deep`, well before the JS stack runs out. */
export const MAX_RULE_DEPTH = 450;

export class TooDeepError extends Error {
  constructor(readonly token: IToken) {
    super('nesting too deep');
  }
}

/** A parser error, encoded by the message provider and decoded by the driver into a Diagnostic. */
export interface EncodedMessage {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly help?: string;
}

function describeActual(t: IToken | undefined): { zh: string; en: string } {
  if (t === undefined || t.tokenType === EOF) return { zh: '文件结尾', en: 'end of input' };
  const image = t.image.length > 40 ? `${t.image.slice(0, 40)}…` : t.image;
  return { zh: `\`${image}\``, en: `\`${image}\`` };
}

function expectedList(types: readonly TokenType[]): { zh: string; en: string } {
  // Everything an expression may start with collapses into one word.
  if (types.includes(NumberLit) && types.includes(Identifier) && types.includes(LParen)) {
    return { zh: '表达式', en: 'an expression' };
  }
  const seen = new Set<string>();
  const names: { zh: string; en: string }[] = [];
  for (const t of types) {
    const d = describeTokenType(t);
    if (t === Junk || seen.has(d.zh)) continue;
    seen.add(d.zh);
    names.push(d);
  }
  const shown = names.slice(0, 8);
  const more = names.length > shown.length;
  if (shown.length === 1) return { zh: shown[0]?.zh ?? '', en: shown[0]?.en ?? '' };
  return {
    zh: `以下之一：${shown.map((n) => n.zh).join('、')}${more ? ' 等' : ''}`,
    en: `one of ${shown.map((n) => n.en).join(', ')}${more ? ', …' : ''}`,
  };
}

function encode(code: string, zh: string, en: string, help?: string): string {
  return JSON.stringify({ code, zh, en, ...(help === undefined ? {} : { help }) } satisfies EncodedMessage);
}

function expectedMessage(expected: readonly TokenType[], actual: IToken | undefined): string {
  const e = expectedList(expected);
  const a = describeActual(actual);
  // The commonest surprise: an English name that happens to be a reserved word.
  const reserved =
    actual !== undefined &&
    expected.includes(Identifier) &&
    KEYWORD_SET.has(actual.image) &&
    actual.tokenType !== Identifier;
  const help = reserved
    ? `\`${actual.image}\` 是保留字，不能用作名称；请换一个名称（中文名称不会与保留字冲突）`
    : strayCounted(actual);
  return encode('syntax.expected', `此处应为${e.zh}，却遇到 ${a.zh}`, `expected ${e.en} but found ${a.en}`, help);
}

/** `counted` where an expression could not take it: `counted civil` (spelt so) follows a date plus a period. */
function strayCounted(actual: IToken | undefined): string | undefined {
  return actual?.image === 'counted' ? COUNTED_HELP : undefined;
}

export const COUNTED_HELP =
  '表达式中写作 `日期 + 期限 counted civil`（如 `日期 + 5 years counted civil`），表示依民法典第二百零三条顺延的期间末日';

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORD_LIST);

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => expectedMessage([expected], actual),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => {
    const a = describeActual(firstRedundant);
    const help = strayCounted(firstRedundant);
    return encode('syntax.trailing-input', `多余的内容：${a.zh}`, `unexpected ${a.en} after the end`, help);
  },
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    expectedMessage(
      expectedPathsPerAlt.flatMap((paths) => paths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined)),
      actual[0],
    ),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    expectedMessage(
      expectedIterationPaths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined),
      actual[0],
    ),
};

const SOFT_NAMES = ['severity', 'date', 'objection', 'pending'].map(kw);
const COMPARE_OPS = [EqEq, NotEq, LtEq, GtEq, Lt, Gt];

/** Alternatives are built once and cached: rebuilding closures on every call dominated parse time. */
type Alts = IOrAlt<unknown>[] | OrMethodOpts<unknown>;

const BASIS = kw('basis');
const NOT = kw('not');
const IN = kw('in');

class PolicyParser extends CstParser {
  private readonly alts: unknown[] = [];

  constructor() {
    super(ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: messages,
    });
    this.performSelfAnalysis();
  }

  /** `basis ID "TITLE"` starts a new basis declaration; any other `basis` is a citation clause. */
  /**
   * `basis ID "TITLE"` at the start of a line (column 1) declares a basis; anywhere else `basis` begins a
   * citation clause. Without the column a string-valued parameter version after a cited one
   * (`… basis 令44` then `"B" from …` on the next line) read as a declaration of 令44.
   */
  private notBasisDecl(): boolean {
    const first = this.LA(1);
    return !(
      first.tokenType === BASIS &&
      first.startColumn === 1 &&
      this.LA(2).tokenType === Identifier &&
      this.LA(3).tokenType === StringLit
    );
  }

  // ------------------------------------------------------------------ file

  public policy = this.RULE('policy', () => {
    this.SUBRULE(this.header);
    this.MANY(() => this.SUBRULE(this.topItem, { LABEL: 'decl' }));
  });

  private topItem = this.RULE('topItem', () => {
    this.OR(
      (this.alts[0] ??= {
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.SUBRULE(this.basisDecl) },
          { ALT: () => this.SUBRULE(this.categoriesDecl) },
          { ALT: () => this.SUBRULE(this.scaleDecl) },
          { ALT: () => this.SUBRULE(this.enumDecl) },
          { ALT: () => this.SUBRULE(this.recordDecl) },
          { ALT: () => this.SUBRULE(this.paramDecl) },
          { ALT: () => this.SUBRULE(this.fillDecl) },
          { ALT: () => this.SUBRULE(this.listDecl) },
          { ALT: () => this.SUBRULE(this.measureDecl) },
          { ALT: () => this.SUBRULE(this.narrowDecl) },
          { ALT: () => this.SUBRULE(this.gradingDecl) },
          { ALT: () => this.SUBRULE(this.leniencyDecl) },
          { ALT: () => this.SUBRULE(this.capDecl) },
          { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }) },
        ],
      }) as Alts,
    );
  });

  private policyId = this.RULE('policyId', () => {
    this.OR(
      (this.alts[1] ??= [
        { ALT: () => this.CONSUME(Identifier, { LABEL: 'id' }) },
        { ALT: () => this.CONSUME(kw('national'), { LABEL: 'id' }) },
      ]) as Alts,
    );
  });

  private header = this.RULE('header', () => {
    this.CONSUME(kw('policy'));
    this.SUBRULE(this.policyId, { LABEL: 'id' });
    this.CONSUME(StringLit, { LABEL: 'title' });
    this.MANY(() =>
      this.OR(
        (this.alts[2] ??= {
          MAX_LOOKAHEAD: 1,
          DEF: [
            { ALT: () => this.SUBRULE(this.headerClause, { LABEL: 'clause' }) },
            { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
          ],
        }) as Alts,
      ),
    );
  });

  private headerClause = this.RULE('headerClause', () => {
    this.OR(
      (this.alts[3] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('jurisdiction'), { LABEL: 'kw' });
            this.OR1(
              (this.alts[36] ??= [
                { ALT: () => this.CONSUME(kw('national'), { LABEL: 'level' }) },
                {
                  ALT: () => {
                    this.OR2(
                      (this.alts[37] ??= [
                        { ALT: () => this.CONSUME(kw('province'), { LABEL: 'level' }) },
                        { ALT: () => this.CONSUME(kw('city'), { LABEL: 'level' }) },
                        { ALT: () => this.CONSUME(kw('county'), { LABEL: 'level' }) },
                      ]) as Alts,
                    );
                    this.CONSUME(NumberLit, { LABEL: 'code' });
                  },
                },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('version'), { LABEL: 'kw' });
            this.CONSUME(StringLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('effective'), { LABEL: 'kw' });
            this.CONSUME(DateLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('until'), { LABEL: 'kw' });
            this.CONSUME1(DateLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('extends'), { LABEL: 'kw' });
            this.SUBRULE(this.policyId, { LABEL: 'id' });
            this.MANY(() => {
              this.CONSUME(Comma);
              this.SUBRULE1(this.policyId, { LABEL: 'id' });
            });
          },
        },
      ]) as Alts,
    );
  });

  // ------------------------------------------------------------------ shared pieces

  private nameArray = this.RULE('nameArray', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.CONSUME(Identifier, { LABEL: 'name' });
      this.MANY(() => {
        this.CONSUME(Comma);
        this.CONSUME1(Identifier, { LABEL: 'name' });
      });
    });
    this.CONSUME(RBracket);
  });

  private citation = this.RULE('citation', () => {
    this.OR(
      (this.alts[4] ??= [
        { ALT: () => this.CONSUME(Identifier, { LABEL: 'basis' }) },
        { ALT: () => this.CONSUME(BookTitle, { LABEL: 'basis' }) },
      ]) as Alts,
    );
    this.OPTION(() => this.CONSUME(Article, { LABEL: 'article' }));
    this.OPTION1(() => {
      this.CONSUME(kw('section'));
      this.CONSUME(StringLit, { LABEL: 'section' });
    });
  });

  public citationList = this.RULE('citationList', () => {
    this.SUBRULE(this.citation);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE1(this.citation);
    });
  });

  /** `basis CITATION, …` */
  private citationClause = this.RULE('citationClause', () => {
    this.CONSUME(kw('basis'));
    this.SUBRULE(this.citationList);
  });

  private optionalBasis(idx: number): void {
    this.option(idx + 50, {
      GATE: () => this.notBasisDecl(),
      DEF: () => this.subrule(idx + 50, this.citationClause, { LABEL: 'basis' }),
    });
  }

  private categoryRef = this.RULE('categoryRef', () => {
    this.CONSUME(Identifier, { LABEL: 'set' });
    this.CONSUME(Dot);
    this.CONSUME1(Identifier, { LABEL: 'value' });
  });

  private categoryRefs = this.RULE('categoryRefs', () => {
    this.SUBRULE(this.categoryRef, { LABEL: 'ref' });
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE1(this.categoryRef, { LABEL: 'ref' });
    });
  });

  private signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(Minus, { LABEL: 'minus' }));
    this.CONSUME(NumberLit, { LABEL: 'value' });
  });

  private fieldRef = this.RULE('fieldRef', () => {
    this.OR(
      (this.alts[5] ??= [
        { ALT: () => this.CONSUME(Identifier, { LABEL: 'name' }) },
        ...SOFT_NAMES.map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: 'name' }) })),
      ]) as Alts,
    );
  });

  // ------------------------------------------------------------------ declarations

  private leniencyDecl = this.RULE('leniencyDecl', () => {
    this.CONSUME(kw('leniency'));
    this.CONSUME(kw('ceiling'));
    this.CONSUME(Identifier, { LABEL: 'value' });
  });

  private capDecl = this.RULE('capDecl', () => {
    this.CONSUME(kw('measures'));
    this.CONSUME(kw('per'));
    this.CONSUME(kw('record'));
    this.CONSUME(kw('cap'));
    this.CONSUME(NumberLit, { LABEL: 'value' });
  });

  private basisDecl = this.RULE('basisDecl', () => {
    this.CONSUME(kw('basis'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.CONSUME(StringLit, { LABEL: 'title' });
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR(
          (this.alts[6] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.basisClause, { LABEL: 'clause' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  private basisClause = this.RULE('basisClause', () => {
    this.OR(
      (this.alts[7] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('rank'), { LABEL: 'kw' });
            this.CONSUME(Identifier, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('issuer'), { LABEL: 'kw' });
            this.CONSUME(StringLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('number'), { LABEL: 'kw' });
            this.CONSUME1(StringLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('effective'), { LABEL: 'kw' });
            this.CONSUME(DateLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('until'), { LABEL: 'kw' });
            this.CONSUME1(DateLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('articles'), { LABEL: 'kw' });
            this.AT_LEAST_ONE(() => this.CONSUME(Article, { LABEL: 'value' }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('sections'), { LABEL: 'kw' });
            this.AT_LEAST_ONE1(() => this.CONSUME2(StringLit, { LABEL: 'value' }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('certainty'), { LABEL: 'kw' });
            this.OR1(
              (this.alts[38] ??= [
                { ALT: () => this.CONSUME(kw('verified'), { LABEL: 'value' }) },
                { ALT: () => this.CONSUME(kw('paraphrase'), { LABEL: 'value' }) },
                { ALT: () => this.CONSUME(kw('recalled'), { LABEL: 'value' }) },
              ]) as Alts,
            );
          },
        },
      ]) as Alts,
    );
  });

  private categoriesDecl = this.RULE('categoriesDecl', () => {
    this.CONSUME(kw('categories'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.CONSUME(kw('for'));
    this.OR(
      (this.alts[8] ??= [
        { ALT: () => this.CONSUME(kw('lists'), { LABEL: 'lists' }) },
        {
          ALT: () => {
            this.CONSUME(kw('black'), { LABEL: 'black' });
            this.CONSUME1(kw('lists'), { LABEL: 'lists' });
          },
        },
        { ALT: () => this.CONSUME(kw('measures'), { LABEL: 'measures' }) },
        {
          ALT: () => {
            this.CONSUME(kw('penalty'), { LABEL: 'penalty' });
            this.CONSUME1(kw('measures'), { LABEL: 'measures' });
          },
        },
      ]) as Alts,
    );
    this.SUBRULE(this.nameArray, { LABEL: 'values' });
    this.optionalBasis(1);
  });

  private scaleDecl = this.RULE('scaleDecl', () => {
    this.CONSUME(kw('scale'));
    this.OR(
      (this.alts[9] ??= [
        { ALT: () => this.CONSUME(kw('severity'), { LABEL: 'which' }) },
        { ALT: () => this.CONSUME(kw('level'), { LABEL: 'which' }) },
      ]) as Alts,
    );
    this.CONSUME(Identifier, { LABEL: 'value' });
    this.MANY(() => {
      this.CONSUME(Lt);
      this.CONSUME1(Identifier, { LABEL: 'value' });
    });
  });

  private enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(kw('enum'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.SUBRULE(this.nameArray, { LABEL: 'values' });
  });

  private recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(kw('record'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.MANY(() =>
      this.OR(
        (this.alts[10] ??= {
          MAX_LOOKAHEAD: 1,
          DEF: [
            { ALT: () => this.CONSUME(kw('severity'), { LABEL: 'severity' }) },
            { ALT: () => this.SUBRULE(this.latestPerDecl, { LABEL: 'latestPer' }) },
            { ALT: () => this.SUBRULE(this.fieldDecl, { LABEL: 'field' }) },
            { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
          ],
        }) as Alts,
      ),
    );
  });

  private latestPerDecl = this.RULE('latestPerDecl', () => {
    this.CONSUME(kw('latest'));
    this.CONSUME(kw('per'));
    this.CONSUME(Identifier, { LABEL: 'key' });
  });

  private fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(kw('field'));
    this.CONSUME(Identifier, { LABEL: 'key' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.SUBRULE(this.fieldType, { LABEL: 'type' });
    this.OPTION1(() =>
      this.OR(
        (this.alts[11] ??= [
          { ALT: () => this.CONSUME(kw('required'), { LABEL: 'required' }) },
          { ALT: () => this.CONSUME(kw('optional'), { LABEL: 'optional' }) },
        ]) as Alts,
      ),
    );
  });

  private fieldType = this.RULE('fieldType', () => {
    this.OR(
      (this.alts[12] ??= [
        ...['string', 'integer', 'decimal', 'money', 'date', 'boolean', 'duration'].map((w) => ({
          ALT: () => this.CONSUME(kw(w), { LABEL: 'simple' }),
        })),
        {
          ALT: () => {
            this.CONSUME(kw('enum'), { LABEL: 'enum' });
            this.OR1(
              (this.alts[39] ??= [
                { ALT: () => this.CONSUME(Identifier, { LABEL: 'ref' }) },
                { ALT: () => this.SUBRULE(this.nameArray, { LABEL: 'values' }) },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('list'), { LABEL: 'list' });
            this.CONSUME(kw('of'));
            this.OR2(
              (this.alts[40] ??= [
                { ALT: () => this.CONSUME1(Identifier, { LABEL: 'ref' }) },
                { ALT: () => this.SUBRULE1(this.nameArray, { LABEL: 'values' }) },
              ]) as Alts,
            );
          },
        },
      ]) as Alts,
    );
  });

  private paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(kw('param'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.OR(
      (this.alts[13] ??= ['integer', 'decimal', 'money', 'date', 'duration', 'string', 'boolean'].map((w) => ({
        ALT: () => this.CONSUME(kw(w), { LABEL: 'type' }),
      }))) as Alts,
    );
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR1(
          (this.alts[14] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.paramVersion, { LABEL: 'version' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  /** `fill NAME VERSION+`: the versions are a `param`'s, so both read and print alike. */
  private fillDecl = this.RULE('fillDecl', () => {
    this.CONSUME(kw('fill'));
    this.CONSUME(Identifier, { LABEL: 'param' });
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR(
          (this.alts[50] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.paramVersion, { LABEL: 'version' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  private paramVersion = this.RULE('paramVersion', () => {
    this.OR(
      (this.alts[15] ??= [
        { ALT: () => this.CONSUME(kw('unset'), { LABEL: 'unset' }) },
        { ALT: () => this.SUBRULE(this.expression, { LABEL: 'value' }) },
      ]) as Alts,
    );
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR1(
          (this.alts[16] ??= [
            {
              ALT: () => {
                this.CONSUME(kw('from'));
                this.CONSUME(DateLit, { LABEL: 'from' });
              },
            },
            { ALT: () => this.SUBRULE(this.citationClause, { LABEL: 'basis' }) },
            {
              ALT: () => {
                this.CONSUME(kw('transition'));
                this.CONSUME(StringLit, { LABEL: 'transition' });
              },
            },
          ]) as Alts,
        ),
    });
  });

  private listDecl = this.RULE('listDecl', () => {
    this.CONSUME(kw('list'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.OR(
      (this.alts[17] ??= [
        { ALT: () => this.CONSUME(kw('red'), { LABEL: 'listKind' }) },
        { ALT: () => this.CONSUME(kw('black'), { LABEL: 'listKind' }) },
        { ALT: () => this.CONSUME(kw('grey'), { LABEL: 'listKind' }) },
      ]) as Alts,
    );
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'title' }));
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR1(
          (this.alts[18] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.listClause, { LABEL: 'clause' }) },
              { ALT: () => this.SUBRULE(this.ruleDecl, { LABEL: 'rule' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  private listClause = this.RULE('listClause', () => {
    this.OR(
      (this.alts[19] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('scope'), { LABEL: 'kw' });
            this.OR1(
              (this.alts[41] ??= [
                { ALT: () => this.CONSUME(kw('national'), { LABEL: 'value' }) },
                { ALT: () => this.CONSUME(kw('local'), { LABEL: 'value' }) },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('category'), { LABEL: 'kw' });
            this.SUBRULE(this.categoryRefs, { LABEL: 'refs' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('max'), { LABEL: 'kw' });
            this.CONSUME(kw('level'));
            this.CONSUME(Identifier, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('replaces'), { LABEL: 'kw' });
            this.CONSUME1(Identifier, { LABEL: 'value' });
          },
        },
        { ALT: () => this.CONSUME(kw('external'), { LABEL: 'kw' }) },
        { ALT: () => this.SUBRULE(this.citationClause, { LABEL: 'listBasis' }) },
        {
          ALT: () => {
            this.CONSUME(kw('duration'), { LABEL: 'kw' });
            this.SUBRULE(this.expression, { LABEL: 'period' });
            this.OPTION(() => {
              this.CONSUME(kw('counted'));
              this.OR2(
                (this.alts[42] ??= [
                  { ALT: () => this.CONSUME(kw('calendar'), { LABEL: 'counting' }) },
                  { ALT: () => this.CONSUME(kw('civil'), { LABEL: 'counting' }) },
                ]) as Alts,
              );
            });
            this.optionalBasis(1);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('until'), { LABEL: 'kw' });
            // A bare name is a date field of the record; anything else a date computed in the record's scope.
            this.SUBRULE4(this.expression, { LABEL: 'end' });
            this.MANY3(() => {
              this.CONSUME2(Comma);
              this.SUBRULE5(this.expression, { LABEL: 'end' });
            });
            this.OPTION3(() => {
              this.CONSUME1(kw('when'));
              this.SUBRULE6(this.expression, { LABEL: 'endsWhen' });
            });
            this.optionalBasis(5);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('extend'), { LABEL: 'kw' });
            this.CONSUME(kw('to'));
            this.SUBRULE(this.fieldRef, { LABEL: 'field' });
            this.MANY2(() => {
              this.CONSUME(Comma);
              this.SUBRULE1(this.fieldRef, { LABEL: 'field' });
            });
            this.optionalBasis(2);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('early'), { LABEL: 'kw' });
            this.CONSUME(kw('removal'));
            this.CONSUME(kw('after'));
            this.SUBRULE1(this.expression, { LABEL: 'after' });
            this.OPTION1(() => {
              this.CONSUME(kw('when'));
              this.SUBRULE2(this.expression, { LABEL: 'when' });
            });
            this.OPTION2(() => {
              this.CONSUME(kw('unless'));
              this.SUBRULE3(this.expression, { LABEL: 'unless' });
            });
            this.optionalBasis(3);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('objection'), { LABEL: 'kw' });
            this.CONSUME(kw('pending'));
            this.OR3(
              (this.alts[43] ??= [
                { ALT: () => this.CONSUME(kw('mark'), { LABEL: 'value' }) },
                { ALT: () => this.CONSUME(kw('suspend'), { LABEL: 'value' }) },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('allow'), { LABEL: 'kw' });
            this.CONSUME(kw('black'));
          },
        },
      ]) as Alts,
    );
  });

  private ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(kw('rule'));
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () => this.SUBRULE(this.ruleClause, { LABEL: 'clause' }),
    });
  });

  private ruleClause = this.RULE('ruleClause', () => {
    this.OR(
      (this.alts[20] ??= [
        { ALT: () => this.SUBRULE(this.citationClause, { LABEL: 'ruleBasis' }) },
        {
          ALT: () => {
            this.CONSUME(kw('for'), { LABEL: 'kw' });
            this.CONSUME(Identifier, { LABEL: 'type' });
            this.OPTION(() => {
              this.CONSUME(kw('from'));
              this.SUBRULE3(this.expression, { LABEL: 'fromExpr' });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('where'), { LABEL: 'kw' });
            this.SUBRULE(this.expression, { LABEL: 'expr' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('when'), { LABEL: 'kw' });
            this.SUBRULE1(this.expression, { LABEL: 'expr' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('unless'), { LABEL: 'kw' });
            this.SUBRULE2(this.expression, { LABEL: 'expr' });
            this.optionalBasis(1);
          },
        },
      ]) as Alts,
    );
  });

  private measureDecl = this.RULE('measureDecl', () => {
    this.CONSUME(kw('measure'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR(
          (this.alts[21] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.measureClause, { LABEL: 'clause' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  private measureClause = this.RULE('measureClause', () => {
    this.OR(
      (this.alts[22] ??= [
        ...['reward', 'penalty', 'management', 'mandatory', 'discretionary'].map((w) => ({
          ALT: () => this.CONSUME(kw(w), { LABEL: 'kw' }),
        })),
        {
          ALT: () => {
            this.CONSUME(kw('level'), { LABEL: 'kw' });
            this.CONSUME(Identifier, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('action'), { LABEL: 'kw' });
            this.OR1(
              (this.alts[44] ??= ['block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect'].map((w) => ({
                ALT: () => this.CONSUME(kw(w), { LABEL: 'value' }),
              }))) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('category'), { LABEL: 'kw' });
            this.SUBRULE(this.categoryRefs, { LABEL: 'refs' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('applies'), { LABEL: 'kw' });
            this.CONSUME(kw('to'));
            this.OR2(
              (this.alts[45] ??= [
                {
                  ALT: () => {
                    this.CONSUME(kw('grade'), { LABEL: 'grade' });
                    this.CONSUME1(Identifier, { LABEL: 'grading' });
                    this.CONSUME2(Identifier, { LABEL: 'name' });
                    this.MANY(() => {
                      this.CONSUME(Comma);
                      this.CONSUME3(Identifier, { LABEL: 'name' });
                    });
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME4(Identifier, { LABEL: 'name' });
                    this.MANY1(() => {
                      this.CONSUME1(Comma);
                      this.CONSUME5(Identifier, { LABEL: 'name' });
                    });
                  },
                },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('matters'), { LABEL: 'kw' });
            this.SUBRULE(this.nameArray, { LABEL: 'values' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('department'), { LABEL: 'kw' });
            this.CONSUME(StringLit, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('target'), { LABEL: 'kw' });
            this.OR3(
              (this.alts[46] ??= ['subject', 'legal_representative', 'third_party'].map((w) => ({
                ALT: () => this.CONSUME(kw(w), { LABEL: 'value' }),
              }))) as Alts,
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('term'), { LABEL: 'kw' });
            this.OPTION7(() => this.CONSUME(kw('exactly'), { LABEL: 'exactly' }));
            this.SUBRULE(this.expression, { LABEL: 'expr' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('when'), { LABEL: 'kw' });
            this.SUBRULE1(this.expression, { LABEL: 'expr' });
          },
        },
        { ALT: () => this.SUBRULE(this.citationClause, { LABEL: 'measureBasis' }) },
      ]) as Alts,
    );
  });

  private narrowDecl = this.RULE('narrowDecl', () => {
    this.CONSUME(kw('narrow'));
    this.CONSUME(kw('measure'));
    this.CONSUME(Identifier, { LABEL: 'measure' });
    this.MANY(() =>
      this.OR(
        (this.alts[23] ??= {
          MAX_LOOKAHEAD: 1,
          DEF: [
            {
              ALT: () => {
                this.CONSUME(kw('matters'), { LABEL: 'matters' });
                this.SUBRULE(this.nameArray, { LABEL: 'values' });
              },
            },
            {
              ALT: () => {
                this.CONSUME(kw('level'), { LABEL: 'level' });
                this.CONSUME1(Identifier, { LABEL: 'value' });
              },
            },
            { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
          ],
        }) as Alts,
      ),
    );
  });

  private gradingDecl = this.RULE('gradingDecl', () => {
    this.CONSUME(kw('grading'));
    this.CONSUME(Identifier, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'title' }));
    this.MANY({
      GATE: () => this.notBasisDecl(),
      DEF: () =>
        this.OR(
          (this.alts[24] ??= {
            MAX_LOOKAHEAD: 1,
            DEF: [
              { ALT: () => this.SUBRULE(this.gradingClause, { LABEL: 'clause' }) },
              { ALT: () => this.SUBRULE(this.scoreItem, { LABEL: 'item' }) },
              { ALT: () => this.CONSUME(Junk, { LABEL: 'junk' }), IGNORE_AMBIGUITIES: true },
            ],
          }) as Alts,
        ),
    });
  });

  private ratioValue = this.RULE('ratioValue', () => {
    this.OR(
      (this.alts[25] ??= [
        { ALT: () => this.CONSUME(Percent, { LABEL: 'value' }) },
        { ALT: () => this.CONSUME(NumberLit, { LABEL: 'value' }) },
      ]) as Alts,
    );
  });

  private gradingClause = this.RULE('gradingClause', () => {
    this.OR(
      (this.alts[26] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('grades'), { LABEL: 'kw' });
            this.CONSUME(Identifier, { LABEL: 'grade' });
            this.MANY(() => {
              this.CONSUME(Gt);
              this.CONSUME1(Identifier, { LABEL: 'grade' });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('base'), { LABEL: 'kw' });
            this.SUBRULE(this.signedNumber, { LABEL: 'number' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('range'), { LABEL: 'kw' });
            this.SUBRULE1(this.signedNumber, { LABEL: 'number' });
            this.CONSUME(DotDot);
            this.SUBRULE2(this.signedNumber, { LABEL: 'number' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('band'), { LABEL: 'kw' });
            this.CONSUME2(Identifier, { LABEL: 'grade' });
            this.CONSUME(kw('from'));
            this.SUBRULE3(this.signedNumber, { LABEL: 'number' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('direct'), { LABEL: 'kw' });
            this.CONSUME3(Identifier, { LABEL: 'grade' });
            this.CONSUME(kw('when'));
            this.SUBRULE(this.expression, { LABEL: 'when' });
            this.optionalBasis(1);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('cap'), { LABEL: 'kw' });
            this.CONSUME4(Identifier, { LABEL: 'grade' });
            this.CONSUME1(kw('when'));
            this.SUBRULE1(this.expression, { LABEL: 'when' });
            this.optionalBasis(2);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('supervision'), { LABEL: 'kw' });
            // `supervision when COND`: who the ratios are for; `supervision G ratio …`: one grade's row.
            this.OR3(
              (this.alts[52] ??= [
                {
                  ALT: () => {
                    this.CONSUME2(kw('when'));
                    this.SUBRULE2(this.expression, { LABEL: 'supervisionWhen' });
                    this.optionalBasis(4);
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME5(Identifier, { LABEL: 'grade' });
                    this.CONSUME(kw('ratio'));
                    this.SUBRULE(this.ratioValue, { LABEL: 'ratio' });
                    this.CONSUME1(DotDot);
                    this.SUBRULE1(this.ratioValue, { LABEL: 'ratio' });
                    this.OPTION(() => {
                      this.CONSUME(kw('frequency'));
                      this.CONSUME(StringLit, { LABEL: 'frequency' });
                    });
                    this.optionalBasis(3);
                  },
                },
                {
                  // `supervision note "…"`: what the decision says of the ratio table (a LOCAL CHOICE, where from)
                  ALT: () => {
                    this.CONSUME(kw('note'));
                    this.CONSUME2(StringLit, { LABEL: 'supervisionNote' });
                  },
                },
              ]) as Alts,
            );
          },
        },
        {
          ALT: () => {
            // `applies when COND`: whom the grading grades at all (纳税信用 grades 经营主体 only)
            this.CONSUME(kw('applies'), { LABEL: 'kw' });
            this.CONSUME3(kw('when'));
            this.SUBRULE3(this.expression, { LABEL: 'appliesWhen' });
            this.optionalBasis(6);
          },
        },
        { ALT: () => this.SUBRULE(this.citationClause, { LABEL: 'gradingBasis' }) },
      ]) as Alts,
    );
  });

  private scoreItem = this.RULE('scoreItem', () => {
    this.CONSUME(kw('item'));
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(StringLit, { LABEL: 'label' }));
    this.OR(
      (this.alts[27] ??= [
        { ALT: () => this.CONSUME(kw('add'), { LABEL: 'direction' }) },
        { ALT: () => this.CONSUME(kw('deduct'), { LABEL: 'direction' }) },
      ]) as Alts,
    );
    // `add 20 per …` adds 20 per record; `add score per …` adds each record's own `score`.
    this.OR2(
      (this.alts[51] ??= [
        { ALT: () => this.CONSUME(NumberLit, { LABEL: 'points' }) },
        { ALT: () => this.CONSUME2(Identifier, { LABEL: 'pointsField' }) },
      ]) as Alts,
    );
    this.OR1(
      (this.alts[28] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('per'), { LABEL: 'per' });
            this.CONSUME1(Identifier, { LABEL: 'type' });
            this.OPTION1(() => {
              this.CONSUME(kw('where'));
              this.SUBRULE(this.expression, { LABEL: 'where' });
            });
            this.OPTION2(() => {
              this.CONSUME(kw('within'));
              this.SUBRULE(this.primary, { LABEL: 'within' });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('once'), { LABEL: 'once' });
            this.CONSUME(kw('when'));
            this.SUBRULE1(this.expression, { LABEL: 'when' });
          },
        },
      ]) as Alts,
    );
    // `cap 100` caps this item; `cap B when …` is the grading's next clause.
    this.OPTION3({
      GATE: () => this.LA(2).tokenType === NumberLit,
      DEF: () => {
        this.CONSUME(kw('cap'));
        this.CONSUME1(NumberLit, { LABEL: 'cap' });
      },
    });
    this.optionalBasis(1);
  });

  // ------------------------------------------------------------------ expressions

  /** `a and b or c`: flat here, precedence (`and` over `or`) is applied by the visitor to keep the stack shallow. */
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(
        (this.alts[29] ??= [
          { ALT: () => this.CONSUME(kw('or'), { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(kw('and'), { LABEL: 'op' }) },
        ]) as Alts,
      );
      this.SUBRULE1(this.notExpr, { LABEL: 'operand' });
    });
  });

  private guardDepth(): void {
    this.ACTION(() => {
      if ((this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX > MAX_RULE_DEPTH) {
        throw new TooDeepError(this.LA(1));
      }
    });
  }

  private notExpr = this.RULE('notExpr', () => {
    this.guardDepth();
    this.OR(
      (this.alts[30] ??= [
        {
          ALT: () => {
            this.CONSUME(kw('not'), { LABEL: 'not' });
            this.SUBRULE(this.notExpr, { LABEL: 'operand' });
          },
        },
        { ALT: () => this.SUBRULE(this.comparison, { LABEL: 'operand' }) },
      ]) as Alts,
    );
  });

  private comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.arith, { LABEL: 'left' });
    // `not` continues a comparison only as `not in`; otherwise it begins something else.
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== NOT || this.LA(2).tokenType === IN,
      DEF: () =>
        this.OR(
          (this.alts[31] ??= [
            {
              ALT: () => {
                this.OR1(
                  (this.alts[47] ??= COMPARE_OPS.map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: 'op' }) }))) as Alts,
                );
                this.SUBRULE1(this.arith, { LABEL: 'right' });
              },
            },
            {
              ALT: () => {
                this.OPTION1(() => this.CONSUME(kw('not'), { LABEL: 'not' }));
                this.CONSUME(kw('in'), { LABEL: 'in' });
                this.SUBRULE2(this.arith, { LABEL: 'right' });
              },
            },
            {
              ALT: () => {
                this.CONSUME(kw('has'), { LABEL: 'has' });
                this.OR2(
                  (this.alts[48] ??= [
                    { ALT: () => this.CONSUME(kw('any'), { LABEL: 'mode' }) },
                    { ALT: () => this.CONSUME(kw('all'), { LABEL: 'mode' }) },
                  ]) as Alts,
                );
                this.SUBRULE3(this.arith, { LABEL: 'right' });
              },
            },
            {
              ALT: () => {
                this.CONSUME(kw('is'), { LABEL: 'is' });
                this.OPTION2(() => this.CONSUME1(kw('not'), { LABEL: 'not' }));
                this.CONSUME(kw('set'));
              },
            },
          ]) as Alts,
        ),
    });
  });

  /** `a + b * c`: flat here, precedence is applied by the visitor. */
  /** Per `arith` being parsed, innermost last: whether it has a `+` or `-` yet (the cached alternatives see this). */
  private readonly sums: boolean[] = [];

  private arith = this.RULE('arith', () => {
    // `counted civil` closes a sum or difference only: a list's `duration 3 years counted calendar` keeps its clause.
    this.sums.push(false);
    try {
      this.arithBody();
    } finally {
      this.sums.pop();
    }
  });

  private arithBody(): void {
    this.SUBRULE(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(
        (this.alts[32] ??= [
          {
            ALT: () => {
              this.CONSUME(Plus, { LABEL: 'op' });
              this.sums[this.sums.length - 1] = true;
            },
          },
          {
            // taken too, so that `date - P counted civil` gets the checker's message rather than a bare syntax error
            ALT: () => {
              this.CONSUME(Minus, { LABEL: 'op' });
              this.sums[this.sums.length - 1] = true;
            },
          },
          { ALT: () => this.CONSUME(Star, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(Slash, { LABEL: 'op' }) },
        ]) as Alts,
      );
      this.SUBRULE1(this.unary, { LABEL: 'operand' });
    });
    this.OPTION({
      GATE: () => this.sums[this.sums.length - 1] === true && this.LA(2).tokenType === kw('civil'),
      DEF: () => {
        this.CONSUME(kw('counted'), { LABEL: 'counted' });
        this.CONSUME(kw('civil'));
      },
    });
  }

  private unary = this.RULE('unary', () => {
    this.guardDepth();
    this.OR(
      (this.alts[33] ??= [
        {
          ALT: () => {
            this.CONSUME(Minus, { LABEL: 'minus' });
            this.SUBRULE(this.unary, { LABEL: 'operand' });
          },
        },
        { ALT: () => this.SUBRULE(this.primary, { LABEL: 'operand' }) },
      ]) as Alts,
    );
  });

  private primary = this.RULE('primary', () => {
    this.OR(
      (this.alts[34] ??= [
        ...[
          NumberLit,
          Money,
          Percent,
          StringLit,
          DateLit,
          EnglishDuration,
          ChineseDuration,
          kw('true'),
          kw('false'),
          kw('null'),
          kw('at'),
          kw('评价日期'),
        ].map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: 'literal' }) })),
        { ALT: () => this.SUBRULE(this.fieldRef, { LABEL: 'name' }) },
        {
          ALT: () => {
            this.CONSUME(kw('outer'), { LABEL: 'outer' });
            this.SUBRULE1(this.fieldRef, { LABEL: 'outerName' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(LParen);
            this.SUBRULE(this.expression, { LABEL: 'paren' });
            this.CONSUME(RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(LBracket, { LABEL: 'array' });
            this.OPTION(() => {
              this.SUBRULE1(this.expression, { LABEL: 'item' });
              this.MANY(() => {
                this.CONSUME(Comma);
                this.SUBRULE2(this.expression, { LABEL: 'item' });
              });
            });
            this.CONSUME(RBracket);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('on'), { LABEL: 'on' });
            this.CONSUME(Identifier, { LABEL: 'target' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw('grade'), { LABEL: 'grade' });
            this.CONSUME1(Identifier, { LABEL: 'target' });
          },
        },
        { ALT: () => this.SUBRULE(this.aggregate, { LABEL: 'aggregate' }) },
      ]) as Alts,
    );
  });

  private aggregate = this.RULE('aggregate', () => {
    this.OR(
      (this.alts[35] ??= [
        ...['any', 'all', 'count'].map((w) => ({ ALT: () => this.CONSUME(kw(w), { LABEL: 'op' }) })),
        {
          ALT: () => {
            this.OR1(
              (this.alts[49] ??= ['sum', 'max', 'min'].map((w) => ({
                ALT: () => this.CONSUME1(kw(w), { LABEL: 'op' }),
              }))) as Alts,
            );
            this.SUBRULE(this.fieldRef, { LABEL: 'field' });
            this.CONSUME(kw('of'));
          },
        },
      ]) as Alts,
    );
    this.CONSUME(Identifier, { LABEL: 'type' });
    this.OPTION(() => {
      this.CONSUME(kw('where'));
      this.SUBRULE(this.expression, { LABEL: 'where' });
    });
    this.OPTION1(() => {
      this.CONSUME(kw('within'));
      this.SUBRULE(this.primary, { LABEL: 'within' });
    });
  });

  // ------------------------------------------------------------------ entry points for YAML strings

  public expressionEntry = this.RULE('expressionEntry', () => {
    this.SUBRULE(this.expression, { LABEL: 'expr' });
  });

  public citationsEntry = this.RULE('citationsEntry', () => {
    this.SUBRULE(this.citationList, { LABEL: 'list' });
  });
}

/** Built once: chevrotain's self-analysis is expensive and must not run per parse. */
export const parser = new PolicyParser();

export type EntryRule = 'policy' | 'expressionEntry' | 'citationsEntry';

export function runParser(tokens: IToken[], entry: EntryRule): { cst: CstNode; errors: typeof parser.errors } {
  parser.input = tokens;
  const cst = parser[entry]();
  return { cst, errors: parser.errors };
}
