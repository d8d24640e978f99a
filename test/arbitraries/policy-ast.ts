// fast-check arbitraries of surface ASTs (every declaration kind, nested expressions, comments) for round-trip laws.
import fc from 'fast-check';
import { RANKS } from '../../dsl/ast.js';
import type {
  BasisDecl,
  CategoriesDecl,
  Citation,
  Decl,
  DurationLit,
  EnumDecl,
  Expr,
  FieldDecl,
  FieldTypeAst,
  FillDecl,
  GradingDecl,
  ListDecl,
  MeasureDecl,
  Name,
  NarrowDecl,
  ParamDecl,
  PolicyAst,
  RecordDecl,
  RuleDecl,
  ScaleDecl,
  ScoreItem,
  SettingDecl,
} from '../../dsl/ast.js';
import { NO_SPAN } from '../../dsl/span.js';
import { KEYWORDS } from '../../dsl/syntax/index.js';

const span = NO_SPAN;
const RESERVED = new Set(KEYWORDS);
const SOFT = ['severity', 'date', 'objection', 'pending'] as const;

/** Drops keys whose value is undefined, the way the parser leaves optional properties out. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

// ------------------------------------------------------------------ names, strings, literals

// No 第 (an article token starts with it) — every other CJK letter is an ordinary identifier character.
const CJK = [
  ...'严重失信主体名单行政处罚罚款金额公示日期限制政府采购信用评价等级红黑灰档案记录企业个人期限参数元年月天款项条',
];
const ASCII_START = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];
const ASCII_REST = [...ASCII_START, ...'0123456789'];

const chineseIdent = fc
  .tuple(fc.array(fc.constantFrom(...CJK), { minLength: 1, maxLength: 5 }), fc.option(fc.nat(99)))
  .map(([cs, n]) => cs.join('') + (n === null ? '' : String(n)));
const asciiIdent = fc
  .tuple(fc.constantFrom(...ASCII_START), fc.array(fc.constantFrom(...ASCII_REST), { maxLength: 7 }))
  .map(([h, t]) => h + t.join(''));

export const identText = fc.oneof(chineseIdent, asciiIdent).filter((s) => !RESERVED.has(s));
export const arbName: fc.Arbitrary<Name> = identText.map((text) => ({ text, span }));
/** Names that may be written where a field or value is expected: also the keywords that are built-in fields. */
const fieldName: fc.Arbitrary<Name> = fc.oneof(
  { weight: 5, arbitrary: arbName },
  { weight: 1, arbitrary: fc.constantFrom(...SOFT).map((text) => ({ text, span })) },
);
const names = (max = 4, min = 0): fc.Arbitrary<Name[]> => fc.array(arbName, { minLength: min, maxLength: max });

const STRING_CHARS = [...'abc XYZ019_"\\#/《》（）：“”，。严重失信名单罚款　'];
export const arbString = fc.array(fc.constantFrom(...STRING_CHARS), { maxLength: 12 }).map((cs) => cs.join(''));

const DAY = 86_400_000;
export const arbDate = fc
  .integer({ min: 0, max: 30_000 })
  .map((n) => new Date(Date.UTC(1990, 0, 1) + n * DAY).toISOString().slice(0, 10));

const nonNegNumber = fc.oneof(
  fc.nat(1_000_000),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
);
const money = fc.oneof(
  fc.nat(100_000).map((n) => n * 10_000),
  fc.nat(100).map((n) => n * 100_000_000),
  fc.nat(10_000_000),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
);
const percent = fc.oneof(
  fc.nat(100).map((n) => n / 100),
  fc.double({ min: 0, max: 2, noNaN: true }).map((x) => x + 0),
);
export const arbDuration: fc.Arbitrary<DurationLit> = fc.record({
  amount: fc.nat(1000),
  unit: fc.constantFrom('year', 'month', 'day', 'workday' as const),
});

const CN_NUM = [...'一二三四五六七八九十百零'];
const cnNumber = fc.array(fc.constantFrom(...CN_NUM), { minLength: 1, maxLength: 3 }).map((c) => c.join(''));
const articleNumber = fc.oneof(cnNumber, fc.integer({ min: 1, max: 300 }).map(String));
export const arbArticle = fc
  .tuple(articleNumber, opt(cnNumber), opt(cnNumber))
  .map(([a, k, x]) => `第${a}条${k === undefined ? '' : `第${k}款`}${x === undefined ? '' : `第（${x}）项`}`);

