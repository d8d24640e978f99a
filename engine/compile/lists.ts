// Turns a list plan and the bucketed records into instances and the list's on/since/until/repairFrom (SEMANTICS §2).
import { boundedRepair } from './repair-bounds.js';
import { clearedSince, whenSince } from './since.js';
import { heldSince } from './began.js';
import { unmetOnRepairDay } from './repair-conditions.js';
import type { IrExpr } from '../../dsl/ir.js';
import { distinctSortedIds } from './sort.js';
import type { ListOutcome, Because } from '../contract.js';
import { nthPassingDate } from './aggregates.js';
import { outermost, recordsNeeded } from './walk.js';
import { dayAfter, isDuration, lastDayOf } from './dates.js';
import { addNote } from './notes.js';
import { startedOnRecord } from './starts.js';
import { CalendarCoverageError, untilNotCoveredNote } from '../time/calendar.js';
import { durationFromText } from '../time/duration-text.js';
import type { LastDay } from '../time/index.js';
import { INST_ACTIVE, INST_ACTIVE_REPAIR_VOID, INST_INACTIVE, INST_REPAIRED } from './types.js';
import type { BarAlternative, Ctx, Fn, InstanceState, ListPlan, Mutable, Periods, Rec } from './types.js';

/** The last day of the listing period from `since` (null: no automatic end), its calendar note put in `ctx`. */
function periodEnd(ctx: Ctx, lp: ListPlan, since: string, rec: Rec | null): LastDay | null {
  if (lp.duration === null) return null;
  const d = lp.duration(ctx, rec);
  // An unset duration parameter leaves the listing without an automatic end (the office must fill it).
  if (!isDuration(d)) return null;
  return lastDayOf(since, d, lp.counting);
}

function computePeriods(ctx: Ctx, lp: ListPlan, since: string, rec: Rec | null): Periods {
  const end = periodEnd(ctx, lp, since, rec);
  let repair: string | null = null;
  let repairNote: string | undefined;
  const d = lp.after === null ? null : lp.after(ctx, rec);
  if (isDuration(d)) {
    if (d.amount === 0) {
      // `after 0 days`: no waiting period, so from the listing day itself (not the day after a rest-day shift).
      repair = since;
    } else {
      const last = lastDayOf(since, d, lp.counting);
      repair = dayAfter(last.date);
      repairNote = last.note;
    }
  }
  return { until: end === null ? null : end.date, repair, untilNote: end?.note, repairNote };
}

/** until and repairFrom of an instance; the listing may be held past its end by the record's `extend to` date. */
function periodsOf(ctx: Ctx, lp: ListPlan, since: string, rec: Rec | null): Periods {
  const p = computePeriods(ctx, lp, since, rec);
  if (p.untilNote !== undefined) addNote(ctx, p.untilNote);
  if (p.repairNote !== undefined) addNote(ctx, p.repairNote);
  return p;
}

/**
 * The end an instance's own record gives (`until FIELD, DATE … when C`): the latest of the fields set and the dates
 * computed, else the list's term.
 */
function recordEnd(ctx: Ctx, lp: ListPlan, until: string | null, rec: Rec): string | null {
  if (lp.endsWhen !== null && !lp.endsWhen(ctx, rec)) return until;
  const ends = lp.endsAt;
  let end: string | null = null;
  for (let k = 0; k < ends.length; k++) {
    const v = endOf(ctx, lp, ends[k]!, rec);
    if (typeof v === 'string' && (end === null || v > end)) end = v;
  }
  return end ?? until;
}

/** One `until` item; a computed date in a year the holiday calendar lacks gives no end, with a note saying so. */
function endOf(ctx: Ctx, lp: ListPlan, read: Fn, rec: Rec): unknown {
  try {
    return read(ctx, rec);
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    addNote(ctx, untilNotCoveredNote(lp.title ?? lp.name, error.year));
    return null;
  }
}

function extendedUntil(ctx: Ctx, lp: ListPlan, until: string | null, rec: Rec, since: string): string | null {
  const ext = lp.extendTo;
  if (until === null || ext.length === 0) return until;
  let end = until;
  for (let k = 0; k < ext.length; k++) {
    const e = ext[k]!;
    let v = e.read(ctx, rec);
    if (e.termTypes !== null && e.termTypes.has(rec.type)) {
      // A duration field is a term of its own (a court's stated 纳入期限), counted from the instance's since.
      const term = durationFromText(v);
      if (term === null) continue;
      const last = lastDayOf(since, term, lp.counting);
      if (last.note !== undefined) addNote(ctx, last.note);
      v = last.date;
    }
    if (typeof v === 'string' && v > end) end = v;
  }
  return end;
}

