// Finds the conjuncts of `early removal when` that date the earliest repair: `F < at` cannot hold before F + 1,
// and `not any T within P` not while a matching record lies within P before it (令36 第二十五条: 3年内不得申请).
import type { Duration, IrExpr } from '../../dsl/ir.js';
import type { Ctx, Fn, Rec } from './types.js';
import { readAggAt } from './aggregates.js';
import type { ExprCompiler } from './expr.js';
import { fieldReader } from './expr.js';
import { dayAfter, shiftOf } from './dates.js';
import { addDays } from '../time/dates.js';

/**
 * A date field of the triggering record that `at` must pass (strict: the day after it) before repair; or a
 * quiet period: the aggregate `slot` (an `any … within`) must have no record left in its window.
 */
export type RepairBound =
  | { readonly read: Fn; readonly strict: boolean; readonly slot?: undefined }
  | { readonly slot: number; readonly within: Duration };

type Agg = Extract<IrExpr, { op: 'agg' }>;

/** `not any T [where …] within P` with P in days, months or years (a working-day window would need the calendar). */
function quietPeriod(e: IrExpr): (Agg & { within: Duration }) | null {
  if (e.op !== 'not' || e.arg.op !== 'agg' || e.arg.agg !== 'any') return null;
  const w = e.arg.within;
  return w === undefined || w.unit === 'workday' ? null : (e.arg as Agg & { within: Duration });
}

/**
 * The first day on which a record dated `latest` is no longer within P: the least d with d − P > latest (the
 * window keeps dates from d − P on). d − P never decreases as d grows, so a step either side of latest + P finds it.
 */
export function quietFrom(latest: string, within: Duration): string {
  let d = shiftOf(latest, 1, within);
  while (shiftOf(addDays(d, -1), -1, within) > latest) d = addDays(d, -1);
  while (shiftOf(d, -1, within) <= latest) d = addDays(d, 1);
  return d;
}

type Field = Extract<IrExpr, { op: 'field' }>;

/** `F < at`, `F <= at`, `at > F`, `at >= F` on a date: the field and whether the bound is strict. */
function bound(e: IrExpr): { field: Field; strict: boolean } | null {
  if (e.op !== 'cmp' || e.type !== 'date') return null;
  if (e.left.op === 'field' && e.right.op === 'at' && (e.cmp === '<' || e.cmp === '<='))
    return { field: e.left, strict: e.cmp === '<' };
  if (e.left.op === 'at' && e.right.op === 'field' && (e.cmp === '>' || e.cmp === '>='))
    return { field: e.right, strict: e.cmp === '>' };
  return null;
}

/** `F is not set or F < at` (either order): a bound only when the record has F. */
function optionalBound(e: IrExpr): { field: Field; strict: boolean } | null {
  if (e.op !== 'or' || e.args.length !== 2) return null;
  const [x, y] = e.args as [IrExpr, IrExpr];
  for (const [unset, cmp] of [
    [x, y],
    [y, x],
  ] as const) {
    const b = bound(cmp);
    if (
      b !== null &&
      unset.op === 'isSet' &&
      unset.negated &&
      unset.arg.op === 'field' &&
      unset.arg.key === b.field.key
    )
      return b;
  }
  return null;
}

/** The date field a conjunct bounds repair by, or null: the explanation leaves such a conjunct to the date. */
export function datedField(c: IrExpr): Field | null {
  return (bound(c) ?? optionalBound(c))?.field ?? null;
}

/**
 * The bounds among the top-level conjuncts of `when` (SEMANTICS §2 "repairFrom"); none without one. The
 * aggregates of quiet periods are the slots `when` itself was compiled with (`compiler.slotOf`).
 */
/** Most lists have none: one shared empty array rather than one per list. */
const NONE: readonly RepairBound[] = Object.freeze([]);

export function repairBounds(
  when: IrExpr | undefined,
  compiler: ExprCompiler,
  skipPending: boolean,
): readonly RepairBound[] {
  if (when === undefined) return NONE;
  const out: RepairBound[] = [];
  for (const c of when.op === 'and' ? when.args : [when]) {
    const b = bound(c) ?? optionalBound(c);
    if (b !== null) out.push({ read: fieldReader(b.field.key, b.field.builtin), strict: b.strict });
    const q = quietPeriod(c);
    if (q !== null) out.push({ slot: compiler.slotOf(q, skipPending), within: q.within });
  }
  return out.length === 0 ? NONE : out;
}

/** `repair` moved past every bound the record has a date for and every quiet period still running. */
export function boundedRepair(repair: string, bounds: readonly RepairBound[], ctx: Ctx, rec: Rec): string {
  let out = repair;
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k]!;
    let earliest: string;
    if (b.slot === undefined) {
      const v = b.read(ctx, rec);
      if (typeof v !== 'string') continue;
      earliest = b.strict ? dayAfter(v) : v;
    } else {
      readAggAt(ctx, b.slot, rec);
      const latest = ctx.aggMax[b.slot];
      if (latest === null || latest === undefined) continue;
      earliest = quietFrom(latest, b.within);
    }
    if (earliest > out) out = earliest;
  }
  return out;
}