const bookTitle = fc
  .array(fc.constantFrom(...CJK, ...'（）、 '), { minLength: 1, maxLength: 10 })
  .map((cs) => `《${cs.join('')}》`);

export const arbCitation: fc.Arbitrary<Citation> = fc
  .record({
    basis: fc.oneof(
      { weight: 3, arbitrary: arbName },
      { weight: 1, arbitrary: bookTitle.map((text) => ({ text, span })) },
    ),
    article: opt(arbArticle),
    section: opt(arbString),
  })
  .map((c) => clean({ ...c, span }) as Citation);
const citations = fc.array(arbCitation, { maxLength: 2 });

const comments = opt(
  fc
    .array(
      fc
        .tuple(fc.constantFrom('#', '//', '# '), arbString)
        .map(([m, t]) => (m + t).replace(/\s+$/, ''))
        .filter((c) => c.length > 0),
      { minLength: 1, maxLength: 2 },
    )
    .map((cs) => cs as readonly string[]),
);

// ------------------------------------------------------------------ expressions

type Aggregate = Extract<Expr, { kind: 'aggregate' }>;

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  nonNegNumber.map((value) => ({ kind: 'number', value, span }) as Expr),
  money.map((value) => ({ kind: 'money', value, span }) as Expr),
  percent.map((value) => ({ kind: 'percent', value, span }) as Expr),
  arbString.map((value) => ({ kind: 'string', value, span }) as Expr),
  fc.boolean().map((value) => ({ kind: 'boolean', value, span }) as Expr),
  fc.constant({ kind: 'null', span } as Expr),
  arbDate.map((value) => ({ kind: 'date', value, span }) as Expr),
  arbDuration.map((value) => ({ kind: 'duration', value, span }) as Expr),
  fc.constant({ kind: 'at', span } as Expr),
  fieldName.map((name) => ({ kind: 'name', name, span }) as Expr),
  fieldName.map((name) => ({ kind: 'outer', name, span }) as Expr),
  arbName.map((list) => ({ kind: 'onList', list, span }) as Expr),
  arbName.map((grading) => ({ kind: 'gradeOf', grading, span }) as Expr),
);

const COMPARE = ['==', '!=', '<', '<=', '>', '>='] as const;
const ARITH = ['+', '-', '*', '/'] as const;

const { expr: arbExprRec } = fc.letrec<{ expr: Expr; agg: Aggregate }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'expr' },
      { weight: 4, arbitrary: leaf },
      fc.array(e, { maxLength: 3 }).map((items) => ({ kind: 'array', items, span }) as Expr),
      e.map((operand) => ({ kind: 'not', operand, span }) as Expr),
      e.map((operand) => ({ kind: 'neg', operand, span }) as Expr),
      fc
        .tuple(fc.constantFrom('and', 'or' as const), e, e)
        .map(([kind, left, right]) => ({ kind, left, right, span }) as Expr),
      fc
        .tuple(fc.constantFrom(...COMPARE), e, e)
        .map(([op, left, right]) => ({ kind: 'compare', op, left, right, span }) as Expr),
      fc
        .tuple(fc.constantFrom(...ARITH), e, e)
        .map(([op, left, right]) => ({ kind: 'arith', op, left, right, span }) as Expr),
      // `counted civil` closes a sum or a difference (the parser takes it after a `+` or `-` only)
      fc
        .tuple(fc.constantFrom('+', '-' as const), e, e)
        .map(
          ([op, left, right]) =>
            ({ kind: 'counted', counting: 'civil', operand: { kind: 'arith', op, left, right, span }, span }) as Expr,
        ),
      fc
        .tuple(fc.boolean(), e, e)
        .map(([negated, left, right]) => ({ kind: 'in', negated, left, right, span }) as Expr),
      fc
        .tuple(fc.constantFrom('any', 'all' as const), e, e)
        .map(([mode, left, right]) => ({ kind: 'has', mode, left, right, span }) as Expr),
      fc.tuple(fc.boolean(), e).map(([negated, operand]) => ({ kind: 'isSet', negated, operand, span }) as Expr),
      tie('agg') as fc.Arbitrary<Expr>,
    ),
    agg: fc
      .record({
        op: fc.constantFrom('any', 'all', 'count', 'sum', 'max', 'min' as const),
        field: fieldName,
        recordType: arbName,
        where: opt(e),
        within: opt(e),
      })
      .map(
        ({ op, field, ...rest }) =>
          clean({
            kind: 'aggregate',
            op,
            field: op === 'sum' || op === 'max' || op === 'min' ? field : undefined,
            ...rest,
            span,
          }) as Aggregate,
      ),
  };
});
export const arbExpr: fc.Arbitrary<Expr> = arbExprRec;

