// Turns a condition's since candidates into the day it began to hold: `when` listings (SEMANTICS §2) and grades (§3).
import { readAgg, sinceOfSlot } from './aggregates.js';
import { startedOnRecord } from './starts.js';
import { dayAfter, lastDayOf, shiftOf } from './dates.js';
import { quietFrom } from './repair-bounds.js';
import type { Candidates, Ctx, LapseItem, Pred, Rec, RulePlan } from './types.js';
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
    const m = sinceOfSlot(ctx, s);
    if (m !== null && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < lists.length; k++) {
    const l = lists[k]!;
    if (ctx.listOn[l] !== 1) continue;
    const m = ctx.listSince[l];
    if (m !== null && m !== undefined && (best === null || m > best)) best = m;
  }
  for (let k = 0; k < grades.length; k++) {
    const m = gradeSinceOf(ctx, grades[k]!);
    if (m !== null && (best === null || m > best)) best = m;
  }
  if (off.length === 0 && lapses === null) return best;
  const cleared = clearedSince(ctx, c);
  return cleared !== null && (best === null || cleared > best) ? cleared : best;
}

/**
 * The latest day something that kept the condition from holding stopped: a listing it needs the subject off ended,
 * the last record against one of its `not any …` stopped counting; null for none.
 */
export function clearedSince(ctx: Ctx, c: Candidates): string | null {
  let best: string | null = null;
  const { off, lapses } = c;
  for (let k = 0; k < off.length; k++) {
    const m = listingEnded(ctx, off[k]!);
    if (m !== null && (best === null || m > best)) best = m;
  }
  if (lapses !== null) {
    const items = lapses.items;
    for (let k = 0; k < items.length; k++) {
      const m = lapse(ctx, lapses.skipPending, items[k]!, null) === null ? null : LAPSED_ON;
      if (m !== null && (best === null || m > best)) best = m;
    }
  }
  return best;
}

/** The latest date of a record the aggregate matched; null for none. */
function latestMatched(ctx: Ctx, slot: number): string | null {
  readAgg(ctx, slot);
  return sinceOfSlot(ctx, slot);
}

/** The earliest since among the lists holding the subject; null for none. */
function earliestListing(ctx: Ctx, lists: readonly number[]): string | null {
  let best: string | null = null;
  for (let k = 0; k < lists.length; k++) {
    const l = lists[k]!;
    const m = ctx.listOn[l] === 1 ? ctx.listSince[l] : null;
    if (m !== null && m !== undefined && (best === null || m < best)) best = m;
  }
  return best;
}

/**
 * The day grading `g`'s grade began (SEMANTICS §3 "Since of a grade"): a grade a direct rule or a cap gave holds
 * from the earliest since of the rules of that grade that hold, each from the latest of its candidates (or, for an
 * `or` of `on LIST` alone, the earliest of those listings); a grade from the score, or with no candidate, from
 * `at` (null). Computed once per evaluation, when
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
    const s =
      r.anyOf !== null
        ? earliestListing(ctx, r.anyOf)
        : r.sinceSlot >= 0
          ? latestMatched(ctx, r.sinceSlot)
          : candidateSince(ctx, r.candidates!);
    if (s !== null && (since === null || s < since)) since = s;
  }
  // A grade of an instrument does not begin before the instrument took effect (R67: 平顶山 第8项, 2021-02-03).
  if (since !== null && since < gp.effective) since = gp.effective;
  ctx.gradeSince[g] = since;
  return since;
}

const STOP_DATES: unknown[] = [];

/**
 * Why a `when` instance holds from `since` when no record it matched or list it reads gave that day: a listing it
 * needs the subject off ended then (the list's index), or a record against it stopped counting then (the record).
 * Null when a matched record or a list's since gave it. For the explanation only.
 */
