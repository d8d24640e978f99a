// fast-check arbitraries of small, varied, valid checked IRs (every expression op, every list/grading/measure knob).
import fc from 'fast-check';
import type { Counting, ListKind, MeasureKind } from '../../dsl/ast.js';
import {
  IR_FORMAT,
  type Duration,
  type IrCitation,
  type IrExpr,
  type IrField,
  type IrGrading,
  type IrLayer,
  type IrList,
  type IrMeasure,
  type IrParam,
  type IrRecordType,
  type IrRule,
  type IrScoreItem,
  type PolicyIr,
} from '../../dsl/ir.js';

export const SEVERITY = ['轻微', '一般', '较重', '严重'] as const;
export const LEVELS = ['提示', '约谈', '限制', '禁入'] as const;
export const PENALTY_KINDS = ['警告', '罚款', '吊销许可证件', '责令停产停业'] as const;
export const DISCRETION = ['从轻', '一般', '从重'] as const;
export const DOMAINS = ['食品安全', '安全生产', '税务'] as const;
export const MATTERS = ['政府采购', '招标投标', '行政审批'] as const;
export const SUBJECT_KINDS_USED = ['enterprise', 'natural_person', 'individual_business'] as const;
const LAYER = 'p';

/** Every field a generated record type may have; a type takes a subset. */
export const FIELD_POOL: Readonly<Record<string, IrField>> = {
  fineAmount: { key: 'fineAmount', label: '罚款金额', type: { t: 'money' }, required: false },
  times: { key: 'times', label: '次数', type: { t: 'integer' }, required: false },
  discretion: { key: 'discretion', label: '裁量', type: { t: 'enum', values: DISCRETION }, required: false },
  penaltyKinds: {
    key: 'penaltyKinds',
    label: '处罚种类',
    type: { t: 'list', values: PENALTY_KINDS, enumName: '处罚种类' },
    required: false,
  },
  noIntent: { key: 'noIntent', label: '无主观故意', type: { t: 'boolean' }, required: false },
  restrictionEnds: { key: 'restrictionEnds', label: '限制期满日', type: { t: 'date' }, required: false },
  domain: { key: 'domain', label: '领域', type: { t: 'string' }, required: false },
  term: { key: 'term', label: '期限', type: { t: 'duration' }, required: false },
};
const RECORD_KEYS = ['administrative_penalty', 'tax_arrears', '表彰'] as const;

// ------------------------------------------------------------------ small builders

const lit = (type: Extract<IrExpr, { op: 'lit' }>['type'], value: Extract<IrExpr, { op: 'lit' }>['value']): IrExpr => ({
  op: 'lit',
  type,
  value,
});
const field = (key: string, builtin = false): IrExpr => ({ op: 'field', key, builtin });
const cmp = (
  c: '==' | '!=' | '<' | '<=' | '>' | '>=',
  type: Extract<IrExpr, { op: 'cmp' }>['type'],
  left: IrExpr,
  right: IrExpr,
): IrExpr => ({ op: 'cmp', cmp: c, type, left, right });

const arbCmp = fc.constantFrom('==', '!=', '<', '<=', '>', '>=' as const);
const arbOrder = fc.constantFrom('<', '<=', '>', '>=' as const);
const arbEq = fc.constantFrom('==', '!=' as const);

export function arbDuration(): fc.Arbitrary<Duration> {
  return fc.oneof(
    fc.record({ amount: fc.integer({ min: 1, max: 3 }), unit: fc.constant('year' as const) }),
    fc.record({ amount: fc.constantFrom(1, 3, 6, 12, 18), unit: fc.constant('month' as const) }),
    fc.record({ amount: fc.constantFrom(1, 7, 15, 30, 90, 365), unit: fc.constant('day' as const) }),
    fc.record({ amount: fc.integer({ min: 1, max: 15 }), unit: fc.constant('workday' as const) }),
  );
}

/** A date in [from, to] (both YYYY-MM-DD), uniform over days. */
export function arbDateBetween(from: string, to: string): fc.Arbitrary<string> {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10)) / 86_400_000;
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) / 86_400_000;
  return fc.integer({ min: a, max: b }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
}

// ------------------------------------------------------------------ expressions

export interface ExprScope {
  readonly records: Readonly<Record<string, IrRecordType>>;
  /** the record in scope (for rules, aggregate `where`) */
  readonly record: IrRecordType | null;
  /** lists an `on LIST` may name */
  readonly lists: readonly string[];
  readonly moneyParams: readonly string[];
  readonly durationParams: readonly string[];
  /**
   * Inside an aggregate's `where`: the record it is reached from, which `outer F` reads — a record type, or
   * `builtin` where only the built-in fields are known (an early-removal condition); null at subject level.
   */
  readonly outer?: IrRecordType | 'builtin' | null;
  /** an early-removal condition: a record is in scope but its type is not known */
  readonly builtinRecord?: boolean;
}

const outerField = (key: string, builtin = false): IrExpr => ({ op: 'outerField', key, builtin });

/** Conditions tying an aggregate's record to the record it is reached from (`outer F`). */
function outerPredicates(scope: ExprScope): fc.Arbitrary<IrExpr>[] {
  const outer = scope.outer;
  const rec = scope.record;
  if (outer === undefined || outer === null || rec === null) return [];
  const out: fc.Arbitrary<IrExpr>[] = [
    arbOrder.map((c) => cmp(c, 'date', field('date', true), outerField('date', true))),
    arbEq.map((c) => cmp(c, 'string', field('id', true), outerField('id', true))),
    fc
      .tuple(fc.boolean(), fc.constantFrom('fulfilledOn', 'repairedOn'))
      .map(([negated, key]): IrExpr => ({ op: 'isSet', negated, arg: outerField(key, true) })),
  ];
  if (outer !== 'builtin') {
    if (outer.fields['discretion'] !== undefined && rec.fields['discretion'] !== undefined)
      out.push(arbEq.map((c) => cmp(c, 'enum', field('discretion'), outerField('discretion'))));
    if (outer.fields['fineAmount'] !== undefined && rec.fields['fineAmount'] !== undefined)
      out.push(arbCmp.map((c) => cmp(c, 'money', field('fineAmount'), outerField('fineAmount'))));
  }
  return out;
}

