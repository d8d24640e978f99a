// Turns a policy's own vocabulary into fast-check arbitraries of subjects that probe its boundaries.
//
// Values cluster where decisions flip: record dates one day either side of `at − period` for every period of
// the policy and of the dates where the policy changes (effective dates, parameter versions); amounts one unit
// either side of every threshold the policy compares a field with; counts up to one above every count
// threshold. Everything stays inside the holiday calendar so working-day arithmetic never throws.
//
// Usage:
//   fc.assert(fc.property(arbSubjectFromVocabulary(ir, { at: '2025-06-01' }), (s) => …))
//   fc.sample(arbCaseFromVocabulary([oldIr, newIr]), { numRuns: 100, seed: 1 })  // subject + at + matter
import fc from 'fast-check';
import type { Duration, IrField, PolicyIr, SubjectKind } from '../../dsl/ir.js';
import { SUBJECT_KINDS } from '../../dsl/ir.js';
import type { AttrValue, Objection, Subject, SubjectRecord } from '../contract.js';
import { COVERED_YEARS } from '../time/calendar.js';
import { addDays, toDayNumber } from '../time/dates.js';
import { shiftDate } from '../time/period.js';
import { subjectIdFor } from './ids.js';
import type { Vocabulary } from './vocabulary.js';
import { vocabularyOf } from './vocabulary.js';

export { subjectIdFor } from './ids.js';
export { vocabularyOf } from './vocabulary.js';
export type { Vocabulary } from './vocabulary.js';

export interface VocabularyOptions {
  /** the evaluation date the records are dated against; an arbitrary, a fixed date, or (default) `arbAtFor` */
  readonly at?: string | fc.Arbitrary<string>;
  /** most records per subject (default 8) */
  readonly maxRecords?: number;
  /** subject kinds to draw from (default: all nine kinds, enterprises most often) */
  readonly kinds?: readonly SubjectKind[];
  /** earliest and latest date generated (default: inside the holiday calendar, with a margin) */
  readonly dateRange?: { readonly from: string; readonly to: string };
}

export interface GeneratedCase {
  readonly subject: Subject;
  readonly at: string;
  /** absent: no matter given (every measure is reported) */
  readonly matter?: string;
}

const DEFAULT_RANGE = { from: `${COVERED_YEARS.from}-02-01`, to: `${COVERED_YEARS.to}-11-30` };

function clampTo(range: { from: string; to: string }): (d: string) => string {
  return (d) => (d < range.from ? range.from : d > range.to ? range.to : d);
}

function shift(date: string, sign: 1 | -1, d: Duration, clamp: (d: string) => string): string {
  try {
    return clamp(shiftDate(clamp(date), sign, d));
  } catch {
    // Workday arithmetic beyond the calendar: the boundary is out of reach, the clamp is the nearest date.
    return clamp(date);
  }
}

function dayIn(from: string, to: string): fc.Arbitrary<string> {
  const span = toDayNumber(to) - toDayNumber(from);
  return fc.integer({ min: 0, max: Math.max(0, span) }).map((n) => addDays(from, n));
}

/** A date one to three days either side of `anchor ± period` for a period of the policy. */
function arbNear(anchor: string, v: Vocabulary, sign: 1 | -1, clamp: (d: string) => string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...v.durations), fc.integer({ min: -3, max: 3 }))
    .map(([d, off]) => clamp(addDays(shift(anchor, sign, d, clamp), off)));
}

/** Evaluation dates: near the dates where the policy changes, and spread over the years it is in force. */
export function arbAtFor(input: PolicyIr | readonly PolicyIr[], options: VocabularyOptions = {}): fc.Arbitrary<string> {
  const v = vocabularyOf(input);
  const range = options.dateRange ?? DEFAULT_RANGE;
  const clamp = clampTo(range);
  const irs: readonly PolicyIr[] = Array.isArray(input) ? input : [input as PolicyIr];
  const start = clamp(irs.map((ir) => ir.effective).reduce((a, b) => (a > b ? a : b), range.from));
  const spread = dayIn(start, range.to);
  const anchors = v.anchors.map(clamp);
  if (anchors.length === 0) return spread;
  const nearAnchor = fc
    .tuple(fc.constantFrom(...anchors), fc.integer({ min: -2, max: 2 }))
    .map(([a, off]) => clamp(addDays(a, off)));
  const afterAnchor = fc.constantFrom(...anchors).chain((a) => arbNear(a, v, 1, clamp));
  return fc.oneof(
    { weight: 4, arbitrary: spread },
    { weight: 2, arbitrary: nearAnchor },
    { weight: 2, arbitrary: afterAnchor },
  );
}

