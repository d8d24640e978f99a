// Turns the evaluation scratch and the decision into the explanation tree: lists, rules, instances, grades, measures, remedies.
import { SUBJECT_KINDS } from '../../dsl/ir.js';
import {
  M_CONDITION,
  M_LAYER,
  M_MATTER,
  M_NO_REPRESENTATIVE,
  M_REWARD_BLACK,
  M_TERM_ENDED,
} from '../compile/measures.js';
import type { MeasureStatus } from '../compile/measures.js';
import type { Ctx, GradingPlan, Ignored, ListPlan, MeasurePlan, Plan, Rec } from '../compile/types.js';
import { INST_ACTIVE_REPAIR_VOID, INST_REPAIRED } from '../compile/types.js';
import { canLapse, lapseOf, outermost, readsOuter } from '../compile/walk.js';
import type { IrExpr, IrRule } from '../../dsl/ir.js';
import type { Lapse } from '../compile/walk.js';
import { CalendarCoverageError } from '../time/calendar.js';
import { addDays } from '../time/dates.js';
import { passingRecords } from '../compile/aggregates.js';
import { listOutcome as listOutcomeOf, repairUnmet } from '../compile/lists.js';
import { sinceCause } from '../compile/since.js';
import type { AttrValue, Decision, ExplainNode, ListOutcome, MeasureOutcome, Subject } from '../contract.js';
import { earlyWords } from './exit-words.js';
import { formatDate, maskIdentity } from './format.js';
import type { BarPart, ListText, MeasureText, Node, PlanText, RuleParts, RuleText } from './static.js';
import { node, planText } from './static.js';
import type { Unmet } from './why.js';
import { lastCountedDay, namedRecords, valuesRead } from './why.js';

const IGNORED_ZH = {
  future: '日期晚于评价日期，不予计入',
  revoked: '已被撤销，不予计入',
  upheld: '异议成立，不予计入',
  type: '记录类型不在本政策的记录目录中，不予计入',
  superseded: '已被同一事项日期较晚的记录取代，不予计入',
} as const;

/** Why a record was left out; a superseded one names the record, the field and the value that superseded it. */
function ignoredText(plan: Plan, x: Ignored): string {
  if (x.why !== 'superseded' || x.by === undefined) return IGNORED_ZH[x.why];
  const type = plan.ir.records[x.rec.type];
  const key = type?.latestPer ?? '';
  const field = type?.fields[key]?.label ?? key;
  const value = String(x.rec.attrs?.[key] ?? '');
  return `已被${field}同为 ${value} 的较晚记录 ${x.by.id}（${formatDate(x.by.date)}）取代，不予计入`;
}

const d = (x: string | null | undefined): string => (x === null || x === undefined ? '无固定期限' : formatDate(x));
/** '，至2027年3月1日止' or '，无固定期限' */
const till = (x: string | null | undefined): string =>
  x === null || x === undefined ? '，无固定期限' : '，至' + formatDate(x) + '止';

/** The prose of the alternatives of an `or` that hold for `rec`, in the order written. */
function heldTexts(parts: readonly BarPart[], ctx: Ctx, rec: Rec | null): string[] {
  const out: string[] = [];
  for (const p of parts) if (p.holds(ctx, rec)) out.push(p.text);
  return out;
}

function subjectWords(subject: Subject): string {
  const id = subject.kind === 'natural_person' ? maskIdentity(subject.id) : subject.id;
  const kind = SUBJECT_KINDS[subject.kind] ?? subject.kind;
  return subject.name === undefined ? `${kind}（${id}）` : `${kind}${subject.name}（${id}）`;
}

const byDateThenId = (a: { rec: Rec }, b: { rec: Rec }): number =>
  a.rec.date !== b.rec.date
    ? a.rec.date < b.rec.date
      ? -1
      : 1
    : a.rec.id < b.rec.id
      ? -1
      : a.rec.id > b.rec.id
        ? 1
        : 0;

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Distinct ids, sorted by code units (what `[...new Set(ids)].sort()` gives). */
function distinctSorted(ids: string[]): string[] {
  if (ids.length < 2) return ids;
  return [...new Set(ids)].sort(byCodeUnits);
}

interface ClearingShape {
  /** conjuncts that must hold as they are */
  readonly others: readonly IrExpr[];
  /** `not any T where …` conjuncts whose records stop counting on dates (walk.ts Lapse) */
  readonly barring: readonly { readonly agg: Extract<IrExpr, { op: 'agg' }>; readonly lapse: Lapse }[];
}