function durationExpr(scope: ExprScope): fc.Arbitrary<IrExpr> {
  const options: fc.Arbitrary<IrExpr>[] = [arbDuration().map((d) => lit('duration', d))];
  if (scope.durationParams.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...scope.durationParams), fc.boolean()).map(([param, recordDate]): IrExpr => ({
        op: 'param',
        param,
        recordDate: recordDate && scope.record !== null,
      })),
    );
  }
  return fc.oneof(...options);
}

function moneyExpr(scope: ExprScope): fc.Arbitrary<IrExpr> {
  const options: fc.Arbitrary<IrExpr>[] = [fc.constantFrom(0, 3000, 10000, 50000, 200000).map((n) => lit('money', n))];
  if (scope.moneyParams.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...scope.moneyParams), fc.boolean()).map(([param, recordDate]): IrExpr => ({
        op: 'param',
        param,
        recordDate: recordDate && scope.record !== null,
      })),
    );
  }
  return fc.oneof(...options);
}

/** A date computed from the triggering record's builtin dates (every record type has them), for `until`. */
function arbComputedEnd(scope: ExprScope): fc.Arbitrary<IrExpr> {
  return fc
    .tuple(
      fc.constantFrom(field('fulfilledOn', true), field('date', true)),
      fc.oneof(
        durationExpr(scope),
        fc
          .constantFrom<Duration>({ amount: 3, unit: 'workday' }, { amount: 15, unit: 'workday' })
          .map((d) => lit('duration', d)),
      ),
      fc.boolean(),
    )
    .map(([date, duration, civil]): IrExpr => shiftForward(date, duration, civil));
}

/** `date + P`, or with `counted civil` the period's last day moved off a rest day (第二百零三条). */
function shiftForward(date: IrExpr, duration: IrExpr, civil: boolean): IrExpr {
  return civil
    ? { op: 'dateShift', sign: 1, date, duration, counting: 'civil' }
    : { op: 'dateShift', sign: 1, date, duration };
}

/** A date-valued expression: `at`, record dates, literals, shifts. */
function dateExpr(scope: ExprScope): fc.Arbitrary<IrExpr> {
  const base: fc.Arbitrary<IrExpr>[] = [fc.constant<IrExpr>({ op: 'at' })];
  const rec = scope.record;
  if (rec !== null) {
    base.push(fc.constant(field('date', true)), fc.constant(field('fulfilledOn', true)));
    if (rec.fields['restrictionEnds'] !== undefined) base.push(fc.constant(field('restrictionEnds')));
  }
  const plain = fc.oneof(...base);
  return fc.oneof(
    plain,
    arbDateBetween('2019-06-01', '2026-06-30').map((d) => lit('date', d)),
    fc
      .tuple(plain, fc.constantFrom(1 as const, -1 as const), durationExpr(scope))
      .map(([date, sign, duration]): IrExpr => ({ op: 'dateShift', sign, date, duration })),
    fc.tuple(plain, durationExpr(scope)).map(([date, duration]) => shiftForward(date, duration, true)),
  );
}

function recordPredicates(scope: ExprScope, rec: IrRecordType): fc.Arbitrary<IrExpr>[] {
  const out: fc.Arbitrary<IrExpr>[] = [];
  const f = rec.fields;
  if (f['fineAmount'] !== undefined) {
    out.push(fc.tuple(arbCmp, moneyExpr(scope)).map(([c, right]) => cmp(c, 'money', field('fineAmount'), right)));
    out.push(
      fc
        .tuple(
          arbOrder,
          fc.constantFrom('+', '-', '*', '/' as const),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: -5, max: 60000 }),
        )
        .map(([c, arith, k, n]) =>
          cmp(c, 'money', { op: 'arith', arith, left: field('fineAmount'), right: lit('number', k) }, lit('money', n)),
        ),
    );
    out.push(
      fc
        .integer({ min: 0, max: 100000 })
        .map((n) => cmp('<', 'money', { op: 'neg', arg: field('fineAmount') }, lit('money', -n))),
    );
  }
  if (f['times'] !== undefined) {
    out.push(
      fc
        .tuple(arbCmp, fc.integer({ min: 0, max: 4 }))
        .map(([c, n]) => cmp(c, 'number', field('times'), lit('number', n))),
    );
    if (f['fineAmount'] !== undefined) {
      out.push(
        arbOrder.map((c) =>
          cmp(
            c,
            'number',
            { op: 'arith', arith: '/', left: field('fineAmount'), right: field('times') },
            lit('number', 10000),
          ),
        ),
      );
    }
  }
  if (f['discretion'] !== undefined) {
    out.push(
      fc
        .tuple(arbEq, fc.constantFrom(...DISCRETION))
        .map(([c, v]) => cmp(c, 'enum', field('discretion'), lit('enum', v))),
    );
    out.push(
      fc
        .tuple(fc.boolean(), fc.subarray([...DISCRETION], { minLength: 1 }), fc.boolean())
        .map(([negated, values, asArray]): IrExpr => ({
          op: 'in',
          negated,
          left: field('discretion'),
          values: asArray ? { op: 'array', items: values.map((v) => lit('enum', v)) } : lit('list', values),
        })),
    );
  }
  if (f['penaltyKinds'] !== undefined) {
    out.push(
      fc
        .tuple(fc.constantFrom('any' as const, 'all' as const), fc.subarray([...PENALTY_KINDS]))
        .map(([mode, values]): IrExpr => ({
          op: 'has',
          mode,
          left: field('penaltyKinds'),
          values: lit('list', values),
        })),
    );
  }
  if (f['noIntent'] !== undefined) {
    out.push(fc.tuple(arbEq, fc.boolean()).map(([c, b]) => cmp(c, 'boolean', field('noIntent'), lit('boolean', b))));
  }
  if (f['domain'] !== undefined) {
    out.push(
      fc.tuple(arbEq, fc.constantFrom(...DOMAINS)).map(([c, v]) => cmp(c, 'string', field('domain'), lit('string', v))),
    );
  }
  if (rec.hasSeverity) {
    out.push(
      fc
        .tuple(arbCmp, fc.constantFrom(...SEVERITY))
        .map(([c, v]) => cmp(c, 'severity', field('severity', true), lit('severity', v))),
    );
  }
  out.push(
    fc
      .tuple(fc.boolean(), fc.constantFrom(...Object.keys(f), 'fulfilledOn', 'repairedOn', 'authority'))
      .map(([negated, key]): IrExpr => ({ op: 'isSet', negated, arg: field(key, f[key] === undefined) })),
  );
  out.push(arbEq.map((c) => cmp(c, 'enum', field('objection', true), lit('enum', 'pending'))));
  out.push(fc.tuple(arbOrder, dateExpr(scope), dateExpr(scope)).map(([c, l, r]) => cmp(c, 'date', l, r)));
  return out;
}

