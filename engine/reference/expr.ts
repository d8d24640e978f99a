// Evaluates one IR expression by walking the tree, rescanning the subject's records at every aggregate.
import { subjectField } from '../subject/derived.js';
import type { IrExpr, PolicyIr } from '../../dsl/ir.js';
import type { Subject, SubjectRecord } from '../contract.js';
import { comparedLastDayNote, lastDay, shiftDate } from '../time/period.js';
import type { LastDay } from '../time/period.js';
import { addDays } from '../time/dates.js';
import { CalendarCoverageError } from '../time/calendar.js';
import { startedOn, startsOf } from '../compile/walk.js';
import type { Start } from '../compile/walk.js';
import { compareValues, isDuration, isTrue, readField, recordCounts, type Val } from './values.js';

/** What expressions need from the rest of the evaluation: list membership and grades, computed on demand. */
export interface Ctx {
  readonly ir: PolicyIr;
  readonly subject: Subject;
  readonly at: string;
  readonly notes: Set<string>;
  isOn(list: string): boolean;
  listSince(list: string): string | null;
  /**
   * Whether an instance of the list held the subject on `day` (≤ at): begun by then, not run out, not ended by a
   * repair on or before it (SEMANTICS §2: the conditions of a recorded repair, on its day).
   */
  wasOn(list: string, day: string): boolean;
  /** The day the last listing of the list that has ended by `at` stopped holding the subject, or null. */
  listingEnded(list: string): string | null;
  gradeOf(grading: string): string | null;
  /** The day the grading's grade began (SEMANTICS §3 "Since of a grade"); null: from `at`. */
  gradeSince(grading: string): string | null;
}

export interface Env {
  /** the innermost record in scope */
  readonly record: SubjectRecord | null;
  /** inside an aggregate's `where`: the record the aggregate was reached from (what `outer F` reads) */
  readonly outer?: SubjectRecord | null;
  /** evaluating the rules of a list with `objection pending suspend` */
  readonly suspendPending: boolean;
}

type AggExpr = Extract<IrExpr, { op: 'agg' }>;

/** SEMANTICS §8 "Parameter transitions": the law left the transition open, so the decision says which version it used. */
function transitionNote(label: string, from: string | null, transition: string): string {
  if (from === null) return `参数「${label}」适用版本：${transition}`;
  const [y, m, d] = from.split('-').map(Number);
  return `参数「${label}」适用${y}年${m}月${d}日起施行的版本：${transition}`;
}

/** The records an aggregate ranges over (type, §1, `within`) and those of them whose `where` holds. */
export function aggregateRecords(ctx: Ctx, env: Env, e: AggExpr): { ranged: SubjectRecord[]; passed: SubjectRecord[] } {
  const lower = e.within === undefined ? null : shiftDate(ctx.at, -1, e.within);
  const ranged = ctx.subject.records.filter(
    (r) =>
      r.type === e.recordType && recordCounts(r, ctx.at, env.suspendPending) && (lower === null || lower <= r.date),
  );
  const passed = ranged.filter(
    (r) =>
      e.where === undefined ||
      isTrue(evalExpr(ctx, { record: r, outer: env.record, suspendPending: env.suspendPending }, e.where)),
  );
  return { ranged, passed };
}

function evalAggregate(ctx: Ctx, env: Env, e: AggExpr): Val {
  const { ranged, passed } = aggregateRecords(ctx, env, e);
  switch (e.agg) {
    case 'any':
      return passed.length > 0;
    case 'all':
      return passed.length === ranged.length;
    case 'count':
      return passed.length;
    case 'sum':
    case 'max':
    case 'min': {
      if (e.field === undefined) return null;
      const values: (number | string)[] = [];
      for (const r of passed) {
        const v = readField(r, e.field.key, e.field.builtin);
        if (typeof v === 'number' || typeof v === 'string') values.push(v);
      }
      if (e.agg === 'sum') {
        let total = 0;
        for (const v of values) if (typeof v === 'number') total += v;
        return total;
      }
      let best: number | string | null = null;
      for (const v of values) {
        if (best === null || (e.agg === 'max' ? v > best : v < best)) best = v;
      }
      return best;
    }
  }
}

function numberOrNull(v: Val): number | null {
  return typeof v === 'number' ? v : null;
}

type CivilShift = Extract<IrExpr, { op: 'dateShift' }>;
interface CivilEnd {
  readonly plain: string;
  readonly last: LastDay;
}

const isCivilShift = (e: IrExpr): e is CivilShift => e.op === 'dateShift' && e.counting === 'civil';

