// Turns a compiled plan into the parts of its explanation that are the same for every decision, built once per plan.
import type { IrExpr, IrLayer } from '../../dsl/ir.js';
import type { Ctx, GradingPlan, ListPlan, MeasurePlan, Plan, Rec, RulePlan } from '../compile/types.js';
import { passingRecords } from '../compile/aggregates.js';
import { fieldReader } from '../compile/expr.js';
import { datedField } from '../compile/repair-bounds.js';
import type { ExplainNode, ListOutcome, MeasureOutcome } from '../contract.js';
import { formatDate, formatDuration } from './format.js';
import { earlyEndPossible, exitWords, noTermWords } from './exit-words.js';
import type { ExitWords } from './exit-words.js';
import { listKindSuffix, measureKindWords } from './words.js';
import { printExprCached, recordTypeLabel } from './print.js';
import type { Scope, UnmetParts, Why } from './why.js';
import { compileUnmet, compileWhy, fieldsRead, readsAsPolicyLanguage, requirement } from './why.js';

export type Node = { -readonly [K in keyof ExplainNode]: ExplainNode[K] };

export function node(
  kind: ExplainNode['kind'],
  outcome: ExplainNode['outcome'],
  text: string,
  extra?: Partial<Node>,
): Node {
  const n: Node = { kind, outcome, text };
  if (extra === undefined) return n;
  // Plain assignments (no Object.entries / spreads): the explanation is built per decision.
  if (extra.name !== undefined) n.name = extra.name;
  if (extra.records !== undefined && extra.records.length > 0) n.records = extra.records;
  if (extra.values !== undefined) n.values = extra.values;
  if (extra.basis !== undefined && extra.basis.length > 0) n.basis = extra.basis;
  if (extra.dates !== undefined) n.dates = extra.dates;
  if (extra.children !== undefined && extra.children.length > 0) n.children = extra.children;
  return n;
}

/** A node that is the same in every decision: shared between them, so frozen. */
function fixed(kind: ExplainNode['kind'], outcome: ExplainNode['outcome'], text: string, extra?: Partial<Node>) {
  return Object.freeze(node(kind, outcome, text, extra)) as ExplainNode;
}

function basisOf(plan: Plan, cs: Plan['ir']['lists'][string]['basis']): string[] {
  const ir = plan.ir;
  return cs.map((c) => `《${ir.bases[c.basis]?.title ?? c.basis}》${c.article ?? c.section ?? ''}`);
}

function listTitle(lp: ListPlan): string {
  return lp.ir.title ?? lp.name;
}

export interface RuleText {
  readonly rule: RulePlan;
  readonly name: string;
  readonly applies: string;
  readonly notApplies: string;
  /** record type of a `for` rule */
  readonly type: string | null;
  /** `for` rule without a counting record */
  readonly noRecords: ExplainNode;
  /** the whole rule node then */
  readonly noRecordsRule: ExplainNode | null;
  /** `when` rule whose `unless` held */
  readonly unlessHeld: ExplainNode | null;
  /** `for` rule: a record's `unless` held (after `记录 <id>`) */
  readonly unlessTail: string;
  readonly unlessBasis: readonly string[];
  readonly reads: ReturnType<typeof fieldsRead>;
  readonly instanceBasis: readonly string[];
  readonly whyWhen: Why | null;
  readonly whyWhere: Why | null;
  /** the list's early-removal condition, with this rule's record type in scope */
  readonly unmetEarly: UnmetParts | null;
}

export interface ListText {
  readonly title: string;
  /** `「title」` */
  readonly quoted: string;
  readonly appliesHead: string;
  readonly voidHead: string;
  readonly notHead: string;
  /** why a replaced list does not apply while its replacement's layer is in force; null for a list not replaced */
  readonly replaced: string | null;
  readonly rules: readonly RuleText[];
  /** the list node when it is not on and every rule is a `for` rule without counting records */
  readonly noRecords: ExplainNode | null;
  readonly untilHead: string;
  /** how the list's instrument words its end (移出, 停止公示, 停止公布, 删除) */
  readonly exit: ExitWords;
  readonly noUntil: ExplainNode;
  readonly remedyText: string;
  readonly remedyBasis: readonly string[];
  /** `early removal … unless BAR` held: the node that says early removal is not granted, and why */
  readonly barred: ExplainNode | null;
  /** a bar of several alternatives (`unless A or B`): each with its test, so the node names those that hold */
  readonly barParts: readonly BarPart[] | null;
  /** each condition a recorded repair must have met on its day (repair-conditions.ts), as a requirement */
  readonly repairConditions: ReadonlyMap<IrExpr, string>;
}