export function sinceCause(
  ctx: Ctx,
  rule: RulePlan,
  since: string,
): { list: number } | { record: Rec } | { started: Rec } | null {
  const { aggs, lists, off, grades } = rule.candidates;
  // A matched record gave the day (the latest, or with `or` / `any` an earlier one: began.ts); one whose condition
  // held only from a later day than its date (a notice that had to run) is named.
  const anyRecord = rule.candidates.began !== null;
  let started: Rec | null = null;
  for (let k = 0; k < aggs.length; k++) {
    const s = aggs[k]!;
    if (!anyRecord && sinceOfSlot(ctx, s) !== since) continue;
    const starts = ctx.plan.slots[s]!.starts;
    const recs = ctx.aggRecs[s]!;
    for (let j = 0; j < ctx.aggRecN[s]!; j++) {
      const r = recs[j]!;
      if (r.date === since) return null;
      if (started === null && starts !== null && startedOnRecord(ctx, starts, r, r.date) === since) started = r;
    }
    if (!anyRecord) return started === null ? null : { started };
  }
  if (started !== null) return { started };
  for (let k = 0; k < lists.length; k++)
    if (ctx.listOn[lists[k]!] === 1 && ctx.listSince[lists[k]!] === since) return null;
  for (let k = 0; k < grades.length; k++) if (gradeSinceOf(ctx, grades[k]!) === since) return null;
  for (let k = 0; k < off.length; k++) if (listingEnded(ctx, off[k]!) === since) return { list: off[k]! };
  const src = rule.candidates.lapses;
  if (src !== null) {
    for (let k = 0; k < src.items.length; k++) {
      const rec = lapse(ctx, src.skipPending, src.items[k]!, since);
      if (rec !== null) return { record: rec };
    }
  }
  return null;
}

let LAPSED_ON = '';

/**
 * The record of `item` that stopped counting last (its day in LAPSED_ON), or with `day` the first that stopped on
 * that day; null for none.
 */
function lapse(ctx: Ctx, skipPending: boolean, item: LapseItem, day: string | null): Rec | null {
  if (item.type < 0) return null;
  const bucket = ctx.buckets[item.type]!;
  const n = ctx.bucketN[item.type]!;
  const within = item.agg.within ?? null;
  const keys = item.keys;
  const where = item.whereSlot < 0 ? null : ctx.plan.slots[item.whereSlot]!.where;
  let last: Rec | null = null;
  for (let r = 0; r < n; r++) {
    const rec = bucket[r]!;
    if (skipPending && rec.objection === 'pending') continue;
    if (where !== null && !onItsDay(ctx, where, rec)) continue;
    STOP_DATES.length = keys.length;
    for (let k = 0; k < keys.length; k++) STOP_DATES[k] = stopDate(item, k, rec);
    const left = within === null ? null : quietFrom(rec.date, within);
    const stopped = lapsedOn(item.through, ctx.at, rec.date, STOP_DATES, left, dayAfter);
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

/** Whether the record counted on its own date: its aggregate's `where` asked as of that day. */
function onItsDay(ctx: Ctx, where: Pred, rec: Rec): boolean {
  const at = ctx.at;
  ctx.at = rec.date;
  try {
    return where(ctx, rec);
  } finally {
    ctx.at = at;
  }
}

/** The date stop k of `item` reads: its field, shifted by its duration when it has one (walk.ts `Stop`). */
function stopDate(item: LapseItem, k: number, rec: Rec): unknown {
  const key = item.keys[k]!;
  const v = (item.builtin & (1 << k)) !== 0 ? (rec as unknown as Record<string, unknown>)[key] : rec.attrs?.[key];
  const shift = item.shifts === null ? null : item.shifts[k]!;
  if (typeof v !== 'string' || shift === null) return v;
  // No calendar note here: whether the record still counts was asked of its `where`, which notes a doubtful day.
  return (item.civil & (1 << k)) !== 0 ? lastDayOf(v, shift, 'civil').date : shiftOf(v, 1, shift);
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
