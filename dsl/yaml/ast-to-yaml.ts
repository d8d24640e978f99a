// Surface AST → canonical YAML text (fixed key order, DSL strings from the text printer), parseable back.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node } from 'yaml';
import type {
  BasisDecl,
  CategoriesDecl,
  CategoryRef,
  Citation,
  Decl,
  EnumDecl,
  Expr,
  FieldDecl,
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
} from '../ast.js';
import { printCitation, printDuration, printExpr } from '../print.js';
import { formatPercent } from '../syntax/literals.js';
import { commentsToYaml } from './comments.js';

type Entry = readonly [key: string, value: Node | undefined, comments?: readonly string[] | undefined];

function scalar(value: string | number | boolean): Scalar {
  return new Scalar(value);
}

function keyScalar(key: string, comments?: readonly string[]): Scalar {
  const s = new Scalar(key);
  const c = commentsToYaml(comments);
  if (c !== undefined) s.commentBefore = c;
  return s;
}

/** A map of the entries whose value is defined, in the given order. */
function map(entries: readonly Entry[], flow = false): YAMLMap {
  const m = new YAMLMap();
  for (const [key, value, comments] of entries) {
    if (value !== undefined) m.items.push(new Pair(keyScalar(key, comments), value));
  }
  m.flow = flow || m.items.length === 0;
  return m;
}

function seq(items: readonly Node[], flow = false): YAMLSeq {
  const s = new YAMLSeq();
  s.items.push(...items);
  s.flow = flow || items.length === 0;
  return s;
}

function names(list: readonly Name[]): YAMLSeq {
  return seq(
    list.map((n) => scalar(n.text)),
    true,
  );
}

function opt<T>(value: T | undefined, f: (v: T) => Node): Node | undefined {
  return value === undefined ? undefined : f(value);
}

function str(value: string | undefined): Node | undefined {
  return value === undefined ? undefined : scalar(value);
}

/** Citations as a flow list; omitted when empty (the parser reads a missing `basis` as none). */
function citations(list: readonly Citation[]): Node | undefined {
  return list.length === 0
    ? undefined
    : seq(
        list.map((c) => scalar(printCitation(c))),
        true,
      );
}

/** The fields of a list's `until` / `extendTo`: one as `field`, several as `fields`, none left out. */
function fieldsEntry(fields: readonly Name[]): Entry {
  return fields.length === 1
    ? ['field', scalar(fields[0]!.text)]
    : ['fields', fields.length === 0 ? undefined : names(fields)];
}

/** A list's `extendTo`: its fields and basis. */
function fieldsClause(x: { readonly fields: readonly Name[]; readonly basis: readonly Citation[] }): Node {
  return map([fieldsEntry(x.fields), ['basis', citations(x.basis)]], true);
}

/** A list's `until`: its fields, then the computed `dates` and the `when`. */
function untilClause(x: NonNullable<ListDecl['endsAt']>): Node {
  return map(
    [
      fieldsEntry(x.fields),
      [
        'dates',
        x.dates === undefined
          ? undefined
          : seq(
              x.dates.map((e) => scalar(printExpr(e))),
              true,
            ),
      ],
      ['when', condition(x.when)],
      ['basis', citations(x.basis)],
    ],
    true,
  );
}

function condition(e: Expr | undefined): Node | undefined {
  return e === undefined ? undefined : scalar(printExpr(e));
}

function duration(e: Expr | undefined): Node | undefined {
  if (e === undefined) return undefined;
  return scalar(e.kind === 'duration' ? printDuration(e.value) : printExpr(e));
}

/** Param values: plain numbers and booleans as YAML scalars, everything else as DSL text. */
function value(e: Expr): Node {
  if (e.kind === 'number' && e.value >= 0 && !Object.is(e.value, -0) && Number.isFinite(e.value))
    return scalar(e.value);
  if (e.kind === 'boolean') return scalar(e.value);
  return scalar(printExpr(e));
}

function categoryRefs(list: readonly CategoryRef[]): Node | undefined {
  return list.length === 0
    ? undefined
    : seq(
        list.map((c) => scalar(`${c.set.text}.${c.value.text}`)),
        true,
      );
}

function unique(keys: readonly string[]): boolean {
  return new Set(keys).size === keys.length;
}

