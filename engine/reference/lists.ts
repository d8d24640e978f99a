// Turns one list's rules and the subject's records into listing instances and the list outcome (SEMANTICS §2).
import type { IrExpr, IrList, IrRule } from '../../dsl/ir.js';
import type { Because, ListOutcome, SubjectRecord } from '../contract.js';
import { addDays } from '../time/dates.js';
import { CalendarCoverageError, untilNotCoveredNote } from '../time/calendar.js';
import { durationFromText } from '../time/duration-text.js';
import { lastDay, shiftDate } from '../time/period.js';
import { quietFrom } from '../compile/repair-bounds.js';
import {
  childrenOf,
  collect,
  lapsedOn,
  lapses,
  listsOff,
  recordsNeeded,
  startsOfCondition,
  sufficientDate,
  throughMask,
} from '../compile/walk.js';
import type { Lapse } from '../compile/walk.js';
import { timeless } from '../compile/repair-conditions.js';
import {
  aggregateRecords,
  beganOn,
  collectCandidates,
  evalDateQuietly,
  evalExpr,
  startedOnDay,
  type Ctx,
  type Env,
} from './expr.js';
import { byString, isDuration, isTrue, readField, recordCounts, renderCitations, sortedUnique } from './values.js';

export interface Instance {
  readonly rule: IrRule;
  /** the triggering record of a `for` instance; null for a `when` instance */
  readonly record: SubjectRecord | null;
  /** the records behind the instance: the triggering one, or the `when` candidates */
  readonly records: readonly SubjectRecord[];
  readonly since: string;
  readonly until: string | null;
  readonly repairFrom: string | null;
  /** the calendar-coverage notes of `until` / of the last day behind `repairFrom` */
  readonly untilNote: string | null;
  readonly repairNote: string | null;
  readonly active: boolean;
  /** ran out by its duration (not by repair) before `at` */
  readonly expired: boolean;
  /** ended by a recorded repair the list allows (on the record's `repairedOn`) */
  readonly repaired: boolean;
}

export interface ListState {
  readonly list: IrList;
  readonly instances: readonly Instance[];
  /** the outcome before red-list voiding; null when no instance is active */
  readonly raw: ListOutcome | null;
  /** calendar-coverage notes on the dates the outcome reports (SEMANTICS §7 "Notes") */
  readonly untilNote: string | null;
  readonly repairNote: string | null;
}

export interface ListCtx extends Ctx {
  /** whether the subject is on any black list (black lists never depend on red ones) */
  anyBlackOn(): boolean;
}

/** until / repairFrom of an instance from its since, and when a recorded repair ends it (SEMANTICS §2). */
export function periods(
  ctx: Ctx,
  env: Env,
  list: IrList,
  since: string,
  record: SubjectRecord | null,
): {
  until: string | null;
  repairFrom: string | null;
  /** the earliest day a recorded repair ends the instance: '' any day, null never (SEMANTICS §2) */
  repairGate: string | null;
  untilNote: string | null;
  repairNote: string | null;
} {
  let until: string | null = null;
  let untilNote: string | null = null;
  if (list.duration !== undefined) {
    const period = evalExpr(ctx, env, list.duration.period);
    if (isDuration(period)) {
      const end = lastDay(since, period, list.duration.counting);
      until = end.date;
      untilNote = end.note ?? null;
    }
  }
  if (record !== null) until = recordEnd(ctx, env, list, record) ?? until;
  if (record !== null && until !== null) until = extendedUntil(ctx, list, since, record, until);
  let repairFrom: string | null = null;
  let repairNote: string | null = null;
  if (list.earlyRemoval !== undefined) {
    const after = evalExpr(ctx, env, list.earlyRemoval.after);
    if (isDuration(after) && after.amount === 0) repairFrom = since;
    else if (isDuration(after)) {
      const end = lastDay(since, after, list.duration?.counting ?? 'civil');
      repairFrom = addDays(end.date, 1);
      repairNote = end.note ?? null;
    }
    if (repairFrom !== null && record !== null)
      repairFrom = quietPeriods(
        ctx,
        env,
        list.earlyRemoval.when,
        datedConditions(list.earlyRemoval.when, record, repairFrom),
      );
  }
  // A bar (`unless`) that holds: no early removal at all, so no date to wait for either (the period's calendar
  // note stays: the period was counted).
  const bar = list.earlyRemoval?.unless;
  // No early removal, or its period an unset parameter: a recorded repair ends the instance whenever it came.
  let repairGate: string | null = repairFrom ?? '';
  const on = record?.repairedOn;
  const recorded = on !== null && on !== undefined && on <= ctx.at;
  const when = list.earlyRemoval?.when;
  if (repairFrom !== null && bar !== undefined && isTrue(evalExpr(ctx, env, bar))) {
    // A repair recorded before the bar held (its grounds arose later) stands.
    repairGate =
      recorded && !barHeldOn(ctx, env, bar, on) && !unmetOnRepairDay(ctx, env, when, record!, on) ? repairFrom : null;
    repairFrom = null;
  } else if (repairFrom !== null && recorded && on >= repairFrom && unmetOnRepairDay(ctx, env, when, record!, on)) {
    repairGate = null;
  }
  return { until, repairFrom, repairGate, untilNote, repairNote };
}

