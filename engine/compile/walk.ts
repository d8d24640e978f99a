// Turns an IR expression into its direct sub-expressions, and collects the nodes of one kind below it.
import type { Duration, IrExpr } from '../../dsl/ir.js';

export function childrenOf(e: IrExpr): readonly IrExpr[] {
  switch (e.op) {
    case 'not':
    case 'neg':
    case 'isSet':
      return [e.arg];
    case 'and':
    case 'or':
      return e.args;
    case 'cmp':
    case 'arith':
      return [e.left, e.right];
    case 'dateShift':
      return [e.date, e.duration];
    case 'in':
    case 'has':
      return [e.left, e.values];
    case 'array':
      return e.items;
    case 'agg':
      return e.where === undefined ? [] : [e.where];
    default:
      return [];
  }
}

/** Every node below (and including) `e` for which `test` holds, in document order. */
export function collect<T extends IrExpr>(e: IrExpr, test: (x: IrExpr) => x is T, into: T[] = []): T[] {
  if (test(e)) into.push(e);
  for (const c of childrenOf(e)) collect(c, test, into);
  return into;
}

export const isAgg = (x: IrExpr): x is Extract<IrExpr, { op: 'agg' }> => x.op === 'agg';
export const isOnList = (x: IrExpr): x is Extract<IrExpr, { op: 'onList' }> => x.op === 'onList';
export const isGradeRef = (x: IrExpr): x is Extract<IrExpr, { op: 'grade' }> => x.op === 'grade';

/**
 * The aggregates and `on LIST` nodes of a condition that are not inside another aggregate's `where`: the
 * since candidates of a `when` rule (SEMANTICS §7 "`when` instance records").
 */
export function outermost(e: IrExpr): {
  aggs: Extract<IrExpr, { op: 'agg' }>[];
  lists: string[];
  grades: string[];
} {
  const aggs: Extract<IrExpr, { op: 'agg' }>[] = [];
  const lists: string[] = [];
  const grades: string[] = [];
  const walk = (x: IrExpr): void => {
    if (x.op === 'agg') aggs.push(x);
    else if (x.op === 'onList') lists.push(x.list);
    else if (x.op === 'grade') grades.push(x.grading);
    else for (const c of childrenOf(x)) walk(c);
  };
  walk(e);
  return { aggs, lists, grades };
}

/**
 * The lists of a condition that is an `or` of `on LIST` alone (a city's direct D on any of the black lists): it
 * began with the earliest of those listings that holds the subject (SEMANTICS §3); null for any other condition.
 */
export function onListAlternatives(e: IrExpr): string[] | null {
  if (e.op !== 'or' || !e.args.every((a) => a.op === 'onList')) return null;
  return e.args.map((a) => (a as Extract<IrExpr, { op: 'onList' }>).list);
}

/** onListAlternatives as list indexes (unknown names left out). */
export function listAlternatives(e: IrExpr, listIndex: ReadonlyMap<string, number>): readonly number[] | null {
  const names = onListAlternatives(e);
  if (names === null) return null;
  return names.map((n) => listIndex.get(n)).filter((i): i is number => i !== undefined);
}

/** True when the expression reads a list or a grade (so it cannot run before those are evaluated). */
export function readsDecisions(e: IrExpr): boolean {
  if (e.op === 'onList' || e.op === 'grade') return true;
  return childrenOf(e).some(readsDecisions);
}

/**
 * Whether `outer F` occurs in `e` outside any nested aggregate: an aggregate whose `where` does is correlated
 * with the record it is reached from (a nested aggregate's `outer F` reads that aggregate's own records).
 */
export function readsOuter(e: IrExpr | undefined): boolean {
  if (e === undefined) return false;
  if (e.op === 'outerField') return true;
  if (e.op === 'agg') return false;
  return childrenOf(e).some(readsOuter);
}

/**
 * The lists a `when` rule needs the subject off: a top-level `not on LIST` of its condition, an `on LIST`
 * alternative of its `unless`. A listing of one that has ended lets the rule hold from that day on (SEMANTICS §2
 * "`when` rule"), so the day it ended is a since candidate.
 */
export function listsOff(when: IrExpr | undefined, unless: IrExpr | undefined): string[] {
  const out: string[] = [];
  for (const c of when === undefined ? [] : when.op === 'and' ? when.args : [when])
    if (c.op === 'not' && c.arg.op === 'onList' && !out.includes(c.arg.list)) out.push(c.arg.list);
  for (const a of unless === undefined ? [] : unless.op === 'or' ? unless.args : [unless])
    if (a.op === 'onList' && !out.includes(a.list)) out.push(a.list);
  return out;
}