/**
 * A collection of named things: a map keyed by name when the names are distinct (the readable form), else a list
 * of objects naming themselves under `keyProp`. `short` names the one property a map value stands for.
 */
function keyed<T>(
  items: readonly T[],
  keyProp: string,
  keyOf: (t: T) => string,
  body: (t: T) => readonly Entry[],
  opts: { comments?: (t: T) => readonly string[] | undefined; short?: string; flowBody?: boolean } = {},
): Node | undefined {
  if (items.length === 0) return undefined;
  const comments = opts.comments ?? (() => undefined);
  if (unique(items.map(keyOf))) {
    return map(
      items.map((t): Entry => {
        const entries = body(t);
        const v =
          opts.short !== undefined ? entries.find((e) => e[0] === opts.short)?.[1] : map(entries, opts.flowBody);
        return [keyOf(t), v ?? map([]), comments(t)];
      }),
    );
  }
  return seq(
    items.map((t) => {
      const m = map([[keyProp, scalar(keyOf(t))], ...body(t)], opts.flowBody);
      const c = commentsToYaml(comments(t));
      if (c !== undefined) m.commentBefore = c;
      return m;
    }),
  );
}

function byKind<K extends Decl['kind']>(decls: readonly Decl[], kind: K): Extract<Decl, { kind: K }>[] {
  return decls.filter((d): d is Extract<Decl, { kind: K }> => d.kind === kind);
}

function settings(list: readonly SettingDecl[]): Node | undefined {
  if (list.length === 0) return undefined;
  const v = (s: SettingDecl): Node => scalar(typeof s.value === 'number' ? s.value : s.value.text);
  if (unique(list.map((s) => s.setting))) return map(list.map((s) => [s.setting, v(s), s.comments]));
  return seq(
    list.map((s) => {
      const m = map([
        ['setting', scalar(s.setting)],
        ['value', v(s)],
      ]);
      const c = commentsToYaml(s.comments);
      if (c !== undefined) m.commentBefore = c;
      return m;
    }),
  );
}

function basis(b: BasisDecl): Entry[] {
  return [
    ['title', scalar(b.title)],
    ['rank', str(b.rank)],
    ['issuer', str(b.issuer)],
    ['number', str(b.number)],
    ['effective', str(b.effective)],
    ['until', str(b.until)],
    ['articles', b.articles.length > 0 ? names(b.articles) : undefined],
    ['sections', b.sections.length > 0 ? names(b.sections) : undefined],
    ['certainty', str(b.certainty)],
  ];
}

function categoriesBody(c: CategoriesDecl): Entry[] {
  return [
    ['for', scalar(c.appliesTo)],
    ['values', names(c.values)],
    ['basis', citations(c.basis)],
  ];
}

function field(f: FieldDecl): Entry[] {
  const t = f.type;
  return [
    ['label', str(f.label)],
    ['type', scalar(t.kind)],
    ['of', t.kind === 'enum' || t.kind === 'list' ? opt(t.ref, (r) => scalar(r.text)) : undefined],
    ['values', t.kind === 'enum' || t.kind === 'list' ? opt(t.values, names) : undefined],
    ['required', f.required ? scalar(true) : undefined],
  ];
}

function record(r: RecordDecl): Entry[] {
  return [
    ['label', str(r.label)],
    ['severity', r.hasSeverity ? scalar(true) : undefined],
    ['latestPer', opt(r.latestPer, (k) => scalar(k.text))],
    ['fields', keyed(r.fields, 'key', (f) => f.key.text, field, { comments: (f) => f.comments, flowBody: true })],
  ];
}

function paramVersion(v: ParamVersion): Node {
  return map(
    [
      ['value', opt(v.value, value)],
      ['unset', v.value === undefined ? scalar(true) : undefined],
      ['from', str(v.from)],
      ['basis', citations(v.basis)],
      ['transition', str(v.transition)],
    ],
    true,
  );
}

function param(p: ParamDecl): Entry[] {
  return [
    ['label', str(p.label)],
    ['type', scalar(p.type)],
    ['versions', seq(p.versions.map(paramVersion))],
  ];
}

function fill(f: FillDecl): Entry[] {
  return [['versions', seq(f.versions.map(paramVersion))]];
}