export interface BarPart {
  readonly holds: (ctx: Ctx, rec: Rec | null) => boolean;
  readonly text: string;
}

export interface GradingText {
  readonly head: string;
  /** `「title」不予评级：` */
  readonly noGrade: string;
  /** `applies when` does not hold: the subject is not one the grading grades (null without the clause) */
  readonly outOfScope: ExplainNode | null;
  readonly basis: readonly string[];
  readonly itemLabels: readonly string[];
  readonly itemNot: readonly ExplainNode[];
  readonly directHeld: readonly ExplainNode[];
  readonly capHeld: readonly ExplainNode[];
  /** for a rule `A or B …` worded in prose: its alternatives, so the explanation names those that hold */
  readonly directParts: readonly (RuleParts | null)[];
  readonly capParts: readonly (RuleParts | null)[];
}

/** The alternatives of a grade rule's `or` condition, and the words around them (`直接评为D：`). */
export interface RuleParts {
  readonly head: string;
  readonly parts: readonly BarPart[];
}

export interface MeasureText {
  readonly appliesHead: string;
  /** `不适用「label」：` */
  readonly notHead: string;
  readonly term: string;
  readonly matterHead: string;
  readonly matterTail: string;
  readonly rewardBlack: ExplainNode;
  readonly noRepresentative: ExplainNode;
  readonly notTriggered: ExplainNode;
  /**
   * notTriggered while the replacing layers of the measure's replaced lists are in force (those lists are off, and
   * naming them as lists the subject is not on would contradict the replacing list's own measure); null when none
   * of its lists is replaced
   */
  readonly notTriggeredReplaced: ExplainNode | null;
  /** `term exactly` run out while the subject is still on the list */
  readonly termEnded: ExplainNode;
  /** `不适用「label」：适用条件不满足：` */
  readonly conditionHead: string;
  /** why the measure's own `when` failed (null without one) */
  readonly whyWhen: Why | null;
}

/** Why a layer's declarations do not apply, before it takes effect and after it ends (SEMANTICS §5). */
export interface LayerText {
  readonly notYet: string;
  readonly ended: string;
}

export interface PlanText {
  readonly lists: readonly ListText[];
  readonly layers: readonly LayerText[];
  readonly gradings: readonly GradingText[];
  readonly measures: readonly MeasureText[];
  readonly measureIndex: ReadonlyMap<string, number>;
  /** per-decision lookups of the outcomes by plan index; left all undefined between decisions */
  readonly listOutcome: (ListOutcome | undefined)[];
  readonly measureOutcome: (MeasureOutcome | undefined)[];
}

function scope(plan: Plan, type: string | null, skipPending: boolean): Scope {
  return {
    ir: plan.ir,
    fnOf: (e: IrExpr) => plan.fnOf(e, skipPending),
    type,
    // The slot is looked up on first use, like the closures: explaining never makes the compiler build one.
    recordsOf: (agg) => (ctx, outer) => passingRecords(ctx, plan.slotOf(agg, skipPending), outer),
  };
}

/**
 * The unmet parts of an early-removal condition, leaving out a dated conjunct (`限制期满日 < 评价日期`) whose
 * date the record has: repairFrom already waits for it, and "from D, still needed: the date must pass" says it twice.
 */
function unmetBeyondDate(s: Scope, e: IrExpr): UnmetParts {
  const parts = (e.op === 'and' ? e.args : [e]).map((c): UnmetParts => {
    const unmet = compileUnmet(s, c);
    const f = datedField(c);
    if (f === null) return unmet;
    const read = fieldReader(f.key, f.builtin);
    // Left to repairFrom only when the date is on or before `at`: a date after it (a performance recorded for a
    // later day) is not yet a fact at `at`, so the requirement is still unmet there.
    return (ctx, rec, out) => {
      const v = read(ctx, rec);
      if (typeof v !== 'string' || v >= ctx.at) unmet(ctx, rec, out);
    };
  });
  return (ctx, rec, out) => {
    for (let i = 0; i < parts.length; i++) parts[i]!(ctx, rec, out);
  };
}