const shapes = new WeakMap<IrRule, ClearingShape | null>();

/** A `when` rule split for clearsOn, once per rule; null when no conjunct is a `not any` with dated stops. */
function clearingShape(r: IrRule): ClearingShape | null {
  let shape = shapes.get(r);
  if (shape !== undefined) return shape;
  const others: IrExpr[] = [];
  const barring: { agg: Extract<IrExpr, { op: 'agg' }>; lapse: Lapse }[] = [];
  for (const c of r.when === undefined ? [] : r.when.op === 'and' ? r.when.args : [r.when]) {
    const lapse = c.op === 'not' && c.arg.op === 'agg' && c.arg.agg === 'any' ? lapseOf(c.arg) : null;
    if (lapse === null) others.push(c);
    else barring.push({ agg: lapse.agg, lapse });
  }
  // A ground that can run out before the records do (a rating's validity, a look-back window) promises nothing.
  shape = barring.length === 0 || others.some((c) => canLapse(c)) ? null : { others, barring };
  shapes.set(r, shape);
  return shape;
}

class Builder {
  readonly plan: Plan;
  readonly text: PlanText;
  constructor(
    readonly ctx: Ctx,
    readonly decision: Omit<Decision, 'explanation'>,
  ) {
    this.plan = ctx.plan;
    this.text = planText(ctx.plan);
  }

  /** Why a declaration of layer `layer` does not apply, or null when that layer is in force. */
  lapsed(layer: number): string | null {
    const ctx = this.ctx;
    if (!this.plan.layered || ctx.layerOn[layer] === 1) return null;
    const lt = this.text.layers[layer]!;
    return ctx.at < this.plan.ir.layers[layer]!.effective ? lt.notYet : lt.ended;
  }

  /** Whether every replaced list among the measure's lists is replaced at `at` (its replacement's layer in force). */
  listsReplaced(mp: MeasurePlan): boolean {
    const ctx = this.ctx;
    let any = false;
    for (const l of mp.lists) {
      const by = this.plan.lists[l]!.replacedBy;
      if (by < 0) continue;
      if (this.plan.layered && ctx.layerOn[by] !== 1) return false;
      any = true;
    }
    return any;
  }

  /**
   * A red list's `when` rule that fails only on `not any T where …` conjuncts whose records stop counting on known
   * days: when it would hold, everything else staying as it is — the counterfactual a subject can act on (the
   * reward it can expect once an adverse record ages out of its disclosure period). Null for anything else.
   */
  clearsOn(lp: ListPlan, r: IrRule): Node | null {
    try {
      return this.clearing(lp, r);
    } catch (error) {
      // A condition the evaluation never had to ask (it stopped at the first that failed) may need a working day of a
      // year the calendar lacks: the explanation promises nothing rather than fail where the decision did not.
      if (error instanceof CalendarCoverageError) return null;
      throw error;
    }
  }

  private clearing(lp: ListPlan, r: IrRule): Node | null {
    const ctx = this.ctx;
    const shape = clearingShape(r);
    if (shape === null) return null;
    // The other conditions first: most subjects lack the ground itself, and are done with in a test or two.
    for (const c of shape.others) if (this.plan.fnOf(c, lp.suspend)(ctx, null) !== true) return null;
    if (r.unless !== undefined && this.plan.fnOf(r.unless, lp.suspend)(ctx, null)) return null;
    let clear = '';
    const barring: string[] = [];
    for (const { agg, lapse } of shape.barring) {
      const recs = passingRecords(ctx, this.plan.slotOf(agg, lp.suspend), null);
      if (recs.length === 0) continue;
      for (const rec of recs) {
        const last = lastCountedDay(lapse, rec, ctx.at);
        if (last === null) return null;
        const next = addDays(last, 1);
        if (next > clear) clear = next;
      }
      barring.push(namedRecords(recs, lapse, ctx.at));
    }
    if (clear === '') return null;
    return {
      kind: 'remedy',
      outcome: 'info',
      text: `其他条件均已满足；记录 ${barring.join('、')}不再计入后，如无其他变化，可自${formatDate(clear)}起列入`,
      dates: { from: clear },
    };
  }

  // ---------------------------------------------------------------- lists

