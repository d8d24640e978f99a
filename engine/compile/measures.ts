// Turns the lists and grades a subject holds into the measures that apply, with since/until (SEMANTICS §4).
import { gradeSinceOf } from './since.js';
import { KINDS_WITHOUT_REPRESENTATIVE } from '../../dsl/ir.js';
import { sortCodeUnits, sortPrefix } from './sort.js';
import type { MeasureOutcome } from '../contract.js';
import { lastDayOf } from './dates.js';
import { onAnyBlack } from './lists.js';
import { addNote } from './notes.js';
import type { Ctx, MeasurePlan, MeasureStatus, Mutable } from './types.js';

/** Why a measure did or did not apply; kept only for the explanation. */
export const M_APPLIES = 0;
export const M_NOT_TRIGGERED = 1;
export const M_MATTER = 2;
export const M_REWARD_BLACK = 3;
/** the measure's layer is not in force at `at` (SEMANTICS §5) */
export const M_LAYER = 4;
/** it concerns the legal representative, and the subject's kind has none (SEMANTICS §4) */
export const M_NO_REPRESENTATIVE = 5;
/** its own `when` does not hold */
export const M_CONDITION = 6;
/** `term exactly`: the subject is still on the list, but the measure's term from the listing has run out */
export const M_TERM_ENDED = 7;

export type { MeasureStatus } from './types.js';

const NONE_HELD: readonly string[] = Object.freeze([]);

/**
 * The measures this evaluation can trigger, ascending, into `ctx.measureCand`; returns how many. A list with no
 * instance at all can trigger nothing, not even through a measure's own term, so the others are never looked at.
 */
export function measureCandidates(ctx: Ctx): number {
  const plan = ctx.plan;
  const seen = ctx.measureSeen;
  const cand = ctx.measureCand;
  const gen = ctx.gen;
  let n = 0;
  for (let l = 0; l < plan.lists.length; l++) {
    if (ctx.inst[l]!.n === 0) continue;
    const ms = plan.measuresOfList[l]!;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      if (seen[m] !== gen) {
        seen[m] = gen;
        cand[n++] = m;
      }
    }
  }
  for (let g = 0; g < plan.gradings.length; g++) {
    if (ctx.gradeOf[g] === null) continue;
    const ms = plan.measuresOfGrade[g]![ctx.gradeIdx[g]!];
    if (ms === undefined) continue;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      if (seen[m] !== gen) {
        seen[m] = gen;
        cand[n++] = m;
      }
    }
  }
  // Measures must come out in the plan's order.
  sortPrefix(cand, n);
  return n;
}

function termEnd(ctx: Ctx, mp: MeasurePlan, since: string): string | null {
  const term = mp.term;
  if (term === null) return null;
  const ld = lastDayOf(since, term, 'civil');
  if (ld.note !== undefined) addNote(ctx, ld.note);
  return ld.date;
}

/** Where termsRunning leaves the earliest since and the latest end (one evaluation at a time). */
const TERMS = { since: '', until: '' };

/**
 * Whether the measure's own term still runs from some instance of list `l`: its active instances (`term exactly`),
 * or those that ran out by their period, unrepaired (a term holding the measure past the list). Every term is
 * reckoned, and its calendar note kept, before the comparison with `at` (SEMANTICS §7 "Notes").
 */
function termsRunning(ctx: Ctx, mp: MeasurePlan, l: number, active: boolean): boolean {
  const inst = ctx.inst[l]!;
  const at = ctx.at;
  let running = false;
  for (let i = 0; i < inst.n; i++) {
    const s = inst.since(i);
    if (active) {
      if (!inst.active(i)) continue;
    } else {
      const u = inst.until(i);
      if (s > at || u === null || at <= u || inst.repaired(i)) continue;
    }
    const t = termEnd(ctx, mp, s)!;
    if (t < at) continue;
    if (!running || s < TERMS.since) TERMS.since = s;
    if (!running || t > TERMS.until) TERMS.until = t;
    running = true;
  }
  return running;
}

/**
 * `because` plus one trigger. Most measures have one: their `because` is the trigger's frozen one-element array,
 * shared by every decision, and only a second trigger makes an array of the decision's own.
 */
function withReason(because: readonly string[] | null, alone: readonly string[]): readonly string[] {
  if (because === null) return alone;
  if (because.length === 1) return [because[0]!, alone[0]!];
  (because as string[]).push(alone[0]!);
  return because;
}

