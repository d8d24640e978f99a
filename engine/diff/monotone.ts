// Turns two versions of a condition (or value) into which way it moved: holds more often, less often, or unknown.
//
// The analysis is structural and conservative: it answers 'more' only when every subject that satisfied the old
// condition also satisfies the new one (a weaker condition), 'less' for the mirror, 'unknown' when it cannot
// prove either. It is antisymmetric by construction: compare(b, a) is the flip of compare(a, b), which is what
// makes diff(a, b) and diff(b, a) mirror each other.
import { canonicalJson } from '../../dsl/canonical.js';
import type { Duration, IrExpr, IrValue, PolicyIr, ValueType } from '../../dsl/ir.js';
import { isDuration } from './expr-text.js';

/** For conditions: 'more' = holds in more cases. For values: 'more' = never smaller. */
export type Effect = 'same' | 'more' | 'less' | 'unknown';

export function flip(e: Effect): Effect {
  return e === 'more' ? 'less' : e === 'less' ? 'more' : e;
}

export function combine(...effects: Effect[]): Effect {
  let out: Effect = 'same';
  for (const e of effects) {
    if (e === 'same') continue;
    if (e === 'unknown') return 'unknown';
    if (out === 'same') out = e;
    else if (out !== e) return 'unknown';
  }
  return out;
}

/** Equality of IR fragments by canonical form; absent (undefined) equals only absent. */
export const same = (a: unknown, b: unknown): boolean =>
  a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b);

/** Days a duration can span at least and at most (a workday period can stretch over a holiday week). */
function dayRange(d: Duration): [number, number] {
  switch (d.unit) {
    case 'year':
      return [365 * d.amount, 366 * d.amount];
    case 'month':
      return [28 * d.amount, 31 * d.amount];
    case 'day':
      return [d.amount, d.amount];
    case 'workday':
      return [d.amount, 2 * d.amount + 7];
  }
}

export function compareDurations(a: Duration, b: Duration): Effect {
  if (a.unit === b.unit) return b.amount > a.amount ? 'more' : b.amount < a.amount ? 'less' : 'same';
  const months = (d: Duration): number | undefined =>
    d.unit === 'year' ? d.amount * 12 : d.unit === 'month' ? d.amount : undefined;
  const ma = months(a);
  const mb = months(b);
  if (ma !== undefined && mb !== undefined) return mb > ma ? 'more' : mb < ma ? 'less' : 'same';
  const [aLo, aHi] = dayRange(a);
  const [bLo, bHi] = dayRange(b);
  if (bLo > aHi) return 'more';
  if (bHi < aLo) return 'less';
  return 'unknown';
}

/** Ordered comparison of two literal values of one type; scales order severity and level values. */
export function compareValues(a: IrValue, b: IrValue, type: ValueType, ir: PolicyIr): Effect {
  if (same(a, b)) return 'same';
  if (typeof a === 'number' && typeof b === 'number') return b > a ? 'more' : 'less';
  if (isDuration(a) && isDuration(b)) return compareDurations(a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (type === 'severity' || type === 'level') {
      const scale = type === 'severity' ? ir.severity : ir.levels;
      const ia = scale.indexOf(a);
      const ib = scale.indexOf(b);
      if (ia < 0 || ib < 0) return 'unknown';
      return ib > ia ? 'more' : 'less';
    }
    if (type === 'date') return b > a ? 'more' : 'less';
  }
  return 'unknown';
}

function literalSet(e: IrExpr): Set<string> | undefined {
  if (e.op === 'lit' && Array.isArray(e.value)) return new Set((e.value as readonly (string | number)[]).map(String));
  if (e.op === 'array' && e.items.every((i) => i.op === 'lit'))
    return new Set(e.items.map((i) => String((i as { value: IrValue }).value)));
  return undefined;
}

/** 'more' when b ⊇ a, 'less' when b ⊆ a. */
function compareSets(a: IrExpr, b: IrExpr): Effect {
  const sa = literalSet(a);
  const sb = literalSet(b);
  if (!sa || !sb) return same(a, b) ? 'same' : 'unknown';
  const aInB = [...sa].every((x) => sb.has(x));
  const bInA = [...sb].every((x) => sa.has(x));
  if (aInB && bInA) return 'same';
  if (aInB) return 'more';
  if (bInA) return 'less';
  return 'unknown';
}