/**
 * Whether a bar that holds now already held on `day`: some alternative of its top-level `or` holds and the records
 * each of its outermost aggregates needs (the earliest for `any`, the N-th for `count >= N`, else all) are dated on
 * or before `day` (none: it reads the record alone).
 */
function barHeldOn(ctx: Ctx, env: Env, bar: IrExpr, day: string): boolean {
  for (const alt of bar.op === 'or' ? bar.args : [bar]) {
    if (!isTrue(evalExpr(ctx, env, alt))) continue;
    let from = '';
    const walk = (e: IrExpr): void => {
      if (e.op !== 'agg') {
        for (const c of childrenOf(e)) walk(c);
        return;
      }
      const d = sufficientDate(
        aggregateRecords(ctx, env, e).passed.map((r) => r.date),
        recordsNeeded(alt, e),
      );
      if (d > from) from = d;
    };
    walk(alt);
    if (from <= day) return true;
  }
  return false;
}

/**
 * Whether a conjunct of `early removal when` is known not to have held on `day`, a recorded repair's day: `not on
 * LIST` with LIST holding the subject that day, or a conjunct on the record's own fields alone, all of them set,
 * that is false (SEMANTICS §2).
 */
function unmetOnRepairDay(ctx: Ctx, env: Env, when: IrExpr | undefined, record: SubjectRecord, day: string): boolean {
  if (when === undefined) return false;
  return (when.op === 'and' ? when.args : [when]).some((c) => {
    if (c.op === 'not' && c.arg.op === 'onList') return ctx.wasOn(c.arg.list, day);
    if (!timeless(c)) return false;
    const fields = collect(c, (x): x is Extract<IrExpr, { op: 'field' }> => x.op === 'field');
    const set = fields.every((f) => {
      const v = readField(record, f.key, f.builtin);
      return v !== undefined && v !== null;
    });
    return set && !isTrue(evalExpr(ctx, env, c));
  });
}

/**
 * `until FIELD, DATE, … when C`: while C holds (or with no C), the latest of the record's dates that are set and
 * the dates computed in its scope, which ends the instance instead of `duration`. A computed date in a year the
 * holiday calendar lacks gives no end and a note.
 */
function recordEnd(ctx: Ctx, env: Env, list: IrList, record: SubjectRecord): string | null {
  const ends = list.endsAt;
  if (ends === undefined) return null;
  if (ends.when !== undefined && !isTrue(evalExpr(ctx, env, ends.when))) return null;
  const values: unknown[] = ends.fields.map(({ key, builtin }) => readField(record, key, builtin));
  for (const date of ends.dates ?? []) {
    try {
      values.push(evalExpr(ctx, env, date));
    } catch (error) {
      if (!(error instanceof CalendarCoverageError)) throw error;
      ctx.notes.add(untilNotCoveredNote(list.title ?? list.name, error.year));
    }
  }
  const dates = values.filter((v): v is string => typeof v === 'string');
  return dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a));
}

/**
 * `until` held to the latest end the `extend to` fields give: a date field its date, a duration field (a term of
 * its own) the last day of that term from the same since as the list's duration. Its calendar notes go to ctx.
 */