function ruleText(plan: Plan, lp: ListPlan, rule: RulePlan, durationBasis: readonly string[]): RuleText {
  const r = rule.ir;
  const ir = plan.ir;
  const label = r.label ?? r.name;
  const type = r.for?.recordType ?? null;
  const unlessBasis = basisOf(plan, r.unlessBasis);
  const outside = scope(plan, null, lp.suspend);
  const inScope = scope(plan, type, lp.suspend);
  const early = lp.ir.earlyRemoval?.when;
  const noRecords = fixed(
    'condition',
    'not-applies',
    `没有可计入的「${type === null ? '' : recordTypeLabel(ir, type)}」记录`,
  );
  return {
    rule,
    name: r.name,
    applies: `规则「${label}」成立`,
    notApplies: `规则「${label}」不成立`,
    type,
    noRecords,
    noRecordsRule: rule.isFor
      ? fixed('rule', 'not-applies', `规则「${label}」不成立`, {
          name: r.name,
          basis: rule.basis,
          children: [noRecords],
        })
      : null,
    unlessHeld:
      r.unless === undefined
        ? null
        : fixed('condition', 'not-applies', `排除情形成立：\`${printExprCached(ir, r.unless, null)}\``, {
            basis: unlessBasis,
          }),
    unlessTail: r.unless === undefined ? '' : `：排除情形成立 \`${printExprCached(ir, r.unless, type)}\``,
    unlessBasis,
    reads: type === null ? [] : fieldsRead(ir, [r.where, r.unless], type),
    instanceBasis: [...rule.basis, ...durationBasis],
    whyWhen: r.when === undefined ? null : compileWhy(outside, r.when),
    whyWhere: r.where === undefined || type === null ? null : compileWhy(inScope, r.where),
    unmetEarly: early === undefined ? null : unmetBeyondDate(inScope, early),
  };
}

/** The bar held, in prose (as a requirement would read): the node the remedy shows, and the prose reads. */
function barredNode(plan: Plan, lp: ListPlan, bar: IrExpr, basis: readonly string[], w: ExitWords): ExplainNode {
  const type = lp.rules.find((r) => r.isFor)?.ir.for?.recordType ?? null;
  // `unless true`: the instrument bars every early end (令45 第十四条第三款 不得提前停止公示); nothing to name.
  const always = bar.op === 'lit' && bar.value === true;
  const text = always ? '' : requirement(scope(plan, type, lp.suspend), bar);
  return fixed('condition', 'not-applies', always ? `不予${w.early}` : `不予${w.early}：${text}`, {
    basis,
    values: { bar: text },
  });
}

/** The alternatives of an `unless A or B` bar, each in prose with its test. */
function barParts(plan: Plan, lp: ListPlan, args: readonly IrExpr[]): readonly BarPart[] {
  const type = lp.rules.find((r) => r.isFor)?.ir.for?.recordType ?? null;
  return alternatives(plan, scope(plan, type, lp.suspend), args, lp.suspend);
}

/** The alternatives of an `or`, each with its test and its prose in scope `s`. */
function alternatives(plan: Plan, s: Scope, args: readonly IrExpr[], skipPending: boolean): BarPart[] {
  return args.map((a) => {
    const test = plan.fnOf(a, skipPending);
    return { holds: (ctx, rec) => test(ctx, rec) === true, text: requirement(s, a) };
  });
}