/** Any value of the set, but the ones the policy names in its conditions twice as often. */
function biased(values: readonly string[], named: readonly string[] | undefined): fc.Arbitrary<string> {
  const hot = (named ?? []).filter((x) => values.includes(x));
  const all = fc.constantFrom(...values);
  return hot.length === 0
    ? all
    : fc.oneof({ weight: 1, arbitrary: all }, { weight: 2, arbitrary: fc.constantFrom(...hot) });
}

function arbNumber(key: string, f: IrField, v: Vocabulary): fc.Arbitrary<number> {
  const integer = f.type.t === 'integer';
  const step = f.type.t === 'decimal' ? 0.01 : 1;
  const around = (v.thresholds.get(key) ?? []).flatMap((t) => [t - step, t, t + step]);
  const generic = f.type.t === 'money' ? [0, 1000, 10_000, 100_000, 1_000_000] : [0, 1, 2, 3];
  const candidates = [...new Set([...around, ...generic])]
    .filter((n) => n >= 0 && (!integer || Number.isInteger(n)))
    .map((n) => Math.round(n * 100) / 100);
  const free =
    integer || f.type.t === 'money' ? fc.integer({ min: 0, max: 2_000_000 }) : fc.integer({ min: 0, max: 1000 });
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...candidates) }, { weight: 1, arbitrary: free });
}

function arbAttr(
  key: string,
  f: IrField,
  date: string,
  v: Vocabulary,
  clamp: (d: string) => string,
): fc.Arbitrary<AttrValue> {
  switch (f.type.t) {
    case 'money':
    case 'integer':
    case 'decimal':
      return arbNumber(key, f, v);
    case 'enum':
      return f.type.values.length > 0 ? biased(f.type.values, v.strings.get(key)) : fc.constant(null);
    case 'list':
      return fc.subarray([...f.type.values]);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.oneof(
        arbNear(date, v, 1, clamp),
        fc.integer({ min: 0, max: 30 }).map((n) => clamp(addDays(date, n))),
      );
    case 'string': {
      const known = v.strings.get(key) ?? [];
      return fc.constantFrom(...known, '其他');
    }
    case 'duration':
      return fc.constantFrom('1年', '3年', '6个月', '15日');
  }
}

function arbRecord(
  v: Vocabulary,
  type: string,
  at: string,
  index: number,
  clamp: (d: string) => string,
): fc.Arbitrary<SubjectRecord> {
  const rt = v.records[type];
  if (rt === undefined) throw new Error(`unknown record type ${type}`);
  const anchors = v.anchors.map(clamp);
  const date = fc.oneof(
    { weight: 5, arbitrary: arbNear(at, v, -1, clamp) },
    { weight: 2, arbitrary: dayIn(clamp('2019-01-01'), at) },
    ...(anchors.length > 0
      ? [
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.constantFrom(...anchors), fc.integer({ min: -2, max: 2 }))
              .map(([a, off]) => clamp(addDays(a, off))),
          },
        ]
      : []),
    { weight: 1, arbitrary: fc.constant(at) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => clamp(addDays(at, n))) },
  );
  return date.chain((d) => {
    const attrs = fc.record(
      Object.fromEntries(Object.entries(rt.fields).map(([k, f]) => [k, arbAttr(k, f, d, v, clamp)])),
      {
        requiredKeys: Object.values(rt.fields)
          .filter((f) => f.required)
          .map((f) => f.key),
      },
    );
    const later = fc.oneof(
      arbNear(d, v, 1, clamp),
      fc.integer({ min: -2, max: 2 }).map((n) => clamp(addDays(at, n))),
      fc.integer({ min: 0, max: 40 }).map((n) => clamp(addDays(d, n))),
    );
    return fc
      .record({
        attrs,
        severity:
          rt.hasSeverity && v.severity.length > 0
            ? biased(v.severity, v.strings.get('severity'))
            : fc.constant(undefined),
        fulfilledOn: fc.oneof({ weight: 2, arbitrary: later }, { weight: 1, arbitrary: fc.constant(null) }),
        repairedOn: fc.oneof({ weight: 1, arbitrary: later }, { weight: 4, arbitrary: fc.constant(null) }),
        // not before the record: the contract rejects a decision revoked before it was made
        revokedOn: fc.oneof(
          { weight: 1, arbitrary: later.map((x) => (x < d ? d : x)) },
          { weight: 8, arbitrary: fc.constant(null) },
        ),
        objection: fc.constantFrom<Objection>(null, null, null, null, 'pending', 'upheld', 'rejected'),
      })
      .map((r): SubjectRecord => ({
        id: `R${index + 1}`,
        type,
        date: d,
        authority: '榆林市市场监督管理局',
        ...(r.severity !== undefined ? { severity: r.severity } : {}),
        attrs: r.attrs,
        fulfilledOn: r.fulfilledOn,
        repairedOn: r.repairedOn,
        revokedOn: r.revokedOn,
        objection: r.objection,
      }));
  });
}