function extendedUntil(ctx: Ctx, list: IrList, since: string, record: SubjectRecord, until: string): string {
  let end = until;
  for (const { key, builtin } of list.extendTo?.fields ?? []) {
    const v = readField(record, key, builtin);
    const isTerm = !builtin && ctx.ir.records[record.type]?.fields[key]?.type.t === 'duration';
    const term = isTerm ? durationFromText(v) : null;
    const last = term === null ? null : lastDay(since, term, list.duration?.counting ?? 'civil');
    if (last?.note !== undefined) ctx.notes.add(last.note);
    const extended = isTerm ? (last?.date ?? null) : v;
    if (typeof extended === 'string' && extended > end) end = extended;
  }
  return end;
}

/**
 * `not any T … within P` conjuncts: repair waits until the latest matching record has left the window, found
 * by walking forward one day at a time from it (slow and plainly right).
 */
function quietPeriods(ctx: Ctx, env: Env, when: IrExpr | undefined, from: string): string {
  let earliest = from;
  for (const c of when === undefined ? [] : when.op === 'and' ? when.args : [when]) {
    if (c.op !== 'not' || c.arg.op !== 'agg' || c.arg.agg !== 'any') continue;
    const within = c.arg.within;
    if (within === undefined || within.unit === 'workday') continue;
    const { passed } = aggregateRecords(ctx, env, c.arg);
    if (passed.length === 0) continue;
    const latest = passed.map((r) => r.date).reduce((a, b) => (b > a ? b : a));
    let day = latest;
    while (shiftDate(day, -1, within) <= latest) day = addDays(day, 1);
    if (day > earliest) earliest = day;
  }
  return earliest;
}

/**
 * SEMANTICS §2: a top-level conjunct `F < at` / `F <= at` / `at > F` / `at >= F` (optionally `F is not set or …`)
 * on a date field of the triggering record holds from F + 1 / F on, so repair cannot be asked earlier.
 */
function datedConditions(when: IrExpr | undefined, record: SubjectRecord, from: string): string {
  let earliest = from;
  const conjuncts = when === undefined ? [] : when.op === 'and' ? when.args : [when];
  for (const c of conjuncts) {
    let cmp = c;
    if (c.op === 'or' && c.args.length === 2) {
      const unsetFirst = c.args[0]!.op === 'isSet' && c.args[0]!.negated;
      const other = unsetFirst ? c.args[1]! : c.args[0]!;
      const unset = unsetFirst ? c.args[0]! : c.args[1]!;
      if (unset.op !== 'isSet' || !unset.negated || unset.arg.op !== 'field' || other.op !== 'cmp') continue;
      const f = other.left.op === 'field' ? other.left : other.right;
      if (f.op !== 'field' || f.key !== unset.arg.key) continue;
      cmp = other;
    }
    if (cmp.op !== 'cmp' || cmp.type !== 'date') continue;
    let field: IrExpr;
    let strict: boolean;
    if (cmp.right.op === 'at' && (cmp.cmp === '<' || cmp.cmp === '<=')) [field, strict] = [cmp.left, cmp.cmp === '<'];
    else if (cmp.left.op === 'at' && (cmp.cmp === '>' || cmp.cmp === '>='))
      [field, strict] = [cmp.right, cmp.cmp === '>'];
    else continue;
    if (field.op !== 'field') continue;
    const v = readField(record, field.key, field.builtin);
    if (typeof v !== 'string') continue;
    const day = strict ? addDays(v, 1) : v;
    if (day > earliest) earliest = day;
  }
  return earliest;
}

function forInstances(ctx: Ctx, list: IrList, rule: IrRule, suspendPending: boolean): Instance[] {
  const spec = rule.for;
  if (spec === undefined) return [];
  const out: Instance[] = [];
  for (const r of ctx.subject.records) {
    if (r.type !== spec.recordType || !recordCounts(r, ctx.at, suspendPending)) continue;
    const env: Env = { record: r, suspendPending };
    if (rule.where !== undefined && !isTrue(evalExpr(ctx, env, rule.where))) continue;
    if (rule.unless !== undefined && isTrue(evalExpr(ctx, env, rule.unless))) continue;
    const from =
      spec.from !== undefined
        ? readField(r, spec.from.key, spec.from.builtin)
        : spec.fromExpr !== undefined
          ? evalExpr(ctx, env, spec.fromExpr)
          : r.date;
    if (typeof from !== 'string') continue;
    // A record that meets the rule only from a later day (its `where` holds from a date on) is listed from then.
    const starts = startsOfCondition(rule.where);
    const started0 = starts.length === 0 ? from : startedOnDay(ctx, env, starts, r, from);
    const cleared = candidateSince(ctx, rule.where, rule.unless, [], suspendPending);
    const since = cleared !== null && cleared > started0 ? cleared : started0;
    const { until, repairFrom, repairGate, untilNote, repairNote } = periods(ctx, env, list, started0, r);
    // A repair the list does not allow (barred, or dated before repairFrom) ends nothing.
    const repaired =
      r.repairedOn !== undefined &&
      r.repairedOn !== null &&
      r.repairedOn <= ctx.at &&
      repairGate !== null &&
      r.repairedOn >= repairGate;
    const started = since <= ctx.at;
    out.push({
      rule,
      record: r,
      records: [r],
      since,
      until,
      repairFrom,
      untilNote,
      repairNote,
      active: started && (until === null || ctx.at <= until) && !repaired,
      expired: started && until !== null && until < ctx.at && !repaired,
      repaired,
    });
  }
  return out;
}