function rule(r: RuleDecl): Entry[] {
  return [
    ['label', str(r.label)],
    ['basis', citations(r.basis)],
    ['for', opt(r.forType, (n) => scalar(n.text))],
    ['from', r.fromExpr !== undefined ? condition(r.fromExpr) : opt(r.fromField, (n) => scalar(n.text))],
    ['where', condition(r.where)],
    ['when', condition(r.when)],
    ['unless', condition(r.unless)],
    ['unlessBasis', citations(r.unlessBasis)],
  ];
}

function list(l: ListDecl): Entry[] {
  return [
    ['kind', scalar(l.listKind)],
    ['title', str(l.title)],
    ['scope', str(l.scope)],
    ['categories', categoryRefs(l.categories)],
    ['maxLevel', opt(l.maxLevel, (n) => scalar(n.text))],
    ['replaces', opt(l.replaces, (n) => scalar(n.text))],
    ['external', l.external === true ? scalar(true) : undefined],
    [
      'duration',
      opt(l.duration, (d) =>
        map(
          [
            ['period', duration(d.period)],
            ['counting', d.counting === 'civil' ? undefined : scalar(d.counting)],
            ['basis', citations(d.basis)],
          ],
          true,
        ),
      ),
    ],
    ['until', opt(l.endsAt, untilClause)],
    ['extendTo', opt(l.extendTo, fieldsClause)],
    [
      'earlyRemoval',
      opt(l.earlyRemoval, (r) =>
        map([
          ['after', duration(r.after)],
          ['when', condition(r.when)],
          ['unless', condition(r.unless)],
          ['basis', citations(r.basis)],
        ]),
      ),
    ],
    ['objectionPending', str(l.objectionPending)],
    ['allowBlack', l.allowBlack ? scalar(true) : undefined],
    ['basis', citations(l.basis)],
    ['rules', keyed(l.rules, 'name', (r) => r.name.text, rule, { comments: (r) => r.comments })],
  ];
}

function measure(m: MeasureDecl): Entry[] {
  return [
    ['label', str(m.label)],
    ['kind', scalar(m.measureKind)],
    ['level', opt(m.level, (n) => scalar(n.text))],
    ['action', scalar(m.action)],
    ['categories', categoryRefs(m.categories)],
    ['appliesTo', m.lists.length > 0 ? names(m.lists) : undefined],
    [
      'appliesToGrades',
      keyed(
        m.grades,
        'grading',
        (g) => g.grading.text,
        (g) => [['grades', names(g.grades)]],
        { short: 'grades' },
      ),
    ],
    ['matters', opt(m.matters, names)],
    ['department', str(m.department)],
    ['mandatory', m.mandatory ? undefined : scalar(false)],
    ['target', m.target === 'subject' ? undefined : scalar(m.target)],
    ['term', duration(m.term)],
    ['termExact', m.termExact === true ? scalar(true) : undefined],
    ['when', condition(m.when)],
    ['basis', citations(m.basis)],
  ];
}

function narrow(n: NarrowDecl): Entry[] {
  return [
    ['matters', opt(n.matters, names)],
    ['level', opt(n.level, (l) => scalar(l.text))],
  ];
}

function scoreItem(i: ScoreItem): Entry[] {
  return [
    ['label', str(i.label)],
    [i.direction, i.pointsField === undefined ? scalar(i.points) : scalar(i.pointsField.text)],
    ['per', opt(i.per, (p) => scalar(p.recordType.text))],
    ['where', condition(i.per?.where)],
    ['within', duration(i.per?.within)],
    ['when', condition(i.when)],
    ['cap', opt(i.cap, scalar)],
    ['basis', citations(i.basis)],
  ];
}

function ratio(v: number): Node {
  return v >= 0 && Number.isFinite(v) ? scalar(formatPercent(v)) : scalar(v);
}

