// Finds the conjuncts of `early removal when` that can be judged on the day a repair was recorded, and judges them.
//
// A recorded repair is the authority's grant; the conditions of granting it (令45 第十四条, 令44 第十六条) are facts of
// the repair's day, not of `at`. `at` cannot say what held on another day in general, but two kinds of conjunct can:
// one on the triggering record's own fields (and the subject's), which does not change with the day — judged only when
// the record sets every field it reads (a record silent on 消除不良影响 says nothing against the grant), and
// `not on LIST`, whose instances say whether LIST held the subject that day (ended since or not). Dated conjuncts and quiet
// periods are already repairFrom's (repair-bounds.ts); every other conjunct is left to the authority that granted it.
import type { IrExpr } from '../../dsl/ir.js';
import type { Ctx, Fn, Rec } from './types.js';
import { fieldReader } from './expr.js';
import { childrenOf, collect } from './walk.js';

export type RepairCondition =
  | {
      readonly kind: 'record';
      readonly expr: IrExpr;
      readonly reads: readonly Fn[];
      /** `expr` compiled, when a recorded repair first asks it (most evaluators never do) */
      test: Fn | null;
    }
  | { readonly kind: 'notOn'; readonly expr: IrExpr; readonly list: number };

/** True when `e` reads nothing that changes with the day: no `at`, no records but its own, no list, no grade. */
export function timeless(e: IrExpr): boolean {
  if (e.op === 'at' || e.op === 'agg' || e.op === 'onList' || e.op === 'grade') return false;
  // A parameter may have versions in force at different dates.
  if (e.op === 'param') return false;
  return childrenOf(e).every(timeless);
}

/** Most lists have none: one shared empty array rather than one per list. */
const NONE: readonly RepairCondition[] = Object.freeze([]);

export function repairConditions(
  when: IrExpr | undefined,
  listIndex: ReadonlyMap<string, number>,
): readonly RepairCondition[] {
  if (when === undefined) return NONE;
  const out: RepairCondition[] = [];
  for (const c of when.op === 'and' ? when.args : [when]) {
    if (c.op === 'not' && c.arg.op === 'onList') {
      const list = listIndex.get(c.arg.list);
      if (list !== undefined) out.push({ kind: 'notOn', expr: c, list });
    } else if (timeless(c)) {
      const fields = collect(c, (x): x is Extract<IrExpr, { op: 'field' }> => x.op === 'field');
      out.push({ kind: 'record', expr: c, reads: fields.map((f) => fieldReader(f.key, f.builtin)), test: null });
    }
  }
  return out.length === 0 ? NONE : out;
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Whether an instance of list `l` held the subject on `day` (≤ at): begun by then, not run out, not ended by a
 * repair on or before it. A listing that has ended since still held it then.
 */
function wasOn(ctx: Ctx, l: number, day: string): boolean {
  const inst = ctx.inst[l]!;
  for (let k = 0; k < inst.n; k++) {
    const until = inst.until(k);
    if (inst.since(k) > day || (until !== null && day > until)) continue;
    if (inst.repaired(k) && inst.rec(k)!.repairedOn! <= day) continue;
    return true;
  }
  return false;
}

/**
 * The first condition that did not hold on `day`, the day of a repair recorded on `rec`'s instance; null when
 * none is known to have failed. A record condition is compiled when first asked (`skipPending`: its list's).
 */
export function unmetOnRepairDay(
  ctx: Ctx,
  conditions: readonly RepairCondition[],
  rec: Rec,
  day: string,
  skipPending: boolean,
): IrExpr | null {
  for (let k = 0; k < conditions.length; k++) {
    const c = conditions[k]!;
    if (c.kind === 'notOn') {
      if (wasOn(ctx, c.list, day)) return c.expr;
      continue;
    }
    let set = true;
    for (let j = 0; j < c.reads.length && set; j++) set = isSet(c.reads[j]!(ctx, rec));
    if (set && (c.test ??= ctx.plan.fnOf(c.expr, skipPending))(ctx, rec) !== true) return c.expr;
  }
  return null;
}
