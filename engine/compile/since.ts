// Turns a condition's since candidates into the day it began to hold: `when` listings (SEMANTICS §2) and grades (§3).
import { readAgg } from './aggregates.js';
import { dayAfter } from './dates.js';
import { quietFrom } from './repair-bounds.js';
import type { Candidates, Ctx, LapsePlan, Rec, RulePlan } from './types.js';
import { lapsedOn } from './walk.js';

/** The since of a `when` instance: the latest of its candidates (SEMANTICS §2 "`when` rule"); `at` if none. */
export function whenSince(ctx: Ctx, rule: RulePlan): string {
  return candidateSince(ctx, rule.candidates) ?? ctx.at;
}

/**
 * The latest of a condition's since candidates: the dates of the records its outermost aggregates matched, the
 * since of a list it reads that holds the subject, the day a listing it needs the subject off ended, the day the
 * last record against a `not any …` stopped counting, the day a grade it reads began; null for none.
 */
export function candidateSince(ctx: Ctx, c: Candidates): string | null {
  let best: string | null = null;
  const { aggs, lists, off, lapses, grades } = c;
  for (let k = 0; k < aggs.length; k++) {
    const s = aggs[k]!;
    readAgg(ctx, s);
    const m = ctx.aggMax[s];
    if (m !== null && m !== undefined && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < lists.length; k++) {
    const l = lists[k]!;
    if (ctx.listOn[l] !== 1) continue;
    const m = ctx.listSince[l];
    if (m !== null && m !== undefined && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < off.length; k++) {
    const m = listingEnded(ctx, off[k]!);
    if (m !== null && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < lapses.length; k++) {
    const m = lapseDay(ctx, lapses[k]!);
    if (m !== null && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < grades.length; k++) {
    const m = gradeSinceOf(ctx, grades[k]!);
    if (m !== null && (best === null || m > best)) best = m;
  }
  return best;
}

/**
 * The day grading `g`'s grade began (SEMANTICS §3 "Since of a grade"): a grade a direct rule or a cap gave holds
 * from the earliest since of the rules of that grade that hold, each from the earliest since of its alternatives
 * that hold; a grade from the score, or with no candidate, from `at` (null). Computed once per evaluation, when
 * first asked (a measure on the grade, a list that reads it, the explanation).
 */
export function gradeSinceOf(ctx: Ctx, g: number): string | null {
  if (ctx.gradeSinceGen[g] === ctx.gen) return ctx.gradeSince[g]!;
  ctx.gradeSinceGen[g] = ctx.gen;
  ctx.gradeSince[g] = null;
  const by = ctx.gradeBy[g]!;
  if (ctx.gradeOf[g] === null || by === 0) return null;
  const gp = ctx.plan.gradings[g]!;
  const rules = by === 1 ? gp.direct : gp.caps;
  const held = by === 1 ? ctx.directHeld[g]! : ctx.capHeld[g]!;
  const grade = ctx.gradeIdx[g]!;
  let since: string | null = null;
  for (let k = 0; k < rules.length; k++) {
    const r = rules[k]!;
    if (held[k] !== 1 || r.gradeIndex !== grade) continue;
    for (let a = 0; a < r.alts.length; a++) {
      const alt = r.alts[a]!;
      if (!alt.holds(ctx, null)) continue;
      const s = candidateSince(ctx, alt.candidates);
      if (s !== null && (since === null || s < since)) since = s;
    }
  }
  ctx.gradeSince[g] = since;
  return since;
}

const STOP_DATES: unknown[] = [];

/**
 * Why a `when` instance holds from `since` when no record it matched or list it reads gave that day: a listing it
 * needs the subject off ended then (the list's index), or a record against it stopped counting then (the record).
 * Null when a matched record or a list's since gave it. For the explanation only.
 */
export function sinceCause(ctx: Ctx, rule: RulePlan, since: string): { list: number } | { record: Rec } | null {
  const { aggs, lists, off, grades } = rule.candidates;
  for (let k = 0; k < aggs.length; k++) if (ctx.aggMax[aggs[k]!] === since) return null;
  for (let k = 0; k < lists.length; k++)
    if (ctx.listOn[lists[k]!] === 1 && ctx.listSince[lists[k]!] === since) return null;
  for (let k = 0; k < grades.length; k++) if (gradeSinceOf(ctx, grades[k]!) === since) return null;
  for (let k = 0; k < off.length; k++) if (listingEnded(ctx, off[k]!) === since) return { list: off[k]! };
  const ls = rule.candidates.lapses;
  for (let k = 0; k < ls.length; k++) {
    const found = lapse(ctx, ls[k]!, since);
    if (found !== null) return { record: found };
  }
  return null;
}

/** The day the last record that counted against a `not any …` of the rule stopped counting (walk.ts `Lapse`). */
function lapseDay(ctx: Ctx, lp: LapsePlan): string | null {
  const r = lapse(ctx, lp, null);
  return r === null ? null : LAPSED_ON;
}

let LAPSED_ON = '';

/**
 * The record of `lp` that stopped counting last (its day in LAPSED_ON), or with `day` the first that stopped on
 * that day; null for none.
 */
function lapse(ctx: Ctx, lp: LapsePlan, day: string | null): Rec | null {
  if (lp.typeIndex < 0) return null;
  const bucket = ctx.buckets[lp.typeIndex]!;
  const n = ctx.bucketN[lp.typeIndex]!;
  const within = lp.lapse.agg.within ?? null;
  let last: Rec | null = null;
  records: for (let r = 0; r < n; r++) {
    const rec = bucket[r]!;
    if (lp.skipPending && rec.objection === 'pending') continue;
    for (let k = 0; k < lp.fixed.length; k++) if (!lp.fixed[k]!(ctx, rec)) continue records;
    STOP_DATES.length = lp.stops.length;
    for (let k = 0; k < lp.stops.length; k++) STOP_DATES[k] = lp.stops[k]!(ctx, rec);
    const left = within === null ? null : quietFrom(rec.date, within);
    const stopped = lapsedOn(lp.lapse, ctx.at, rec.date, STOP_DATES, left, dayAfter);
    if (stopped === null) continue;
    if (day !== null) {
      if (stopped === day) return rec;
    } else if (last === null || stopped > LAPSED_ON) {
      last = rec;
      LAPSED_ON = stopped;
    }
  }
  return last;
}

/**
 * The day the last listing of list `l` that has ended by `at` stopped holding the subject: the day after its
 * until, or the day of the repair that ended it; null when none has.
 */
function listingEnded(ctx: Ctx, l: number): string | null {
  const inst = ctx.inst[l]!;
  const at = ctx.at;
  let last: string | null = null;
  for (let k = 0; k < inst.n; k++) {
    if (inst.since(k) > at) continue;
    let end: string | null = null;
    if (inst.repaired(k)) end = inst.rec(k)!.repairedOn!;
    else {
      const until = inst.until(k);
      if (until !== null && until < at) end = dayAfter(until);
    }
    if (end !== null && (last === null || end > last)) last = end;
  }
  return last;
}
