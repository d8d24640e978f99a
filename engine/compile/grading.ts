// Turns a grading plan into a score, a grade (band, direct, cap) and its outcome (SEMANTICS §3).
import { distinctSortedIds } from './sort.js';
import type { GradeOutcome, ScoreItemOutcome, SupervisionOutcome } from '../contract.js';
import { round2 } from '../explain/format.js';
import { readAgg } from './aggregates.js';
import type { Candidates, Ctx, GradingPlan, Mutable, Rec } from './types.js';

const BY = ['score', 'direct', 'cap'] as const;

export function runGrading(ctx: Ctx, gp: GradingPlan): void {
  const gi = gp.index;
  // Not a subject the grading grades: no grade at all (as for a grading whose layer is not in force).
  if (gp.appliesWhen !== null && !gp.appliesWhen(ctx, null)) {
    ctx.gradeOf[gi] = null;
    return;
  }
  const points = ctx.itemPoints[gi]!;
  const fired = ctx.itemFired[gi]!;
  let score = gp.base;
  const items = gp.items;
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    let p = 0;
    let f = false;
    if (it.once !== null && !it.once(ctx, null)) {
      // a `when` that does not hold: the item does not apply (with or without `per`)
    } else if (it.perSlot >= 0) {
      const n = readAgg(ctx, it.perSlot) as number;
      // A summed field may add up to 0 (or less): the item holds when a record matched, as a count item does.
      f = it.sums ? ctx.aggRecN[it.perSlot]! > 0 : n > 0;
      p = it.points * n;
    } else {
      // once-item, or an item with neither `per` nor `when` (always applies)
      f = true;
      p = it.points;
    }
    if (f && it.cap !== undefined && Math.abs(p) > it.cap) p = p < 0 ? -it.cap : it.cap;
    points[k] = p;
    fired[k] = f ? 1 : 0;
    score += p;
  }
  score = round2(score);
  const range = gp.range;
  if (range !== null) score = Math.min(range.max, Math.max(range.min, score));

  // No band reached (a policy without a band from the minimum): the worst grade.
  let grade = gp.grades.length - 1;
  for (let k = 0; k < gp.bandFrom.length; k++) {
    if (score >= gp.bandFrom[k]!) {
      grade = gp.bandGrade[k]!;
      break;
    }
  }
  let by = 0;
  let rule: string | null = null;
  const dh = ctx.directHeld[gi]!;
  let worst = -1;
  for (let k = 0; k < gp.direct.length; k++) {
    const d = gp.direct[k]!;
    const held = d.when(ctx, null);
    dh[k] = held ? 1 : 0;
    if (held && d.gradeIndex > worst) {
      worst = d.gradeIndex;
      rule = d.name;
    }
  }
  if (worst >= 0) {
    grade = worst;
    by = 1;
  }
  const ch = ctx.capHeld[gi]!;
  let cap = -1;
  let capRule: string | null = null;
  for (let k = 0; k < gp.caps.length; k++) {
    const c = gp.caps[k]!;
    const held = c.when(ctx, null);
    ch[k] = held ? 1 : 0;
    if (held && c.gradeIndex > cap) {
      cap = c.gradeIndex;
      capRule = c.name;
    }
  }
  if (cap > grade) {
    grade = cap;
    by = 2;
    rule = capRule;
  }
  ctx.score[gi] = score;
  ctx.gradeIdx[gi] = grade;
  ctx.gradeOf[gi] = gp.grades[grade] ?? null;
  ctx.gradeBy[gi] = by;
  ctx.gradeRule[gi] = rule;
}

/** The records of a `once` item's outermost aggregates, written from `into[n]` on; returns the new count. */
function candidateRecords(ctx: Ctx, c: Candidates, into: Rec[], n: number): number {
  for (const s of c.aggs) {
    // Candidates are every outermost aggregate in full, even one the condition short-circuited past.
    readAgg(ctx, s);
    const recs = ctx.aggRecs[s]!;
    for (let k = 0; k < ctx.aggRecN[s]!; k++) into[n++] = recs[k]!;
  }
  return n;
}

// Scratch for an outcome's items and records, copied out exactly (see evaluate.ts).
const ITEMS: ScoreItemOutcome[] = [];
/** Shared by every grade that no item moved (see EMPTY in evaluate.ts). */
const NO_ITEMS: readonly ScoreItemOutcome[] = Object.freeze([]);
const RECS: Rec[] = [];

export function gradeOutcome(ctx: Ctx, gp: GradingPlan): GradeOutcome {
  const gi = gp.index;
  let nItems = 0;
  const fired = ctx.itemFired[gi]!;
  for (let k = 0; k < gp.items.length; k++) {
    if (fired[k] !== 1) continue;
    const it = gp.items[k]!;
    let records: string[];
    if (it.perSlot >= 0) records = distinctSortedIds(ctx.aggRecs[it.perSlot]!, ctx.aggRecN[it.perSlot]!);
    else records = distinctSortedIds(RECS, candidateRecords(ctx, it.candidates, RECS, 0));
    const o: Mutable<ScoreItemOutcome> = { item: it.name, points: round2(ctx.itemPoints[gi]![k]!), records };
    if (it.label !== undefined) o.label = it.label;
    ITEMS[nItems++] = o;
  }
  const items = nItems === 0 ? NO_ITEMS : ITEMS.slice(0, nItems);
  const out: Mutable<GradeOutcome> = {
    scale: gp.name,
    score: ctx.score[gi]!,
    grade: ctx.gradeOf[gi]!,
    by: BY[ctx.gradeBy[gi]!]!,
    items,
  };
  const rule = ctx.gradeRule[gi];
  if (rule !== null && rule !== undefined) out.rule = rule;
  return out;
}

/** The supervision a grade brings depends on nothing else: built once per grade, frozen, shared by decisions. */
export function supervisionTable(gp: Omit<GradingPlan, 'supervisionOf'>): (SupervisionOutcome | null)[] {
  return gp.ir.grades.map((grade) => {
    const k = gp.ir.supervision.findIndex((x) => x.grade === grade);
    if (k < 0) return null;
    const s = gp.ir.supervision[k]!;
    const range = Object.freeze([s.ratioMin, s.ratioMax] as const);
    const basis = gp.supervisionBasis[k]!;
    // One literal per shape: a member added afterwards would sit in a separate property array.
    const out: SupervisionOutcome =
      s.frequency === undefined
        ? { scale: gp.name, grade, spotCheckRatio: s.ratioMax, spotCheckRange: range, basis }
        : { scale: gp.name, grade, spotCheckRatio: s.ratioMax, spotCheckRange: range, basis, frequency: s.frequency };
    return Object.freeze(out);
  });
}

export function supervisionOutcome(ctx: Ctx, gp: GradingPlan): SupervisionOutcome | null {
  if (ctx.gradeOf[gp.index] === null) return null;
  if (gp.supervisionWhen !== null && !gp.supervisionWhen(ctx, null)) return null;
  return gp.supervisionOf[ctx.gradeIdx[gp.index]!] ?? null;
}
