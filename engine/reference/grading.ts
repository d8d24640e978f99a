// Turns a grading (score items, bands, direct grades, caps) and the subject into its grade outcome (SEMANTICS §3).
import type { IrGrading, IrScoreItem } from '../../dsl/ir.js';
import type { GradeOutcome, ScoreItemOutcome, SubjectRecord, SupervisionOutcome } from '../contract.js';
import { shiftDate } from '../time/period.js';
import { onListAlternatives } from '../compile/walk.js';
import { collectCandidates, evalExpr, type Ctx, type Env } from './expr.js';
import { candidateSince, declaredEffective, notBefore } from './lists.js';
import { byString, isTrue, readField, recordCounts, renderCitations, sortedUnique } from './values.js';

const NO_RECORD: Env = { record: null, suspendPending: false };

/** `cap` bounds the absolute value of an item's contribution, whatever its kind. */
function capped(points: number, cap: number | undefined): number {
  if (cap === undefined || Math.abs(points) <= cap) return points;
  return points < 0 ? -cap : cap;
}

function itemOutcome(ctx: Ctx, item: IrScoreItem): ScoreItemOutcome | null {
  const label = item.label === undefined ? {} : { label: item.label };
  if (item.when !== undefined && !isTrue(evalExpr(ctx, NO_RECORD, item.when))) return null;
  if (item.per === undefined) {
    // Like a `when` listing rule: the records matched by the condition's outermost aggregates.
    const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
    if (item.when !== undefined) collectCandidates(ctx, NO_RECORD, item.when, found);
    return {
      item: item.name,
      ...label,
      points: capped(item.points, item.cap),
      records: sortedUnique(found.records.map((r) => r.id)),
    };
  }
  const per = item.per;
  const lower = per.within === undefined ? null : shiftDate(ctx.at, -1, per.within);
  const counted = ctx.subject.records.filter(
    (r) =>
      r.type === per.recordType &&
      recordCounts(r, ctx.at, false) &&
      (lower === null || lower <= r.date) &&
      (per.where === undefined || isTrue(evalExpr(ctx, { record: r, suspendPending: false }, per.where))),
  );
  if (counted.length === 0) return null;
  // `add FIELD per …`: each record's own numeric FIELD (a record without one adds nothing).
  const field = item.pointsField;
  let each = counted.length;
  if (field !== undefined) {
    each = 0;
    for (const r of counted) {
      const v = readField(r, field.key, field.builtin);
      if (typeof v === 'number') each += v;
    }
  }
  const points = capped(item.points * each, item.cap);
  return { item: item.name, ...label, points, records: sortedUnique(counted.map((r) => r.id)) };
}

export function evaluateGrading(ctx: Ctx, g: IrGrading): GradeOutcome {
  const items = g.items.map((item) => itemOutcome(ctx, item)).filter((o): o is ScoreItemOutcome => o !== null);
  items.sort((a, b) => byString(a.item, b.item));
  let score = g.base;
  for (const o of items) score += o.points;
  if (g.range !== undefined) score = Math.min(Math.max(score, g.range.min), g.range.max);
  const rank = (grade: string): number => g.grades.indexOf(grade);
  const bands = [...g.bands].sort((a, b) => b.from - a.from);
  let grade = bands.find((b) => score >= b.from)?.grade ?? g.grades[g.grades.length - 1] ?? '';
  let by: GradeOutcome['by'] = 'score';
  let rule: string | undefined;
  const worst = (grades: string[]): string | undefined =>
    grades.reduce<string | undefined>((w, x) => (w === undefined || rank(x) > rank(w) ? x : w), undefined);
  const direct = worst(g.direct.filter((d) => isTrue(evalExpr(ctx, NO_RECORD, d.when))).map((d) => d.grade));
  if (direct !== undefined) {
    grade = direct;
    by = 'direct';
    rule = `direct ${direct}`;
  }
  const cap = worst(g.caps.filter((c) => isTrue(evalExpr(ctx, NO_RECORD, c.when))).map((c) => c.grade));
  if (cap !== undefined && rank(cap) > rank(grade)) {
    grade = cap;
    by = 'cap';
    rule = `cap ${cap}`;
  }
  const outcome: GradeOutcome = { scale: g.name, score, grade, by, items };
  return rule === undefined ? outcome : { ...outcome, rule };
}

export function supervisionOf(ctx: Ctx, g: IrGrading, outcome: GradeOutcome): SupervisionOutcome | null {
  if (g.supervisionWhen !== undefined && !isTrue(evalExpr(ctx, NO_RECORD, g.supervisionWhen.when))) return null;
  const entry = g.supervision.find((s) => s.grade === outcome.grade);
  if (entry === undefined) return null;
  const base: SupervisionOutcome = {
    scale: g.name,
    grade: outcome.grade,
    spotCheckRatio: entry.ratioMax,
    spotCheckRange: [entry.ratioMin, entry.ratioMax],
    basis: renderCitations(ctx.ir, entry.basis),
  };
  return entry.frequency === undefined ? base : { ...base, frequency: entry.frequency };
}

/**
 * SEMANTICS §3 "Since of a grade": a grade a direct rule or a cap gave began on the earliest since among the rules
 * of that grade that hold, each the latest of its candidates (an `or` of `on LIST` alone: the earliest of those
 * listings); null (from `at`) for a grade from the score or with no candidate.
 */
export function gradeSince(ctx: Ctx, g: IrGrading, outcome: GradeOutcome): string | null {
  if (outcome.by === 'score') return null;
  const rules = (outcome.by === 'direct' ? g.direct : g.caps).filter((r) => r.grade === outcome.grade);
  let since: string | null = null;
  for (const r of rules) {
    if (!isTrue(evalExpr(ctx, NO_RECORD, r.when))) continue;
    let s: string | null = null;
    const anyOf = onListAlternatives(r.when);
    if (anyOf !== null) {
      for (const l of anyOf) {
        const m = ctx.listSince(l);
        if (m !== null && (s === null || m < s)) s = m;
      }
    } else {
      const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
      collectCandidates(ctx, NO_RECORD, r.when, found);
      s = candidateSince(ctx, r.when, undefined, found.dates, false);
    }
    if (s !== null && (since === null || s < since)) since = s;
  }
  return since === null ? null : notBefore(since, declaredEffective(ctx, g.layer));
}