function aggregate(
  scope: ExprScope,
  depth: number,
  agg: 'any' | 'all' | 'count' | 'sum' | 'max' | 'min',
): fc.Arbitrary<IrExpr> {
  const types = Object.values(scope.records);
  return fc.constantFrom(...types).chain((rec) => {
    const inner: ExprScope = {
      ...scope,
      record: rec,
      outer: scope.record ?? (scope.builtinRecord === true ? 'builtin' : null),
      builtinRecord: false,
    };
    const fieldKey =
      agg === 'max' || agg === 'min'
        ? fc.constantFrom('fineAmount', 'restrictionEnds', 'date')
        : fc.constant('fineAmount');
    return fc
      .record(
        {
          where: boolExpr(inner, depth - 1),
          within: arbDuration(),
          key: fieldKey,
        },
        { requiredKeys: ['key'] },
      )
      .map(({ where, within, key }): IrExpr => {
        const base = { op: 'agg' as const, agg, recordType: rec.key };
        const withField =
          agg === 'sum' || agg === 'max' || agg === 'min' ? { ...base, field: { key, builtin: key === 'date' } } : base;
        return {
          ...withField,
          ...(where === undefined ? {} : { where }),
          ...(within === undefined ? {} : { within }),
        };
      });
  });
}

function aggregatePredicates(scope: ExprScope, depth: number): fc.Arbitrary<IrExpr>[] {
  if (Object.keys(scope.records).length === 0) return [];
  return [
    aggregate(scope, depth, 'any'),
    aggregate(scope, depth, 'all'),
    fc
      .tuple(arbCmp, aggregate(scope, depth, 'count'), fc.integer({ min: 0, max: 3 }))
      .map(([c, a, n]) => cmp(c, 'number', a, lit('number', n))),
    fc
      .tuple(
        arbOrder,
        aggregate(scope, depth, 'count'),
        aggregate(scope, depth, 'count'),
        fc.integer({ min: 1, max: 4 }),
      )
      .map(([c, a, b, n]) => cmp(c, 'number', { op: 'arith', arith: '+', left: a, right: b }, lit('number', n))),
    fc.tuple(arbOrder, aggregate(scope, depth, 'sum'), moneyExpr(scope)).map(([c, a, m]) => cmp(c, 'money', a, m)),
    fc
      .tuple(arbOrder, fc.constantFrom('max' as const, 'min' as const), dateExpr({ ...scope, record: null }))
      .chain(([c, agg, d]) =>
        aggregate(scope, depth, agg).map((a) => {
          const key = a.op === 'agg' ? a.field?.key : undefined;
          return key === 'fineAmount' ? cmp(c, 'money', a, lit('money', 20000)) : cmp(c, 'date', a, d);
        }),
      ),
  ];
}

/** A boolean expression over `scope`, at most `depth` levels of nesting. */
export function boolExpr(scope: ExprScope, depth: number): fc.Arbitrary<IrExpr> {
  const leaves: fc.Arbitrary<IrExpr>[] = [
    fc.tuple(fc.boolean(), fc.subarray([...SUBJECT_KINDS_USED], { minLength: 1 })).map(([negated, kinds]): IrExpr => ({
      op: 'in',
      negated,
      left: { op: 'subject', key: 'kind' },
      values: lit('list', kinds),
    })),
  ];
  if (scope.record !== null) leaves.push(...recordPredicates(scope, scope.record));
  leaves.push(...outerPredicates(scope));
  if (scope.lists.length > 0)
    leaves.push(fc.constantFrom(...scope.lists).map((list): IrExpr => ({ op: 'onList', list })));
  const parts: fc.Arbitrary<IrExpr>[] = [fc.oneof(...leaves)];
  if (depth > 0) {
    const aggs = aggregatePredicates(scope, depth);
    if (aggs.length > 0) parts.push(fc.oneof(...aggs));
    const sub = boolExpr(scope, depth - 1);
    parts.push(
      fc.array(sub, { minLength: 2, maxLength: 3 }).map((args): IrExpr => ({ op: 'and', args })),
      fc.array(sub, { minLength: 2, maxLength: 3 }).map((args): IrExpr => ({ op: 'or', args })),
      sub.map((arg): IrExpr => ({ op: 'not', arg })),
    );
  }
  return fc.oneof(...parts);
}

// ------------------------------------------------------------------ declarations

const BASES = {
  令44: {
    id: '令44',
    title: '市场监督管理严重违法失信名单管理办法',
    articles: ['第二条', '第十六条', '第二十一条'],
    sections: [],
    layer: LAYER,
  },
  要点: { id: '要点', title: '榆林市社会信用体系建设工作要点', articles: [], sections: ['十'], layer: LAYER },
} as const;

