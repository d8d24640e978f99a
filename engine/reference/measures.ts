// Turns list and grade outcomes into the measures that apply, with their own terms (SEMANTICS §4, §7).
import type { IrMeasure } from '../../dsl/ir.js';
import type { GradeOutcome, MeasureOutcome } from '../contract.js';
import { lastDay } from '../time/period.js';
import type { ListState } from './lists.js';
import { renderCitations, sortedUnique } from './values.js';
import type { Ctx } from './expr.js';

interface Trigger {
  readonly name: string;
  readonly since: string;
  readonly until: string | null;
}

export interface MeasureInputs {
  readonly ctx: Ctx;
  readonly matter: string | null;
  readonly onBlack: boolean;
  listState(name: string): ListState | undefined;
  /** the reported outcome, null when the subject is not on the list (or it is void) */
  listReported(name: string): { since: string; until: string | null } | null;
  listVoided(name: string): boolean;
  grade(grading: string): GradeOutcome | undefined;
}

function termEnd(inputs: MeasureInputs, since: string, m: IrMeasure): string | null {
  if (m.term === undefined) return null;
  const end = lastDay(since, m.term, 'civil');
  if (end.note !== undefined) inputs.ctx.notes.add(end.note);
  return end.date;
}

function listTrigger(inputs: MeasureInputs, m: IrMeasure, name: string): Trigger | null {
  const reported = inputs.listReported(name);
  if (reported !== null) {
    let until = reported.until;
    const end = termEnd(inputs, reported.since, m);
    if (until !== null && end !== null && end > until) until = end;
    return { name, since: reported.since, until };
  }
  const state = inputs.listState(name);
  if (m.term === undefined || state === undefined || inputs.listVoided(name)) return null;
  const held: { since: string; end: string }[] = [];
  for (const inst of state.instances) {
    if (!inst.expired) continue;
    const end = termEnd(inputs, inst.since, m);
    if (end !== null && end >= inputs.ctx.at) held.push({ since: inst.since, end });
  }
  if (held.length === 0) return null;
  return {
    name,
    since: held.map((h) => h.since).reduce((a, b) => (b < a ? b : a)),
    until: held.map((h) => h.end).reduce((a, b) => (b > a ? b : a)),
  };
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
      triggers.push({ name: `${g.grading}:${outcome.grade}`, since: inputs.ctx.at, until: null });
    }
  }
  if (triggers.length === 0) return null;
  if (inputs.matter !== null && m.matters !== null && !m.matters.includes(inputs.matter)) return null;
  if (m.kind === 'reward' && inputs.onBlack) return null;
  const since = triggers.map((t) => t.since).reduce((a, b) => (b < a ? b : a));
  const until = triggers.some((t) => t.until === null)
    ? null
    : triggers.map((t) => t.until ?? '').reduce((a, b) => (b > a ? b : a));
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