  list(lp: ListPlan, outcome: ListOutcome | undefined): ExplainNode {
    const ctx = this.ctx;
    const lt = this.text.lists[lp.index]!;
    const lapsed = this.lapsed(lp.layer);
    if (lapsed !== null) {
      return node('list', 'not-applies', lt.notHead + '：' + lapsed + '，本名单不适用', {
        name: lp.name,
        basis: lp.basis,
      });
    }
    if (lt.replaced !== null && (!this.plan.layered || ctx.layerOn[lp.replacedBy] === 1)) {
      return node('list', 'not-applies', lt.notHead + '：' + lt.replaced, { name: lp.name, basis: lp.basis });
    }
    const rules: ExplainNode[] = [];
    let allFixed = true;
    for (let i = 0; i < lt.rules.length; i++) {
      const r = this.rule(lp, lt.rules[i]!);
      if (r !== lt.rules[i]!.noRecordsRule) allFixed = false;
      rules.push(r);
    }
    const basis = lp.basis;
    if (outcome !== undefined) {
      const ids: string[] = [];
      for (const b of outcome.because) for (const id of b.records) ids.push(id);
      const records = [...new Set(ids)].sort();
      const authorities = this.authoritiesOf(records);
      return node('list', 'applies', lt.appliesHead + d(outcome.since) + '起' + till(outcome.until), {
        name: lp.name,
        records,
        dates: { since: outcome.since, until: outcome.until, repairFrom: outcome.repairFrom },
        basis,
        children: rules,
        ...(authorities.length === 0 ? {} : { values: { authorities } }),
      });
    }
    if (ctx.listVoid[lp.index] === 1) {
      const blacks: string[] = [];
      for (const b of this.plan.blackLists) if (ctx.listOn[b] === 1) blacks.push(this.text.lists[b]!.quoted);
      return node(
        'list',
        'not-applies',
        `${lt.voidHead}${blacks.join('、')}期间，红名单不予适用（本名单未设 allow black）`,
        { name: lp.name, basis, children: rules, values: { voided: true } },
      );
    }
    if (allFixed && lt.noRecords !== null) return lt.noRecords;
    let reason: string | undefined;
    for (const r of rules) {
      if (r.children !== undefined && r.children.length > 0) {
        reason = r.children[0]!.text;
        break;
      }
    }
    const n: Node = {
      kind: 'list',
      outcome: 'not-applies',
      text: reason === undefined ? lt.notHead : lt.notHead + '：' + reason,
      name: lp.name,
    };
    if (basis.length > 0) n.basis = basis;
    if (rules.length > 0) n.children = rules;
    return n;
  }

  /**
   * Who decided the records behind a listing — the record's `authority`, a court's `courtName` — so the notice
   * can say whom to object or apply to (N7 F07). Sorted by code units, each once.
   */
  private authoritiesOf(ids: readonly string[]): string[] {
    const out: string[] = [];
    for (const r of this.ctx.subject.records) {
      if (!ids.includes(r.id)) continue;
      const court = r.attrs?.['courtName'];
      for (const a of [r.authority, court]) if (typeof a === 'string' && a !== '' && !out.includes(a)) out.push(a);
    }
    return out.sort(byCodeUnits);
  }

  rule(lp: ListPlan, rt: RuleText): ExplainNode {
    const ctx = this.ctx;
    const rule = rt.rule;
    const inst = ctx.inst[lp.index]!;
    const children: ExplainNode[] = [];
    let active = false;
    for (let k = 0; k < inst.n; k++) {
      if (inst.rule(k) !== rule.index) continue;
      if (inst.active(k)) active = true;
      children.push(this.instance(lp, rt, k));
    }
    if (rule.isFor) {
      const t = rule.typeIndex;
      const n = t < 0 ? 0 : ctx.bucketN[t]!;
      const recs = t < 0 ? [] : ctx.buckets[t]!;
      let considered = 0;
      // A few records: scan the children. Many: a set of the ids already shown (scanning was quadratic,
      // minutes for a subject with 100,000 records).
      const shown = n > 16 ? idsShown(children) : null;
      for (let i = 0; i < n; i++) {
        const rec = recs[i]!;
        if (shown === null ? mentions(children, rec.id) : shown.has(rec.id)) continue;
        considered++;
        const child = this.recordNotTriggered(lp, rt, rec);
        children.push(child);
        const id = child.records?.[0];
        if (shown !== null && id !== undefined) shown.add(id);
      }
      if (n === 0 && children.length === 0) return rt.noRecordsRule!;
      if (n === 0 || (considered === 0 && children.length === 0)) children.push(rt.noRecords);
    } else if (children.length === 0) {
      const r = rule.ir;
      if (r.when !== undefined && !this.plan.fnOf(r.when, lp.suspend)(ctx, null)) {
        children.push({ kind: 'condition', outcome: 'not-applies', text: rt.whyWhen!(ctx, null) });
        const clear = lp.ir.kind === 'red' ? this.clearsOn(lp, r) : null;
        if (clear !== null) children.push(clear);
      } else if (rt.unlessHeld !== null) {
        children.push(rt.unlessHeld);
      }
    }
    const n: Node = {
      kind: 'rule',
      outcome: active ? 'applies' : 'not-applies',
      text: active ? rt.applies : rt.notApplies,
      name: rt.name,
    };
    if (rule.basis.length > 0) n.basis = rule.basis;
    if (children.length > 0) n.children = children;
    return n;
  }

