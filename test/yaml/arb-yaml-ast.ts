// fast-check arbitrary of policy ASTs aimed at the YAML form: repeated names, comments, awkward strings and numbers.
import fc from 'fast-check';
import type {
  BasisDecl,
  CategoriesDecl,
  CategoryRef,
  Citation,
  Decl,
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
  ParamVersion,
  PolicyAst,
  RecordDecl,
  RuleDecl,
  ScaleDecl,
  ScoreItem,
  SettingDecl,
} from '../../dsl/ast.js';
import { RANKS } from '../../dsl/ast.js';
import { NO_SPAN } from '../../dsl/span.js';
import { parseCitations, parseExpression } from '../../dsl/syntax/index.js';

const span = NO_SPAN;

function parsed<T>(r: { value: T | undefined; diagnostics: readonly { message: string }[] }, text: string): T {
  if (r.value === undefined) throw new Error(`pool entry does not parse: ${text}: ${r.diagnostics[0]?.message}`);
  return r.value;
}

const EXPRS = [
  'fineAmount >= 100万元',
  'discretion == 从重 or penaltyKinds has any [吊销许可证件, 责令停产停业]',
  'count administrative_penalty within 2 years >= 3',
  'not on 严重违法失信名单',
  'fulfilledOn is set and 已消除影响',
  'publishedOn > date + 7 workdays',
  'sum fineAmount of administrative_penalty where severity in [较重, 严重] within 1 year > 50万元',
  'grade 公共信用评价 == "D"',
  'true',
  'x is not set',
  '-5 < y',
  'a * (b + c) / 2 != 0.05',
  '评价日期 >= 2021-09-01',
  'kind not in [natural_person, rural_household]',
].map((t) => parsed(parseExpression(t, 'pool'), t));

const DURATIONS = ['3 years', '1 year', '6 months', '15 days', '7 workdays', '严重失信最短公示期'].map((t) =>
  parsed(parseExpression(t, 'pool'), t),
);

const VALUES = ['3000元', '1.5亿元', '6 months', '2023-10-27', '"每年1次"', '5%', 'null', '-5', '其他参数'].map((t) =>
  parsed(parseExpression(t, 'pool'), t),
);

const CITATIONS = [
  '令44 第二条',
  '令44 第二条第二款第（三）项',
  '榆林要点 section "十"',
  '《市场监督管理严重违法失信名单管理办法》第十六条',
  '政府采购法',
].map((t) => parsed(parseCitations(t, 'pool'), t));

/** A small pool, so names repeat and the list form of keyed sections gets exercised. */
const nameText = fc.constantFrom('甲', '乙', '名单A', '令44', '_x', 'A', 'fineAmount', '严重失信主体名单', 'D');
const name: fc.Arbitrary<Name> = nameText.map((text) => ({ text, span }));
const names = fc.array(name, { maxLength: 4 });

const tricky = fc.constantFrom(
  '',
  'true',
  'null',
  '123',
  '2021-09-01',
  ' 前后空格 ',
  'a: b',
  '- x',
  '"引号"',
  "it's",
  '多行\n文本',
  '#不是注释',
  '[x]',
  '{y}',
  '*a',
  '&b',
  '市场监督管理严重违法失信名单',
);
const text = fc.oneof(tricky, fc.string({ maxLength: 12 }));
const date = fc
  .tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const num = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom(0, 0.1, 0.3, 1e21),
);
const comments = fc.option(
  fc.array(
    fc.constantFrom(
      '# 说明',
      '#',
      '// 旧式注释',
      '#无空格',
      '#  两个空格',
      '# 令44 第二条',
      '#// 像双斜线',
      '#\\反斜线',
      '//',
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  { nil: undefined },
);
const expr: fc.Arbitrary<Expr> = fc.constantFrom(...EXPRS);
const duration: fc.Arbitrary<Expr> = fc.constantFrom(...DURATIONS);
const citations: fc.Arbitrary<Citation[]> = fc
  .array(fc.constantFrom(...CITATIONS), { maxLength: 3 })
  .map((lists) => lists.flat());

function opt<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined });
}