function arbCitations(): fc.Arbitrary<IrCitation[]> {
  return fc.array(
    fc.oneof(
      fc.constantFrom(...BASES.令44.articles).map((article): IrCitation => ({ basis: '令44', article })),
      fc.constant<IrCitation>({ basis: '要点', section: '十' }),
      fc.constant<IrCitation>({ basis: '令44' }),
    ),
    { minLength: 1, maxLength: 2 },
  );
}

function arbRecordTypes(): fc.Arbitrary<Record<string, IrRecordType>> {
  return fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc
      .tuple(
        ...RECORD_KEYS.slice(0, n).map((key) =>
          fc
            .record({
              hasSeverity: fc.boolean(),
              fields: fc.subarray(Object.keys(FIELD_POOL), { minLength: 3 }),
              label: fc.option(fc.constantFrom('行政处罚', '欠税'), { nil: undefined }),
              // `latest per` on fields whose values collide often in generated subjects, so records supersede
              latestPer: fc.option(fc.constantFrom('discretion', 'noIntent', 'times', 'domain'), {
                nil: undefined,
                freq: 2,
              }),
            })
            .map(({ hasSeverity, fields, label, latestPer }): IrRecordType => ({
              key,
              ...(label === undefined ? {} : { label }),
              hasSeverity,
              ...(latestPer !== undefined && fields.includes(latestPer) ? { latestPer } : {}),
              fields: Object.fromEntries(fields.map((k) => [k, FIELD_POOL[k] as IrField])),
              layer: LAYER,
            })),
        ),
      )
      .map((types) => Object.fromEntries(types.map((t) => [t.key, t]))),
  );
}

function arbParams(): fc.Arbitrary<Record<string, IrParam>> {
  const version = <T>(value: fc.Arbitrary<T>) =>
    fc.record({ from: fc.option(arbDateBetween('2019-01-01', '2025-12-31'), { nil: null }), value });
  const versions = <T>(value: fc.Arbitrary<T>) =>
    fc.uniqueArray(version(value), { minLength: 1, maxLength: 3, selector: (v) => v.from }).map((vs) =>
      [...vs]
        .sort((a, b) => (a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : 1))
        .map((v) => ({
          from: v.from,
          value: v.value as IrParam['versions'][number]['value'],
          basis: [{ basis: '令44' }],
        })),
    );
  return fc
    .record({
      money: versions(fc.constantFrom(3000, 10000, 50000)),
      period: versions(fc.oneof({ weight: 9, arbitrary: arbDuration() }, { weight: 1, arbitrary: fc.constant(null) })),
    })
    .map(({ money, period }) => ({
      较低数额罚款: { name: '较低数额罚款', type: 'money', versions: money, layer: LAYER },
      最短公示期: { name: '最短公示期', type: 'duration', versions: period, layer: LAYER },
    }));
}

interface Vocab {
  readonly records: Readonly<Record<string, IrRecordType>>;
  readonly moneyParams: readonly string[];
  readonly durationParams: readonly string[];
}

function scopeOf(v: Vocab, lists: readonly string[], record: IrRecordType | null): ExprScope {
  return { records: v.records, record, lists, moneyParams: v.moneyParams, durationParams: v.durationParams };
}

function arbRule(v: Vocab, lists: readonly string[], name: string): fc.Arbitrary<IrRule> {
  const recs = Object.values(v.records);
  const forRule = fc.constantFrom(...recs).chain((rec) => {
    const scope = scopeOf(v, lists, rec);
    const dateFields =
      rec.fields['restrictionEnds'] !== undefined ? ['restrictionEnds', 'fulfilledOn'] : ['fulfilledOn'];
    return fc
      .record(
        {
          where: boolExpr(scope, 2),
          unless: boolExpr(scope, 1),
          from: fc.constantFrom(...dateFields),
          // `from EXPR`: the day after a date of the record (a deadline's next day), or a shifted decision date
          fromExpr: fc.constantFrom<IrExpr>(
            {
              op: 'dateShift',
              sign: 1,
              date: { op: 'field', key: 'date', builtin: true },
              duration: { op: 'lit', type: 'duration', value: { amount: 1, unit: 'day' } },
            },
            {
              op: 'dateShift',
              sign: 1,
              date: { op: 'field', key: 'date', builtin: true },
              duration: { op: 'lit', type: 'duration', value: { amount: 10, unit: 'workday' } },
            },
            {
              op: 'dateShift',
              sign: 1,
              date: { op: 'field', key: 'fulfilledOn', builtin: true },
              duration: { op: 'lit', type: 'duration', value: { amount: 1, unit: 'day' } },
            },
          ),
          basis: arbCitations(),
          label: fc.constantFrom('受到较重行政处罚', '欠税'),
        },
        { requiredKeys: ['basis'] },
      )
      .map(({ where, unless, from, fromExpr, basis, label }): IrRule => ({
        name,
        ...(label === undefined ? {} : { label }),
        basis,
        for: {
          recordType: rec.key,
          ...(from === undefined ? {} : { from: { key: from, builtin: from === 'fulfilledOn' } }),
          ...(from !== undefined || fromExpr === undefined ? {} : { fromExpr }),
        },
        ...(where === undefined ? {} : { where }),
        ...(unless === undefined ? {} : { unless }),
        unlessBasis: [],
      }));
  });
  const scope = scopeOf(v, lists, null);
  const when = fc.oneof(
    { weight: 3, arbitrary: boolExpr(scope, 3) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(boolExpr(scope, 2), fc.array(arbLapse(v, lists), { minLength: 1, maxLength: 2 }))
        .map(([first, rest]): IrExpr => ({ op: 'and', args: [first, ...rest] })),
    },
  );
  const whenRule = fc
    .record({ when, unless: boolExpr(scope, 1), basis: arbCitations() }, { requiredKeys: ['when', 'basis'] })
    .map(({ when, unless, basis }): IrRule => ({
      name,
      basis,
      when,
      ...(unless === undefined ? {} : { unless }),
      unlessBasis: [],
    }));
  return fc.oneof({ weight: 3, arbitrary: forRule }, { weight: 2, arbitrary: whenRule });
}