/** `date + P counted civil`: the period's last day (第二百零三条) beside the corresponding day; null when unset. */
function civilLastDay(ctx: Ctx, env: Env, e: CivilShift): CivilEnd | null {
  const date = evalExpr(ctx, env, e.date);
  const d = evalExpr(ctx, env, e.duration);
  if (typeof date !== 'string' || !isDuration(d)) return null;
  return { plain: shiftDate(date, 1, d), last: lastDay(date, d, 'civil') };
}

/** A comparison with a civil last day, noted against the other side: only a doubtful outcome needs the note. */
function compareCivil(ctx: Ctx, env: Env, e: Extract<IrExpr, { op: 'cmp' }>): boolean {
  // The left one when both are (the other is then a value, with its own note, as the compiled evaluator reads it).
  const civilLeft = isCivilShift(e.left);
  const side = (x: IrExpr, civil: boolean): { value: Val; end: CivilEnd | null } => {
    if (!civil || !isCivilShift(x)) return { value: evalExpr(ctx, env, x), end: null };
    const end = civilLastDay(ctx, env, x);
    return { value: end?.last.date ?? null, end };
  };
  const l = side(e.left, civilLeft);
  const r = side(e.right, !civilLeft);
  if (typeof l.value !== 'string' || typeof r.value !== 'string') return false;
  const [end, other] = l.end !== null ? [l.end, r.value] : [r.end!, l.value];
  const note = comparedLastDayNote(end.plain, end.last, other);
  if (note !== undefined) ctx.notes.add(note);
  return compareValues(ctx.ir, e.cmp, e.type, l.value, r.value);
}

/**
 * A date a condition reads from the record to tell when it held (a start, a stop): no calendar note, which only the
 * condition asked on the evaluation date gives.
 */
export function evalDateQuietly(ctx: Ctx, env: Env, e: IrExpr): Val {
  if (!isCivilShift(e)) return evalExpr(ctx, env, e);
  return civilLastDay(ctx, env, e)?.last.date ?? null;
}

export function evalExpr(ctx: Ctx, env: Env, e: IrExpr): Val {
  switch (e.op) {
    case 'lit':
      return e.value as Val;
    case 'field':
      return readField(env.record, e.key, e.builtin);
    case 'outerField':
      return readField(env.outer ?? null, e.key, e.builtin);
    case 'subject':
      return subjectField(ctx.subject as unknown as Record<string, unknown>, e.key);
    case 'param': {
      const param = ctx.ir.params[e.param];
      if (param === undefined) return null;
      const date = e.recordDate && env.record !== null ? env.record.date : ctx.at;
      let chosen: (typeof param.versions)[number] | undefined;
      for (const version of param.versions) {
        if (version.from === null || version.from <= date) chosen = version;
      }
      if (chosen?.transition !== undefined)
        ctx.notes.add(transitionNote(param.label ?? param.name, chosen.from, chosen.transition));
      return (chosen?.value ?? null) as Val;
    }
    case 'at':
      return ctx.at;
    case 'not':
      return !isTrue(evalExpr(ctx, env, e.arg));
    case 'neg': {
      const v = numberOrNull(evalExpr(ctx, env, e.arg));
      return v === null ? null : -v;
    }
    case 'and':
      return e.args.every((a) => isTrue(evalExpr(ctx, env, a)));
    case 'or':
      return e.args.some((a) => isTrue(evalExpr(ctx, env, a)));
    case 'cmp': {
      if (isCivilShift(e.left) || isCivilShift(e.right)) return compareCivil(ctx, env, e);
      return compareValues(ctx.ir, e.cmp, e.type, evalExpr(ctx, env, e.left), evalExpr(ctx, env, e.right));
    }
    case 'arith': {
      const a = numberOrNull(evalExpr(ctx, env, e.left));
      const b = numberOrNull(evalExpr(ctx, env, e.right));
      if (a === null || b === null) return null;
      switch (e.arith) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
      break;
    }
    case 'dateShift': {
      if (e.counting === 'civil') {
        // As a value (an `until` date) its presumed-calendar note goes with it, as a list term's does.
        const end = civilLastDay(ctx, env, e);
        if (end === null) return null;
        if (end.last.note !== undefined) ctx.notes.add(end.last.note);
        return end.last.date;
      }
      const date = evalExpr(ctx, env, e.date);
      const d = evalExpr(ctx, env, e.duration);
      if (typeof date !== 'string' || !isDuration(d)) return null;
      return shiftDate(date, e.sign, d);
    }
    case 'in': {
      const left = evalExpr(ctx, env, e.left);
      const values = evalExpr(ctx, env, e.values);
      if (left === null || !Array.isArray(values)) return false;
      const found = (values as readonly Val[]).some((v) => v === left);
      return e.negated ? !found : found;
    }
    case 'has': {
      const left = evalExpr(ctx, env, e.left);
      const values = evalExpr(ctx, env, e.values);
      if (!Array.isArray(left) || !Array.isArray(values)) return false;
      const held = left as readonly Val[];
      const wanted = values as readonly Val[];
      return e.mode === 'any' ? wanted.some((v) => held.includes(v)) : wanted.every((v) => held.includes(v));
    }
    case 'isSet': {
      const set = evalExpr(ctx, env, e.arg) !== null;
      return e.negated ? !set : set;
    }
    case 'array':
      return e.items.map((item) => evalExpr(ctx, env, item));
    case 'agg':
      return evalAggregate(ctx, env, e);
    case 'onList':
      return ctx.isOn(e.list);
    case 'grade':
      return ctx.gradeOf(e.grading);
  }
  return null;
}

