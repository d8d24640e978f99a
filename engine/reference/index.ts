// The reference interpreter: IR + subject + date → Decision, walking the IR literally (the oracle, never fast).
import type { IrLayer, PolicyIr } from '../../dsl/ir.js';
import { listReplacing } from '../../dsl/ir.js';
import {
  CONTRACT_VERSION,
  type Decision,
  type EvaluateOptions,
  type GradeOutcome,
  type ListOutcome,
  type MeasureOutcome,
  type Subject,
} from '../contract.js';
import type { Ctx } from './expr.js';
import { evalExpr } from './expr.js';
import { evaluateGrading, gradeSince, supervisionOf } from './grading.js';
import { addDays } from '../time/dates.js';
import { evaluateList, isVoided, type ListCtx, type ListState } from './lists.js';
import { evaluateMeasure } from './measures.js';
import { byString, isTrue, sortedUnique, withoutSuperseded } from './values.js';

function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The one note of a decision taken outside the policy's time of force (SEMANTICS §7). */
export function notInForceNote(ir: PolicyIr, at: string): string | null {
  if (at < ir.effective) {
    return `评价日期${chineseDate(at)}早于本政策施行日期${chineseDate(ir.effective)}，本政策尚未施行，不适用任何名单和措施`;
  }
  if (ir.until !== undefined && at > ir.until) {
    return `评价日期${chineseDate(at)}晚于本政策终止日期${chineseDate(ir.until)}，本政策已不再适用，不适用任何名单和措施`;
  }
  return null;
}

/** The note of a merged layer not in force at `at` (SEMANTICS §5), null when it is in force. */
export function layerNotInForceNote(layer: IrLayer, at: string): string | null {
  if (at < layer.effective) {
    return `评价日期${chineseDate(at)}早于《${layer.title}》施行日期${chineseDate(layer.effective)}，其名单、措施和评级不适用`;
  }
  if (layer.until !== undefined && at > layer.until) {
    return `评价日期${chineseDate(at)}晚于《${layer.title}》终止日期${chineseDate(layer.until)}，其名单、措施和评级已不再适用`;
  }
  return null;
}