  recordNotTriggered(lp: ListPlan, rt: RuleText, rec: Rec): ExplainNode {
    const r = rt.rule.ir;
    const values = valuesRead(rt.reads, rec);
    const records = [rec.id];
    if (lp.suspend && rec.objection === 'pending') {
      return {
        kind: 'record',
        outcome: 'not-applies',
        text: `记录 ${rec.id} 异议处理中，本名单暂不计入`,
        records,
        values,
      };
    }
    const ctx = this.ctx;
    if (r.where !== undefined && !this.plan.fnOf(r.where, lp.suspend)(ctx, rec)) {
      const text = '记录 ' + rec.id + '：' + rt.whyWhere!(ctx, rec);
      return { kind: 'record', outcome: 'not-applies', text, records, values };
    }
    if (r.unless !== undefined && this.plan.fnOf(r.unless, lp.suspend)(ctx, rec) === true) {
      return node('record', 'not-applies', '记录 ' + rec.id + rt.unlessTail, {
        records,
        values,
        basis: rt.unlessBasis,
      });
    }
    return { kind: 'record', outcome: 'not-applies', text: `记录 ${rec.id}：起算日期未登记`, records, values };
  }

  instance(lp: ListPlan, rt: RuleText, k: number): Node {
    const ctx = this.ctx;
    const rule = rt.rule;
    const inst = ctx.inst[lp.index]!;
    const rec = inst.rec(k);
    const since = inst.since(k);
    const until = inst.until(k);
    const repair = inst.repair(k);
    let ids: string[];
    let who: string;
    let marked = false;
    if (rec !== null) {
      ids = [rec.id];
      who = '记录 ' + rec.id + '（' + formatDate(rec.date) + '）';
      marked = !lp.suspend && rec.objection === 'pending';
    } else {
      const all: string[] = [];
      for (const s of rule.candidates.aggs) {
        const n = ctx.aggRecN[s]!;
        const recs = ctx.aggRecs[s]!;
        for (let i = 0; i < n; i++) {
          const x = recs[i]!;
          all.push(x.id);
          if (x.objection === 'pending') marked = true;
        }
      }
      if (lp.suspend) marked = false;
      ids = distinctSorted(all);
      who = ids.length === 0 ? '主体整体情况' : '记录 ' + ids.join('、');
    }
    const state = inst.state(k);
    const active = inst.active(k);
    let status: string;
    if (active) status = '自' + d(since) + '起列入' + till(until);
    else if (since > ctx.at) status = '应自' + d(since) + '起列入，尚未开始';
    else if (state === INST_REPAIRED) status = '已于' + formatDate(rec!.repairedOn!) + '信用修复，不再列入';
    else status = '列入期限已于' + d(until) + '届满';
    // A repair the list does not allow: recorded, but it ends nothing (SEMANTICS §2) — barred, too early, or on a
    // day a condition of early removal was not met.
    let unmetOnRepair: string | null = null;
    if (state === INST_ACTIVE_REPAIR_VOID) {
      const lt = this.text.lists[lp.index]!;
      const early = lt.exit.early;
      const on = rec!.repairedOn!;
      const unmet = repair !== null && on >= repair ? repairUnmet(ctx, lp, rec!, on) : null;
      if (unmet !== null) unmetOnRepair = lt.repairConditions.get(unmet) ?? null;
      status +=
        '；所记' +
        formatDate(on) +
        '的信用修复' +
        (unmetOnRepair !== null
          ? '之日尚不满足' + early + '的条件（' + unmetOnRepair + '）'
          : repair === null
            ? '，依规定不予' + early
            : '早于可申请' + early + '之日' + formatDate(repair)) +
        '，不发生' +
        early +
        '的效力';
    }
    // A `when` instance that holds from the day something stopped holding the subject back says what did.
    // A `for` instance that begins after its record's date because its condition held only from then says so too.
    // A `for` instance reported from the day what kept it off cleared says what did, as a `when` instance does.
    const cause =
      since > ctx.at
        ? null
        : rec === null
          ? sinceCause(ctx, rule, since)
          : (sinceCause(ctx, rule, since) ??
            (rule.starts !== null && since !== (rule.from === null ? rec.date : rule.from(ctx, rec))
              ? { started: rec }
              : null));
    const causeText =
      cause === null
        ? null
        : 'list' in cause
          ? '自该日起不再被列入「' + (ctx.plan.lists[cause.list]!.title ?? ctx.plan.lists[cause.list]!.name) + '」'
          : 'record' in cause
            ? '记录 ' + cause.record.id + '（' + formatDate(cause.record.date) + '）自该日起不再计入'
            : '记录 ' + cause.started.id + '（' + formatDate(cause.started.date) + '）所需期间届满，自该日起方满足条件';
    const n: Node = {
      kind: 'instance',
      outcome: active ? 'applies' : 'not-applies',
      text:
        who +
        '：' +
        status +
        (causeText === null ? '' : '（' + causeText + '）') +
        (marked ? '（异议处理中，已标注）' : ''),
      name: rule.ir.name,
    };
    if (ids.length > 0) n.records = ids;
    if (rec !== null && rt.type !== null && rt.reads.length > 0) n.values = valuesRead(rt.reads, rec);
    if (rt.instanceBasis.length > 0) n.basis = rt.instanceBasis;
    // A repair that ends nothing is a date of the instance, not a fact read (the notice lists the facts).
    if (causeText !== null)
      n.children = [node('condition', 'info', '起算日：' + causeText, { values: { sinceCause: causeText } })];
    if (unmetOnRepair !== null)
      n.children = [
        node('condition', 'not-applies', '信用修复之日尚需满足：' + unmetOnRepair, {
          values: { requirement: unmetOnRepair },
        }),
      ];
    n.dates =
      state === INST_ACTIVE_REPAIR_VOID
        ? { since, until, repairFrom: repair, repairVoid: rec!.repairedOn! }
        : { since, until, repairFrom: repair };
    return n;
  }