/**
 * The since of a `when` instance: the latest of its candidate dates and of the days the listings it needs the
 * subject off ended (SEMANTICS §2 "`when` rule"); `at` when there is none.
 */
export function whenSince(ctx: Ctx, rule: IrRule, dates: readonly string[], suspendPending: boolean): string {
  return candidateSince(ctx, rule.when, rule.unless, dates, suspendPending) ?? ctx.at;
}

/**
 * The latest of a condition's candidate `dates` (collectCandidates), the days the listings it needs the subject
 * off ended and the days the last records against its `not any …` stopped counting; null for none.
 */
export function candidateSince(
  ctx: Ctx,
  when: IrExpr | undefined,
  unless: IrExpr | undefined,
  dates: readonly string[],
  suspendPending: boolean,
): string | null {
  let since: string | null = null;
  for (const d of dates) if (since === null || d > since) since = d;
  for (const l of listsOff(when, unless)) {
    const end = ctx.listingEnded(l);
    if (end !== null && (since === null || end > since)) since = end;
  }
  for (const lapse of lapses(when, unless)) {
    const end = lapseDay(ctx, lapse, suspendPending);
    if (end !== null && (since === null || end > since)) since = end;
  }
  return since;
}

/** The day the last record that counted against a `not any …` of the rule stopped counting (walk.ts `Lapse`). */
function lapseDay(ctx: Ctx, lapse: Lapse, suspendPending: boolean): string | null {
  let last: string | null = null;
  for (const r of ctx.subject.records) {
    if (r.type !== lapse.agg.recordType || !recordCounts(r, ctx.at, suspendPending)) continue;
    const env: Env = { record: r, outer: null, suspendPending };
    // It counted if its `where` held on its own date (the evaluation asked as of that day).
    const where = lapse.agg.where;
    if (where !== undefined && !isTrue(evalExpr({ ...ctx, at: r.date }, env, where))) continue;
    const dates = lapse.stops.map((stop) => evalDateQuietly(ctx, env, stop.date));
    const left = lapse.agg.within === undefined ? null : quietFrom(r.date, lapse.agg.within);
    const day = lapsedOn(throughMask(lapse), ctx.at, r.date, dates, left, (d) => addDays(d, 1));
    if (day !== null && (last === null || day > last)) last = day;
  }
  return last;
}

/**
 * The later of the days a declaration's layer and the policy took effect: a `when` listing (on the subject's state)
 * or a grade does not begin before the instrument that creates it (SEMANTICS §2 "`when` rule", §3). An id the IR
 * does not list counts as the policy's own layer, as in the compiled plan.
 */
export function declaredEffective(ctx: Ctx, layerId: string): string {
  const layer = ctx.ir.layers.find((l) => l.id === layerId) ?? ctx.ir.layers[ctx.ir.layers.length - 1];
  return notBefore(layer?.effective ?? '', ctx.ir.effective);
}

export function listEffective(ctx: Ctx, list: IrList): string {
  return declaredEffective(ctx, list.layer);
}

/** The later of two dates. */
export function notBefore(day: string, floor: string): string {
  return day < floor ? floor : day;
}