/**
 * The `since` candidates of a `when` instance (SEMANTICS §2, §7): records matched by every outermost
 * aggregate, evaluated in full wherever it sits, and the since of every true `on LIST` outside aggregates.
 */
export function collectCandidates(
  ctx: Ctx,
  env: Env,
  e: IrExpr,
  out: { records: SubjectRecord[]; dates: string[] },
): void {
  switch (e.op) {
    case 'agg': {
      const { ranged, passed } = aggregateRecords(ctx, env, e);
      const starts = startsOf(e);
      for (const r of e.agg === 'all' ? ranged : passed) {
        out.records.push(r);
        out.dates.push(starts.length === 0 ? r.date : startedOnDay(ctx, env, starts, r, r.date));
      }
      return;
    }
    case 'onList': {
      const since = ctx.listSince(e.list);
      if (since !== null) out.dates.push(since);
      return;
    }
    case 'grade': {
      const since = ctx.gradeOf(e.grading) === null ? null : ctx.gradeSince(e.grading);
      if (since !== null) out.dates.push(since);
      return;
    }
    case 'not':
    case 'neg':
      collectCandidates(ctx, env, e.arg, out);
      return;
    case 'isSet':
      collectCandidates(ctx, env, e.arg, out);
      return;
    case 'and':
    case 'or':
      for (const a of e.args) collectCandidates(ctx, env, a, out);
      return;
    case 'cmp':
    case 'arith':
      collectCandidates(ctx, env, e.left, out);
      collectCandidates(ctx, env, e.right, out);
      return;
    case 'dateShift':
      collectCandidates(ctx, env, e.date, out);
      collectCandidates(ctx, env, e.duration, out);
      return;
    case 'in':
    case 'has':
      collectCandidates(ctx, env, e.left, out);
      collectCandidates(ctx, env, e.values, out);
      return;
    case 'array':
      for (const item of e.items) collectCandidates(ctx, env, item, out);
      return;
    default:
      return;
  }
}

/**
 * The day a true condition began to hold (SEMANTICS §2 "`when` rule"): `and` from the latest day its parts began,
 * `or` from the earliest day a part that holds began, `any` from the earliest matched record's start; anything
 * else from the latest of its candidates (collectCandidates). Null when nothing in it is dated.
 */
export function beganOn(ctx: Ctx, env: Env, e: IrExpr): string | null {
  if (e.op === 'and' || e.op === 'or') {
    let best: string | null = null;
    for (const a of e.args) {
      if (e.op === 'or' && !isTrue(evalExpr(ctx, env, a))) continue;
      const b = beganOn(ctx, env, a);
      if (b !== null && (best === null || (e.op === 'or' ? b < best : b > best))) best = b;
    }
    return best;
  }
  const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
  collectCandidates(ctx, env, e, found);
  let best: string | null = null;
  const earliest = e.op === 'agg' && e.agg === 'any';
  for (const d of found.dates) if (best === null || (earliest ? d < best : d > best)) best = d;
  return best;
}

/**
 * The day a matched record began to count: `base` (its date, or a rule's `from`), or later when its `where` holds only
 * from a date on.
 */
export function startedOnDay(ctx: Ctx, env: Env, starts: readonly Start[], r: SubjectRecord, base: string): string {
  const scope: Env = { record: r, outer: env.record, suspendPending: env.suspendPending };
  const dateOf = (d: IrExpr): Val => {
    try {
      return evalDateQuietly(ctx, scope, d);
    } catch (error) {
      if (error instanceof CalendarCoverageError) return null;
      throw error;
    }
  };
  return startedOn(starts, base, ctx.at, dateOf, (d) => addDays(d, 1));
}