export function runMeasure(
  ctx: Ctx,
  mp: MeasurePlan,
  matter: string | null,
  status: MeasureStatus | null,
): MeasureOutcome | null {
  const at = ctx.at;
  const plan = ctx.plan;
  let since: string | null = null;
  let until: string | null = null;
  let indefinite = false;
  let because: readonly string[] | null = null;
  let termHeld: string[] | null = null;
  const lists = plan.measureLists;
  const hasTerm = mp.term !== null;
  const exact = mp.termExact;
  let termEnded = false;
  // Term ends are computed (and their calendar notes kept) before the matter / reward filters: SEMANTICS §7 "Notes".
  for (let k = mp.listsFrom; k < mp.listsTo; k++) {
    const l = lists[k]!;
    if (ctx.listOn[l] === 1) {
      const lp = plan.lists[l]!;
      if (exact) {
        // `term exactly`: the term is the measure's span from each listing (active instance), however long the
        // listing lasts; a later listing starts a term of its own.
        if (termsRunning(ctx, mp, l, true)) {
          because = withReason(because, lp.reason);
          if (since === null || TERMS.since < since) since = TERMS.since;
          if (until === null || TERMS.until > until) until = TERMS.until;
        } else termEnded = true;
        continue;
      }
      const s = ctx.listSince[l]!;
      const t = hasTerm ? termEnd(ctx, mp, s) : null;
      because = withReason(because, lp.reason);
      if (since === null || s < since) since = s;
      let u = ctx.listUntil[l] ?? null;
      if (u === null) indefinite = true;
      else {
        if (t !== null && t > u) u = t;
        if (until === null || u > until) until = u;
      }
    } else if (hasTerm && !(plan.lists[l]!.voidable && onAnyBlack(ctx))) {
      // The list has ended, but the measure's own term, counted from an expired instance's since, may still run.
      const lp = plan.lists[l]!;
      if (termsRunning(ctx, mp, l, false)) {
        because = withReason(because, lp.reason);
        if (since === null || TERMS.since < since) since = TERMS.since;
        if (until === null || TERMS.until > until) until = TERMS.until;
        (termHeld ??= []).push(lp.name);
      }
    }
  }
  const grades = mp.grades;
  for (let k = 0; k < grades.length; k++) {
    const g = grades[k]!;
    const gi = ctx.gradeIdx[g.grading]!;
    if (ctx.gradeOf[g.grading] === null || !g.grades.includes(gi)) continue;
    because = withReason(because, plan.gradings[g.grading]!.reasons[gi]!);
    // A grade holds as long as it is the grade, with no end of its own; from the day it began (SEMANTICS §3).
    const began = gradeSinceOf(ctx, g.grading) ?? at;
    if (since === null || began < since) since = began;
    indefinite = true;
  }
  if (status !== null) status.termHeld = termHeld ?? NONE_HELD;
  if (because === null) {
    if (status !== null) status.code = termEnded ? M_TERM_ENDED : M_NOT_TRIGGERED;
    return null;
  }
  if (mp.representative && KINDS_WITHOUT_REPRESENTATIVE.includes(ctx.subject.kind)) {
    if (status !== null) status.code = M_NO_REPRESENTATIVE;
    return null;
  }
  if (mp.when !== null && !mp.when(ctx, null)) {
    if (status !== null) status.code = M_CONDITION;
    return null;
  }
  if (matter !== null && mp.matters !== null && !mp.matters.includes(matter)) {
    if (status !== null) status.code = M_MATTER;
    return null;
  }
  if (mp.reward && onAnyBlack(ctx)) {
    if (status !== null) status.code = M_REWARD_BLACK;
    return null;
  }
  if (status !== null) status.code = M_APPLIES;
  if (because.length > 1) sortCodeUnits(because as string[]);
  // Built with assignments, not conditional spreads: one hidden class per measure and no temporary objects.
  // What only an outcome copies is read from the IR: the measures that apply are fewer than those looked at.
  const m = mp.ir;
  const out: Mutable<MeasureOutcome> = {
    measure: mp.name,
    kind: m.kind,
    action: m.action,
    because,
    basis: mp.basis,
    mandatory: m.mandatory,
    matters: mp.matters,
    since: since!,
    until: indefinite ? null : until,
  };
  if (m.label !== undefined) out.label = m.label;
  if (m.level !== undefined) out.level = m.level;
  if (m.department !== undefined) out.department = m.department;
  return out;
}