const perAggregate: fc.Arbitrary<Aggregate> = fc
  .record({ recordType: arbName, where: opt(arbExpr), within: opt(arbExpr) })
  .map((r) => clean({ kind: 'aggregate', op: 'count', ...r, span }) as Aggregate);

// ------------------------------------------------------------------ declarations

const basisDecl: fc.Arbitrary<BasisDecl> = fc
  .record({
    id: arbName,
    title: arbString,
    rank: opt(fc.constantFrom(...RANKS)),
    issuer: opt(arbString),
    number: opt(arbString),
    effective: opt(arbDate),
    until: opt(arbDate),
    articles: fc.array(
      arbArticle.map((text) => ({ text, span })),
      { maxLength: 4 },
    ),
    sections: fc.array(
      arbString.map((text) => ({ text, span })),
      { maxLength: 2 },
    ),
    certainty: opt(fc.constantFrom('verified', 'paraphrase', 'recalled' as const)),
    comments,
  })
  .map((d) => clean({ kind: 'basis', ...d, span }) as BasisDecl);

const categoriesDecl: fc.Arbitrary<CategoriesDecl> = fc
  .record({
    id: arbName,
    appliesTo: fc.constantFrom('lists', 'black lists', 'measures', 'penalty measures' as const),
    values: names(),
    basis: citations,
    comments,
  })
  .map((d) => clean({ kind: 'categories', ...d, span }) as CategoriesDecl);

const scaleDecl: fc.Arbitrary<ScaleDecl> = fc
  .record({ scale: fc.constantFrom('severity', 'level' as const), values: names(4, 1), comments })
  .map((d) => clean({ kind: 'scale', ...d, span }) as ScaleDecl);

const enumDecl: fc.Arbitrary<EnumDecl> = fc
  .record({ id: arbName, values: names(), comments })
  .map((d) => clean({ kind: 'enum', ...d, span }) as EnumDecl);

const fieldType: fc.Arbitrary<FieldTypeAst> = fc.oneof(
  fc
    .constantFrom('string', 'integer', 'decimal', 'money', 'date', 'boolean', 'duration' as const)
    .map((kind) => ({ kind })),
  fc.tuple(fc.constantFrom('enum', 'list' as const), arbName).map(([kind, ref]) => ({ kind, ref })),
  fc.tuple(fc.constantFrom('enum', 'list' as const), names()).map(([kind, values]) => ({ kind, values })),
);

const fieldDecl: fc.Arbitrary<FieldDecl> = fc
  .record({ key: arbName, label: opt(arbString), type: fieldType, required: fc.boolean(), comments })
  .map((f) => clean({ ...f, span }) as FieldDecl);

const recordDecl: fc.Arbitrary<RecordDecl> = fc
  .record({
    id: arbName,
    label: opt(arbString),
    hasSeverity: fc.boolean(),
    latestPer: opt(arbName),
    fields: fc.array(fieldDecl, { maxLength: 3 }),
    comments,
  })
  .map((d) => clean({ kind: 'record', ...d, span }) as RecordDecl);

const paramVersion = fc
  .record({ value: opt(arbExpr), from: opt(arbDate), basis: citations, transition: opt(arbString) })
  .map((v) => clean({ ...v, span }));

const paramDecl: fc.Arbitrary<ParamDecl> = fc
  .record({
    id: arbName,
    label: opt(arbString),
    type: fc.constantFrom('integer', 'decimal', 'money', 'date', 'duration', 'string', 'boolean' as const),
    versions: fc.array(paramVersion, { maxLength: 3 }),
    comments,
  })
  .map((d) => clean({ kind: 'param', ...d, span }) as ParamDecl);