/** Where instanceRepair leaves the first day a recorded repair ends the instance: '' any day, null never. */
let repairGate: string | null = '';

/**
 * The instance's repairFrom (null without early removal, with its period an unset parameter, or barred), and in
 * `repairGate` the first day a recorded repair ends it (SEMANTICS §2): any day where no period is set; from its
 * repairFrom on; where barred, only a repair recorded before the bar held, from the unbarred repairFrom on.
 */
function instanceRepair(ctx: Ctx, lp: ListPlan, rec: Rec, periodRepair: string | null): string | null {
  repairGate = '';
  if (periodRepair === null) return null;
  const bounds = lp.repairBounds;
  const from = bounds.length === 0 ? periodRepair : boundedRepair(periodRepair, bounds, ctx, rec);
  const on = rec.repairedOn;
  const recorded = on !== null && on !== undefined && on <= ctx.at;
  if (lp.earlyBar !== null && lp.earlyBar(ctx, rec)) {
    repairGate = recorded && !barHeldOn(ctx, lp, rec, on) && metOnRepairDay(ctx, lp, rec, on) ? from : null;
    return null;
  }
  repairGate = recorded && on >= from && !metOnRepairDay(ctx, lp, rec, on) ? null : from;
  return from;
}

/** The first condition of early removal a repair recorded on `day` had not met then (SEMANTICS §2), or null. */
export function repairUnmet(ctx: Ctx, lp: ListPlan, rec: Rec, day: string): IrExpr | null {
  return unmetOnRepairDay(ctx, lp.repairConditions, rec, day, lp.suspend);
}

function metOnRepairDay(ctx: Ctx, lp: ListPlan, rec: Rec, day: string): boolean {
  return lp.repairConditions.length === 0 || repairUnmet(ctx, lp, rec, day) === null;
}

/** Active, ended by a recorded repair the list allows (`repairGate`), or active with a repair that ends nothing. */
function instanceState(since: string, until: string | null, at: string, rec: Rec): InstanceState {
  const state = since <= at && (until === null || at <= until) ? INST_ACTIVE : INST_INACTIVE;
  const on = rec.repairedOn;
  if (on === null || on === undefined || on > at) return state;
  if (repairGate !== null && on >= repairGate) return INST_REPAIRED;
  return state === INST_ACTIVE ? INST_ACTIVE_REPAIR_VOID : state;
}

/**
 * Whether the bar, holding now, already held on `day` (a recorded repair): an alternative that holds on the
 * record's own fields (or `unless true`) held from the start; one that holds by records, once the records each of
 * its aggregates needs were there (walk.ts `recordsNeeded`: the earliest for `any`, the N-th for `count >= N`). Only a repair recorded while the bar held is void (令44 第十六条, 令54 第二十二条 are conditions
 * of granting it; nothing revives a listing a lawful early removal ended).
 */
function barHeldOn(ctx: Ctx, lp: ListPlan, rec: Rec, day: string): boolean {
  const alternatives = (lp.barAlternatives ??= barAlternatives(ctx, lp));
  for (let k = 0; k < alternatives.length; k++) {
    const alt = alternatives[k]!;
    if (alt.test(ctx, rec) !== true) continue;
    let from = '';
    for (let j = 0; j < alt.aggs.length; j++) {
      const a = alt.aggs[j]!;
      const d = nthPassingDate(ctx, a.slot, rec, a.need);
      if (d > from) from = d;
    }
    if (from <= day) return true;
  }
  return false;
}

/**
 * The bar's alternatives, compiled when a list's bar is first asked about a recorded repair (a list without one, or an
 * evaluator never asked, keeps none): each with the slots of its outermost aggregates and how many records each needs.
 */
function barAlternatives(ctx: Ctx, lp: ListPlan): readonly BarAlternative[] {
  const bar = lp.ir.earlyRemoval!.unless!;
  const plan = ctx.plan;
  return (bar.op === 'or' ? bar.args : [bar]).map((alt) => ({
    test: plan.fnOf(alt, lp.suspend),
    aggs: outermost(alt).aggs.map((a) => ({ slot: plan.slotOf(a, lp.suspend), need: recordsNeeded(alt, a) })),
  }));
}