  // ---------------------------------------------------------------- grades

  grading(gp: GradingPlan): Node {
    const ctx = this.ctx;
    const gi = gp.index;
    const gt = this.text.gradings[gi]!;
    const lapsed = this.lapsed(gp.layer);
    if (lapsed !== null) return node('grade', 'not-applies', gt.noGrade + lapsed, { name: gp.name, basis: gt.basis });
    if (ctx.gradeOf[gi] === null && gt.outOfScope !== null) return gt.outOfScope;
    const outcome = this.decision.grades.find((g) => g.scale === gp.name)!;
    const children: ExplainNode[] = [];
    const fired = ctx.itemFired[gi]!;
    for (let k = 0; k < gp.items.length; k++) {
      const it = gp.items[k]!;
      const item = fired[k] === 1 ? outcome.items.find((x) => x.item === it.name) : undefined;
      if (item !== undefined) {
        const capped = it.cap !== undefined && Math.abs(item.points) === it.cap;
        children.push(
          node(
            'item',
            'applies',
            `${gt.itemLabels[k]!}${item.points > 0 ? '+' : ''}${item.points}分${capped ? '（已达上限）' : ''}`,
            {
              name: it.name,
              records: item.records,
              values: { points: item.points },
              basis: it.basis,
            },
          ),
        );
      } else {
        children.push(gt.itemNot[k]!);
      }
    }
    const direct = ctx.directHeld[gi]!;
    for (let k = 0; k < gp.direct.length; k++)
      if (direct[k] === 1) children.push(this.heldRule(gt.directHeld[k]!, gt.directParts[k]!));
    const caps = ctx.capHeld[gi]!;
    for (let k = 0; k < gp.caps.length; k++)
      if (caps[k] === 1) children.push(this.heldRule(gt.capHeld[k]!, gt.capParts[k]!));
    const how =
      outcome.by === 'score'
        ? '按得分区间'
        : outcome.by === 'direct'
          ? `按直接评级规则（${outcome.rule ?? ''}）`
          : `受等级上限约束（${outcome.rule ?? ''}）`;
    return node('grade', 'info', `${gt.head}${outcome.score}，等级${outcome.grade}（${how}）`, {
      name: gp.name,
      values: { score: outcome.score, grade: outcome.grade, base: gp.ir.base },
      basis: gt.basis,
      children,
    });
  }