const fillDecl: fc.Arbitrary<FillDecl> = fc
  .record({ param: arbName, versions: fc.array(paramVersion, { minLength: 1, maxLength: 3 }), comments })
  .map((d) => clean({ kind: 'fill', ...d, span }) as FillDecl);

const ruleDecl: fc.Arbitrary<RuleDecl> = fc
  .record({
    name: arbName,
    label: opt(arbString),
    basis: citations,
    forType: opt(arbName),
    fromField: opt(fieldName),
    fromExpr: opt(arbExpr.filter((e) => e.kind !== 'name')),
    where: opt(arbExpr),
    when: opt(arbExpr),
    unless: opt(arbExpr),
    unlessBasis: citations,
    comments,
  })
  .map(
    (r) =>
      clean({
        ...r,
        fromField: r.forType === undefined ? undefined : r.fromField,
        // `from` holds one of the two: a field name, or an expression that is not one.
        fromExpr: r.forType === undefined || r.fromField !== undefined ? undefined : r.fromExpr,
        unlessBasis: r.unless === undefined ? [] : r.unlessBasis,
        span,
      }) as RuleDecl,
  );

const categoryRef = fc.record({ set: arbName, value: arbName }).map((c) => ({ ...c, span }));

const listDecl: fc.Arbitrary<ListDecl> = fc
  .record({
    id: arbName,
    listKind: fc.constantFrom('red', 'black', 'grey' as const),
    title: opt(arbString),
    scope: opt(fc.constantFrom('national', 'local' as const)),
    categories: fc.array(categoryRef, { maxLength: 2 }),
    maxLevel: opt(arbName),
    duration: opt(
      fc
        .record({ period: arbExpr, counting: fc.constantFrom('civil', 'calendar' as const), basis: citations })
        .map((d) => ({ ...d, span })),
    ),
    endsAt: opt(
      fc
        .record({
          fields: fc.array(fieldName, { maxLength: 3 }),
          // a computed end is any expression but a bare name (which reads back as a field)
          dates: opt(
            fc.array(
              arbExpr.filter((e) => e.kind !== 'name'),
              { minLength: 1, maxLength: 2 },
            ),
          ),
          when: opt(arbExpr),
          basis: citations,
        })
        .filter((d) => d.fields.length + (d.dates?.length ?? 0) > 0)
        .map((d) => clean({ ...d, span }) as NonNullable<ListDecl['endsAt']>),
    ),
    extendTo: opt(
      fc
        .record({ fields: fc.array(fieldName, { minLength: 1, maxLength: 3 }), basis: citations })
        .map((d) => ({ ...d, span })),
    ),
    earlyRemoval: opt(
      fc
        .record({ after: arbExpr, when: opt(arbExpr), unless: opt(arbExpr), basis: citations })
        .map((d) => clean({ ...d, span })),
    ),
    objectionPending: opt(fc.constantFrom('mark', 'suspend' as const)),
    allowBlack: fc.boolean(),
    rules: fc.array(ruleDecl, { maxLength: 3 }),
    basis: citations,
    comments,
  })
  .map((d) => clean({ kind: 'list', ...d, span }) as ListDecl);

const measureDecl: fc.Arbitrary<MeasureDecl> = fc
  .record({
    id: arbName,
    label: opt(arbString),
    measureKind: fc.constantFrom('reward', 'penalty', 'management' as const),
    level: opt(arbName),
    action: fc.constantFrom('block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect' as const),
    categories: fc.array(categoryRef, { maxLength: 2 }),
    lists: names(3),
    grades: fc.array(fc.record({ grading: arbName, grades: names(3, 1) }), { maxLength: 2 }),
    matters: opt(names(3)),
    department: opt(arbString),
    mandatory: fc.boolean(),
    target: fc.constantFrom('subject', 'legal_representative', 'third_party' as const),
    term: opt(arbExpr),
    termExact: opt(fc.constant(true)),
    when: opt(arbExpr),
    basis: citations,
    comments,
  })
  // `exactly` is written with a term only
  .map(
    (d) =>
      clean({ kind: 'measure', ...d, termExact: d.term === undefined ? undefined : d.termExact, span }) as MeasureDecl,
  );

const narrowDecl: fc.Arbitrary<NarrowDecl> = fc
  .record({ measure: arbName, matters: opt(names(3)), level: opt(arbName), comments })
  .map((d) => clean({ kind: 'narrow', ...d, span }) as NarrowDecl);