/** The discriminating attribute of every counting record of its type, read once per evaluation. */
function discValues(ctx: Ctx, slot: number): unknown[] {
  const vals = ctx.discVals[slot]!;
  if (ctx.discDone[slot] === ctx.gen) return vals;
  const t = ctx.discType[slot]!;
  const key = ctx.discKeys[slot]!;
  const bucket = ctx.buckets[t]!;
  const n = ctx.bucketN[t]!;
  for (let r = 0; r < n; r++) {
    const attrs = bucket[r]!.attrs;
    vals[r] = attrs === undefined ? undefined : attrs[key];
  }
  ctx.discDone[slot] = ctx.gen;
  return vals;
}

export function onAnyBlack(ctx: Ctx): boolean {
  const bl = ctx.plan.blackLists;
  for (let k = 0; k < bl.length; k++) if (ctx.listOn[bl[k]!] === 1) return true;
  return false;
}

export function runList(ctx: Ctx, lp: ListPlan): void {
  const inst = ctx.inst[lp.index]!;
  inst.n = 0;
  const at = ctx.at;
  const rules = lp.rules;
  const ruleTypes = ctx.plan.ruleTypes;
  const from = lp.rulesFrom;
  const counts = ctx.bucketN;
  for (let ri = 0; ri < rules.length; ri++) {
    const type = ruleTypes[from + ri]!;
    if (type >= 0) {
      const n = counts[type]!;
      if (n === 0) continue;
      const rule = rules[ri]!;
      const bucket = ctx.buckets[type]!;
      const where = rule.where;
      const unless = rule.unless;
      const disc = rule.discSlot >= 0 ? discValues(ctx, rule.discSlot) : null;
      const want = rule.discValue;
      for (let r = 0; r < n; r++) {
        const rec = bucket[r]!;
        if (lp.suspend && rec.objection === 'pending') continue;
        if (disc !== null && disc[r] !== want) continue;
        if (where !== null && !where(ctx, rec)) continue;
        if (unless !== null && unless(ctx, rec)) continue;
        const from = rule.from === null ? rec.date : rule.from(ctx, rec);
        if (typeof from !== 'string') continue;
        // A record that meets the rule only from a later day (a notice that must have run) is listed from then.
        const started = rule.starts === null ? from : startedOnRecord(ctx, rule.starts, rec, from);
        // Reported from the later day what kept it off cleared (a listing it needs the subject off ended, a record
        // against it stopped counting); its periods still count from the record (SEMANTICS §2).
        // Most rules read nothing that clears: skipping the call is measurable here (`bench:ab` 0.989 without it).
        const cleared =
          rule.candidates.lapses === null && rule.candidates.off.length === 0
            ? null
            : clearedSince(ctx, rule.candidates);
        const since = cleared !== null && cleared > started ? cleared : started;
        const periods = periodsOf(ctx, lp, started, rec);
        const own = lp.endsAt.length === 0 ? periods.until : recordEnd(ctx, lp, periods.until, rec);
        const until = extendedUntil(ctx, lp, own, rec, started);
        const repair = instanceRepair(ctx, lp, rec, periods.repair);
        const state = instanceState(since, until, at, rec);
        inst.push(ri, rec, since, until, repair, state);
      }
    } else if (type === -2) {
      const rule = rules[ri]!;
      if (rule.when === null || !rule.when(ctx, null)) continue;
      if (rule.unless !== null && rule.unless(ctx, null)) continue;
      // A listing on the subject's state is not reported as begun before the instrument that creates the list
      // took effect (SEMANTICS §2 "`when` rule"; review R64: the 陕西条例 red list is empty the day before
      // 2022-03-01); its periods still count from the facts, so no term runs longer for a late instrument.
      const found = whenSince(ctx, rule);
      // Reported from the day the condition began to hold (an `or`, an `any`: its earliest ground); its periods
      // count from the latest candidate, so a later ground renews the term (SEMANTICS §2).
      const held = heldSince(ctx, rule, found);
      const since = held < lp.effective ? lp.effective : held;
      const periods = periodsOf(ctx, lp, found, null);
      const until = periods.until;
      const repair = periods.repair !== null && periods.repair < since ? since : periods.repair;
      const barred = repair !== null && lp.earlyBar !== null && lp.earlyBar(ctx, null);
      const state = since <= at && (until === null || at <= until) ? INST_ACTIVE : INST_INACTIVE;
      inst.push(ri, null, since, until, barred ? null : repair, state);
    }
  }

  let on = false;
  let since: string | null = null;
  let until: string | null = null;
  let indefinite = false;
  let repair: string | null = null;
  let barred = false;
  for (let k = 0; k < inst.n; k++) {
    if (!inst.active(k)) continue;
    on = true;
    const s = inst.since(k);
    if (since === null || s < since) since = s;
    const u = inst.until(k);
    if (u === null) indefinite = true;
    else if (until === null || u > until) until = u;
    const p = inst.repair(k);
    if (p !== null && (repair === null || p > repair)) repair = p;
    // With a bar, one barred active instance keeps the whole listing from early removal.
    else if (p === null && lp.earlyBar !== null) barred = true;
  }
  if (barred) repair = null;
  const i = lp.index;
  ctx.listVoid[i] = 0;
  if (on && lp.voidable && onAnyBlack(ctx)) {
    on = false;
    ctx.listVoid[i] = 1;
  }
  ctx.listOn[i] = on ? 1 : 0;
  ctx.listSince[i] = on ? since : null;
  ctx.listUntil[i] = on && !indefinite ? until : null;
  // Early removal after the listing has ended by itself is none (SEMANTICS §2).
  ctx.listRepair[i] = on && !(repair !== null && !indefinite && until !== null && repair > until) ? repair : null;
}