const ALL_KINDS = Object.keys(SUBJECT_KINDS) as SubjectKind[];

function arbSubjectWith(v: Vocabulary, at: string, options: VocabularyOptions): fc.Arbitrary<Subject> {
  const clamp = clampTo(options.dateRange ?? DEFAULT_RANGE);
  const kinds = options.kinds ?? ALL_KINDS;
  const kind = kinds.includes('enterprise')
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant<SubjectKind>('enterprise') },
        { weight: 2, arbitrary: fc.constantFrom(...kinds) },
      )
    : fc.constantFrom(...kinds);
  const types = Object.keys(v.records).sort();
  const focus = v.focusTypes.length > 0 ? v.focusTypes : types;
  // Counts compared with N need N+1 records of one type in the window, so the ceiling follows the policy.
  const ceiling = Math.max(options.maxRecords ?? 8, ...[...v.counts.values()].map((n) => Math.min(n + 1, 20)));
  return fc
    .record({
      kind,
      n: fc.nat({ max: 1_000_000 }),
      focus: fc.constantFrom(...focus),
      count: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.min(4, ceiling) }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: ceiling }) },
      ),
    })
    .chain(({ kind: k, n, focus: f, count }) => {
      const type =
        types.length === 0
          ? fc.constant(f)
          : fc.oneof({ weight: 3, arbitrary: fc.constant(f) }, { weight: 1, arbitrary: fc.constantFrom(...types) });
      const records = Array.from({ length: types.length === 0 ? 0 : count }, (_, i) =>
        type.chain((t) => arbRecord(v, t, at, i, clamp)),
      );
      return fc.tuple(...records).map((rs): Subject => ({
        id: subjectIdFor(k, n, v.region),
        kind: k,
        name: k === 'natural_person' ? '张某' : '某某有限公司',
        region: v.region,
        records: rs,
      }));
    });
}

/**
 * Subjects whose records use only the record types, fields and values the policy (or policies) declare.
 * With a fixed `at` the records are dated around it; otherwise around a date drawn by `arbAtFor`.
 */
export function arbSubjectFromVocabulary(
  ir: PolicyIr | readonly PolicyIr[],
  options: VocabularyOptions = {},
): fc.Arbitrary<Subject> {
  return arbCaseFromVocabulary(ir, options).map((c) => c.subject);
}

/** A subject, the evaluation date it was built around, and sometimes a matter named by a measure. */
export function arbCaseFromVocabulary(
  ir: PolicyIr | readonly PolicyIr[],
  options: VocabularyOptions = {},
): fc.Arbitrary<GeneratedCase> {
  const v = vocabularyOf(ir);
  const at = typeof options.at === 'string' ? fc.constant(options.at) : (options.at ?? arbAtFor(ir, options));
  const matter =
    v.matters.length > 0
      ? fc.oneof(
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.constantFrom(...v.matters) },
        )
      : fc.constant(undefined);
  return at.chain((a) =>
    fc
      .tuple(arbSubjectWith(v, a, options), matter)
      .map(([subject, m]): GeneratedCase => (m === undefined ? { subject, at: a } : { subject, at: a, matter: m })),
  );
}