function isBool(e: IrExpr, value: boolean): boolean {
  return e.op === 'lit' && e.value === value;
}

function argsByKey(args: readonly IrExpr[]): Map<string, IrExpr> {
  return new Map(args.map((a) => [canonicalJson(a), a]));
}

/**
 * Compares the conditions. `ir` supplies the scales (the two versions are assumed to share them; a change of
 * scale is reported on its own and makes every ordinal comparison 'unknown' there).
 */
export function compareCond(a: IrExpr | undefined, b: IrExpr | undefined, ir: PolicyIr): Effect {
  // An absent condition holds always (a missing `where`).
  if (a === undefined && b === undefined) return 'same';
  if (a === undefined) return 'less';
  if (b === undefined) return 'more';
  if (same(a, b)) return 'same';
  // Constants bound everything: nothing holds less often than `false`, nothing more often than `true`.
  if (isBool(a, false) || isBool(b, true)) return 'more';
  if (isBool(a, true) || isBool(b, false)) return 'less';
  if (a.op !== b.op) {
    // One side wraps the other as a conjunct / disjunct: adding a conjunct narrows, a disjunct widens.
    const unwrapped = compareWrapped(b, a);
    return unwrapped !== 'unknown' ? flip(unwrapped) : compareWrapped(a, b);
  }
  switch (a.op) {
    case 'and':
    case 'or': {
      const bArgs = (b as typeof a).args;
      if (a.args.length === bArgs.length) {
        const pairwise = combine(...a.args.map((x, i) => compareCond(x, bArgs[i], ir)));
        if (pairwise !== 'unknown') return pairwise;
      }
      const ka = argsByKey(a.args);
      const kb = argsByKey(bArgs);
      const aInB = [...ka.keys()].every((k) => kb.has(k));
      const bInA = [...kb.keys()].every((k) => ka.has(k));
      // More conjuncts hold less often; more disjuncts hold more often.
      if (aInB && !bInA) return a.op === 'and' ? 'less' : 'more';
      if (bInA && !aInB) return a.op === 'and' ? 'more' : 'less';
      return 'unknown';
    }
    case 'not':
      return flip(compareCond(a.arg, (b as typeof a).arg, ir));
    case 'cmp':
      return compareCmp(a, b as typeof a, ir);
    case 'in': {
      const bb = b as typeof a;
      if (a.negated !== bb.negated || !same(a.left, bb.left)) return 'unknown';
      const e = compareSets(a.values, bb.values);
      return a.negated ? flip(e) : e;
    }
    case 'has': {
      const bb = b as typeof a;
      if (a.mode !== bb.mode || !same(a.left, bb.left)) return 'unknown';
      const e = compareSets(a.values, bb.values);
      return a.mode === 'any' ? e : flip(e);
    }
    case 'agg': {
      const bb = b as typeof a;
      if (a.recordType !== bb.recordType || a.agg !== bb.agg || (a.agg !== 'any' && a.agg !== 'all')) return 'unknown';
      const where = compareCond(a.where, bb.where, ir);
      const within = compareWithin(a.within, bb.within);
      // `any` holds more with more records in range; `all` must then hold for more of them.
      return a.agg === 'any' ? combine(where, within) : combine(where, flip(within));
    }
    default:
      return 'unknown';
  }
}

/** When `a` is an and/or holding `b` among its args: how going from a to b moves the condition. */
function compareWrapped(a: IrExpr, b: IrExpr): Effect {
  const key = canonicalJson(b);
  if (a.op === 'and' && a.args.some((x) => canonicalJson(x) === key)) return 'more';
  if (a.op === 'or' && a.args.some((x) => canonicalJson(x) === key)) return 'less';
  return 'unknown';
}

function compareWithin(a: Duration | undefined, b: Duration | undefined): Effect {
  // No `within` ranges over all time: the widest window.
  if (a === undefined && b === undefined) return 'same';
  if (a === undefined) return 'less';
  if (b === undefined) return 'more';
  return compareDurations(a, b);
}