function listText(plan: Plan, lp: ListPlan): ListText {
  const title = listTitle(lp);
  const durationBasis = lp.ir.duration === undefined ? [] : basisOf(plan, lp.ir.duration.basis);
  const remedyBasis = [...durationBasis];
  const er = lp.ir.earlyRemoval;
  if (er !== undefined) remedyBasis.push(...basisOf(plan, er.basis));
  const rules = lp.rules.map((r) => ruleText(plan, lp, r, durationBasis));
  const fixedRules = rules.map((r) => r.noRecordsRule);
  const notHead = `未列入「${title}」`;
  const exit = exitWords(plan.ir, lp.name);
  return {
    exit,
    title,
    quoted: `「${title}」`,
    appliesHead: lp.external
      ? `经有关部门列入「${title}」（该名单由有关部门管理，本政策不作列入决定，据此适用本政策的措施），自`
      : `列入「${title}」${listKindSuffix(lp.ir.kind, title)}，自`,
    voidHead: `「${title}」不适用：主体被列入严重失信主体名单`,
    notHead,
    replaced: replacedText(plan, lp),
    rules,
    noRecords:
      fixedRules.length > 0 && fixedRules.every((r) => r !== null)
        ? fixed('list', 'not-applies', `${notHead}：${fixedRules[0]!.children![0]!.text}`, {
            name: lp.name,
            basis: lp.basis,
            children: fixedRules as ExplainNode[],
          })
        : null,
    untilHead: `「${title}」至`,
    noUntil: fixed('remedy', 'info', `「${title}」${noTermWords(earlyEndPossible(lp.ir), exit)}`),
    remedyText: `「${title}」的${exit.remedy}`,
    remedyBasis,
    barred: er?.unless === undefined ? null : barredNode(plan, lp, er.unless, basisOf(plan, er.basis), exit),
    barParts: er?.unless?.op === 'or' ? barParts(plan, lp, er.unless.args) : null,
    repairConditions: new Map(
      lp.repairConditions.map((c) => [
        c.expr,
        requirement(scope(plan, lp.rules.find((r) => r.isFor)?.ir.for?.recordType ?? null, lp.suspend), c.expr),
      ]),
    ),
  };
}

function gradingText(plan: Plan, gp: GradingPlan): GradingText {
  // Worded as a requirement where prose can word it (因被列入「…」; kept as `requirement` for the notice), else the
  // condition as written.
  const held = (word: string) => (r: GradingPlan['direct'][number]) => {
    const prose = requirement(scope(plan, null, false), r.expr);
    if (readsAsPolicyLanguage(prose)) {
      const code = `\`${printExprCached(plan.ir, r.expr, null)}\` 成立`;
      return fixed('rule', 'applies', `${word}${r.grade}：${code}`, { name: r.name, basis: r.basis });
    }
    return fixed('rule', 'applies', `${word}${r.grade}：${prose}`, {
      name: r.name,
      basis: r.basis,
      values: { requirement: prose },
    });
  };
  // The alternatives of an `or` rule each worded in prose (none left in the policy language), else null.
  const partsOf = (word: string) => (r: GradingPlan['direct'][number]) => {
    if (r.expr.op !== 'or') return null;
    const parts = alternatives(plan, scope(plan, null, false), r.expr.args, false);
    return parts.some((p) => readsAsPolicyLanguage(p.text)) ? null : { head: `${word}${r.grade}：`, parts };
  };
  return {
    head: `「${gp.ir.title ?? gp.name}」得分`,
    noGrade: `「${gp.ir.title ?? gp.name}」不予评级：`,
    outOfScope:
      gp.ir.appliesWhen === undefined
        ? null
        : fixed(
            'grade',
            'not-applies',
            `「${gp.ir.title ?? gp.name}」不予评级：主体不在评价范围内（评价范围：${requirement(scope(plan, null, false), gp.ir.appliesWhen.when)}）`,
            { name: gp.name, basis: basisOf(plan, gp.ir.appliesWhen.basis) },
          ),
    basis: basisOf(plan, gp.ir.basis),
    itemLabels: gp.items.map((it) => `「${it.label ?? it.name}」计`),
    itemNot: gp.items.map((it) =>
      fixed('item', 'not-applies', `「${it.label ?? it.name}」不计分：没有符合条件的记录`, {
        name: it.name,
        basis: it.basis,
      }),
    ),
    directHeld: gp.direct.map(held('直接评为')),
    capHeld: gp.caps.map(held('最高评为')),
    directParts: gp.direct.map(partsOf('直接评为')),
    capParts: gp.caps.map(partsOf('最高评为')),
  };
}