  // ---------------------------------------------------------------- measures

  measure(
    mp: MeasurePlan,
    mt: MeasureText,
    status: MeasureStatus | undefined,
    outcome: MeasureOutcome | undefined,
  ): ExplainNode {
    if (outcome !== undefined) {
      const held = status?.termHeld ?? [];
      let because = '';
      // A list is shown by its title (its name is the policy's identifier), a grade as 「scale」 and its grade.
      for (let i = 0; i < outcome.because.length; i++) {
        const cause = outcome.because[i]!;
        const list = this.decision.lists.find((l) => l.list === cause);
        const colon = cause.indexOf(':');
        const external = list === undefined ? this.plan.ir.lists[cause] : undefined;
        const shown =
          list !== undefined
            ? '「' + (list.title ?? cause) + '」'
            : external?.external === true
              ? '「' + (external.title ?? cause) + '」'
              : colon > 0
                ? '「' + cause.slice(0, colon) + '」等级为' + cause.slice(colon + 1)
                : '「' + cause + '」';
        because += (i === 0 ? '' : '、') + shown;
      }
      return node(
        'measure',
        'applies',
        mt.appliesHead +
          because +
          '，自' +
          d(outcome.since) +
          '起' +
          till(outcome.until) +
          (held.length > 0 ? mt.term : ''),
        { name: mp.name, basis: mp.basis, dates: { since: outcome.since, until: outcome.until } },
      );
    }
    switch (status?.code) {
      case M_MATTER:
        return node('measure', 'not-applies', mt.matterHead + (this.decision.matter ?? '') + mt.matterTail, {
          name: mp.name,
          basis: mp.basis,
        });
      case M_REWARD_BLACK:
        return mt.rewardBlack;
      case M_NO_REPRESENTATIVE:
        return mt.noRepresentative;
      case M_CONDITION:
        return node('measure', 'not-applies', mt.conditionHead + mt.whyWhen!(this.ctx, null), {
          name: mp.name,
          basis: mp.basis,
        });
      case M_TERM_ENDED:
        return mt.termEnded;
      case M_LAYER:
        return node('measure', 'not-applies', mt.notHead + (this.lapsed(mp.layer) ?? ''), {
          name: mp.name,
          basis: mp.basis,
        });
      default:
        return mt.notTriggeredReplaced !== null && this.listsReplaced(mp) ? mt.notTriggeredReplaced : mt.notTriggered;
    }
  }

  // ---------------------------------------------------------------- remedies

  remedy(lp: ListPlan, lt: ListText, outcome: ListOutcome): Node {
    const ctx = this.ctx;
    const children: ExplainNode[] = [];
    if (outcome.until !== null && lt.exit.style === 'court' && lp.ir.duration === undefined) {
      // No term, yet an end: the court's deletion deadline after performance (若干规定 第十条).
      children.push(
        node('remedy', 'info', `义务已履行，人民法院应当在三个工作日内（至${d(outcome.until)}）删除失信信息`, {
          dates: { until: outcome.until },
        }),
      );
    } else if (outcome.until !== null) {
      children.push(
        node('remedy', 'info', lt.untilHead + d(outcome.until) + '届满，届满后' + lt.exit.ends, {
          dates: { until: outcome.until },
        }),
      );
    } else {
      children.push(lt.noUntil);
    }
    const er = lp.ir.earlyRemoval;
    if (outcome.repairFrom !== null && er !== undefined) {
      const unmet: Node[] = [];
      if (er.when !== undefined) {
        const inst = ctx.inst[lp.index]!;
        const parts: Unmet[] = [];
        for (let k = 0; k < inst.n; k++) {
          if (!inst.active(k)) continue;
          const rec = inst.rec(k);
          parts.length = 0;
          lt.rules[inst.rule(k)]!.unmetEarly!(ctx, rec, parts);
          for (const part of parts) {
            const extra: Partial<Node> = { values: { requirement: part.requirement } };
            if (rec !== null) extra.records = [rec.id];
            unmet.push(
              node('condition', 'not-applies', '尚需满足：' + part.requirement + '（' + part.why + '）', extra),
            );
          }
        }
      }
      // "现已可申请" only when nothing is missing: with a condition unmet it would read as a promise; and "条件已满足"
      // only from repairFrom on (before it a dated condition, e.g. a restriction's end, is not met yet).
      const now = outcome.repairFrom <= ctx.at;
      const can = now && unmet.length === 0 ? '现已可申请' : '自' + d(outcome.repairFrom) + '起可申请';
      const early = earlyWords(lt.exit, outcome.until !== null);
      // A court deletes its own entries: no 信用修复 of an authority's information (失信被执行人规定 第十条).
      const how = lt.exit.style === 'court' ? `人民法院${early}` : `${early}（信用修复）`;
      const text = `${can}${how}${now && unmet.length === 0 ? `，${early}的条件已满足` : ''}`;
      children.push(node('remedy', 'info', text, { dates: { repairFrom: outcome.repairFrom }, children: unmet }));
    }
    const barred = outcome.repairFrom === null && lt.barred !== null && this.barredNow(lp);
    if (barred) children.push(this.barNode(lp, lt));
    else if (outcome.repairFrom === null && er !== undefined && outcome.until !== null) {
      // No repairFrom because early removal would come only after the listing's end (令44 第十六条第二款: a
      // restriction that outlasts it): say so, with the day it would have been.
      const late = this.latestRepair(lp);
      if (late !== null && late > outcome.until) {
        const early = earlyWords(lt.exit, true);
        const text = `届满前不能申请${early}（${early}的最早日期${d(late)}晚于届满日${d(outcome.until)}）`;
        children.push(node('remedy', 'info', text, { dates: { repairFrom: late }, values: { repairAfterEnd: late } }));
      }
    }
    return node('remedy', 'info', lt.remedyText, { name: lp.name, basis: lt.remedyBasis, children });
  }