const signed = fc.integer({ min: -1000, max: 5000 });

const scoreItem: fc.Arbitrary<ScoreItem> = fc
  .record({
    name: arbName,
    label: opt(arbString),
    direction: fc.constantFrom('add', 'deduct' as const),
    points: nonNegNumber,
    how: fc.oneof(
      perAggregate.map((per) => ({ per, when: undefined, pointsField: undefined })),
      fc.tuple(perAggregate, arbName).map(([per, pointsField]) => ({ per, when: undefined, pointsField })),
      arbExpr.map((when) => ({ per: undefined, when, pointsField: undefined })),
    ),
    cap: opt(nonNegNumber),
    basis: citations,
    comments,
  })
  // `add FIELD per …` has no number of its own: the parser gives it 1.
  .map(
    ({ how, ...i }) =>
      clean({ ...i, ...how, ...(how.pointsField === undefined ? {} : { points: 1 }), span }) as unknown as ScoreItem,
  );

const gradeRule = fc.record({ grade: arbName, when: arbExpr, basis: citations }).map((r) => ({ ...r, span }));

const gradingDecl: fc.Arbitrary<GradingDecl> = fc
  .record({
    id: arbName,
    title: opt(arbString),
    grades: names(4),
    base: signed,
    range: opt(fc.record({ min: signed, max: signed })),
    items: fc.array(scoreItem, { maxLength: 3 }),
    bands: fc.array(
      fc.record({ grade: arbName, from: signed }).map((b) => ({ ...b, span })),
      { maxLength: 3 },
    ),
    direct: fc.array(gradeRule, { maxLength: 2 }),
    caps: fc.array(gradeRule, { maxLength: 2 }),
    supervision: fc.array(
      fc
        .record({ grade: arbName, ratioMin: percent, ratioMax: percent, frequency: opt(arbString), basis: citations })
        .map((s) => clean({ ...s, span })),
      { maxLength: 2 },
    ),
    supervisionWhen: opt(fc.record({ when: arbExpr, basis: citations }).map((w) => ({ ...w, span }))),
    supervisionNote: opt(arbString.map((text) => ({ text, span }))),
    appliesWhen: opt(fc.record({ when: arbExpr, basis: citations }).map((w) => ({ ...w, span }))),
    basis: citations,
    comments,
  })
  .map((d) => clean({ kind: 'grading', ...d, span }) as GradingDecl);

const settingDecl: fc.Arbitrary<SettingDecl> = fc.oneof(
  fc
    .record({ value: arbName, comments })
    .map((s) => clean({ kind: 'setting', setting: 'leniencyCeiling', ...s, span }) as SettingDecl),
  fc
    .record({ value: fc.nat(20), comments })
    .map((s) => clean({ kind: 'setting', setting: 'measuresPerRecordCap', ...s, span }) as SettingDecl),
);

export const arbDecl: fc.Arbitrary<Decl> = fc.oneof(
  basisDecl,
  categoriesDecl,
  scaleDecl,
  enumDecl,
  recordDecl,
  paramDecl,
  fillDecl,
  listDecl,
  measureDecl,
  narrowDecl,
  gradingDecl,
  settingDecl,
);

const policyId = fc.oneof(
  { weight: 5, arbitrary: arbName },
  { weight: 1, arbitrary: fc.constant({ text: 'national', span }) },
);

/** A whole policy: header, 0–8 declarations of every kind, comments anywhere the AST keeps them. */
export function arbPolicyAst(): fc.Arbitrary<PolicyAst> {
  return fc
    .record({
      id: policyId,
      title: arbString,
      jurisdiction: fc.oneof(
        fc.constant({ level: 'national' as const }),
        fc
          .tuple(fc.constantFrom('province', 'city', 'county' as const), fc.integer({ min: 110000, max: 659999 }))
          .map(([level, code]) => ({ level, code: String(code) })),
      ),
      version: arbString,
      effective: arbDate,
      until: opt(arbDate),
      extends: fc.array(policyId, { maxLength: 3 }),
      decls: fc.array(arbDecl, { maxLength: 8 }),
      comments,
    })
    .map((p) => clean({ kind: 'policy', ...p, span }) as PolicyAst);
}