/** Evaluates without an explanation; the result has every Decision field but `explanation`. */
export function evaluateReference(ir: PolicyIr, hash: string, given: Subject, opts: EvaluateOptions): Decision {
  const at = opts.at;
  const subject = withoutSuperseded(ir, given, at);
  const matter = opts.matter ?? null;
  const head = {
    contract: CONTRACT_VERSION,
    subject: subject.id,
    at,
    matter,
    policy: { id: ir.id, version: ir.version, hash },
  } as const;
  const off = notInForceNote(ir, at);
  if (off !== null) {
    return {
      ...head,
      inForce: false,
      lists: [],
      grade: null,
      grades: [],
      supervision: null,
      measures: [],
      notes: [off],
    };
  }

  // §5: a declaration whose layer is not in force is treated as never evaluated (a list with no instance, no
  // grading, no measure). A layer id missing from `ir.layers` is in force, like the policy.
  const lapsedNotes = ir.layers.map((l) => layerNotInForceNote(l, at)).filter((n): n is string => n !== null);
  const lapsed = new Set(ir.layers.filter((l) => layerNotInForceNote(l, at) !== null).map((l) => l.id));
  const inForce = (decl: { readonly layer: string }): boolean => !lapsed.has(decl.layer);

  const states = new Map<string, ListState>();
  const inProgress = new Set<string>();
  const gradeMemo = new Map<string, GradeOutcome>();
  const gradingsInProgress = new Set<string>();

  const stateOf = (name: string): ListState | undefined => {
    const hit = states.get(name);
    if (hit !== undefined) return hit;
    const list = ir.lists[name];
    if (list === undefined) return undefined;
    // A list another list `replaces` is off while the replacing list's layer is in force (SEMANTICS §5).
    const replacement = listReplacing(ir, name);
    if (!inForce(list) || (replacement !== undefined && inForce(replacement))) {
      const empty: ListState = { list, instances: [], raw: null, untilNote: null, repairNote: null };
      states.set(name, empty);
      return empty;
    }
    if (inProgress.has(name)) throw new Error(`reference: list cycle through ${name}`);
    inProgress.add(name);
    const state = evaluateList(ctx, list);
    inProgress.delete(name);
    states.set(name, state);
    return state;
  };
  const reported = (name: string): ListOutcome | null => {
    const state = stateOf(name);
    if (state === undefined || state.raw === null) return null;
    return isVoided(ctx, state.list) ? null : state.raw;
  };
  const gradeOutcome = (name: string): GradeOutcome | undefined => {
    const hit = gradeMemo.get(name);
    if (hit !== undefined) return hit;
    const g = ir.gradings[name];
    if (g === undefined || !inForce(g)) return undefined;
    // `applies when` false: the grading does not grade this subject
    if (
      g.appliesWhen !== undefined &&
      !isTrue(evalExpr(ctx, { record: null, suspendPending: false }, g.appliesWhen.when))
    )
      return undefined;
    if (gradingsInProgress.has(name)) throw new Error(`reference: grading cycle through ${name}`);
    gradingsInProgress.add(name);
    const outcome = evaluateGrading(ctx, g);
    gradingsInProgress.delete(name);
    gradeMemo.set(name, outcome);
    return outcome;
  };
  const ctx: ListCtx & Ctx = {
    ir,
    subject,
    at,
    notes: new Set<string>(lapsedNotes),
    isOn: (name) => reported(name) !== null,
    listSince: (name) => reported(name)?.since ?? null,
    listingEnded: (name) => {
      let last: string | null = null;
      for (const i of stateOf(name)?.instances ?? []) {
        if (i.since > at) continue;
        const end = i.repaired ? i.record!.repairedOn! : i.expired ? addDays(i.until!, 1) : null;
        if (end !== null && (last === null || end > last)) last = end;
      }
      return last;
    },
    wasOn: (name, day) =>
      (stateOf(name)?.instances ?? []).some(
        (i) =>
          i.since <= day &&
          (i.until === null || day <= i.until) &&
          !(i.repaired && i.record !== null && i.record.repairedOn! <= day),
      ),
    gradeOf: (name) => gradeOutcome(name)?.grade ?? null,
    gradeSince: (name) => {
      const outcome = gradeOutcome(name);
      const g = ir.gradings[name];
      return outcome === undefined || g === undefined ? null : gradeSince(ctx, g, outcome);
    },
    anyBlackOn: () =>
      Object.values(ir.lists).some((l) => l.kind === 'black' && (stateOf(l.name)?.raw ?? null) !== null),
  };

  const listNames = Object.keys(ir.lists).sort(byString);
  // A list another authority keeps (`external`) is on for `on` and for measures, and not reported.
  const lists = listNames
    .filter((name) => ir.lists[name]?.external !== true)
    .map(reported)
    .filter((o): o is ListOutcome => o !== null);
  // Every instance of every list carries its calendar notes, active or not (SEMANTICS §7 "Notes").
  for (const name of listNames) {
    for (const inst of stateOf(name)?.instances ?? []) {
      if (inst.untilNote !== null) ctx.notes.add(inst.untilNote);
      if (inst.repairNote !== null) ctx.notes.add(inst.repairNote);
    }
  }
  const grades = Object.keys(ir.gradings)
    .sort(byString)
    .map((name) => gradeOutcome(name))
    .filter((g): g is GradeOutcome => g !== undefined);
  const primary = ir.primaryGrading === undefined ? undefined : gradeOutcome(ir.primaryGrading);
  const primaryDecl = ir.primaryGrading === undefined ? undefined : ir.gradings[ir.primaryGrading];
  const supervision =
    primary === undefined || primaryDecl === undefined ? null : supervisionOf(ctx, primaryDecl, primary);
  // SEMANTICS §3: a grading's `supervision note` is said wherever its ratio is given.
  if (supervision !== null && primaryDecl?.supervisionNote !== undefined) ctx.notes.add(primaryDecl.supervisionNote);
  const onBlack = ctx.anyBlackOn();
  const measures = Object.keys(ir.measures)
    .sort(byString)
    .map((name) => {
      const m = ir.measures[name];
      if (m === undefined || !inForce(m)) return null;
      return evaluateMeasure(
        {
          ctx,
          matter,
          onBlack,
          listState: stateOf,
          listReported: (name) => {
            const outcome = reported(name);
            if (outcome === null) return null;
            return { since: outcome.since, until: outcome.until, untilNote: stateOf(name)?.untilNote ?? null };
          },
          listVoided: (name) => {
            const l = ir.lists[name];
            return l !== undefined && isVoided(ctx, l);
          },
          grade: gradeOutcome,
          gradeSince: (name) => ctx.gradeSince(name),
        },
        m,
      );
    })
    .filter((m): m is MeasureOutcome => m !== null);

  return {
    ...head,
    inForce: true,
    lists,
    grade: primary ?? null,
    grades,
    supervision,
    measures,
    notes: sortedUnique(ctx.notes),
  };
}
