// Turns a compiled policy, a validated subject and an evaluation date into a Decision (SEMANTICS.md).
import { sortCodeUnits } from './compile/sort.js';
import { CONTRACT_VERSION } from './contract.js';
import type { Decision, EvaluateOptions, GradeOutcome, ListOutcome, MeasureOutcome, Subject } from './contract.js';
import { gradeOutcome, runGrading, supervisionOutcome } from './compile/grading.js';
import { listOutcome, runList, voidRedLists } from './compile/lists.js';
import { markLayers } from './compile/layers.js';
import { M_LAYER, M_NOT_TRIGGERED, measureCandidates, runMeasure } from './compile/measures.js';
import type { CompiledPolicy, Ctx, MeasureStatus, Mutable, Plan, Rec } from './compile/types.js';
import { buildExplanation } from './explain/build.js';
import { formatDate } from './explain/format.js';

const NONE_HELD: readonly string[] = Object.freeze([]);
// Outcomes are gathered here and copied out exactly: an array grown by push keeps room for 17 in every decision.
const LISTS: ListOutcome[] = [];
const MEASURES: MeasureOutcome[] = [];
const GRADES: GradeOutcome[] = [];
const NO_STATUSES: readonly MeasureStatus[] = Object.freeze([]);
/**
 * The one empty array every decision without lists, measures or notes shares (most decisions have some of
 * these empty): a decision is read-only, so an empty member need not be a new array each time.
 */
const EMPTY: readonly never[] = Object.freeze([]);

function reset(plan: Plan, subject: Subject, at: string, explain: boolean): Ctx {
  const ctx = plan.ctx;
  ctx.at = at;
  ctx.subject = subject;
  // A new stamp invalidates every aggregate of the previous evaluation without touching the arrays.
  ctx.gen = (ctx.gen + 1) | 0;
  if (ctx.gen === 0) {
    ctx.aggDone.fill(0);
    ctx.measureSeen.fill(0);
    ctx.discDone.fill(0);
    ctx.gradeSinceGen.fill(0);
    ctx.adultGen = 0;
    ctx.gen = 1;
  }
  if (ctx.notes.size > 0) ctx.notes.clear();
  ctx.noteSlot = -1;
  ctx.ignored = explain ? [] : null;
  for (let i = 0; i < ctx.inst.length; i++) {
    ctx.inst[i]!.n = 0;
    ctx.listOn[i] = 0;
    ctx.listVoid[i] = 0;
  }
  return ctx;
}

const byDateThenId = (a: Rec, b: Rec): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Above this many records of one type, a bucket is sorted once instead of kept sorted on insertion. */
const INSERTION_LIMIT = 32;

/**
 * Sorted by date then id (stable: records equal in both keep their input order), so that nothing downstream
 * (sums, explanation order) depends on the input order. Insertion keeps the few records of a usual subject
 * sorted without a sort call; a bucket that grows past INSERTION_LIMIT is sorted once at the end instead
 * (insertion alone is quadratic: 100,000 records in reverse date order took minutes).
 */
function insertSorted(ctx: Ctx, t: number, rec: Rec): void {
  const bucket = ctx.buckets[t]!;
  let i = ctx.bucketN[t]!++;
  if (i >= INSERTION_LIMIT) {
    bucket[i] = rec;
    return;
  }
  while (i > 0) {
    const prev = bucket[i - 1]!;
    if (prev.date < rec.date || (prev.date === rec.date && prev.id <= rec.id)) break;
    bucket[i] = prev;
    i--;
  }
  bucket[i] = rec;
}

/** Sorts the buckets that outgrew insertion (their first INSERTION_LIMIT records are already in order). */
function sortLargeBuckets(ctx: Ctx): void {
  const counts = ctx.bucketN;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]!;
    if (n <= INSERTION_LIMIT) continue;
    const bucket = ctx.buckets[t]!;
    const sorted = bucket.slice(0, n).sort(byDateThenId);
    for (let i = 0; i < n; i++) bucket[i] = sorted[i]!;
  }
}