/**
 * `not any T where …` whose records stop counting on a date (SEMANTICS §2 "`when` rule"): a repair, a payment, a
 * look-back from the record's date, in every orientation, maybe with a condition on the record and a `within`.
 */
function arbLapse(v: Vocab, lists: readonly string[]): fc.Arbitrary<IrExpr> {
  const at: IrExpr = { op: 'at' };
  const date = field('date', true);
  const stop = fc.oneof(
    fc
      .tuple(fc.constantFrom('repairedOn', 'fulfilledOn'), fc.boolean())
      .map(([key, flip]): IrExpr =>
        flip ? cmp('<', 'date', at, field(key, true)) : { op: 'not', arg: cmp('<=', 'date', field(key, true), at) },
      ),
    fc.tuple(arbDuration(), fc.boolean(), fc.boolean()).map(([d, flip, civil]): IrExpr => {
      const end = shiftForward(date, { op: 'lit', type: 'duration', value: d }, civil);
      return flip ? cmp('<=', 'date', at, end) : cmp('>=', 'date', end, at);
    }),
  );
  return fc.constantFrom(...Object.values(v.records)).chain((rec) =>
    fc
      .record(
        {
          fixed: boolExpr(scopeOf(v, lists, rec), 1),
          stops: fc.array(stop, { minLength: 1, maxLength: 2 }),
          within: fc.constantFrom<Duration>(
            { amount: 1, unit: 'year' },
            { amount: 6, unit: 'month' },
            { amount: 10, unit: 'workday' },
          ),
        },
        { requiredKeys: ['stops'] },
      )
      .map(({ fixed, stops, within }): IrExpr => {
        const parts = fixed === undefined ? stops : [fixed, ...stops];
        return {
          op: 'not',
          arg: {
            op: 'agg',
            agg: 'any',
            recordType: rec.key,
            where: parts.length === 1 ? parts[0]! : { op: 'and', args: parts },
            ...(within === undefined ? {} : { within }),
          },
        };
      }),
  );
}

const LIST_NAMES = ['严重失信名单', '重点关注名单', '诚信红名单', 'L4'] as const;

function arbList(v: Vocab, earlier: readonly IrList[], name: string): fc.Arbitrary<IrList> {
  return fc.constantFrom<ListKind>('black', 'grey', 'red').chain((kind) => {
    // Voiding makes red membership depend on black lists, so only red lists may look at red lists.
    const refs = earlier.filter((l) => l.kind !== 'red' || kind === 'red').map((l) => l.name);
    const ruleNames = fc.uniqueArray(fc.constantFrom('R1', 'R2', '规则3'), { minLength: 1, maxLength: 3 });
    return ruleNames.chain((names) =>
      fc
        .record(
          {
            rules: fc.tuple(...[...names].sort().map((n) => arbRule(v, refs, n))),
            duration: fc.record({
              period: durationExpr(scopeOf(v, refs, null)),
              counting: fc.constantFrom<Counting>('civil', 'calendar'),
              basis: arbCitations(),
            }),
            endsAt: fc.record(
              {
                fields: fc.subarray(['restrictionEnds', 'fulfilledOn']),
                // a deadline computed from the record (若干规定 第十条: 3 working days after performance); working days
                // past the calendar's last year give no end and a note
                dates: fc.array(arbComputedEnd(scopeOf(v, refs, null)), { minLength: 1, maxLength: 2 }),
                when: boolExpr({ ...scopeOf(v, refs, null), builtinRecord: true }, 1),
              },
              { requiredKeys: ['fields'] },
            ),
            extendTo: fc.subarray(['restrictionEnds', 'fulfilledOn', 'term'], { minLength: 1 }),
            earlyRemoval: fc.record(
              {
                after: durationExpr(scopeOf(v, refs, null)),
                when: arbDatedEarlyWhen(v, refs),
                unless: fc.oneof(
                  boolExpr({ ...scopeOf(v, refs, null), builtinRecord: true }, 1),
                  arbLaterRecordsBar(v),
                ),
                basis: arbCitations(),
              },
              { requiredKeys: ['after', 'basis'] },
            ),
            suspend: fc.boolean(),
            allowBlack: fc.boolean(),
            title: fc.constantFrom('严重违法失信名单', '守信激励对象名单'),
            basis: arbCitations(),
          },
          { requiredKeys: ['rules', 'suspend', 'allowBlack', 'basis'] },
        )
        .map((r): IrList => ({
          name,
          kind,
          ...(r.title === undefined ? {} : { title: r.title }),
          scope: 'national',
          categories: [],
          ...(r.duration === undefined ? {} : { duration: r.duration }),
          ...(r.endsAt === undefined || r.endsAt.fields.length + (r.endsAt.dates?.length ?? 0) === 0
            ? {}
            : {
                endsAt: {
                  fields: r.endsAt.fields.map((key) => ({ key, builtin: key === 'fulfilledOn' })),
                  ...(r.endsAt.dates === undefined ? {} : { dates: r.endsAt.dates }),
                  ...(r.endsAt.when === undefined ? {} : { when: r.endsAt.when }),
                  basis: [],
                },
              }),
          ...(r.extendTo === undefined
            ? {}
            : {
                extendTo: {
                  fields: r.extendTo.map((key) => ({ key, builtin: key === 'fulfilledOn' })),
                  basis: [],
                },
              }),
          ...(r.earlyRemoval === undefined ? {} : { earlyRemoval: r.earlyRemoval }),
          objectionPending: r.suspend ? 'suspend' : 'mark',
          allowBlack: kind === 'red' && r.allowBlack,
          rules: r.rules,
          basis: r.basis,
          layer: LAYER,
        })),
    );
  });
}

