// The compiled form of a policy: precomputed indexes, expression closures and the per-evaluation scratch they share.
import type { Start } from './walk.js';
import type { Counting } from '../../dsl/ast.js';
import type { RepairCondition } from './repair-conditions.js';
import type { RepairBound } from './repair-bounds.js';
import type { Duration, IrExpr, IrGrading, IrList, IrMeasure, IrRule, PolicyIr } from '../../dsl/ir.js';
import type { Subject, SubjectRecord, SupervisionOutcome } from '../contract.js';
import type { AggExpr } from './walk.js';

export type Rec = SubjectRecord;

/** A record left out before anything looks at it (SEMANTICS §1), and why; `by`: the record that superseded it. */
export interface Ignored {
  readonly rec: Rec;
  readonly why: 'future' | 'revoked' | 'upheld' | 'type' | 'superseded';
  readonly by?: Rec;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A compiled expression: reads the scratch and the record in scope (null outside a record scope). */
export type Fn = (ctx: Ctx, rec: Rec | null) => unknown;
/** A compiled condition; anything that is not `true` is false (two-valued logic, SEMANTICS.md §7). */
export type Pred = (ctx: Ctx, rec: Rec | null) => boolean;

export const AGG_ANY = 0;
export const AGG_ALL = 1;
export const AGG_COUNT = 2;
export const AGG_SUM = 3;
export const AGG_MAX = 4;
export const AGG_MIN = 5;

export interface AggSlot {
  readonly index: number;
  readonly expr: Extract<IrExpr, { op: 'agg' }>;
  readonly kind: number;
  /** -1 when the policy declares no such record type: the aggregate ranges over nothing */
  readonly typeIndex: number;
  /** inside a list with `objection pending suspend`: pending records do not count */
  readonly skipPending: boolean;
  readonly where: Pred | null;
  readonly field: Fn | null;
  readonly within: Duration | null;
  /** fused aggregates share one pass over their record type; the others (nested aggregates, list refs) run alone */
  group: number;
  /** keep the matched records (since candidates, item records) */
  collect: boolean;
  /**
   * Conditions of its `where` that hold only from a date on (walk.ts `Start`: `日期 + 10 workdays < at`): a matched
   * record's since candidate is the day it began to match (starts.ts), not its date; null without. Such a slot keeps
   * its matched records.
   */
  readonly starts: readonly Start[] | null;
  /**
   * its `where` reads `outer F`: the value depends on the record the aggregate is reached from, so it is computed
   * at every use (never fused, never kept for the evaluation)
   */
  readonly correlated: boolean;
  /** the `within` lower bound, recomputed only when `at` changes */
  lowAt: string;
  low: string | null;
}

export interface AggGroup {
  readonly index: number;
  readonly typeIndex: number;
  readonly skipPending: boolean;
  readonly slots: AggSlot[];
}

/** Where a `when` rule or a `once` item takes its since candidates / records from. */
export interface Candidates {
  readonly aggs: readonly number[];
  readonly lists: readonly number[];
  /** lists the rule needs the subject off (walk.ts `listsOff`): the day a listing of one ended is a candidate */
  readonly off: readonly number[];
  /** the condition's `not any …` whose records stop counting on a date (walk.ts `lapses`); null for none */
  readonly lapses: LapseSource | null;
  /** gradings whose grade the condition reads: the day that grade began is a candidate */
  readonly grades: readonly number[];
  /**
   * How a `when` rule's condition began to hold, part by part (began.ts); null where that is the latest candidate
   * (no `or` over dated parts and no `any`), and for a grading item.
   */
  readonly began: BeganNode | null;
}

/**
 * A `when` condition's since, part by part (SEMANTICS §2 "`when` rule"): `and` from the latest day its dated parts
 * began (k 0), `or` from the earliest day a part that holds began (k 1, each part with its test), `any` from its
 * earliest matched record (k 2), anything else from the latest of its candidates (k 3).
 */
export type BeganNode =
  | { readonly k: 0; readonly parts: readonly BeganNode[] }
  | { readonly k: 1; readonly parts: readonly BeganNode[]; readonly tests: readonly Pred[] }
  | { readonly k: 2; readonly slot: number }
  | {
      readonly k: 3;
      readonly aggs: readonly number[];
      readonly lists: readonly number[];
      readonly grades: readonly number[];
    };

/**
 * The lapses of a condition (walk.ts `lapses`), analysed once at compile time: a heavy subject's since asks for them
 * on every evaluation (7.8 % of the slowest 1 % decisions' time went into analysing them again).
 */
/** One alternative of a list's early-removal bar: its test, and the day its records were all there. */
export interface BarAlternative {
  readonly test: Fn;
  /** its outermost aggregates: the slot, and how many passing records it needs (walk.ts `recordsNeeded`) */
  readonly aggs: readonly { readonly slot: number; readonly need: number | null }[];
}

export interface LapseSource {
  readonly skipPending: boolean;
  readonly items: readonly LapseItem[];
}

export interface LapseItem {
  /** the `not any …` (or `unless any …`) aggregate */
  readonly agg: AggExpr;
  /** the record type's bucket; -1 for a type no record can have */
  readonly type: number;
  /** the slot whose compiled `where` tells whether a record counted on its own date; -1 without a `where` */
  readonly whereSlot: number;
  /** the stops (walk.ts `Stop`), flat: the field each reads, whether it is a subject-record builtin, its shift */
  readonly keys: readonly string[];
  /** bit k: `keys[k]` is a builtin field (`日期`, `repairedOn` …) rather than an attribute */
  readonly builtin: number;
  /** bit k: stop k is 'through' (walk.ts `throughMask`) */
  readonly through: number;
  /** the literal duration each stop adds to its field; null when none does */
  readonly shifts: readonly (Duration | null)[] | null;
  /** bit k: stop k's shift is a civil last day (`counted civil`, 第二百零三条) */
  readonly civil: number;
}

export interface RulePlan {
  readonly index: number;
  readonly ir: IrRule;
  readonly basis: readonly string[];
  /** record type index of a `for` rule, -1 for `when` rules or unknown types */
  readonly typeIndex: number;
  readonly isFor: boolean;
  /** the `where` left once a leading `attribute == "text"` is taken out as the discriminator (discSlot ≥ 0) */
  readonly where: Pred | null;
  /** the record attribute read once per record into `ctx.discVals[discSlot]`, -1 for none */
  readonly discSlot: number;
  readonly discValue: string | null;
  readonly when: Pred | null;
  readonly unless: Pred | null;
  readonly from: Fn | null;
  /**
   * A `for` rule whose `where` holds only from a date on (walk.ts `Start`: a notice that must have run): its instance
   * begins the day its record began to match (starts.ts), later than `from` or the record's date; null without.
   */
  readonly starts: readonly Start[] | null;
  readonly candidates: Candidates;
}

export interface ListPlan {
  readonly index: number;
  readonly name: string;
  readonly ir: IrList;
  /** `ir.kind` and `ir.title`, kept here so an outcome reads the plan alone (see MeasurePlan.term) */
  readonly kind: IrList['kind'];
  readonly title: string | undefined;
  readonly basis: readonly string[];
  readonly rules: readonly RulePlan[];
  /** this list's rules in `Plan.ruleTypes`: [rulesFrom, rulesFrom + rules.length) */
  readonly rulesFrom: number;
  readonly suspend: boolean;
  readonly counting: Counting;
  readonly duration: Fn | null;
  /** `until` fields and computed dates, empty for none: when one is set on the record, the instance ends on the latest */
  readonly endsAt: readonly Fn[];
  /** `until … when C`: the fields and dates give an end only while C holds for the record; null for always */
  readonly endsWhen: Pred | null;
  /** `extend to` fields, empty for none */
  readonly extendTo: readonly Extension[];
  readonly after: Fn | null;
  readonly earlyWhen: Pred | null;
  /** `early removal … unless BAR`: when it holds for an instance, that instance (and so the listing) has no repairFrom */
  readonly earlyBar: Pred | null;
  /** the bar's alternatives as a recorded repair asks them (lists.ts `barHeldOn`); null until first asked */
  barAlternatives: readonly BarAlternative[] | null;
  /** dated conjuncts of `early removal when` that can put repairFrom later (repair-bounds.ts) */
  readonly repairBounds: readonly RepairBound[];
  /** conjuncts of `early removal when` a recorded repair must have met on its own day (repair-conditions.ts) */
  readonly repairConditions: readonly RepairCondition[];
  readonly voidable: boolean;
  /** index in `ir.layers` of the layer that declared the list */
  readonly layer: number;
  /**
   * index in `ir.layers` of the layer of the list that `replaces` this one, -1 for none: while that layer is in
   * force this list is not evaluated (SEMANTICS §5)
   */
  readonly replacedBy: number;
  /** `external`: on or off like any list, never reported among the decision's lists */
  readonly external: boolean;
  /** the later of the day that layer and the policy took effect: no `when` listing begins before it */
  readonly effective: string;
  /** `[name]`, frozen: the `because` of a measure this list alone triggers, shared by every such decision */
  readonly reason: readonly string[];
}

/** One `extend to` field: a date holds the listing to that day, a duration for that term from since. */
export interface Extension {
  readonly read: Fn;
  /** the record types on which the field is a duration; null when it is a date on every type */
  readonly termTypes: ReadonlySet<string> | null;
}

/** until / repairFrom of an instance from its since, with the calendar notes that computing them raised */
export interface Periods {
  readonly until: string | null;
  readonly repair: string | null;
  readonly untilNote: string | undefined;
  readonly repairNote: string | undefined;
}

export interface ItemPlan {
  readonly name: string;
  readonly label?: string;
  readonly points: number;
  readonly cap: number | undefined;
  /** count aggregate of a `per` item; the sum of its field for an `add FIELD per …` item */
  readonly perSlot: number;
  /** `add FIELD per …`: perSlot sums the field, and the item holds when any record matched */
  readonly sums: boolean;
  /** the item's `when`: alone it is a once-item; with `per` it gates the per-record points */
  readonly once: Pred | null;
  readonly candidates: Candidates;
  readonly basis: readonly string[];
}

export interface GradeRulePlan {
  readonly grade: string;
  readonly gradeIndex: number;
  readonly when: Pred;
  readonly expr: IrExpr;
  readonly basis: readonly string[];
  /** `direct D` / `cap B`: the name reported in GradeOutcome.rule */
  readonly name: string;
  /** when `when` is an `or` of `on LIST` alone: the lists, the earliest since of those holding the subject counts */
  readonly anyOf: readonly number[] | null;
  /**
   * when the since candidates of `when` are one aggregate alone (the usual grade rule: the latest evaluation that
   * gave the grade): its slot, read directly; -1 otherwise
   */
  readonly sinceSlot: number;
  /** the since candidates of `when` when neither `anyOf` nor `sinceSlot` gives them; null otherwise */
  readonly candidates: Candidates | null;
}

export interface GradingPlan {
  readonly index: number;
  readonly name: string;
  readonly ir: IrGrading;
  /** what scoring reads of `ir`, kept here so a grading reads the plan alone (see MeasurePlan.term) */
  readonly base: number;
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly grades: readonly string[];
  /** index in `ir.layers` of the layer that declared the grading */
  readonly layer: number;
  /** the later of the days that layer and the policy took effect: no grade of it began before (SEMANTICS §3) */
  readonly effective: string;
  readonly items: readonly ItemPlan[];
  /** band grade indexes and bounds, highest `from` first */
  readonly bandFrom: readonly number[];
  readonly bandGrade: readonly number[];
  readonly direct: readonly GradeRulePlan[];
  readonly caps: readonly GradeRulePlan[];
  /** basis strings of each supervision entry, rendered once */
  readonly supervisionBasis: readonly (readonly string[])[];
  /** `supervision when COND`: the subjects the ratios are for; null = every subject */
  readonly supervisionWhen: Pred | null;
  /** `supervision note`, as the notes of a decision that has no other (frozen, shared); null without one */
  readonly supervisionNote: readonly string[] | null;
  /** `applies when`: whom the grading grades; a subject it does not hold for gets no grade from it */
  readonly appliesWhen: Pred | null;
  /** per grade, `["grading:grade"]`, frozen: the `because` of a measure that grade alone triggers */
  readonly reasons: readonly (readonly string[])[];
  /** the supervision outcome of each grade (null where the grading sets none) */
  readonly supervisionOf: readonly (SupervisionOutcome | null)[];
}

export interface MeasurePlan {
  readonly name: string;
  readonly ir: IrMeasure;
  readonly basis: readonly string[];
  readonly lists: readonly number[];
  /** grading index and the grade indexes that trigger */
  readonly grades: readonly { readonly grading: number; readonly grades: readonly number[] }[];
  /** the IR's own array: a measure names a handful of matters, and a scan beats a Set that each evaluator would copy */
  readonly matters: readonly string[] | null;
  readonly reward: boolean;
  /** `target legal_representative`: concerns nobody for a subject of KINDS_WITHOUT_REPRESENTATIVE */
  readonly representative: boolean;
  /** the measure's own `when`, read at `at` with no record in scope */
  readonly when: Pred | null;
  /** index in `ir.layers` of the layer that declared the measure */
  readonly layer: number;
  /**
   * The measure's own term, taken out of `ir` so that deciding whether a measure applies reads one object: the
   * IR lies elsewhere in memory, and loading it cost a cache miss per measure looked at.
   */
  readonly term: Duration | null;
  readonly termExact: boolean;
  /** `lists` as the range [listsFrom, listsTo) of `Plan.measureLists`: one typed array for every measure */
  readonly listsFrom: number;
  readonly listsTo: number;
}

/** One step of the evaluation order: a list or a grading (they may refer to each other). */
export type Step = { readonly t: 'list'; readonly i: number } | { readonly t: 'grading'; readonly i: number };

export interface Plan {
  readonly ir: PolicyIr;
  /** the `policy` member of every decision, shared */
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  /** `ir.effective` and `ir.until`: the dates every evaluation compares `at` with first */
  readonly effective: string;
  readonly until: string | undefined;
  readonly typeIndex: ReadonlyMap<string, number>;
  readonly typeNames: readonly string[];
  /** the record types declared `latest per F` (SEMANTICS §1): type index and F */
  readonly latestPer: readonly { readonly t: number; readonly key: string }[];
  readonly slots: readonly AggSlot[];
  readonly groups: readonly AggGroup[];
  readonly lists: readonly ListPlan[];
  readonly listIndex: ReadonlyMap<string, number>;
  readonly gradings: readonly GradingPlan[];
  readonly gradingIndex: ReadonlyMap<string, number>;
  readonly measures: readonly MeasurePlan[];
  /** measure indexes each list can trigger (directly or by a measure's own term), ascending */
  readonly measuresOfList: readonly (readonly number[])[];
  /** every measure's `lists`, one after the other (MeasurePlan.listsFrom / listsTo), contiguous in memory */
  readonly measureLists: Int32Array;
  /**
   * Per rule of every list (ListPlan.rulesFrom), the record type a `for` rule ranges over (-1 for an unknown type)
   * or -2 for a `when` rule: a rule over a type the subject has no record of is passed over without loading the
   * rule itself. One array for the plan (a typed array per list cost more memory than it saved time).
   */
  readonly ruleTypes: Int32Array;
  /** measure indexes each grade of each grading triggers, ascending: [grading][grade] */
  readonly measuresOfGrade: readonly (readonly (readonly number[])[])[];
  /** the evaluation order when every layer is in force: a replaced list is left out, its replacement being in force */
  readonly steps: readonly Step[];
  /** the evaluation order of a layered plan on a date some layer is not in force: every list, replaced or not */
  readonly layeredSteps: readonly Step[];
  readonly primaryGrading: number;
  /**
   * Some layer can be out of force while the policy is in force (a base taking effect after the policy, or
   * ending before it): only then does an evaluation look at `ctx.layerOn` (SEMANTICS §5).
   */
  readonly layered: boolean;
  /** some grading has `applies when`: a subject may get no grade from it */
  readonly gradingsMayNotApply: boolean;
  readonly blackLists: readonly number[];
  /** closures of every compiled sub-expression, for the explanation (looked up by node identity) */
  readonly fnOf: (expr: IrExpr, skipPending: boolean) => Fn;
  /** the aggregate slot an aggregate node of the policy was compiled to (for the explanation) */
  readonly slotOf: (expr: Extract<IrExpr, { op: 'agg' }>, skipPending: boolean) => number;
  readonly ctx: Ctx;
}

export interface CompiledPolicy {
  readonly ir: PolicyIr;
  readonly hash: string;
  /** the compiler passes that ran, in order */
  readonly passes: readonly string[];
  readonly plan: Plan;
}

/**
 * Instances of one list in one flat array, six slots each, so the hot path allocates no object per record and an
 * evaluator keeps one small array per list (six parallel arrays cost six times the spare capacity).
 */
export class Instances {
  n = 0;
  // Room for two instances before growing (see roomFor in index.ts).
  private readonly slots: unknown[] = new Array<unknown>(12);