/**
 * How many of an aggregate's passing records a condition needs to hold: 1 for `any`, N for `count … >= N`
 * (N + 1 for `> N`); null (all of them) otherwise. With the records' dates, the day it began to hold.
 */
export function recordsNeeded(e: IrExpr, agg: Extract<IrExpr, { op: 'agg' }>): number | null {
  if (agg.agg === 'any') return 1;
  let need: number | null = null;
  const walk = (x: IrExpr): void => {
    if (
      x.op === 'cmp' &&
      x.left === agg &&
      x.right.op === 'lit' &&
      typeof x.right.value === 'number' &&
      (x.cmp === '>=' || x.cmp === '>')
    )
      need = Math.max(1, Math.ceil(x.right.value) + (x.cmp === '>' ? 1 : 0));
    else for (const c of childrenOf(x)) walk(c);
  };
  walk(e);
  return need;
}

/** The day `need` of the dates had come (the latest when all are needed); '' for none. */
export function sufficientDate(dates: readonly string[], need: number | null): string {
  if (dates.length === 0) return '';
  const sorted = [...dates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return need === null || need > sorted.length ? sorted[sorted.length - 1]! : sorted[need - 1]!;
}

export type AggExpr = Extract<IrExpr, { op: 'agg' }>;

/**
 * A condition of an aggregate's `where` that holds until a date and not after: `E >= at` holds through E
 * ('through': it stops the day after E), `E > at` or `not E <= at` holds before E ('before': it stops on E).
 */
export interface Stop {
  readonly kind: 'through' | 'before';
  /** a date field of the record, or such a field shifted by a literal duration (`日期 + 5 years`) */
  readonly date: IrExpr;
  readonly field: { readonly key: string; readonly builtin: boolean };
  readonly shift: Duration | null;
  /** the shift is a civil last day (`counted civil`): moved off a rest day */
  readonly civil: boolean;
}

/**
 * A top-level `not any T where W` of a `when` rule whose `where` is conditions that do not depend on the evaluation
 * date and `stops`. A record that counted on its own date (W held then) counts against the rule until the first of
 * its stops (or its `within` window) runs out, so the day the last such record stopped counting is a since candidate
 * (SEMANTICS §2 "`when` rule"): a penalty repaired or aged out of its look-back lets the rule hold from then.
 */
export interface Lapse {
  readonly agg: AggExpr;
  readonly stops: readonly Stop[];
}

/** Reads the evaluation date, directly or through a parameter picked by it. */
function readsAt(e: IrExpr): boolean {
  if (e.op === 'at' || (e.op === 'param' && !e.recordDate)) return true;
  return childrenOf(e).some(readsAt);
}

/** Neither the date, a list, a grade, another aggregate nor the outer record: the same on every day. */
function isFixed(e: IrExpr): boolean {
  const other = (x: IrExpr): boolean => x.op === 'agg' || x.op === 'outerField' || childrenOf(x).some(other);
  return !readsAt(e) && !readsDecisions(e) && !other(e);
}

/** `[not] E op at` or `[not] at op E` on dates, normalised to `E op at` with the negation applied; null for others. */
function dateAgainstAt(c: IrExpr): { readonly op: string; readonly e: IrExpr } | null {
  let negated = false;
  let x: IrExpr = c;
  if (x.op === 'not') {
    negated = true;
    x = x.arg;
  }
  if (x.op !== 'cmp' || x.type !== 'date') return null;
  let op: string = x.cmp;
  let e: IrExpr;
  if (x.right.op === 'at') e = x.left;
  else if (x.left.op === 'at') {
    e = x.right;
    op = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
  } else return null;
  if (negated) op = op === '<' ? '>=' : op === '<=' ? '>' : op === '>' ? '<=' : op === '>=' ? '<' : op;
  return { op, e };
}

function stopOf(c: IrExpr): Stop | null {
  // `F is not set or F >= at` (either order): a stop on F, which an unset F never reaches.
  if (c.op === 'or' && c.args.length === 2) {
    for (const [unset, other] of [
      [c.args[0]!, c.args[1]!],
      [c.args[1]!, c.args[0]!],
    ] as const) {
      const stop = unset.op === 'isSet' && unset.negated ? stopOf(other) : null;
      if (stop !== null && sameField(unset.op === 'isSet' ? unset.arg : unset, stop.date)) return stop;
    }
    return null;
  }
  const against = dateAgainstAt(c);
  if (against === null) return null;
  const { op, e } = against;
  // Read as data, not compiled: a field, or a field plus a literal duration.
  let field: { key: string; builtin: boolean } | null = null;
  let shift: Duration | null = null;
  if (e.op === 'field') field = { key: e.key, builtin: e.builtin };
  else if (
    e.op === 'dateShift' &&
    e.sign === 1 &&
    e.date.op === 'field' &&
    e.duration.op === 'lit' &&
    typeof e.duration.value === 'object' &&
    e.duration.value !== null &&
    !Array.isArray(e.duration.value)
  ) {
    field = { key: e.date.key, builtin: e.date.builtin };
    shift = e.duration.value as Duration;
  }
  if (field === null) return null;
  const civil = e.op === 'dateShift' && e.counting === 'civil';
  if (op === '>=') return { kind: 'through', date: e, field, shift, civil };
  if (op === '>') return { kind: 'before', date: e, field, shift, civil };
  return null;
}

/**
 * A condition of an aggregate's `where` that holds from a date on: `E < at` (or `not E >= at`) holds from the day
 * after E, `E <= at` from E — E a date field of the record or such a field plus a literal duration (`日期 + 10
 * workdays < at`, a notice that must have run). An `or` of such conditions holds from the earliest of its
 * alternatives that hold. A matched record began to count on the latest of its date and its conditions' starts:
 * that day, not its date, is its since candidate (SEMANTICS §2 "`when` rule").
 */
export type Start =
  | { readonly kind: 'after' | 'from'; readonly date: IrExpr }
  | { readonly kind: 'any'; readonly alternatives: readonly Start[] };

function startOf(c: IrExpr): Start | null {
  if (c.op === 'or') {
    const alternatives = c.args.map(startOf);
    return alternatives.every((a): a is Start => a !== null) ? { kind: 'any', alternatives } : null;
  }
  const against = dateAgainstAt(c);
  if (against === null) return null;
  const { op, e } = against;
  const onRecord =
    e.op === 'field' ||
    (e.op === 'dateShift' &&
      e.sign === 1 &&
      e.date.op === 'field' &&
      e.duration.op === 'lit' &&
      isDurationValue(e.duration.value));
  if (!onRecord) return null;
  if (op === '<') return { kind: 'after', date: e };
  if (op === '<=') return { kind: 'from', date: e };
  return null;
}

function isDurationValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The starts among the top-level conjuncts of an aggregate's `where` (none for `all`, which ranges, not matches). */
export function startsOf(agg: AggExpr): readonly Start[] {
  return agg.agg === 'all' ? [] : startsOfCondition(agg.where);
}

/** The starts among the top-level conjuncts of a record condition (a `for` rule's or an aggregate's `where`). */
export function startsOfCondition(where: IrExpr | undefined): readonly Start[] {
  if (where === undefined) return [];
  const conjuncts = where.op === 'and' ? where.args : [where];
  const out: Start[] = [];
  for (const c of conjuncts) {
    const s = startOf(c);
    if (s !== null) out.push(s);
  }
  return out;
}

/**
 * The day a matched record began to count: the latest of its date and its starts, each read by `dateOf` (a date
 * string, or anything else when unset; an alternative whose date cannot be computed is passed over by `dateOf`
 * returning null). An `or` takes the earliest of its alternatives that hold on `at`.
 */
export function startedOn(
  starts: readonly Start[],
  recDate: string,
  at: string,
  dateOf: (e: IrExpr) => unknown,
  dayAfter: (d: string) => string,
): string {
  let out = recDate;
  for (const s of starts) {
    const d = startDay(s, at, dateOf, dayAfter);
    if (d !== null && d > out) out = d;
  }
  return out;
}

function startDay(
  s: Start,
  at: string,
  dateOf: (e: IrExpr) => unknown,
  dayAfter: (d: string) => string,
): string | null {
  if (s.kind === 'any') {
    let best: string | null = null;
    for (const a of s.alternatives) {
      const d = startDay(a, at, dateOf, dayAfter);
      if (d !== null && d <= at && (best === null || d < best)) best = d;
    }
    return best;
  }
  const v = dateOf(s.date);
  if (typeof v !== 'string') return null;
  return s.kind === 'after' ? dayAfter(v) : v;
}

function sameField(a: IrExpr, b: IrExpr): boolean {
  return a.op === 'field' && b.op === 'field' && a.key === b.key && a.builtin === b.builtin;
}

/**
 * The `not any …` conjuncts of a `when`, and the `any …` alternatives of its `unless` (the same exclusion written
 * the other way), whose `where` splits into fixed conditions and stops; others are left out.
 */
export function lapses(when: IrExpr | undefined, unless?: IrExpr): Lapse[] {
  const out: Lapse[] = [];
  for (const agg of negatedAggs(when, unless)) {
    const lapse = lapseOf(agg);
    if (lapse !== null) out.push(lapse);
  }
  return out;
}

/**
 * Whether a condition that holds now can stop holding with time alone: a record it needs leaves a `within` window or
 * passes a stop (`E >= at`, a validity), a listing or grade it needs ends, or a date it compares with `at` runs out.
 * Conditions that only come to hold with time cannot: a notice that must have run (`日期 + 10 workdays < at`), `not
 * any` of records that age out, not being on a list. Conservative otherwise: any reading of the date it cannot place
 * counts as one that can lapse.
 */
export function canLapse(e: IrExpr, negated = false): boolean {
  switch (e.op) {
    case 'not':
      return canLapse(e.arg, !negated);
    case 'and':
    case 'or':
      return e.args.some((a) => canLapse(a, negated));
    case 'onList':
    case 'grade':
      return !negated;
    case 'agg': {
      // Negated, fewer passing records is more true; positive, records stop passing through a window or a stop.
      if (negated) return false;
      if (e.within !== undefined) return true;
      const where = e.where === undefined ? [] : e.where.op === 'and' ? e.where.args : [e.where];
      return where.some((c) => readsAt(c) && startOf(c) === null);
    }
    default: {
      if (!readsAt(e)) return false;
      return startOf(negated ? { op: 'not', arg: e } : e) === null;
    }
  }
}

/** `agg` as a Lapse: its records stop counting on dates (stops, a window); null when it has none or another condition. */
export function lapseOf(agg: AggExpr): Lapse | null {
  const stops: Stop[] = [];
  const where = agg.where;
  for (const w of where === undefined ? [] : where.op === 'and' ? where.args : [where]) {
    if (isFixed(w)) continue;
    const s = stopOf(w);
    if (s === null) return null;
    stops.push(s);
  }
  return stops.length > 0 || agg.within !== undefined ? { agg, stops } : null;
}

/** The `not any …` conjuncts of a `when` and the `any …` alternatives of its `unless`, in that order. */
export function negatedAggs(when: IrExpr | undefined, unless?: IrExpr): AggExpr[] {
  const negated: AggExpr[] = [];
  for (const c of when === undefined ? [] : when.op === 'and' ? when.args : [when])
    if (c.op === 'not' && c.arg.op === 'agg' && c.arg.agg === 'any') negated.push(c.arg);
  for (const a of unless === undefined ? [] : unless.op === 'or' ? unless.args : [unless])
    if (a.op === 'agg' && a.agg === 'any') negated.push(a);
  return negated;
}

/** Bit k set: stop k of `lapse` is 'through' (it stops the day after its date), else 'before'. */
export function throughMask(lapse: Lapse): number {
  let mask = 0;
  lapse.stops.forEach((s, k) => {
    if (s.kind === 'through') mask |= 1 << k;
  });
  return mask;
}

/**
 * The day a record that no longer counts stopped counting, given its stops' dates (null: unset, so that stop never
 * runs out; bit k of `through` set for a 'through' stop, `throughMask`) and its window's end (the first day `within`
 * leaves it out, null without one); null if it never counted (it stopped on or before its own date) or still counts.
 */
export function lapsedOn(
  through: number,
  at: string,
  recDate: string,
  stopDates: readonly unknown[],
  windowEnd: string | null,
  dayAfter: (d: string) => string,
): string | null {
  let stopped: string | null = windowEnd !== null && windowEnd <= at ? windowEnd : null;
  for (let k = 0; k < stopDates.length; k++) {
    const v = stopDates[k];
    if (typeof v !== 'string') continue;
    const day = (through & (1 << k)) !== 0 ? (v < at ? dayAfter(v) : null) : v <= at ? v : null;
    if (day !== null && (stopped === null || day < stopped)) stopped = day;
  }
  return stopped !== null && stopped > recDate ? stopped : null;
}