/** SEMANTICS §1: future, revoked and upheld-objection records are left out before anything looks at them. */
function bucketRecords(ctx: Ctx): void {
  const counts = ctx.bucketN;
  for (let i = 0; i < counts.length; i++) counts[i] = 0;
  const typeIndex = ctx.plan.typeIndex;
  const at = ctx.at;
  const records = ctx.subject.records;
  const ignored = ctx.ignored;
  // A subject's records are usually not in the cache. This loop asks for every record, its date and its attribute
  // object at once, so the misses overlap; the loops after it find them loaded (`npm run bench:ab`: 1.059 for the
  // records and dates; the attribute objects, reached by `for…in`, which reads the object's map without a keyed
  // lookup, 1.025–1.039 more — a keyed read of one attribute here had cost 3 %).
  let touched = 0;
  for (let r = 0; r < records.length; r++) {
    const rec = records[r]!;
    touched += rec.date.length;
    const attrs = rec.attrs;
    if (attrs !== undefined)
      for (const k in attrs) {
        touched += k.length;
        break;
      }
  }
  ctx.touched = touched;
  for (let r = 0; r < records.length; r++) {
    const rec = records[r]!;
    const t = typeIndex.get(rec.type);
    let why: 'future' | 'revoked' | 'upheld' | 'type' | null = null;
    if (t === undefined) why = 'type';
    else if (rec.date > at) why = 'future';
    else if (rec.revokedOn !== null && rec.revokedOn !== undefined && rec.revokedOn <= at) why = 'revoked';
    else if (rec.objection === 'upheld') why = 'upheld';
    if (why === null) insertSorted(ctx, t!, rec);
    else if (ignored !== null) ignored.push({ rec, why });
  }
  sortLargeBuckets(ctx);
  const latestPer = ctx.plan.latestPer;
  for (let k = 0; k < latestPer.length; k++) {
    const { t, key } = latestPer[k]!;
    if (ctx.bucketN[t]! > 1) dropSuperseded(ctx, t, key);
  }
}

/** `dropSuperseded`'s scratch for a usual subject, shared by every evaluator (evaluation is synchronous). */
const LATEST_VALUES: unknown[] = [];
const LATEST_BY: (Rec | null)[] = [];

/**
 * SEMANTICS §1 `latest per F`: a counting record is superseded by a counting record of its type with the same F and a
 * later date (a re-rating of the same year), as if revoked on that date — which is not after `at` — and is left out
 * like a revoked one. A record whose F is not set neither supersedes nor is superseded; two of one date both stay.
 * The bucket is in date order: walking it from the end, the first record of each value is that value's latest.
 */
function dropSuperseded(ctx: Ctx, t: number, key: string): void {
  const bucket = ctx.buckets[t]!;
  const n = ctx.bucketN[t]!;
  // A few records: a linear search of the values seen, in scratch kept for the next subject; many (a hostile
  // subject): a map and arrays of their own, so this stays linear and the scratch small.
  const large = n > INSERTION_LIMIT;
  const values: unknown[] = large ? [] : LATEST_VALUES;
  const by: (Rec | null)[] = large ? [] : LATEST_BY;
  const index = large ? new Map<unknown, number>() : null;
  let distinct = 0;
  let kept = n;
  for (let i = n - 1; i >= 0; i--) {
    const rec = bucket[i]!;
    const v = rec.attrs?.[key];
    let j = -1;
    if (v !== undefined && v !== null) {
      if (index !== null) j = index.get(v) ?? -1;
      else for (let s = 0; s < distinct; s++) if (values[s] === v) j = s;
      if (j < 0) {
        values[distinct] = v;
        by[distinct] = rec;
        index?.set(v, distinct);
        distinct++;
      } else {
        const later = by[j]!;
        if (later.date > rec.date) {
          if (ctx.ignored !== null) ctx.ignored.push({ rec, why: 'superseded', by: later });
          continue;
        }
      }
    }
    bucket[--kept] = rec;
  }
  if (kept > 0) for (let i = kept; i < n; i++) bucket[i - kept] = bucket[i]!;
  ctx.bucketN[t] = n - kept;
  // The scratch keeps nothing of this subject alive.
  if (!large) {
    values.fill(null, 0, distinct);
    by.fill(null, 0, distinct);
  }
}

function inForceNote(plan: Plan, at: string): string | null {
  if (at < plan.effective) {
    return `评价日期${formatDate(at)}早于本政策施行日期${formatDate(plan.effective)}，本政策尚未施行，不适用任何名单和措施`;
  }
  if (plan.until !== undefined && at > plan.until) {
    return `评价日期${formatDate(at)}晚于本政策终止日期${formatDate(plan.until)}，本政策已不再适用，不适用任何名单和措施`;
  }
  return null;
}

function runSteps(ctx: Ctx): void {
  const plan = ctx.plan;
  const steps = plan.steps;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    if (step.t === 'list') runList(ctx, plan.lists[step.i]!);
    else runGrading(ctx, plan.gradings[step.i]!);
  }
}

/**
 * As runSteps, skipping the lists and gradings of layers not in force and the lists replaced by a list of a layer in
 * force: a skipped list keeps the empty state `reset` gave it (no instance, not on), a skipped grading has no grade.
 */