  push(
    rule: number,
    rec: Rec | null,
    since: string,
    until: string | null,
    repair: string | null,
    state: InstanceState,
  ) {
    const s = this.slots;
    const i = this.n++ * 6;
    s[i] = rule;
    s[i + 1] = rec;
    s[i + 2] = since;
    s[i + 3] = until;
    s[i + 4] = repair;
    s[i + 5] = state;
  }

  rule(k: number): number {
    return this.slots[k * 6] as number;
  }
  rec(k: number): Rec | null {
    return this.slots[k * 6 + 1] as Rec | null;
  }
  since(k: number): string {
    return this.slots[k * 6 + 2] as string;
  }
  until(k: number): string | null {
    return this.slots[k * 6 + 3] as string | null;
  }
  repair(k: number): string | null {
    return this.slots[k * 6 + 4] as string | null;
  }
  state(k: number): InstanceState {
    return this.slots[k * 6 + 5] as InstanceState;
  }
  active(k: number): boolean {
    const st = this.slots[k * 6 + 5] as InstanceState;
    return st === INST_ACTIVE || st === INST_ACTIVE_REPAIR_VOID;
  }
  /** ended by a recorded repair the list allows (SEMANTICS §2) */
  repaired(k: number): boolean {
    return this.slots[k * 6 + 5] === INST_REPAIRED;
  }
}

/** Where an instance stands at `at`. */
export type InstanceState = 0 | 1 | 2 | 3;
/** not started, or its period has run out */
export const INST_INACTIVE = 0;
export const INST_ACTIVE = 1;
/** ended by a recorded repair (`repairedOn ≤ at`) the list allows */
export const INST_REPAIRED = 2;
/**
 * Active although a repair is recorded: the list's instrument bars an early end for it, or the repair is dated
 * before its repairFrom (SEMANTICS §2) — a repair the law does not allow ends nothing.
 */
export const INST_ACTIVE_REPAIR_VOID = 3;

/** Why a measure did or did not apply (codes in measures.ts); kept only for the explanation. */
export interface MeasureStatus {
  code: number;
  /** lists held only through the measure's own term (the list itself has ended) */
  termHeld: readonly string[];
}

/**
 * The scratch one evaluation writes: one per compiled policy, reset at the start of each evaluation.
 * Evaluation is synchronous, so sharing it is safe and saves allocating it per decision.
 */
export interface Ctx {
  at: string;
  subject: Subject;
  plan: Plan;
  /** the record a correlated aggregate is being computed for: what `outer F` reads (null outside one) */
  outer: Rec | null;
  /** written by bucketRecords' prefetching loop so that the loop's loads are kept */
  touched: number;
  /** counting records (not future, not revoked, no upheld objection) by record type index; `bucketN` long */
  readonly buckets: Rec[][];
  readonly bucketN: Int32Array;
  /** evaluation number: a slot or group is computed in this evaluation when its stamp equals it */
  gen: number;
  /** the subject's adultOn (subject/derived.ts), valid when adultGen is `gen`: read per record by some rules */
  adult: string | null;
  adultGen: number;
  /** records left out entirely, with the reason code, only gathered when explaining */
  ignored: Ignored[] | null;
  readonly aggDone: Int32Array;
  readonly aggVal: unknown[];
  /** latest date among the records an aggregate matched (its since candidate, unless the slot has `starts`) */
  readonly aggMax: (string | null)[];
  readonly aggRecs: Rec[][];
  readonly aggRecN: Int32Array;
  readonly listOn: Uint8Array;
  readonly listVoid: Uint8Array;
  readonly listSince: (string | null)[];
  readonly listUntil: (string | null)[];
  readonly listRepair: (string | null)[];
  readonly inst: Instances[];
  readonly gradeOf: (string | null)[];
  readonly gradeIdx: Int32Array;
  readonly score: Float64Array;
  /** 0 score, 1 direct, 2 cap */
  readonly gradeBy: Uint8Array;
  readonly gradeRule: (string | null)[];
  /** the day each grade began (null: from `at`), valid where gradeSinceGen is `gen`; computed when first asked */
  readonly gradeSince: (string | null)[];
  readonly gradeSinceGen: Int32Array;
  /** per item of each grading: contribution and whether it fired */
  readonly itemPoints: Float64Array[];
  readonly itemFired: Uint8Array[];
  /** direct / cap rules that held, per grading */
  readonly directHeld: Uint8Array[];
  readonly capHeld: Uint8Array[];
  readonly notes: Set<string>;
  /** records an aggregate's `where` is currently evaluated for; param notes are kept per slot until read */
  noteSlot: number;
  readonly slotNotes: (string[] | undefined)[];
  /** the measures this evaluation can trigger, found through the lists and grades it holds */
  readonly measureSeen: Int32Array;
  readonly measureCand: Int32Array;
  /** one status per measure, rewritten by each explained evaluation and read only while its explanation is built;
   * made on the first explained evaluation */
  statuses: MeasureStatus[] | null;
  /** discriminating attributes: per slot the attribute, the record type, and the values read this evaluation */
  readonly discKeys: readonly string[];
  readonly discType: Int32Array;
  readonly discDone: Int32Array;
  readonly discVals: unknown[][];
  /** per layer of `ir.layers`, 1 when in force at `at`; written only for a layered plan */
  readonly layerOn: Uint8Array;
  /** the `at` `layerOn` was last written for, when every layer was in force then ('' otherwise) */
  layersAllOnAt: string;
}