  /** A direct or cap rule that held: for `A or B`, worded by the alternatives that hold, not all of them. */
  private heldRule(fixedNode: ExplainNode, parts: RuleParts | null): ExplainNode {
    if (parts === null) return fixedNode;
    const held = heldTexts(parts.parts, this.ctx, null);
    if (held.length === 0) return fixedNode;
    const text = held.join('，且');
    return node(fixedNode.kind, fixedNode.outcome, parts.head + text, {
      ...(fixedNode.name === undefined ? {} : { name: fixedNode.name }),
      basis: fixedNode.basis ?? [],
      values: { requirement: text },
    });
  }

  /**
   * The bar node: for `unless A or B`, the alternatives that hold for the barred instances, not all of them; the
   * records of the barred listings, and the records an aggregate tied to them (`outer`) found — the later penalty
   * that keeps an earlier one from early stop (令45 第十四条第一款第（三）项).
   */
  private barNode(lp: ListPlan, lt: ListText): ExplainNode {
    const bar = lp.earlyBar!;
    const unless = lp.ir.earlyRemoval!.unless!;
    const correlated = outermost(unless).aggs.filter((a) => readsOuter(a.where));
    const parts = lt.barParts;
    const inst = this.ctx.inst[lp.index]!;
    const held: string[] = [];
    const barredIds: string[] = [];
    const causeIds: string[] = [];
    for (let k = 0; k < inst.n; k++) {
      if (!inst.active(k)) continue;
      const rec = inst.rec(k);
      if (!bar(this.ctx, rec)) continue;
      if (rec !== null && !barredIds.includes(rec.id)) barredIds.push(rec.id);
      if (parts !== null) for (const t of heldTexts(parts, this.ctx, rec)) if (!held.includes(t)) held.push(t);
      for (const a of correlated)
        for (const r of passingRecords(this.ctx, this.plan.slotOf(a, lp.suspend), rec))
          if (!causeIds.includes(r.id)) causeIds.push(r.id);
    }
    const text = held.length === 0 ? (lt.barred!.values?.['bar'] as string) : held.join('；');
    const values: Record<string, AttrValue> = { bar: text };
    if (barredIds.length > 0) values['barred'] = distinctSorted(barredIds);
    if (causeIds.length > 0) values['causes'] = distinctSorted(causeIds);
    const head = `不予${lt.exit.early}`;
    return node('condition', 'not-applies', text === '' ? head : `${head}：${text}`, {
      basis: lt.barred!.basis ?? [],
      values,
    });
  }

  /** The latest repairFrom of the list's active instances (the listing's, before an end that comes first voids it). */
  private latestRepair(lp: ListPlan): string | null {
    const inst = this.ctx.inst[lp.index]!;
    let late: string | null = null;
    for (let k = 0; k < inst.n; k++) {
      const r = inst.active(k) ? inst.repair(k) : null;
      if (r !== null && (late === null || r > late)) late = r;
    }
    return late;
  }

