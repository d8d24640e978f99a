// Finds the conjuncts of `early removal when` that date the earliest repair: `F < at` cannot hold before F + 1.
import type { IrExpr } from '../../dsl/ir.js';
import type { Ctx, Fn, Rec } from './types.js';
import { fieldReader } from './expr.js';
import { dayAfter } from './dates.js';

/** A date field of the triggering record that `at` must pass (strict: the day after it) before repair. */
export interface RepairBound {
  readonly read: Fn;
  readonly strict: boolean;
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

/** The bounds among the top-level conjuncts of `when` (SEMANTICS §2 "repairFrom"); none without one. */
export function repairBounds(when: IrExpr | undefined): readonly RepairBound[] {
  if (when === undefined) return [];
  const out: RepairBound[] = [];
  for (const c of when.op === 'and' ? when.args : [when]) {
    const b = bound(c) ?? optionalBound(c);
    if (b !== null) out.push({ read: fieldReader(b.field.key, b.field.builtin), strict: b.strict });
  }
  return out;
}

/** `repair` moved past every bound the record has a date for. */
export function boundedRepair(repair: string, bounds: readonly RepairBound[], ctx: Ctx, rec: Rec): string {
  let out = repair;
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k]!;
    const v = b.read(ctx, rec);
    if (typeof v !== 'string') continue;
    const earliest = b.strict ? dayAfter(v) : v;
    if (earliest > out) out = earliest;
  }
  return out;
}