/**
 * An `early removal when` over built-in date fields (every record type has them), with the dated conjuncts that
 * move repairFrom (`F < at`, `at >= F`, `F is not set or F < at`) next to ones that do not, and those a recorded
 * repair must have met on its day (SEMANTICS §2): on the record's own fields alone, and `not on LIST`.
 */
function arbDatedEarlyWhen(v: Vocab, lists: readonly string[]): fc.Arbitrary<IrExpr> {
  const field = fc.constantFrom('fulfilledOn', 'revokedOn').map((key): IrExpr => ({ op: 'field', key, builtin: true }));
  const at: IrExpr = { op: 'at' };
  const dated = fc
    .tuple(field, fc.constantFrom('<', '<=', '>', '>=' as const), fc.boolean(), fc.boolean())
    .map(([f, cmp, fieldLeft, optional]): IrExpr => {
      const c: IrExpr = {
        op: 'cmp',
        cmp,
        type: 'date',
        left: fieldLeft ? f : at,
        right: fieldLeft ? at : f,
      };
      return optional ? { op: 'or', args: [{ op: 'isSet', negated: true, arg: f }, c] } : c;
    });
  const plain = field.map((f): IrExpr => ({ op: 'isSet', negated: false, arg: f }));
  // A quiet period tied to the triggering record (令36 第二十五条: a record about this one, or naming none).
  const quiet = fc
    .tuple(
      fc.constantFrom(...Object.keys(v.records)),
      fc.constantFrom<Duration>({ amount: 1, unit: 'year' }, { amount: 6, unit: 'month' }, { amount: 45, unit: 'day' }),
      arbOrder,
    )
    .map(([recordType, within, c]): IrExpr => ({
      op: 'not',
      arg: {
        op: 'agg',
        agg: 'any',
        recordType,
        where: cmp(c, 'date', { op: 'field', key: 'date', builtin: true }, outerField('date', true)),
        within,
      },
    }));
  // On the record alone: judged on the repair's day only when every field it reads is set.
  const own = fc.constantFrom<IrExpr>(
    { op: 'isSet', negated: true, arg: { op: 'field', key: 'revokedOn', builtin: true } },
    {
      op: 'cmp',
      cmp: '!=',
      type: 'date',
      left: { op: 'field', key: 'fulfilledOn', builtin: true },
      right: { op: 'field', key: 'date', builtin: true },
    },
  );
  const notOn = lists.length === 0 ? own : fc.constantFrom(...lists).map((list): IrExpr => notOnList(list));
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: dated },
        { weight: 1, arbitrary: plain },
        { weight: 1, arbitrary: quiet },
        { weight: 1, arbitrary: own },
        { weight: 1, arbitrary: notOn },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((cs): IrExpr => (cs.length === 1 ? cs[0]! : { op: 'and', args: cs }));
}

/**
 * A bar of later records (令44 第十六条第（三）项, 令45 第十四条第一款第（三）项): `any T where 日期 > outer 日期`, or
 * `count … >= N`. A repair recorded on a barred instance is void only if the bar held on the repair's day, from the
 * N-th such record on (SEMANTICS §2): the generated repairs and record dates fall on both sides of it.
 */
function arbLaterRecordsBar(v: Vocab): fc.Arbitrary<IrExpr> {
  return fc
    .tuple(
      fc.constantFrom(...Object.keys(v.records)),
      fc.constantFrom<'>' | '>='>('>', '>='),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([recordType, c, need]): IrExpr => {
      const later: IrExpr = {
        op: 'agg',
        agg: need === 0 ? 'any' : 'count',
        recordType,
        where: cmp(c, 'date', { op: 'field', key: 'date', builtin: true }, outerField('date', true)),
      };
      return need === 0
        ? later
        : { op: 'cmp', cmp: '>=', type: 'number', left: later, right: { op: 'lit', type: 'number', value: need } };
    });
}

const notOnList = (list: string): IrExpr => ({ op: 'not', arg: { op: 'onList', list } });

function arbLists(v: Vocab): fc.Arbitrary<IrList[]> {
  return fc.integer({ min: 1, max: 4 }).chain((n) => {
    let acc: fc.Arbitrary<IrList[]> = fc.constant([]);
    for (let i = 0; i < n; i++) {
      const name = LIST_NAMES[i] ?? `L${i}`;
      acc = acc.chain((earlier) => arbList(v, earlier, name).map((l) => [...earlier, l]));
    }
    return acc;
  });
}

const GRADES = ['A', 'B', 'C', 'D'];