/** Red lists that came before a black list in dependency order are voided once every list is known. */
export function voidRedLists(ctx: Ctx): void {
  if (!onAnyBlack(ctx)) return;
  for (const lp of ctx.plan.lists) {
    if (lp.voidable && ctx.listOn[lp.index] === 1) {
      ctx.listOn[lp.index] = 0;
      ctx.listVoid[lp.index] = 1;
    }
  }
}

/**
 * The records behind an instance, written from `into[n]` on: its record, or for a `when` instance the records its
 * aggregates matched. Returns the new count.
 */
function instanceRecords(ctx: Ctx, lp: ListPlan, k: number, into: Rec[], n: number): number {
  const inst = ctx.inst[lp.index]!;
  const rec = inst.rec(k);
  if (rec !== null && rec !== undefined) {
    into[n] = rec;
    return n + 1;
  }
  const rule = lp.rules[inst.rule(k)]!;
  const aggs = rule.candidates.aggs;
  for (let a = 0; a < aggs.length; a++) {
    const s = aggs[a]!;
    const recs = ctx.aggRecs[s]!;
    for (let j = 0; j < ctx.aggRecN[s]!; j++) into[n++] = recs[j]!;
  }
  return n;
}

// Scratch for building a list's outcome: pushed-into arrays would keep room for 17 entries in every decision;
// the outcome takes exact copies. (They hold the last outcome's records until the next one overwrites them.)
const RECS: Rec[] = [];
const BECAUSE: Because[] = [];

export function listOutcome(ctx: Ctx, lp: ListPlan): ListOutcome {
  const inst = ctx.inst[lp.index]!;
  let nBecause = 0;
  let marked: Rec[] | null = null;
  for (const rule of lp.rules) {
    let held = false;
    let n = 0;
    for (let k = 0; k < inst.n; k++) {
      if (!inst.active(k) || inst.rule(k) !== rule.index) continue;
      held = true;
      n = instanceRecords(ctx, lp, k, RECS, n);
    }
    if (!held) continue;
    if (!lp.suspend) {
      for (let i = 0; i < n; i++) if (RECS[i]!.objection === 'pending') (marked ??= []).push(RECS[i]!);
    }
    const b: Mutable<Because> = { rule: rule.ir.name, records: distinctSortedIds(RECS, n), basis: rule.basis };
    if (rule.ir.label !== undefined) b.label = rule.ir.label;
    BECAUSE[nBecause++] = b;
  }
  const because = BECAUSE.slice(0, nBecause);
  const out: Mutable<ListOutcome> = {
    list: lp.name,
    kind: lp.kind,
    since: ctx.listSince[lp.index]!,
    until: ctx.listUntil[lp.index] ?? null,
    repairFrom: ctx.listRepair[lp.index] ?? null,
    because,
  };
  if (lp.title !== undefined) out.title = lp.title;
  if (marked !== null) out.marked = distinctSortedIds(marked);
  return out;
}