function whenInstance(ctx: Ctx, list: IrList, rule: IrRule, suspendPending: boolean): Instance | null {
  if (rule.when === undefined) return null;
  const env: Env = { record: null, suspendPending };
  if (!isTrue(evalExpr(ctx, env, rule.when))) return null;
  if (rule.unless !== undefined && isTrue(evalExpr(ctx, env, rule.unless))) return null;
  const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
  collectCandidates(ctx, env, rule.when, found);
  const facts = whenSince(ctx, rule, found.dates, suspendPending);
  const began = beganOn(ctx, env, rule.when);
  const held = whenSince(ctx, rule, began === null ? [] : [began], suspendPending);
  const since = notBefore(held, listEffective(ctx, list));
  const counted = periods(ctx, env, list, facts, null);
  const { until, untilNote, repairNote } = counted;
  const repairFrom = counted.repairFrom === null ? null : notBefore(counted.repairFrom, since);
  const started = since <= ctx.at;
  return {
    rule,
    record: null,
    records: found.records,
    since,
    until,
    repairFrom,
    untilNote,
    repairNote,
    active: started && (until === null || ctx.at <= until),
    expired: started && until !== null && until < ctx.at,
    repaired: false,
  };
}

/** The notes of the instances whose dates the outcome reports. */
function outcomeNotes(
  active: readonly Instance[],
  outcome: ListOutcome | null,
): { untilNote: string | null; repairNote: string | null } {
  if (outcome === null) return { untilNote: null, repairNote: null };
  const u = active.find((i) => outcome.until !== null && i.until === outcome.until && i.untilNote !== null);
  const r = active.find(
    (i) => outcome.repairFrom !== null && i.repairFrom === outcome.repairFrom && i.repairNote !== null,
  );
  return { untilNote: u?.untilNote ?? null, repairNote: r?.repairNote ?? null };
}

function outcomeOf(ctx: Ctx, list: IrList, instances: readonly Instance[]): ListOutcome | null {
  const active = instances.filter((i) => i.active);
  if (active.length === 0) return null;
  const since = active.map((i) => i.since).reduce((a, b) => (b < a ? b : a));
  const until = active.some((i) => i.until === null)
    ? null
    : active.map((i) => i.until ?? '').reduce((a, b) => (b > a ? b : a));
  const repairs = active.map((i) => i.repairFrom).filter((d): d is string => d !== null);
  // With a bar, one barred active instance keeps the whole listing from early removal.
  const barred = list.earlyRemoval?.unless !== undefined && repairs.length < active.length;
  const latestRepair = repairs.length === 0 || barred ? null : repairs.reduce((a, b) => (b > a ? b : a));
  // Early removal after the listing has ended by itself is none (SEMANTICS §2).
  const repairFrom = latestRepair !== null && until !== null && latestRepair > until ? null : latestRepair;
  const ruleNames = sortedUnique(active.map((i) => i.rule.name));
  const marked = new Set<string>();
  const because: Because[] = ruleNames.map((name) => {
    const mine = active.filter((i) => i.rule.name === name);
    const rule = mine[0]?.rule;
    const records = mine.flatMap((i) => i.records);
    for (const r of records) if (r.objection === 'pending') marked.add(r.id);
    const entry: Because = {
      rule: name,
      records: sortedUnique(records.map((r) => r.id)),
      basis: rule === undefined ? [] : renderCitations(ctx.ir, rule.basis),
    };
    return rule?.label === undefined ? entry : { ...entry, label: rule.label };
  });
  because.sort((a, b) => byString(a.rule, b.rule));
  const outcome: ListOutcome = { list: list.name, kind: list.kind, since, until, repairFrom, because };
  const withTitle = list.title === undefined ? outcome : { ...outcome, title: list.title };
  return marked.size === 0 ? withTitle : { ...withTitle, marked: sortedUnique(marked) };
}

export function evaluateList(ctx: Ctx, list: IrList): ListState {
  const suspendPending = list.objectionPending === 'suspend';
  const instances: Instance[] = [];
  for (const rule of list.rules) {
    if (rule.for !== undefined) instances.push(...forInstances(ctx, list, rule, suspendPending));
    else {
      const one = whenInstance(ctx, list, rule, suspendPending);
      if (one !== null) instances.push(one);
    }
  }
  const raw = outcomeOf(ctx, list, instances);
  return {
    list,
    instances,
    raw,
    ...outcomeNotes(
      instances.filter((i) => i.active),
      raw,
    ),
  };
}

/** A red list without `allow black` is void while the subject is on a black list. */
export function isVoided(ctx: ListCtx, list: IrList): boolean {
  return list.kind === 'red' && !list.allowBlack && ctx.anyBlackOn();
}
