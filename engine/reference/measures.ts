// Turns list and grade outcomes into the measures that apply, with their own terms (SEMANTICS §4, §7).
import type { IrMeasure } from '../../dsl/ir.js';
import { KINDS_WITHOUT_REPRESENTATIVE } from '../../dsl/ir.js';
import type { GradeOutcome, MeasureOutcome } from '../contract.js';
import { lastDay } from '../time/period.js';
import type { Instance, ListState } from './lists.js';
import { isTrue, renderCitations, sortedUnique } from './values.js';
import { evalExpr } from './expr.js';
import type { Ctx, Env } from './expr.js';

const NO_RECORD: Env = { record: null, suspendPending: false };

interface Trigger {
  readonly name: string;
  readonly since: string;
  /** the listing's end (or a held term's end); null = indefinite (always for a grade) */
  readonly until?: string | null;
  /** the calendar-coverage note of `until`, if any */
  readonly note: string | null;
  /** held past the listing by the measure's term: `until` is already the term's end */
  readonly held?: boolean;
}

export interface MeasureInputs {
  readonly ctx: Ctx;
  readonly matter: string | null;
  readonly onBlack: boolean;
  listState(name: string): ListState | undefined;
  /** the reported outcome, null when the subject is not on the list (or it is void) */
  listReported(name: string): { since: string; until: string | null; untilNote: string | null } | null;
  listVoided(name: string): boolean;
  grade(grading: string): GradeOutcome | undefined;
  /** the day the grade began; null: from `at` */
  gradeSince(grading: string): string | null;
}

/** The civil last day of the measure's own term, with its calendar-coverage note. */
function termEnd(since: string, m: IrMeasure): { date: string; note: string | null } | null {
  if (m.term === undefined) return null;
  const end = lastDay(since, m.term, 'civil');
  return { date: end.date, note: end.note ?? null };
}

/**
 * The measure's terms from the given instances that still run at `at` (each noted for its calendar caveat): the
 * earliest since and the latest end; null when none runs.
 */
function runningTerms(
  inputs: MeasureInputs,
  m: IrMeasure,
  name: string,
  instances: readonly Instance[],
): Trigger | null {
  const held: { since: string; end: string; note: string | null }[] = [];
  for (const inst of instances) {
    const end = termEnd(inst.since, m);
    if (end === null) continue;
    if (end.note !== null) inputs.ctx.notes.add(end.note);
    if (end.date >= inputs.ctx.at) held.push({ since: inst.since, end: end.date, note: end.note });
  }
  if (held.length === 0) return null;
  const last = held.reduce((a, b) => (b.end > a.end ? b : a));
  return {
    name,
    since: held.map((h) => h.since).reduce((a, b) => (b < a ? b : a)),
    until: last.end,
    held: true,
    note: held.find((h) => h.end === last.end && h.note !== null)?.note ?? null,
  };
}

function listTrigger(inputs: MeasureInputs, m: IrMeasure, name: string): Trigger | null {
  const reported = inputs.listReported(name);
  const state = inputs.listState(name);
  if (reported !== null) {
    // `term exactly`: the measure spans its term from each listing (each active instance), and ends then even
    // while the listing lasts; a later listing starts a term of its own.
    if (m.termExact === true && m.term !== undefined) {
      return runningTerms(
        inputs,
        m,
        name,
        (state?.instances ?? []).filter((i) => i.active),
      );
    }
    // The term is reckoned from every triggering listing, and its calendar caveat noted, whether or not it
    // ends up mattering (SEMANTICS §7 "Notes").
    const end = termEnd(reported.since, m);
    if (end !== null && end.note !== null) inputs.ctx.notes.add(end.note);
    return { name, since: reported.since, until: reported.until, note: reported.untilNote };
  }
  if (m.term === undefined || state === undefined || inputs.listVoided(name)) return null;
  // The list has ended; the measure's own term, counted from an expired instance's since, may still run.
  return runningTerms(
    inputs,
    m,
    name,
    state.instances.filter((i) => i.expired),
  );
}

/**
 * §4: each listing gives its `until`, or its own `since + term` when that is later (the term counts from that
 * listing's since); the measure ends with the latest of them. An indefinite listing or any grade trigger
 * makes the measure indefinite (null).
 */
function untilOf(triggers: readonly Trigger[], m: IrMeasure): { until: string | null; note: string | null } {
  if (triggers.some((t) => t.until === null || t.until === undefined)) return { until: null, note: null };
  const candidates = triggers.map((t) => {
    const own = { date: t.until ?? '', note: t.note };
    const term = t.held === true ? null : termEnd(t.since, m);
    return term !== null && term.date > own.date ? term : own;
  });
  if (candidates.length === 0) return { until: null, note: null };
  const until = candidates.map((c) => c.date).reduce((a, b) => (b > a ? b : a));
  return { until, note: candidates.find((c) => c.date === until && c.note !== null)?.note ?? null };
}

export function evaluateMeasure(inputs: MeasureInputs, m: IrMeasure): MeasureOutcome | null {
  const triggers: Trigger[] = [];
  for (const name of m.lists) {
    const t = listTrigger(inputs, m, name);
    if (t !== null) triggers.push(t);
  }
  for (const g of m.grades) {
    const outcome = inputs.grade(g.grading);
    if (outcome !== undefined && g.grades.includes(outcome.grade)) {
      const since = inputs.gradeSince(g.grading) ?? inputs.ctx.at;
      triggers.push({ name: `${g.grading}:${outcome.grade}`, since, until: null, note: null });
    }
  }
  if (triggers.length === 0) return null;
  // A measure on the legal representative concerns nobody when the subject is a person or a household.
  if (m.target === 'legal_representative' && KINDS_WITHOUT_REPRESENTATIVE.includes(inputs.ctx.subject.kind))
    return null;
  if (m.when !== undefined && !isTrue(evalExpr(inputs.ctx, NO_RECORD, m.when))) return null;
  if (inputs.matter !== null && m.matters !== null && !m.matters.includes(inputs.matter)) return null;
  if (m.kind === 'reward' && inputs.onBlack) return null;
  const since = triggers.map((t) => t.since).reduce((a, b) => (b < a ? b : a));
  const { until, note } = untilOf(triggers, m);
  if (note !== null) inputs.ctx.notes.add(note);
  let out: MeasureOutcome = {
    measure: m.name,
    kind: m.kind,
    action: m.action,
    because: sortedUnique(triggers.map((t) => t.name)),
    basis: renderCitations(inputs.ctx.ir, m.basis),
    mandatory: m.mandatory,
    matters: m.matters,
    since,
    until,
  };
  if (m.label !== undefined) out = { ...out, label: m.label };
  if (m.level !== undefined) out = { ...out, level: m.level };
  if (m.department !== undefined) out = { ...out, department: m.department };
  return out;
}