function measureText(plan: Plan, mp: MeasurePlan): MeasureText {
  const m = mp.ir;
  const label = m.label ?? m.name;
  const kind = measureKindWords(m);
  const lists = mp.lists.map((l) => `「${listTitle(plan.lists[l]!)}」`);
  const grades = m.grades.map((g) => `「${g.grading}」等级${g.grades.join('/')}`);
  const notGraded = grades.length === 0 ? '' : '，且信用等级不是' + grades.join('、');
  const untriggered = `主体未被列入${lists.length === 0 ? '相关名单' : lists.join('、')}${notGraded}`;
  // 令44's list replaces the 公示条例 one: "not on 市场监督管理严重违法失信名单" beside that list's own measure reads as
  // a contradiction, so the replaced list is named as replaced, and by what.
  const replaced = mp.lists.filter((l) => plan.lists[l]!.replacedBy >= 0);
  const kept = mp.lists.filter((l) => plan.lists[l]!.replacedBy < 0).map((l) => `「${listTitle(plan.lists[l]!)}」`);
  const replacedWords = replaced.map(
    (l) => `「${listTitle(plan.lists[l]!)}」${replacedBy(plan, plan.lists[l]!)}，本措施不因其适用`,
  );
  const untriggeredReplaced =
    (kept.length === 0 && grades.length === 0
      ? ''
      : `主体未被列入${kept.length === 0 ? '相关名单' : kept.join('、')}${notGraded}；`) + replacedWords.join('；');
  const not = (why: string) =>
    fixed('measure', 'not-applies', `不适用「${label}」：${why}`, { name: mp.name, basis: mp.basis });
  return {
    appliesHead: `适用「${label}」（${kind}）：因`,
    notHead: `不适用「${label}」：`,
    term: m.term === undefined ? '' : `；名单已届满，但本措施期限（${formatDuration(m.term)}）尚未届满`,
    matterHead: `不适用「${label}」：事项「`,
    matterTail: `」不在本措施的适用事项（${(m.matters ?? []).join('、')}）之内`,
    rewardBlack: not('主体在严重失信主体名单上，守信激励措施不予适用'),
    noRepresentative: not('本措施针对法定代表人，主体为自然人或农户，没有法定代表人'),
    conditionHead: `不适用「${label}」：本措施的适用条件不满足：`,
    whyWhen: m.when === undefined ? null : compileWhy(scope(plan, null, false), m.when),
    notTriggered: not(untriggered),
    notTriggeredReplaced: replaced.length === 0 ? null : not(untriggeredReplaced),
    termEnded: not(
      m.term === undefined ? untriggered : `自列入名单之日起${formatDuration(m.term)}的措施期限已届满（名单仍在期内）`,
    ),
  };
}

/** `未列入「A」：自…起由《LAYER》的「B」取代，本名单不适用`, the words after the head. */
function replacedText(plan: Plan, lp: ListPlan): string | null {
  return lp.replacedBy < 0 ? null : `${replacedBy(plan, lp)}，本名单不适用`;
}

/** `自《TITLE》施行之日（DATE）起由该规定的「LIST」取代` for a list some layer replaces. */
function replacedBy(plan: Plan, lp: ListPlan): string {
  const layer = plan.ir.layers[lp.replacedBy]!;
  const by = plan.lists.find((l) => l.ir.replaces === lp.name && l.layer === lp.replacedBy);
  const byTitle = by === undefined ? '' : `的「${listTitle(by)}」`;
  return `自《${layer.title}》施行之日（${formatDate(layer.effective)}）起由该规定${byTitle}取代`;
}

function layerText(layer: IrLayer): LayerText {
  return {
    notYet: `所属《${layer.title}》尚未施行（施行日期${formatDate(layer.effective)}）`,
    ended: layer.until === undefined ? '' : `所属《${layer.title}》已终止（终止日期${formatDate(layer.until)}）`,
  };
}

const texts = new WeakMap<Plan, PlanText>();

/** The explanation text of a plan that does not depend on the subject, made on its first explained decision. */
export function planText(plan: Plan): PlanText {
  let t = texts.get(plan);
  if (t === undefined) {
    t = {
      lists: plan.lists.map((lp) => listText(plan, lp)),
      layers: plan.ir.layers.map(layerText),
      gradings: plan.gradings.map((gp) => gradingText(plan, gp)),
      measures: plan.measures.map((mp) => measureText(plan, mp)),
      measureIndex: new Map(plan.measures.map((mp, i) => [mp.name, i])),
      listOutcome: plan.lists.map(() => undefined),
      measureOutcome: plan.measures.map(() => undefined),
    };
    texts.set(plan, t);
  }
  return t;
}