/** Drops `undefined` fields, as exactOptionalPropertyTypes wants; `T` is the AST type the record builds. */
function clean<T>(o: object): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const categoryRef: fc.Arbitrary<CategoryRef> = fc.record({ set: name, value: name, span: fc.constant(span) });

const setting: fc.Arbitrary<SettingDecl> = fc
  .oneof(
    fc.record({
      kind: fc.constant('setting' as const),
      setting: fc.constant('leniencyCeiling' as const),
      value: name,
      span: fc.constant(span),
      comments,
    }),
    fc.record({
      kind: fc.constant('setting' as const),
      setting: fc.constant('measuresPerRecordCap' as const),
      value: fc.nat({ max: 50 }),
      span: fc.constant(span),
      comments,
    }),
  )
  .map((o) => clean<SettingDecl>(o));

const basis: fc.Arbitrary<BasisDecl> = fc
  .record({
    kind: fc.constant('basis' as const),
    id: name,
    title: text,
    rank: opt(fc.constantFrom(...RANKS)),
    issuer: opt(text),
    number: opt(text),
    effective: opt(date),
    until: opt(date),
    articles: fc.array(
      fc
        .constantFrom('第二条', '第十二条第二款', '第二十二条第一款第（五）项', '第3条')
        .map((t) => ({ text: t, span })),
      { maxLength: 3 },
    ),
    sections: fc.array(
      text.map((t) => ({ text: t, span })),
      { maxLength: 2 },
    ),
    certainty: opt(fc.constantFrom('verified' as const, 'paraphrase' as const, 'recalled' as const)),
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<BasisDecl>(o));

const categories: fc.Arbitrary<CategoriesDecl> = fc
  .record({
    kind: fc.constant('categories' as const),
    id: name,
    appliesTo: fc.constantFrom(
      'lists' as const,
      'black lists' as const,
      'measures' as const,
      'penalty measures' as const,
    ),
    values: names,
    basis: citations,
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<CategoriesDecl>(o));

const scale: fc.Arbitrary<ScaleDecl> = fc
  .record({
    kind: fc.constant('scale' as const),
    scale: fc.constantFrom('severity' as const, 'level' as const),
    values: names,
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<ScaleDecl>(o));

const enumDecl: fc.Arbitrary<EnumDecl> = fc
  .record({
    kind: fc.constant('enum' as const),
    id: name,
    values: names,
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<EnumDecl>(o));

const fieldType: fc.Arbitrary<FieldTypeAst> = fc.oneof(
  fc
    .constantFrom('string', 'integer', 'decimal', 'money', 'date', 'boolean', 'duration' as const)
    .map((kind) => ({ kind }) as FieldTypeAst),
  fc.record({ kind: fc.constantFrom('enum' as const, 'list' as const), ref: name }),
  fc.record({ kind: fc.constantFrom('enum' as const, 'list' as const), values: names }),
);

const field: fc.Arbitrary<FieldDecl> = fc
  .record({ key: name, label: opt(text), type: fieldType, required: fc.boolean(), span: fc.constant(span), comments })
  .map((o) => clean<FieldDecl>(o));

const record: fc.Arbitrary<RecordDecl> = fc
  .record({
    kind: fc.constant('record' as const),
    id: name,
    label: opt(text),
    hasSeverity: fc.boolean(),
    latestPer: opt(name),
    fields: fc.array(field, { maxLength: 4 }),
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<RecordDecl>(o));

const paramValue: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...VALUES),
  // -0 has no text form (`-0` reads as unary minus applied to 0)
  fc
    .double({ min: 0, noNaN: true, noDefaultInfinity: true })
    .map((value): Expr => ({ kind: 'number', value: Object.is(value, -0) ? 0 : value, span })),
  fc.boolean().map((value): Expr => ({ kind: 'boolean', value, span })),
);

const paramVersion: fc.Arbitrary<ParamVersion> = fc
  .record({ value: opt(paramValue), from: opt(date), basis: citations, transition: opt(text), span: fc.constant(span) })
  .map((o) => clean<ParamVersion>(o));

const param: fc.Arbitrary<ParamDecl> = fc
  .record({
    kind: fc.constant('param' as const),
    id: name,
    label: opt(text),
    type: fc.constantFrom('integer', 'decimal', 'money', 'date', 'duration', 'string', 'boolean' as const),
    versions: fc.array(paramVersion, { maxLength: 3 }),
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<ParamDecl>(o));

const fill: fc.Arbitrary<FillDecl> = fc
  .record({
    kind: fc.constant('fill' as const),
    param: name,
    versions: fc.array(paramVersion, { minLength: 1, maxLength: 3 }),
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<FillDecl>(o));

const rule: fc.Arbitrary<RuleDecl> = fc
  .record({
    name,
    label: opt(text),
    basis: citations,
    forType: opt(name),
    fromField: opt(name),
    fromExpr: opt(expr.filter((e) => e.kind !== 'name')),
    where: opt(expr),
    when: opt(expr),
    unless: opt(expr),
    unlessBasis: citations,
    span: fc.constant(span),
    comments,
  })
  // `from` holds one of the two: a field name, or an expression that is not one.
  .map((o) => clean<RuleDecl>({ ...o, fromExpr: o.fromField === undefined ? o.fromExpr : undefined }));

const list: fc.Arbitrary<ListDecl> = fc
  .record({
    kind: fc.constant('list' as const),
    id: name,
    listKind: fc.constantFrom('red' as const, 'black' as const, 'grey' as const),
    title: opt(text),
    scope: opt(fc.constantFrom('national' as const, 'local' as const)),
    categories: fc.array(categoryRef, { maxLength: 2 }),
    maxLevel: opt(name),
    duration: opt(
      fc.record({
        period: duration,
        counting: fc.constantFrom('civil' as const, 'calendar' as const),
        basis: citations,
        span: fc.constant(span),
      }),
    ),
    endsAt: opt(
      fc
        .record({
          fields: fc.array(name, { maxLength: 3 }),
          dates: opt(
            fc.array(
              expr.filter((e) => e.kind !== 'name'),
              { minLength: 1, maxLength: 2 },
            ),
          ),
          when: opt(expr),
          basis: citations,
          span: fc.constant(span),
        })
        .filter((d) => d.fields.length + (d.dates?.length ?? 0) > 0)
        .map((d) => clean<NonNullable<ListDecl['endsAt']>>(d)),
    ),
    extendTo: opt(
      fc.record({ fields: fc.array(name, { minLength: 1, maxLength: 3 }), basis: citations, span: fc.constant(span) }),
    ),
    earlyRemoval: opt(
      fc
        .record({ after: duration, when: opt(expr), unless: opt(expr), basis: citations, span: fc.constant(span) })
        .map((o) => clean<NonNullable<ListDecl['earlyRemoval']>>(o)),
    ),
    objectionPending: opt(fc.constantFrom('mark' as const, 'suspend' as const)),
    allowBlack: fc.boolean(),
    rules: fc.array(rule, { maxLength: 3 }),
    basis: citations,
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<ListDecl>(o));

const measure: fc.Arbitrary<MeasureDecl> = fc
  .record({
    kind: fc.constant('measure' as const),
    id: name,
    label: opt(text),
    measureKind: fc.constantFrom('reward' as const, 'penalty' as const, 'management' as const),
    level: opt(name),
    action: fc.constantFrom('block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect' as const),
    categories: fc.array(categoryRef, { maxLength: 2 }),
    lists: names,
    grades: fc.array(fc.record({ grading: name, grades: names }), { maxLength: 2 }),
    matters: opt(names),
    department: opt(text),
    mandatory: fc.boolean(),
    target: fc.constantFrom('subject' as const, 'legal_representative' as const, 'third_party' as const),
    term: opt(duration),
    termExact: opt(fc.constant(true)),
    when: opt(expr),
    basis: citations,
    span: fc.constant(span),
    comments,
  })
  // `termExact` is written with a term only
  .map((o) => clean<MeasureDecl>({ ...o, termExact: o.term === undefined ? undefined : o.termExact }));

const narrow: fc.Arbitrary<NarrowDecl> = fc
  .record({
    kind: fc.constant('narrow' as const),
    measure: name,
    matters: opt(names),
    level: opt(name),
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<NarrowDecl>(o));

const per: fc.Arbitrary<NonNullable<ScoreItem['per']>> = fc
  .record({
    kind: fc.constant('aggregate' as const),
    op: fc.constant('count' as const),
    recordType: name,
    where: opt(expr),
    within: opt(duration),
    span: fc.constant(span),
  })
  .map((o) => clean<NonNullable<ScoreItem['per']>>(o));

const scoreItem: fc.Arbitrary<ScoreItem> = fc
  .record({
    name,
    label: opt(text),
    direction: fc.constantFrom('add' as const, 'deduct' as const),
    points: num,
    how: fc.oneof(
      per.map((p) => ({ per: p })),
      expr.map((e) => ({ when: e })),
    ),
    cap: opt(num),
    basis: citations,
    span: fc.constant(span),
    comments,
  })
  .map(({ how, ...rest }) => ({ ...rest, ...how }))
  .map((o) => clean<ScoreItem>(o));

const gradeRule = fc.record({ grade: name, when: expr, basis: citations, span: fc.constant(span) });
const ratio = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.05, 0.2, 0.07, 1));

const grading: fc.Arbitrary<GradingDecl> = fc
  .record({
    kind: fc.constant('grading' as const),
    id: name,
    title: opt(text),
    grades: names,
    base: num,
    range: opt(fc.record({ min: num, max: num })),
    items: fc.array(scoreItem, { maxLength: 3 }),
    bands: fc.array(fc.record({ grade: name, from: num, span: fc.constant(span) }), { maxLength: 3 }),
    direct: fc.array(gradeRule, { maxLength: 2 }),
    caps: fc.array(gradeRule, { maxLength: 2 }),
    supervision: fc.array(
      fc
        .record({
          grade: name,
          ratioMin: ratio,
          ratioMax: ratio,
          frequency: opt(text),
          basis: citations,
          span: fc.constant(span),
        })
        .map((o) => clean<GradingDecl['supervision'][number]>(o)),
      { maxLength: 2 },
    ),
    supervisionWhen: opt(fc.record({ when: expr, basis: citations, span: fc.constant(span) })),
    supervisionNote: opt(
      fc.record({ text: fc.constantFrom('抽查比例为本地选择', 'a "quoted" note'), span: fc.constant(span) }),
    ),
    appliesWhen: opt(fc.record({ when: expr, basis: citations, span: fc.constant(span) })),
    basis: citations,
    span: fc.constant(span),
    comments,
  })
  .map((o) => clean<GradingDecl>(o));

const decl: fc.Arbitrary<Decl> = fc.oneof(
  setting,
  basis,
  categories,
  scale,
  enumDecl,
  record,
  param,
  fill,
  list,
  measure,
  narrow,
  grading,
);

/** Any policy AST the YAML form must carry, declarations in any order. */
export function arbYamlPolicyAst(): fc.Arbitrary<PolicyAst> {
  return fc
    .record({
      kind: fc.constant('policy' as const),
      id: fc.oneof(name, fc.constant({ text: 'national', span })),
      title: text,
      jurisdiction: fc.oneof(
        fc.constant({ level: 'national' as const }),
        fc.record({
          level: fc.constantFrom('province' as const, 'city' as const, 'county' as const),
          code: fc.constantFrom('610000', '610800', '610322', '110101'),
        }),
      ),
      version: text,
      effective: date,
      until: opt(date),
      extends: fc.array(fc.oneof(name, fc.constant({ text: 'national', span })), { maxLength: 2 }),
      decls: fc.array(decl, { maxLength: 12 }),
      span: fc.constant(span),
      comments,
    })
    .map((o) => clean<PolicyAst>(o));
}