function arbGrading(v: Vocab, lists: readonly string[]): fc.Arbitrary<IrGrading> {
  const scope = scopeOf(v, lists, null);
  const recs = Object.values(v.records);
  const item = (name: string): fc.Arbitrary<IrScoreItem> =>
    fc
      .record(
        {
          points: fc.integer({ min: -100, max: 60 }),
          per: fc
            .constantFrom(...recs)
            .chain((rec) =>
              fc.record(
                { recordType: fc.constant(rec.key), where: boolExpr(scopeOf(v, lists, rec), 1), within: arbDuration() },
                { requiredKeys: ['recordType'] },
              ),
            ),
          when: boolExpr(scope, 2),
          cap: fc.integer({ min: 0, max: 150 }),
          label: fc.constant('扣分项'),
          // `add FIELD per …`: the record's own figure, where its type has a number to add
          fromField: fc.boolean(),
        },
        { requiredKeys: ['points', 'fromField'] },
      )
      .map((r): IrScoreItem => {
        // The language has `per TYPE …` or `once when COND`: exactly one of them.
        const src = r.when === undefined || r.per !== undefined ? (r.per ?? { recordType: recs[0]?.key ?? '' }) : null;
        const per =
          src === null
            ? undefined
            : {
                recordType: src.recordType,
                ...(src.where === undefined ? {} : { where: src.where }),
                ...(src.within === undefined ? {} : { within: src.within }),
              };
        const numeric =
          per === undefined || !r.fromField
            ? undefined
            : Object.values(v.records[per.recordType]?.fields ?? {}).find((f) =>
                ['money', 'integer', 'decimal'].includes(f.type.t),
              );
        return {
          name,
          ...(r.label === undefined ? {} : { label: r.label }),
          points: numeric === undefined ? r.points : r.points < 0 ? -1 : 1,
          ...(per === undefined ? {} : { per }),
          ...(numeric === undefined ? {} : { pointsField: { key: numeric.key, builtin: false } }),
          ...(per !== undefined || r.when === undefined ? {} : { when: r.when }),
          ...(r.cap === undefined ? {} : { cap: r.cap }),
          basis: [{ basis: '令44' }],
        };
      });
  const gradeRule = fc
    .record({ grade: fc.constantFrom(...GRADES), when: boolExpr(scope, 2), basis: arbCitations() })
    .map((r) => r);
  return fc
    .record(
      {
        base: fc.constantFrom(0, 100, 500, 1000),
        range: fc.constantFrom({ min: 0, max: 1200 }, { min: 50, max: 150 }),
        itemNames: fc.uniqueArray(fc.constantFrom('一般处罚', '严重处罚', '表彰', 'x'), { minLength: 1, maxLength: 4 }),
        bandFroms: fc.uniqueArray(fc.integer({ min: 0, max: 1100 }), { minLength: 1, maxLength: 4 }),
        direct: fc.array(gradeRule, { maxLength: 2 }),
        caps: fc.array(gradeRule, { maxLength: 2 }),
        supervision: fc.subarray(GRADES),
        // `supervision when COND`: the ratios for some subjects only
        supervisionWhen: boolExpr(scope, 2),
        // `applies when COND`: some subjects get no grade at all
        appliesWhen: boolExpr(scope, 1),
        // `supervision note "…"`: a note wherever a ratio is given
        supervisionNote: fc.constant('抽查比例为本地选择'),
      },
      { requiredKeys: ['base', 'itemNames', 'bandFroms', 'direct', 'caps', 'supervision'] },
    )
    .chain((r) =>
      fc.tuple(...[...r.itemNames].sort().map(item)).map((items): IrGrading => {
        const froms = [...r.bandFroms].sort((a, b) => b - a);
        return {
          name: '公共信用评价',
          title: '公共信用综合评价',
          grades: GRADES,
          base: r.base,
          ...(r.range === undefined ? {} : { range: r.range }),
          items,
          bands: froms.map((from, i) => ({ grade: GRADES[i] ?? 'D', from })),
          direct: r.direct,
          caps: r.caps,
          supervision: r.supervision.map((grade, i) => ({
            grade,
            ratioMin: i * 0.05,
            ratioMax: i * 0.05 + 0.05,
            ...(i % 2 === 0 ? { frequency: '每年1次' } : {}),
            basis: [{ basis: '要点', section: '十' }],
          })),
          ...(r.supervisionWhen === undefined ? {} : { supervisionWhen: { when: r.supervisionWhen, basis: [] } }),
          ...(r.supervisionNote === undefined ? {} : { supervisionNote: r.supervisionNote }),
          ...(r.appliesWhen === undefined ? {} : { appliesWhen: { when: r.appliesWhen, basis: [] } }),
          basis: [{ basis: '要点' }],
          layer: LAYER,
        };
      }),
    );
}

function arbMeasure(
  name: string,
  lists: readonly string[],
  grading: IrGrading | undefined,
  scope: ExprScope,
): fc.Arbitrary<IrMeasure> {
  return fc
    .record(
      {
        kind: fc.constantFrom<MeasureKind>('reward', 'penalty', 'management'),
        level: fc.constantFrom(...LEVELS),
        action: fc.constantFrom('block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect' as const),
        lists: fc.subarray([...lists]),
        grades: fc.subarray(GRADES).map((gs): string[][] => (grading === undefined || gs.length === 0 ? [] : [gs])),
        matters: fc.option(fc.subarray([...MATTERS], { minLength: 1 }), { nil: null }),
        department: fc.constant('财政部门'),
        mandatory: fc.boolean(),
        term: arbDuration(),
        termExact: fc.boolean(),
        target: fc.constantFrom('subject' as const, 'legal_representative' as const),
        when: boolExpr(scope, 2),
        label: fc.constant('限制参加政府采购'),
        basis: arbCitations(),
      },
      { requiredKeys: ['kind', 'action', 'lists', 'grades', 'matters', 'mandatory', 'basis'] },
    )
    .map((r): IrMeasure => ({
      name,
      ...(r.label === undefined ? {} : { label: r.label }),
      kind: r.kind,
      ...(r.level === undefined ? {} : { level: r.level }),
      action: r.action,
      categories: [],
      lists: [...r.lists].sort(),
      grades: grading === undefined ? [] : r.grades.map((gs) => ({ grading: grading.name, grades: [...gs] })),
      matters: r.matters === null ? null : [...r.matters].sort(),
      ...(r.department === undefined ? {} : { department: r.department }),
      mandatory: r.mandatory,
      target: r.target ?? 'subject',
      ...(r.term === undefined ? {} : { term: r.term }),
      ...(r.term !== undefined && r.termExact === true ? { termExact: true as const } : {}),
      ...(r.when === undefined ? {} : { when: r.when }),
      basis: r.basis,
      layer: LAYER,
    }));
}