function grading(g: GradingDecl): Entry[] {
  const gradeRules = (rules: GradingDecl['direct']): Node | undefined =>
    rules.length === 0
      ? undefined
      : seq(
          rules.map((r) =>
            map(
              [
                ['grade', scalar(r.grade.text)],
                ['when', condition(r.when)],
                ['basis', citations(r.basis)],
              ],
              true,
            ),
          ),
        );
  return [
    ['title', str(g.title)],
    ['grades', names(g.grades)],
    ['base', scalar(g.base)],
    [
      'range',
      opt(g.range, (r) =>
        map(
          [
            ['min', scalar(r.min)],
            ['max', scalar(r.max)],
          ],
          true,
        ),
      ),
    ],
    [
      'appliesWhen',
      opt(g.appliesWhen, (w) =>
        map([
          ['when', condition(w.when)],
          ['basis', citations(w.basis)],
        ]),
      ),
    ],
    ['items', keyed(g.items, 'name', (i) => i.name.text, scoreItem, { comments: (i) => i.comments })],
    [
      'bands',
      keyed(
        g.bands,
        'grade',
        (b) => b.grade.text,
        (b) => [['from', scalar(b.from)]],
        { short: 'from' },
      ),
    ],
    ['direct', gradeRules(g.direct)],
    ['caps', gradeRules(g.caps)],
    [
      'supervisionWhen',
      opt(g.supervisionWhen, (w) =>
        map([
          ['when', condition(w.when)],
          ['basis', citations(w.basis)],
        ]),
      ),
    ],
    [
      'supervision',
      keyed(
        g.supervision,
        'grade',
        (s) => s.grade.text,
        (s) => [
          ['ratio', seq([ratio(s.ratioMin), ratio(s.ratioMax)], true)],
          ['frequency', str(s.frequency)],
          ['basis', citations(s.basis)],
        ],
        { flowBody: true },
      ),
    ],
    ['supervisionNote', str(g.supervisionNote?.text)],
    ['basis', citations(g.basis)],
  ];
}

function jurisdiction(j: PolicyAst['jurisdiction']): Node {
  if (j.level === 'national') return scalar('national');
  const code = j.code ?? '';
  const asNumber = /^[1-9][0-9]{0,14}$/.test(code) ? Number(code) : undefined;
  return map([[j.level, scalar(asNumber ?? code)]], true);
}

/** Canonical YAML of a policy; `parsePolicyYaml` reads it back to the same AST (declarations grouped by kind). */
export function printPolicyYaml(ast: PolicyAst): string {
  const d = ast.decls;
  const withComments = <T extends { comments?: readonly string[] }>(t: T): readonly string[] | undefined => t.comments;
  const root = map([
    ['policy', scalar(ast.id.text), ast.comments],
    ['title', scalar(ast.title)],
    ['jurisdiction', jurisdiction(ast.jurisdiction)],
    ['version', scalar(ast.version)],
    ['effective', scalar(ast.effective)],
    ['until', str(ast.until)],
    ['extends', ast.extends.length > 0 ? names(ast.extends) : undefined],
    ['settings', settings(byKind(d, 'setting'))],
    ['bases', keyed(byKind(d, 'basis'), 'id', (b) => b.id.text, basis, { comments: withComments })],
    ['categories', keyed(byKind(d, 'categories'), 'id', (c) => c.id.text, categoriesBody, { comments: withComments })],
    [
      'scales',
      keyed(
        byKind(d, 'scale'),
        'scale',
        (s: ScaleDecl) => s.scale,
        (s) => [['values', names(s.values)]],
        {
          comments: withComments,
          short: 'values',
        },
      ),
    ],
    [
      'enums',
      keyed(
        byKind(d, 'enum'),
        'id',
        (e: EnumDecl) => e.id.text,
        (e) => [['values', names(e.values)]],
        {
          comments: withComments,
          short: 'values',
        },
      ),
    ],
    ['records', keyed(byKind(d, 'record'), 'id', (r) => r.id.text, record, { comments: withComments })],
    ['params', keyed(byKind(d, 'param'), 'id', (p) => p.id.text, param, { comments: withComments })],
    [
      'fill',
      keyed(byKind(d, 'fill'), 'param', (f) => f.param.text, fill, { comments: withComments, short: 'versions' }),
    ],
    ['lists', keyed(byKind(d, 'list'), 'id', (l) => l.id.text, list, { comments: withComments })],
    ['measures', keyed(byKind(d, 'measure'), 'id', (m) => m.id.text, measure, { comments: withComments })],
    ['narrow', keyed(byKind(d, 'narrow'), 'measure', (n) => n.measure.text, narrow, { comments: withComments })],
    ['gradings', keyed(byKind(d, 'grading'), 'id', (g) => g.id.text, grading, { comments: withComments })],
  ]);
  const doc = new Document();
  doc.contents = root;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, indentSeq: true });
}