function runLayeredSteps(ctx: Ctx): void {
  const plan = ctx.plan;
  const on = ctx.layerOn;
  const steps = plan.layeredSteps;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    if (step.t === 'list') {
      const lp = plan.lists[step.i]!;
      if (on[lp.layer] === 1 && (lp.replacedBy < 0 || on[lp.replacedBy] !== 1)) runList(ctx, lp);
    } else {
      const gp = plan.gradings[step.i]!;
      if (on[gp.layer] === 1) runGrading(ctx, gp);
      else ctx.gradeOf[gp.index] = null;
    }
  }
}

export function evaluate(compiled: CompiledPolicy, subject: Subject, opts: EvaluateOptions): Decision {
  const plan = compiled.plan;
  const at = opts.at;
  const matter = opts.matter ?? null;
  const explain = opts.explain !== false;
  const policy = plan.policy;

  const notInForce = inForceNote(plan, at);
  if (notInForce !== null) {
    const base = {
      contract: CONTRACT_VERSION,
      subject: subject.id,
      at,
      matter,
      policy,
      inForce: false,
      lists: [],
      grade: null,
      grades: [],
      supervision: null,
      measures: [],
      notes: [notInForce],
    } satisfies Decision;
    return explain ? { ...base, explanation: buildExplanation(null, base, subject, []) } : base;
  }

  const ctx = reset(plan, subject, at, explain);
  bucketRecords(ctx);
  // A layered plan whose layers are all in force at `at` evaluates exactly as a plain one.
  const layered = plan.layered && !markLayers(ctx);
  if (layered) runLayeredSteps(ctx);
  else runSteps(ctx);
  voidRedLists(ctx);

  let nLists = 0;
  for (let i = 0; i < plan.lists.length; i++)
    if (ctx.listOn[i] === 1 && !plan.lists[i]!.external) LISTS[nLists++] = listOutcome(ctx, plan.lists[i]!);
  const lists = nLists === 0 ? EMPTY : LISTS.slice(0, nLists);
  // A grading of a layer not in force, or one that does not grade this subject (`applies when`), has no grade.
  const someGradeless = layered || plan.gradingsMayNotApply;
  let nGrades = 0;
  const primary = plan.primaryGrading;
  let primaryGrade: GradeOutcome | null = null;
  for (let g = 0; g < plan.gradings.length; g++) {
    const gp = plan.gradings[g]!;
    if (someGradeless && ctx.gradeOf[gp.index] === null) continue;
    const outcome = gradeOutcome(ctx, gp);
    if (g === primary && ctx.gradeOf[gp.index] !== null) primaryGrade = outcome;
    GRADES[nGrades++] = outcome;
  }
  const grades = GRADES.slice(0, nGrades);
  const primaryPlan = primaryGrade === null ? null : plan.gradings[primary]!;
  let nMeasures = 0;
  // Statuses feed only the explanation: an evaluator that is never asked for one never allocates them.
  const statuses = explain
    ? (ctx.statuses ??= plan.measures.map(() => ({ code: 0, termHeld: NONE_HELD })))
    : NO_STATUSES;
  if (explain) {
    for (let i = 0; i < statuses.length; i++) {
      const st = statuses[i]!;
      st.code = layered && ctx.layerOn[plan.measures[i]!.layer] !== 1 ? M_LAYER : M_NOT_TRIGGERED;
      st.termHeld = NONE_HELD;
    }
  }
  const nCand = measureCandidates(ctx);
  const cand = ctx.measureCand;
  for (let k = 0; k < nCand; k++) {
    const i = cand[k]!;
    const mp = plan.measures[i]!;
    if (layered && ctx.layerOn[mp.layer] !== 1) continue;
    const m = runMeasure(ctx, mp, matter, explain ? statuses[i]! : null);
    if (m !== null) MEASURES[nMeasures++] = m;
  }
  const measures = nMeasures === 0 ? EMPTY : MEASURES.slice(0, nMeasures);
  const supervision = primaryPlan === null ? null : supervisionOutcome(ctx, primaryPlan);
  // A ratio brings its grading's `supervision note`: most decisions give a ratio, so a decision with no other note
  // shares the plan's one-note array rather than building a set and a sorted copy of it.
  const supNote = supervision === null ? null : primaryPlan!.supervisionNote;
  const notes =
    ctx.notes.size === 0
      ? (supNote ?? EMPTY)
      : sortCodeUnits(supNote === null || ctx.notes.has(supNote[0]!) ? [...ctx.notes] : [...ctx.notes, supNote[0]!]);
  const decision: Mutable<Decision> = {
    contract: CONTRACT_VERSION,
    subject: subject.id,
    at,
    matter,
    policy,
    inForce: true,
    lists,
    grade: primaryGrade,
    grades,
    supervision,
    measures,
    notes,
  };
  if (explain) decision.explanation = buildExplanation(ctx, decision, subject, statuses);
  return decision;
}