  /** Whether the list's early-removal bar holds for one of its active instances (that keeps it from early removal). */
  private barredNow(lp: ListPlan): boolean {
    const bar = lp.earlyBar;
    if (bar === null) return false;
    const inst = this.ctx.inst[lp.index]!;
    for (let k = 0; k < inst.n; k++) if (inst.active(k) && bar(this.ctx, inst.rec(k))) return true;
    return false;
  }

  // ---------------------------------------------------------------- decision

  build(subject: Subject, statuses: readonly MeasureStatus[]): Node {
    const dec = this.decision;
    const plan = this.plan;
    const text = this.text;
    const children: ExplainNode[] = [];
    const ignored = this.ctx.ignored;
    if (ignored !== null && ignored.length > 0) {
      for (const x of [...ignored].sort(byDateThenId)) {
        children.push(
          node('record', 'not-applies', `记录 ${x.rec.id}（${formatDate(x.rec.date)}）${ignoredText(this.plan, x)}`, {
            records: x.by === undefined ? [x.rec.id] : [x.rec.id, x.by.id],
          }),
        );
      }
    }
    // Outcomes by plan index (the first one of a name, as a search would find), cleared again below.
    const listOutcome = text.listOutcome;
    for (const lo of dec.lists) {
      const i = plan.listIndex.get(lo.list);
      if (i !== undefined && listOutcome[i] === undefined) listOutcome[i] = lo;
    }
    // A list another authority keeps is on without being reported: its node says so from the same outcome.
    for (const lp of plan.lists) {
      if (lp.external && this.ctx.listOn[lp.index] === 1) listOutcome[lp.index] = listOutcomeOf(this.ctx, lp);
    }
    const measureOutcome = text.measureOutcome;
    for (const mo of dec.measures) {
      const i = text.measureIndex.get(mo.measure);
      if (i !== undefined && measureOutcome[i] === undefined) measureOutcome[i] = mo;
    }
    try {
      for (const lp of plan.lists) children.push(this.list(lp, listOutcome[lp.index]));
      for (const gp of plan.gradings) children.push(this.grading(gp));
      for (let i = 0; i < plan.measures.length; i++) {
        children.push(this.measure(plan.measures[i]!, text.measures[i]!, statuses[i], measureOutcome[i]));
      }
    } finally {
      listOutcome.fill(undefined);
      measureOutcome.fill(undefined);
    }
    for (const lo of dec.lists) {
      // Remedies are about leaving a black or grey list; a red list is not something to be repaired.
      if (lo.kind !== 'red') {
        const i = plan.listIndex.get(lo.list)!;
        children.push(this.remedy(plan.lists[i]!, text.lists[i]!, lo));
      }
    }
    for (const n of dec.notes) children.push(node('note', 'info', n));
    const grade = dec.grade === null ? '' : `，信用等级${dec.grade.grade}`;
    return node(
      'decision',
      'info',
      `截至${formatDate(dec.at)}，${subjectWords(subject)}列入名单${dec.lists.length}个，适用措施${dec.measures.length}项${grade}`,
      { values: subjectValues(subject), children },
    );
  }
}

/** Whether a node already said (an instance, or a record of the same id) is about record `id`. */
function mentions(children: readonly ExplainNode[], id: string): boolean {
  for (let i = 0; i < children.length; i++) if (children[i]!.records?.[0] === id) return true;
  return false;
}

function idsShown(children: readonly ExplainNode[]): Set<string> {
  const ids = new Set<string>();
  for (let i = 0; i < children.length; i++) {
    const id = children[i]!.records?.[0];
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

function subjectValues(subject: Subject): Record<string, AttrValue> {
  const v: Record<string, AttrValue> = { subjectKind: subject.kind };
  if (subject.name !== undefined) v['subjectName'] = subject.name;
  return v;
}

export function buildExplanation(
  ctx: Ctx | null,
  decision: Omit<Decision, 'explanation'>,
  subject: Subject,
  statuses: readonly MeasureStatus[],
): ExplainNode {
  if (ctx === null) {
    return node('decision', 'info', `截至${formatDate(decision.at)}，${subjectWords(subject)}：本政策不适用`, {
      values: subjectValues(subject),
      children: decision.notes.map((n) => node('note', 'info', n)),
    });
  }
  return new Builder(ctx, decision).build(subject, statuses);
}