/** A small, valid, checked IR exercising every construct the evaluator knows. */
export function arbPolicyIr(): fc.Arbitrary<PolicyIr> {
  return fc.tuple(arbRecordTypes(), arbParams()).chain(([records, params]) => {
    const v: Vocab = { records, moneyParams: ['较低数额罚款'], durationParams: ['最短公示期'] };
    return arbLists(v).chain((lists) => {
      const names = lists.map((l) => l.name);
      return fc.option(arbGrading(v, names), { nil: undefined }).chain((grading) =>
        fc
          .record({
            measureNames: fc.uniqueArray(fc.constantFrom('限制政府采购', '加强监管', '绿色通道', 'M4'), {
              minLength: 1,
              maxLength: 4,
            }),
            effective: arbDateBetween('2019-01-01', '2024-12-31'),
            untilYears: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 4 }),
          })
          .chain(({ measureNames, effective, untilYears }) =>
            fc
              .tuple(...[...measureNames].sort().map((n) => arbMeasure(n, names, grading, scopeOf(v, names, null))))
              .map((measures): PolicyIr => {
                const until =
                  untilYears === undefined ? undefined : `${Number(effective.slice(0, 4)) + untilYears}-12-31`;
                return {
                  format: IR_FORMAT,
                  id: 'gen',
                  title: '生成的政策',
                  jurisdiction: { level: 'national' },
                  version: '1',
                  effective,
                  ...(until === undefined ? {} : { until }),
                  layers: [
                    { id: 'gen', title: '生成的政策', version: '1', jurisdiction: { level: 'national' }, effective },
                  ],
                  bases: BASES,
                  severity: SEVERITY,
                  levels: LEVELS,
                  enums: { 处罚种类: PENALTY_KINDS },
                  categorySets: {},
                  records,
                  params,
                  lists: Object.fromEntries(lists.map((l) => [l.name, l])),
                  measures: Object.fromEntries(measures.map((m) => [m.name, m])),
                  gradings: grading === undefined ? {} : { [grading.name]: grading },
                  ...(grading === undefined ? {} : { primaryGrading: grading.name }),
                  settings: {},
                };
              }),
          ),
      );
    });
  });
}

// ------------------------------------------------------------------ layers (SEMANTICS §5)

const BASE_LAYERS = [
  { id: 'tax', title: '重大税收违法失信主体信息公布' },
  { id: 'samr', title: '市场监督管理严重违法失信名单' },
] as const;

const dayNumber = (d: string): number => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
const dateOf = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
const LAST_DAY = dayNumber('2026-10-31');

/**
 * A base layer dated around the policy's own dates: often in force throughout, sometimes taking effect after
 * the policy (as 令54 after a city policy that extends it) or ending while the policy is still in force.
 */
function arbBaseLayer(ir: PolicyIr, base: (typeof BASE_LAYERS)[number]): fc.Arbitrary<IrLayer> {
  const start = dayNumber(ir.effective);
  return fc
    .record({
      offset: fc.oneof(fc.integer({ min: -400, max: 0 }), fc.integer({ min: 1, max: 1500 })),
      length: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined, freq: 3 }),
    })
    .map(({ offset, length }): IrLayer => {
      const effective = Math.min(start + offset, LAST_DAY);
      return {
        id: base.id,
        title: base.title,
        version: '1',
        jurisdiction: { level: 'national' },
        effective: dateOf(effective),
        ...(length === undefined ? {} : { until: dateOf(effective + length) }),
      };
    });
}

/** Which layer declares each list, measure and grading: an index into the layers, the policy's own last. */
function withLayers(ir: PolicyIr, bases: readonly IrLayer[]): fc.Arbitrary<PolicyIr> {
  const root = ir.layers[ir.layers.length - 1]!;
  const layers = [...bases, root];
  const pick = fc.integer({ min: 0, max: layers.length - 1 }).map((i) => layers[i]!.id);
  const names = <T>(o: Readonly<Record<string, T>>) => Object.keys(o).sort();
  const assign = <T extends { readonly layer: string }>(o: Readonly<Record<string, T>>) =>
    fc
      .tuple(...names(o).map(() => pick))
      .map((ids) => Object.fromEntries(names(o).map((n, i) => [n, { ...o[n]!, layer: ids[i]! }])));
  return fc
    .record({ lists: assign(ir.lists), measures: assign(ir.measures), gradings: assign(ir.gradings) })
    .map(({ lists, measures, gradings }): PolicyIr => ({ ...ir, layers, lists, measures, gradings }));
}

/**
 * Some lists `external` (on for `on` and measures, never reported), and up to two lists of the policy's own layer
 * that each `replace` a base layer's list of the same kind (the checker's constraints: a layer it extends, one
 * replacement per list).
 */
function withReplacements(ir: PolicyIr): fc.Arbitrary<PolicyIr> {
  const names = Object.keys(ir.lists).sort();
  const root = ir.layers[ir.layers.length - 1]!.id;
  const pairs = names.flatMap((a) =>
    names
      .filter((b) => {
        const la = ir.lists[a]!;
        const lb = ir.lists[b]!;
        return b !== a && la.layer === root && lb.layer !== root && la.kind === lb.kind;
      })
      .map((b) => [a, b] as const),
  );
  return fc
    .record({
      external: fc.tuple(...names.map(() => fc.integer({ min: 0, max: 3 }).map((x) => x === 0))),
      replace: pairs.length === 0 ? fc.constant([]) : fc.subarray(pairs, { maxLength: Math.min(2, pairs.length) }),
    })
    .map(({ external, replace }): PolicyIr => {
      const lists: Record<string, IrList> = {};
      names.forEach((n, i) => (lists[n] = external[i] ? { ...ir.lists[n]!, external: true } : ir.lists[n]!));
      const taken = new Set<string>();
      for (const [a, b] of replace) {
        if (taken.has(a) || taken.has(b)) continue;
        taken.add(a).add(b);
        lists[a] = { ...lists[a]!, replaces: b };
      }
      return { ...ir, lists };
    });
}

/** arbPolicyIr with one or two base layers whose dates may leave them out of force while the policy is in force. */
export function arbLayeredPolicyIr(): fc.Arbitrary<PolicyIr> {
  return arbPolicyIr().chain((ir) =>
    fc
      .subarray([...BASE_LAYERS], { minLength: 1 })
      .chain((bases) => fc.tuple(...bases.map((b) => arbBaseLayer(ir, b))))
      .chain((bases) => withLayers(ir, bases))
      .chain(withReplacements),
  );
}
