// Turns a checked IR into a CompiledPolicy: indexes, closures, fused aggregates and a preallocated scratch.
import { beganTree } from './began.js';
import { repairBounds } from './repair-bounds.js';
import { repairConditions } from './repair-conditions.js';
import type { IrExpr, PolicyIr } from '../../dsl/ir.js';
import { listReplacing } from '../../dsl/ir.js';
import { basisRenderer } from './citations.js';
import { andFn, ExprCompiler, fieldReader } from './expr.js';
import { supervisionTable } from './grading.js';
import { inOneBuffer } from './scratch.js';
import { decisionOrder } from './order.js';
import { Instances } from './types.js';
import type {
  AggGroup,
  AggSlot,
  Candidates,
  CompiledPolicy,
  Ctx,
  GradeRulePlan,
  GradingPlan,
  ItemPlan,
  LapseItem,
  LapseSource,
  ListPlan,
  MeasurePlan,
  Mutable,
  Plan,
  Rec,
  RulePlan,
  Step,
} from './types.js';
import {
  childrenOf,
  lapses,
  listAlternatives,
  listsOff,
  outermost,
  readsDecisions,
  startsOfCondition,
  throughMask,
} from './walk.js';

export type { CompiledPolicy } from './types.js';

interface Build {
  readonly ir: PolicyIr;
  typeNames: string[];
  typeIndex: Map<string, number>;
  listNames: string[];
  listIndex: Map<string, number>;
  gradingNames: string[];
  gradingIndex: Map<string, number>;
  /** layer id → index in `ir.layers` */
  layerIndex: Map<string, number>;
  steps: Step[];
  readonly slots: AggSlot[];
  compiler?: ExprCompiler;
  lists: ListPlan[];
  gradings: GradingPlan[];
  measures: MeasurePlan[];
  measureLists: Int32Array;
  ruleTypes: Int32Array;
  groups: AggGroup[];
  /** attributes that tell records of a type apart for several rules (see splitWhere) */
  discs: { typeIndex: number; key: string }[];
  discIndex: Map<string, number>;
  ctx?: Ctx;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const laterOf = (a: string, b: string): string => (a > b ? a : b);
const NO_RECORDS: Rec[] = [];
/** The one empty array every empty index shares (a measure triggered by no list, a rule with no candidates). */
const NOTHING: readonly never[] = Object.freeze([]);
/**
 * A copy without spare capacity: arrays grown by `push` or `filter` keep room for 17 or more elements, and an
 * evaluator holds thousands of short ones (measured: about a tenth of its heap).
 */
const exact = <T>(a: readonly T[]): readonly T[] => (a.length === 0 ? NOTHING : a.slice());
/**
 * A scratch array with room for `n` before it grows. Written by index, an empty array's first store makes room
 * for 17; a subject has a handful of records of a type, and an evaluator holds one such array per type, per
 * collecting aggregate and per list.
 */
function roomFor<T>(n: number): T[] {
  return new Array<T>(n);
}
/** The one null every rule or slot without starts holds, rather than an empty array each. */
const nonEmpty = <T>(a: readonly T[]): readonly T[] | null => (a.length === 0 ? null : a);
const NO_CANDIDATES: Candidates = Object.freeze({
  aggs: NOTHING,
  lists: NOTHING,
  off: NOTHING,
  lapses: null,
  grades: NOTHING,
  began: null,
});

/**
 * The passes, in order. The order matters:
 * 1. `index` gives every record type, list and grading a number: closures capture numbers, not names.
 * 2. `order` needs the numbers and fixes the evaluation order of lists and gradings before anything reads them.
 * 3. `expressions` compiles conditions into closures; compiling is what allocates aggregate slots.
 * 4. `candidates` needs those slots: it marks the aggregates whose matched records a `when` rule or an item
 *    reports (since candidates, record ids) so only they keep records.
 * 5. `fuse` needs every slot to exist: it groups the aggregates over one record type into one pass.
 * 6. `scratch` comes last because it is sized by the number of slots, groups, lists and items.
 */
export const PASSES: readonly { readonly name: string; readonly run: (b: Build) => void }[] = [
  { name: 'index', run: indexPass },
  { name: 'order', run: orderPass },
  { name: 'expressions', run: expressionsPass },
  { name: 'candidates', run: candidatesPass },
  { name: 'fuse', run: fusePass },
  { name: 'scratch', run: scratchPass },
];

export function compilePolicy(ir: PolicyIr, hash: string): CompiledPolicy {
  const b: Build = {
    ir,
    typeNames: [],
    typeIndex: new Map(),
    listNames: [],
    listIndex: new Map(),
    gradingNames: [],
    gradingIndex: new Map(),
    layerIndex: new Map(),
    steps: [],
    slots: [],
    lists: [],
    gradings: [],
    measures: [],
    measureLists: new Int32Array(0),
    ruleTypes: new Int32Array(0),
    groups: [],
    discs: [],
    discIndex: new Map(),
  };
  for (const p of PASSES) p.run(b);
  const compiler = b.compiler!;
  compiler.seal();
  const plan: Plan = {
    ir,
    policy: Object.freeze({ id: ir.id, version: ir.version, hash }),
    effective: ir.effective,
    until: ir.until,
    typeIndex: b.typeIndex,
    typeNames: b.typeNames,
    latestPer: b.typeNames.flatMap((key, t) => {
      const per = ir.records[key]!.latestPer;
      return per === undefined ? [] : [{ t, key: per }];
    }),
    slots: b.slots,
    groups: b.groups,
    lists: b.lists,
    listIndex: b.listIndex,
    gradings: b.gradings,
    gradingIndex: b.gradingIndex,
    measures: b.measures,
    measureLists: b.measureLists,
    ruleTypes: b.ruleTypes,
    ...measureIndex(b),
    ...stepsOf(b),
    primaryGrading: ir.primaryGrading === undefined ? -1 : (b.gradingIndex.get(ir.primaryGrading) ?? -1),
    layered: someLayerCanLapse(ir),
    gradingsMayNotApply: b.gradings.some((g) => g.appliesWhen !== null),
    blackLists: b.lists.filter((l) => l.ir.kind === 'black').map((l) => l.index),
    fnOf: (e, sp) => compiler.fn(e, sp),
    slotOf: (e, sp) => compiler.slotOf(e, sp),
    ctx: b.ctx!,
  };
  b.ctx!.plan = plan;
  return { ir, hash, passes: PASSES.map((p) => p.name), plan };
}

/** The slot of a grade rule's one aggregate when that is all its since candidates are (the usual case), else -1. */
function sinceSlotOf(c: Candidates): number {
  const one = c.aggs.length === 1 && c.lists.length === 0 && c.off.length === 0 && c.lapses === null;
  return one && c.grades.length === 0 ? c.aggs[0]! : -1;
}

function indexPass(b: Build): void {
  b.typeNames = Object.keys(b.ir.records).sort(byCodeUnits);
  b.typeNames.forEach((n, i) => b.typeIndex.set(n, i));
  b.listNames = Object.keys(b.ir.lists).sort(byCodeUnits);
  b.listNames.forEach((n, i) => b.listIndex.set(n, i));
  b.gradingNames = Object.keys(b.ir.gradings).sort(byCodeUnits);
  b.gradingNames.forEach((n, i) => b.gradingIndex.set(n, i));
  b.ir.layers.forEach((l, i) => b.layerIndex.set(l.id, i));
}

/**
 * Whether some layer can be out of force on a date the policy is in force. Decided here so that the usual
 * policy, whose bases all took effect before it and outlive it, pays nothing per evaluation.
 */
function someLayerCanLapse(ir: PolicyIr): boolean {
  return ir.layers.some(
    (l) => l.effective > ir.effective || (l.until !== undefined && (ir.until === undefined || l.until < ir.until)),
  );
}

/** The layer of a declaration; an id the IR does not list (hand-made IR) counts as the policy's own layer. */
function layerOf(b: Build, id: string): number {
  return b.layerIndex.get(id) ?? Math.max(0, b.ir.layers.length - 1);
}

/** The later of the days a declaration's layer and the policy took effect: nothing of it begins before. */
function effectiveOf(b: Build, id: string): string {
  return laterOf(b.ir.layers[layerOf(b, id)]?.effective ?? '', b.ir.effective);
}

/**
 * A replaced list is off whenever its replacement's layer is in force, which it is on every date the plain path runs
 * (all layers in force): that path leaves it out. A policy that replaces nothing has one order for both paths.
 */
function stepsOf(b: Build): { steps: readonly Step[]; layeredSteps: readonly Step[] } {
  if (!b.lists.some((l) => l.replacedBy >= 0)) return { steps: b.steps, layeredSteps: b.steps };
  return { steps: b.steps.filter((s) => s.t !== 'list' || b.lists[s.i]!.replacedBy < 0), layeredSteps: b.steps };
}

/** Layer index of the list that replaces list `name`, -1 for none. */
function replacedBy(b: Build, name: string): number {
  const by = listReplacing(b.ir, name);
  return by === undefined ? -1 : layerOf(b, by.layer);
}

function orderPass(b: Build): void {
  b.steps = decisionOrder(b.ir, b.listNames, b.gradingNames);
}

function expressionsPass(b: Build): void {
  const ir = b.ir;
  const basisStrings = basisRenderer(ir);
  const c = new ExprCompiler({
    ir,
    typeIndex: b.typeIndex,
    listIndex: b.listIndex,
    gradingIndex: b.gradingIndex,
    slots: b.slots,
  });
  b.compiler = c;

  const ruleTypes: number[] = [];
  const pushRuleTypes = (rules: readonly RulePlan[]): number => {
    const from = ruleTypes.length;
    for (const r of rules) ruleTypes.push(r.isFor ? r.typeIndex : -2);
    return from;
  };
  b.lists = b.listNames.map((name, index) => {
    const l = ir.lists[name]!;
    const sp = l.objectionPending === 'suspend';
    const rules: RulePlan[] = l.rules.map((r, ri) => {
      const typeIndex = r.for === undefined ? -1 : (b.typeIndex.get(r.for.recordType) ?? -1);
      const split = splitWhere(b, c, r.where, sp, typeIndex);
      // Every field in one literal, none spread: the object keeps them all in-object (a spread in the middle left
      // the later ones in a separate property array, 40 bytes a rule).
      return {
        index: ri,
        ir: r,
        basis: basisStrings(r.basis),
        typeIndex,
        isFor: r.for !== undefined,
        where: split.where,
        discSlot: split.discSlot,
        discValue: split.discValue,
        when: r.when === undefined ? null : c.pred(r.when, sp),
        unless: r.unless === undefined ? null : c.pred(r.unless, sp),
        from:
          r.for?.from !== undefined
            ? fieldReader(r.for.from.key, r.for.from.builtin)
            : r.for?.fromExpr !== undefined
              ? c.fn(r.for.fromExpr, sp)
              : null,
        starts: r.for === undefined ? null : nonEmpty(startsOfCondition(r.where)),
        candidates: NO_CANDIDATES,
      };
    });
    return {
      index,
      name,
      ir: l,
      kind: l.kind,
      title: l.title,
      basis: basisStrings(l.basis),
      rules,
      rulesFrom: pushRuleTypes(rules),
      suspend: sp,
      counting: l.duration?.counting ?? 'civil',
      duration: l.duration === undefined ? null : c.fn(l.duration.period, sp),
      // Most lists have neither: the one shared empty array rather than one each.
      endsAt:
        l.endsAt === undefined
          ? NOTHING
          : [
              ...l.endsAt.fields.map((f) => fieldReader(f.key, f.builtin)),
              ...(l.endsAt.dates ?? []).map((e) => c.fn(e, sp)),
            ],
      endsWhen: l.endsAt?.when === undefined ? null : c.pred(l.endsAt.when, sp),
      extendTo:
        l.extendTo === undefined
          ? NOTHING
          : l.extendTo.fields.map((f) => ({ read: fieldReader(f.key, f.builtin), termTypes: termTypes(ir, f) })),
      after: l.earlyRemoval === undefined ? null : c.fn(l.earlyRemoval.after, sp),
      earlyWhen: l.earlyRemoval?.when === undefined ? null : c.pred(l.earlyRemoval.when, sp),
      earlyBar: l.earlyRemoval?.unless === undefined ? null : c.pred(l.earlyRemoval.unless, sp),
      barAlternatives: null,
      repairBounds: repairBounds(l.earlyRemoval?.when, c, sp),
      repairConditions: repairConditions(l.earlyRemoval?.when, b.listIndex),
      voidable: l.kind === 'red' && !l.allowBlack,
      layer: layerOf(b, l.layer),
      replacedBy: replacedBy(b, name),
      external: l.external === true,
      effective: effectiveOf(b, l.layer),
      reason: Object.freeze([name]),
    };
  });

  b.ruleTypes = Int32Array.from(ruleTypes);

  b.gradings = b.gradingNames.map((name, index) => {
    const g = ir.gradings[name]!;
    const gradePos = new Map(g.grades.map((x, i) => [x, i]));
    const items: ItemPlan[] = g.items.map((it) => {
      let perSlot = -1;
      if (it.per !== undefined) {
        const agg: IrExpr = {
          op: 'agg',
          ...(it.pointsField === undefined ? { agg: 'count' } : { agg: 'sum', field: it.pointsField }),
          recordType: it.per.recordType,
          ...(it.per.where === undefined ? {} : { where: it.per.where }),
          ...(it.per.within === undefined ? {} : { within: it.per.within }),
        };
        perSlot = c.slotOf(agg as Extract<IrExpr, { op: 'agg' }>, false);
      }
      return {
        name: it.name,
        ...(it.label === undefined ? {} : { label: it.label }),
        points: it.points,
        cap: it.cap,
        perSlot,
        sums: it.pointsField !== undefined,
        once: it.when === undefined ? null : c.pred(it.when, false),
        candidates: NO_CANDIDATES,
        basis: basisStrings(it.basis),
      };
    });
    const rulesOf = (rs: typeof g.direct, word: string): GradeRulePlan[] =>
      rs
        .filter((r) => gradePos.has(r.grade))
        .map((r) => {
          const anyOf = listAlternatives(r.when, b.listIndex);
          const cand = candidatesOf(
            c,
            b.slots,
            r.when,
            false,
            b.listIndex,
            b.typeIndex,
            b.gradingIndex,
            undefined,
            false,
          );
          const sinceSlot = sinceSlotOf(cand);
          return {
            grade: r.grade,
            gradeIndex: gradePos.get(r.grade)!,
            when: c.pred(r.when, false),
            expr: r.when,
            basis: basisStrings(r.basis),
            name: `${word} ${r.grade}`,
            anyOf,
            sinceSlot,
            candidates: anyOf === null && sinceSlot < 0 ? cand : null,
          };
        });
    const bands = g.bands.filter((x) => gradePos.has(x.grade)).sort((x, y) => y.from - x.from);
    const plan: GradingPlan = {
      index,
      name,
      ir: g,
      base: g.base,
      range: g.range ?? null,
      grades: g.grades,
      layer: layerOf(b, g.layer),
      effective: effectiveOf(b, g.layer),
      items,
      bandFrom: bands.map((x) => x.from),
      bandGrade: bands.map((x) => gradePos.get(x.grade)!),
      direct: rulesOf(g.direct, 'direct'),
      caps: rulesOf(g.caps, 'cap'),
      supervisionBasis: g.supervision.map((x) => basisStrings(x.basis)),
      supervisionWhen: g.supervisionWhen === undefined ? null : c.pred(g.supervisionWhen.when, false),
      supervisionNote: g.supervisionNote === undefined ? null : Object.freeze([g.supervisionNote]),
      appliesWhen: g.appliesWhen === undefined ? null : c.pred(g.appliesWhen.when, false),
      reasons: g.grades.map((grade) => Object.freeze([`${name}:${grade}`])),
      // filled below from the plan itself; declared here so the object keeps every member in-object
      supervisionOf: NOTHING,
    };
    (plan as Mutable<GradingPlan>).supervisionOf = supervisionTable(plan);
    return plan;
  });

  // Many measures hang on the same list (or grades): they share one frozen index array.
  const sharedIndexes = new Map<string, readonly number[]>();
  const shared = (xs: readonly number[]): readonly number[] => {
    const key = xs.join(',');
    let a = sharedIndexes.get(key);
    if (a === undefined) sharedIndexes.set(key, (a = Object.freeze(exact(xs))));
    return a;
  };
  const measureLists: number[] = [];
  b.measures = Object.keys(ir.measures)
    .sort(byCodeUnits)
    .map((name) => {
      const m = ir.measures[name]!;
      const lists = shared(m.lists.map((l) => b.listIndex.get(l)).filter((i): i is number => i !== undefined));
      const listsFrom = measureLists.length;
      measureLists.push(...lists);
      return {
        name,
        ir: m,
        basis: basisStrings(m.basis),
        lists,
        listsFrom,
        listsTo: measureLists.length,
        grades: exact(
          m.grades.flatMap((g) => {
            const gi = b.gradingIndex.get(g.grading);
            if (gi === undefined) return [];
            const scale = ir.gradings[g.grading]!.grades;
            return [{ grading: gi, grades: shared(g.grades.map((x) => scale.indexOf(x)).filter((x) => x >= 0)) }];
          }),
        ),
        matters: m.matters,
        reward: m.kind === 'reward',
        representative: m.target === 'legal_representative',
        when: m.when === undefined ? null : c.pred(m.when, false),
        layer: layerOf(b, m.layer),
        term: m.term ?? null,
        termExact: m.term !== undefined && m.termExact === true,
      };
    });
  b.measureLists = Int32Array.from(measureLists);
}

/**
 * A `for` rule whose `where` starts with `attribute == "text"` (often several rules of a list tell records of
 * one type apart by the same attribute: 令54 第六条 by `ground`): the attribute is read once per record and
 * evaluation into a shared slot, the rule skips the records whose value differs, and only the rest of the
 * condition is compiled into its `where`. The first conjunct has no side effect, so testing it first is
 * what `and` does anyway.
 */
function splitWhere(
  b: Build,
  c: ExprCompiler,
  where: IrExpr | undefined,
  sp: boolean,
  typeIndex: number,
): Pick<RulePlan, 'where' | 'discSlot' | 'discValue'> {
  if (where === undefined) return { where: null, discSlot: -1, discValue: null };
  const parts = where.op === 'and' ? where.args : [where];
  const first = parts[0]!;
  if (
    typeIndex < 0 ||
    first.op !== 'cmp' ||
    first.cmp !== '==' ||
    first.left.op !== 'field' ||
    first.left.builtin ||
    first.right.op !== 'lit' ||
    typeof first.right.value !== 'string'
  ) {
    return { where: c.pred(where, sp), discSlot: -1, discValue: null };
  }
  const key = `${typeIndex}\u0000${first.left.key}`;
  let slot = b.discIndex.get(key);
  if (slot === undefined) {
    slot = b.discs.length;
    b.discIndex.set(key, slot);
    b.discs.push({ typeIndex, key: first.left.key });
  }
  const rest = parts.slice(1);
  // Compiled as the original node too: the explanation and the aggregates' slots are keyed by node identity.
  c.pred(where, sp);
  const restPred =
    rest.length === 0 ? null : rest.length === 1 ? c.pred(rest[0]!, sp) : andFn(rest.map((x) => c.pred(x, sp)));
  return { where: restPred, discSlot: slot, discValue: first.right.value };
}

/** The record types on which an `extend to` field is a duration (a term, not an end date); null for none. */
function termTypes(
  ir: PolicyIr,
  field: { readonly key: string; readonly builtin: boolean },
): ReadonlySet<string> | null {
  if (field.builtin) return null;
  const types = Object.values(ir.records)
    .filter((rt) => rt.fields[field.key]?.type.t === 'duration')
    .map((rt) => rt.key);
  return types.length === 0 ? null : new Set(types);
}

/** Measures by the lists and grades that trigger them: a decision looks only at the ones its subject holds. */
function measureIndex(b: Build): Pick<Plan, 'measuresOfList' | 'measuresOfGrade'> {
  const ofList: number[][] = b.lists.map(() => []);
  const ofGrade: number[][][] = b.gradings.map((g) => g.ir.grades.map(() => []));
  b.measures.forEach((m, mi) => {
    for (const l of m.lists) if (!ofList[l]!.includes(mi)) ofList[l]!.push(mi);
    for (const g of m.grades)
      for (const x of g.grades) if (!ofGrade[g.grading]![x]!.includes(mi)) ofGrade[g.grading]![x]!.push(mi);
  });
  return { measuresOfList: ofList.map(exact), measuresOfGrade: ofGrade.map((g) => g.map(exact)) };
}

/**
 * One LapseSource for every rule whose `not any …` are the same aggregates (a red list's `when` rule and its `for`
 * rule repeat them): an evaluator keeps one copy (measured: 2.5 kB of 榆林's 105 kB when each kept its own). The
 * table lives while the candidates pass runs (compiling is synchronous), so nothing outlives one policy.
 */
let lapseTable: Map<string, LapseSource> | null = null;
function sharedLapses(sp: boolean, items: LapseItem[]): LapseSource {
  const key =
    (sp ? 'p' : 'c') +
    JSON.stringify(
      items.map((i) => [i.whereSlot, i.type, i.keys, i.builtin, i.through, i.shifts, i.civil, i.agg.within ?? null]),
    );
  let src = lapseTable?.get(key);
  if (src === undefined) {
    src = { skipPending: sp, items };
    lapseTable?.set(key, src);
  }
  return src;
}

function candidatesOf(
  c: ExprCompiler,
  slots: AggSlot[],
  e: IrExpr | undefined,
  sp: boolean,
  listIndex: Map<string, number>,
  /** a list rule's record types (its since reads lapses); null for a grading item, which has no since */
  typeIndex: Map<string, number> | null,
  /** the gradings (a since reads the day a grade began); null for a grading item */
  gradingIndex: Map<string, number> | null,
  unless?: IrExpr,
  /** whether the aggregates keep their records (an instance or an item reports them) */
  collect = true,
): Candidates {
  // A `for` rule without `where` can still need the subject off a list through its `unless`.
  if (e === undefined && unless === undefined) return NO_CANDIDATES;
  const found = e === undefined ? { aggs: [], lists: [], grades: [] } : outermost(e);
  const aggs = [...new Set(found.aggs.map((a) => c.slotOf(a, sp)))];
  if (collect) for (const s of aggs) slots[s]!.collect = true;
  const grades =
    gradingIndex === null
      ? []
      : [...new Set(found.grades.map((g) => gradingIndex.get(g)))].filter((i): i is number => i !== undefined);
  const indexes = (names: readonly string[]): number[] =>
    [...new Set(names.map((l) => listIndex.get(l)))].filter((i): i is number => i !== undefined);
  const lists = indexes(found.lists);
  const off = indexes(listsOff(e, unless));
  const items: LapseItem[] =
    typeIndex === null
      ? []
      : lapses(e, unless).map((lapse) => {
          const { agg, stops } = lapse;
          let builtin = 0;
          let civil = 0;
          stops.forEach((s, k) => {
            if (s.field.builtin) builtin |= 1 << k;
            if (s.civil) civil |= 1 << k;
          });
          return {
            agg,
            type: typeIndex.get(agg.recordType) ?? -1,
            whereSlot: agg.where === undefined ? -1 : c.slotOf(agg, sp),
            keys: stops.map((s) => s.field.key),
            builtin,
            through: throughMask(lapse),
            shifts: stops.some((s) => s.shift !== null) ? stops.map((s) => s.shift) : null,
            civil,
          };
        });
  const lapseSource: LapseSource | null = items.length === 0 ? null : sharedLapses(sp, items);
  return aggs.length === 0 && lists.length === 0 && off.length === 0 && lapseSource === null && grades.length === 0
    ? NO_CANDIDATES
    : {
        aggs: exact(aggs),
        lists: exact(lists),
        off: off.length === 0 ? NOTHING : exact(off),
        lapses: lapseSource,
        grades: grades.length === 0 ? NOTHING : exact(grades),
        // Only a list's `when` rule reports a since from its parts (a grade's since reads the latest candidate).
        began:
          typeIndex === null || !collect
            ? null
            : beganTree(e, {
                slotOf: (a) => c.slotOf(a, sp),
                pred: (x) => c.pred(x, sp),
                list: (l) => listIndex.get(l),
                grading: (g) => gradingIndex?.get(g),
              }),
      };
}

/**
 * What a `for` rule's since reads besides its record: the lists its `where` needs the subject off and its `not any …`
 * that stop counting (SEMANTICS §2) — the instance is reported from the later day they cleared; NO_CANDIDATES for none.
 */
function clearingOf(c: Candidates): Candidates {
  if (c.off.length === 0 && c.lapses === null) return NO_CANDIDATES;
  return { aggs: NOTHING, lists: NOTHING, off: c.off, lapses: c.lapses, grades: NOTHING, began: null };
}

function candidatesPass(b: Build): void {
  lapseTable = new Map();
  try {
    candidatesOfRules(b);
  } finally {
    lapseTable = null;
  }
}

function candidatesOfRules(b: Build): void {
  const c = b.compiler!;
  for (const lp of b.lists) {
    for (const r of lp.rules) {
      if (r.isFor) {
        (r as { candidates: Candidates }).candidates = clearingOf(
          candidatesOf(c, b.slots, r.ir.where, lp.suspend, b.listIndex, b.typeIndex, null, r.ir.unless, false),
        );
        continue;
      }
      (r as { candidates: Candidates }).candidates = candidatesOf(
        c,
        b.slots,
        r.ir.when,
        lp.suspend,
        b.listIndex,
        b.typeIndex,
        b.gradingIndex,
        r.ir.unless,
      );
    }
  }
  for (const gp of b.gradings) {
    gp.items.forEach((it, k) => {
      if (it.perSlot >= 0) b.slots[it.perSlot]!.collect = true;
      if (it.perSlot < 0) {
        const when = gp.ir.items[k]!.when;
        (it as { candidates: Candidates }).candidates = candidatesOf(c, b.slots, when, false, b.listIndex, null, null);
      }
    });
  }
}

/** An aggregate can share a pass when its `where` reads neither another aggregate nor a list or grade. */
function fusable(s: AggSlot): boolean {
  const w = s.expr.where;
  if (w === undefined) return true;
  const hasAgg = (x: IrExpr): boolean => x.op === 'agg' || childrenOf(x).some(hasAgg);
  return !readsDecisions(w) && !hasAgg(w);
}

function fusePass(b: Build): void {
  const byKey = new Map<string, AggGroup>();
  for (const s of b.slots) {
    if (!fusable(s) || s.correlated || s.typeIndex < 0) continue;
    const key = `${s.typeIndex}:${s.skipPending ? 1 : 0}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = { index: b.groups.length, typeIndex: s.typeIndex, skipPending: s.skipPending, slots: [] };
      byKey.set(key, g);
      b.groups.push(g);
    }
    g.slots.push(s);
    s.group = g.index;
  }
  for (const g of b.groups) (g as { slots: AggSlot[] }).slots = g.slots.slice();
}

function scratchPass(b: Build): void {
  const nSlots = b.slots.length;
  const nLists = b.lists.length;
  const nGradings = b.gradings.length;
  const t = inOneBuffer((a) => ({
    bucketN: a.i32(b.typeNames.length),
    aggDone: a.i32(nSlots),
    aggRecN: a.i32(nSlots),
    listOn: a.u8(nLists),
    listVoid: a.u8(nLists),
    gradeIdx: a.i32(nGradings),
    gradeSinceGen: a.i32(nGradings),
    score: a.f64(nGradings),
    gradeBy: a.u8(nGradings),
    itemPoints: b.gradings.map((g) => a.f64(g.items.length)),
    itemFired: b.gradings.map((g) => a.u8(g.items.length)),
    directHeld: b.gradings.map((g) => a.u8(g.direct.length)),
    capHeld: b.gradings.map((g) => a.u8(g.caps.length)),
    measureSeen: a.i32(b.measures.length),
    measureCand: a.i32(b.measures.length),
    discType: a.i32(b.discs.length),
    discDone: a.i32(b.discs.length),
    layerOn: a.u8(Math.max(1, b.ir.layers.length)),
  }));
  t.discType.set(b.discs.map((d) => d.typeIndex));
  // Read only by a layered plan, which rewrites it per evaluation; every layer is in force for the others.
  t.layerOn.fill(1);
  b.ctx = {
    at: '',
    subject: { id: '', kind: 'enterprise', records: [] },
    plan: undefined as unknown as Plan,
    outer: null,
    touched: 0,
    buckets: b.typeNames.map(() => roomFor<Rec>(4)),
    bucketN: t.bucketN,
    gen: 0,
    adult: null,
    adultGen: 0,
    ignored: null,
    aggDone: t.aggDone,
    aggVal: new Array<unknown>(nSlots).fill(null),
    aggMax: new Array<string | null>(nSlots).fill(null),
    // Only aggregates that report their records keep them; the others share one array nothing writes to.
    aggRecs: b.slots.map((s) => (s.collect ? roomFor<Rec>(4) : NO_RECORDS)),
    aggRecN: t.aggRecN,
    listOn: t.listOn,
    listVoid: t.listVoid,
    listSince: new Array<string | null>(nLists).fill(null),
    listUntil: new Array<string | null>(nLists).fill(null),
    listRepair: new Array<string | null>(nLists).fill(null),
    inst: b.lists.map(() => new Instances()),
    gradeOf: new Array<string | null>(nGradings).fill(null),
    gradeIdx: t.gradeIdx,
    score: t.score,
    gradeBy: t.gradeBy,
    gradeRule: new Array<string | null>(nGradings).fill(null),
    gradeSince: new Array<string | null>(nGradings).fill(null),
    gradeSinceGen: t.gradeSinceGen,
    itemPoints: t.itemPoints,
    itemFired: t.itemFired,
    directHeld: t.directHeld,
    capHeld: t.capHeld,
    notes: new Set(),
    noteSlot: -1,
    slotNotes: new Array<string[] | undefined>(nSlots).fill(undefined),
    measureSeen: t.measureSeen,
    measureCand: t.measureCand,
    discKeys: b.discs.map((d) => d.key),
    discType: t.discType,
    discDone: t.discDone,
    discVals: b.discs.map(() => roomFor<unknown>(4)),
    statuses: null,
    layerOn: t.layerOn,
    layersAllOnAt: '',
  };
}