const UP = new Set(['>', '>=']);
const DOWN = new Set(['<', '<=']);

function compareCmp(a: Extract<IrExpr, { op: 'cmp' }>, b: Extract<IrExpr, { op: 'cmp' }>, ir: PolicyIr): Effect {
  if (a.type !== b.type) return 'unknown';
  if (a.cmp !== b.cmp) {
    if (!same(a.left, b.left) || !same(a.right, b.right)) return 'unknown';
    // `>` → `>=` and `<` → `<=` admit the boundary too.
    if ((a.cmp === '>' && b.cmp === '>=') || (a.cmp === '<' && b.cmp === '<=')) return 'more';
    if ((a.cmp === '>=' && b.cmp === '>') || (a.cmp === '<=' && b.cmp === '<')) return 'less';
    return 'unknown';
  }
  const left = compareValue(a.left, b.left, a.type, ir);
  const right = compareValue(a.right, b.right, a.type, ir);
  if (UP.has(a.cmp)) return combine(left, flip(right));
  if (DOWN.has(a.cmp)) return combine(flip(left), right);
  return left === 'same' && right === 'same' ? 'same' : 'unknown';
}

/** Compares two value expressions: 'more' when the new one is never smaller. */
export function compareValue(a: IrExpr, b: IrExpr, type: ValueType, ir: PolicyIr): Effect {
  if (same(a, b)) return 'same';
  if (a.op === 'lit' && b.op === 'lit') return compareValues(a.value, b.value, type, ir);
  if (a.op !== b.op) return 'unknown';
  switch (a.op) {
    case 'agg': {
      const bb = b as typeof a;
      if (a.recordType !== bb.recordType || a.agg !== bb.agg || !same(a.field, bb.field)) return 'unknown';
      const more = combine(compareCond(a.where, bb.where, ir), compareWithin(a.within, bb.within));
      // Amounts, counts and dates are not negative, so a wider range never lowers a count, sum or max.
      if (a.agg === 'count' || a.agg === 'sum' || a.agg === 'max') return more;
      if (a.agg === 'min') return flip(more);
      return 'unknown';
    }
    case 'arith': {
      const bb = b as typeof a;
      if (a.arith !== bb.arith) return 'unknown';
      const l = compareValue(a.left, bb.left, type, ir);
      const r = compareValue(a.right, bb.right, type, ir);
      if (a.arith === '+') return combine(l, r);
      if (a.arith === '-') return combine(l, flip(r));
      return l === 'same' && r === 'same' ? 'same' : 'unknown';
    }
    case 'dateShift': {
      const bb = b as typeof a;
      if (a.sign !== bb.sign) return 'unknown';
      const d = compareValue(a.date, bb.date, 'date', ir);
      const p = compareValue(a.duration, bb.duration, 'duration', ir);
      // A civil last day is the plain one or a later working day (第二百零三条): adding `counted civil` moves it on.
      const counted = a.counting === bb.counting ? 'same' : a.counting === 'civil' ? 'less' : 'more';
      return combine(d, a.sign > 0 ? p : flip(p), counted);
    }
    case 'neg':
      return flip(compareValue(a.arg, (b as typeof a).arg, type, ir));
    default:
      return 'unknown';
  }
}

/**
 * The smallest pair of differing sub-conditions worth quoting: descends through and/or/not while exactly one
 * argument differs, and stops at a comparison, membership test or aggregate (quoting a bare literal would lose
 * what it is compared with).
 */
export function focus(a: IrExpr, b: IrExpr): [IrExpr, IrExpr] {
  if (a.op === b.op) {
    if ((a.op === 'and' || a.op === 'or') && a.args.length === (b as typeof a).args.length) {
      const bArgs = (b as typeof a).args;
      const differing = a.args.map((x, i) => i).filter((i) => !same(a.args[i], bArgs[i]));
      if (differing.length === 1) {
        const i = differing[0] as number;
        return focus(a.args[i] as IrExpr, bArgs[i] as IrExpr);
      }
    }
    if (a.op === 'not') return focus(a.arg, (b as typeof a).arg);
  }
  return [a, b];
}
