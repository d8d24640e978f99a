// Turns the evaluation scratch and the decision into the explanation tree: lists, rules, instances, grades, measures, remedies.
import type { IrExpr } from '../../dsl/ir.js';
import { SUBJECT_KINDS } from '../../dsl/ir.js';
import { M_MATTER, M_NOT_TRIGGERED, M_REWARD_BLACK } from '../compile/measures.js';
import type { MeasureStatus } from '../compile/measures.js';
import { bucketOf, recordsOf } from '../compile/types.js';
import type { Ctx, GradingPlan, ListPlan, MeasurePlan, Plan, Rec, RulePlan } from '../compile/types.js';
import type { AttrValue, Decision, ExplainNode, ListOutcome, MeasureOutcome, Subject } from '../contract.js';
import { formatDate, formatDuration, maskIdentity } from './format.js';
import { printExprCached, recordTypeLabel } from './print.js';
import type { Probe } from './why.js';
import { unmetParts, valuesRead, whyFalse } from './why.js';

type Node = { -readonly [K in keyof ExplainNode]: ExplainNode[K] };

const KIND_ZH = { red: '红名单', black: '严重失信主体名单', grey: '重点关注名单' } as const;
const ACTION_ZH = {
  block: '拦截',
  restrict: '限制',
  warn: '提示',
  prioritize: '优先办理',
  simplify: '简化手续',
  inspect: '加大检查频次',
} as const;
const MEASURE_KIND_ZH = { reward: '守信激励', penalty: '失信惩戒', management: '管理措施' } as const;
const IGNORED_ZH = {
  future: '日期晚于评价日期，不予计入',
  revoked: '已被撤销，不予计入',
  upheld: '异议成立，不予计入',
  type: '记录类型不在本政策的记录目录中，不予计入',
} as const;

const d = (x: string | null | undefined): string => (x === null || x === undefined ? '无固定期限' : formatDate(x));
/** '，至2027年3月1日止' or '，无固定期限' */
const till = (x: string | null | undefined): string =>
  x === null || x === undefined ? '，无固定期限' : `，至${formatDate(x)}止`;

function node(kind: ExplainNode['kind'], outcome: ExplainNode['outcome'], text: string, extra?: Partial<Node>): Node {
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

function listTitle(lp: ListPlan): string {
  return lp.ir.title ?? lp.name;
}

function subjectWords(subject: Subject): string {
  const id = subject.kind === 'natural_person' ? maskIdentity(subject.id) : subject.id;
  const kind = SUBJECT_KINDS[subject.kind] ?? subject.kind;
  return subject.name === undefined ? `${kind}（${id}）` : `${kind}${subject.name}（${id}）`;
}

class Builder {
  readonly plan: Plan;
  constructor(
    readonly ctx: Ctx,
    readonly decision: Omit<Decision, 'explanation'>,
  ) {
    this.plan = ctx.plan;
  }

  probe(rec: Rec | null, type: string | null, skipPending: boolean): Probe {
    return { ir: this.plan.ir, ctx: this.ctx, fnOf: (e: IrExpr) => this.plan.fnOf(e, skipPending), type, rec };
  }

  // ---------------------------------------------------------------- lists

  list(lp: ListPlan): Node {
    const ctx = this.ctx;
    const outcome = this.decision.lists.find((l) => l.list === lp.name);
    const rules = lp.rules.map((r) => this.rule(lp, r));
    const basis = lp.basis;
    const title = listTitle(lp);
    if (outcome !== undefined) {
      return node(
        'list',
        'applies',
        `列入「${title}」（${KIND_ZH[lp.ir.kind]}），自${d(outcome.since)}起${till(outcome.until)}`,
        {
          name: lp.name,
          records: [...new Set(outcome.because.flatMap((b) => b.records))].sort(),
          dates: { since: outcome.since, until: outcome.until, repairFrom: outcome.repairFrom },
          basis,
          children: rules,
        },
      );
    }
    if (ctx.listVoid[lp.index] === 1) {
      const blacks = this.plan.blackLists
        .filter((b) => ctx.listOn[b] === 1)
        .map((b) => `「${listTitle(this.plan.lists[b]!)}」`);
      return node(
        'list',
        'not-applies',
        `「${title}」不适用：主体被列入严重失信主体名单${blacks.join('、')}期间，红名单不予适用（本名单未设 allow black）`,
        { name: lp.name, basis, children: rules },
      );
    }
    const first = rules.find((r) => r.children !== undefined && r.children.length > 0);
    const reason = first?.children?.[0]?.text;
    return node('list', 'not-applies', `未列入「${title}」${reason === undefined ? '' : '：' + reason}`, {
      name: lp.name,
      basis,
      children: rules,
    });
  }

  rule(lp: ListPlan, rule: RulePlan): Node {
    const ctx = this.ctx;
    const inst = ctx.inst[lp.index]!;
    const r = rule.ir;
    const label = r.label ?? r.name;
    const children: Node[] = [];
    let active = false;
    for (let k = 0; k < inst.n; k++) {
      if (inst.rule[k] !== rule.index) continue;
      if (inst.active[k]) active = true;
      children.push(this.instance(lp, rule, k));
    }
    if (rule.isFor) {
      const type = r.for!.recordType;
      const recs = bucketOf(ctx, rule.typeIndex);
      let considered = 0;
      for (const rec of recs) {
        if (children.some((c) => c.records?.[0] === rec.id)) continue;
        considered++;
        children.push(this.recordNotTriggered(lp, rule, type, rec));
      }
      if (recs.length === 0 || (considered === 0 && children.length === 0)) {
        children.push(node('condition', 'not-applies', `没有可计入的「${recordTypeLabel(this.plan.ir, type)}」记录`));
      }
    } else if (children.length === 0) {
      const probe = this.probe(null, null, lp.suspend);
      if (r.when !== undefined && !probe.fnOf(r.when)(ctx, null)) {
        children.push(node('condition', 'not-applies', whyFalse(probe, r.when)));
      } else if (r.unless !== undefined) {
        children.push(
          node('condition', 'not-applies', `排除情形成立：\`${this.print(r.unless, null)}\``, {
            basis: this.basisOf(r.unlessBasis),
          }),
        );
      }
    }
    return node('rule', active ? 'applies' : 'not-applies', `规则「${label}」${active ? '成立' : '不成立'}`, {
      name: r.name,
      basis: rule.basis,
      children,
    });
  }

  print(e: IrExpr, type: string | null): string {
    return printExprCached(this.plan.ir, e, type);
  }

  basisOf(cs: Plan['ir']['lists'][string]['basis']): string[] {
    const ir = this.plan.ir;
    return cs.map((c) => `《${ir.bases[c.basis]?.title ?? c.basis}》${c.article ?? c.section ?? ''}`);
  }

  recordNotTriggered(lp: ListPlan, rule: RulePlan, type: string, rec: Rec): Node {
    const r = rule.ir;
    const values = valuesRead(this.plan.ir, [r.where, r.unless], type, rec);
    const base = { records: [rec.id], values };
    if (lp.suspend && rec.objection === 'pending') {
      return node('record', 'not-applies', `记录 ${rec.id} 异议处理中，本名单暂不计入`, base);
    }
    const probe = this.probe(rec, type, lp.suspend);
    if (r.where !== undefined && !probe.fnOf(r.where)(this.ctx, rec)) {
      return node('record', 'not-applies', `记录 ${rec.id}：${whyFalse(probe, r.where)}`, base);
    }
    if (r.unless !== undefined && probe.fnOf(r.unless)(this.ctx, rec) === true) {
      return node('record', 'not-applies', `记录 ${rec.id}：排除情形成立 \`${this.print(r.unless, type)}\``, {
        ...base,
        basis: this.basisOf(r.unlessBasis),
      });
    }
    return node('record', 'not-applies', `记录 ${rec.id}：起算日期未登记`, base);
  }

  instance(lp: ListPlan, rule: RulePlan, k: number): Node {
    const ctx = this.ctx;
    const inst = ctx.inst[lp.index]!;
    const rec = inst.rec[k] ?? null;
    const since = inst.since[k]!;
    const until = inst.until[k] ?? null;
    const repair = inst.repair[k] ?? null;
    const recs: Rec[] = [];
    if (rec !== null) recs.push(rec);
    else for (const s of rule.candidates.aggs) recs.push(...recordsOf(ctx, s));
    const ids = [...new Set(recs.map((x) => x.id))].sort();
    const who =
      rec === null
        ? ids.length === 0
          ? '主体整体情况'
          : `记录 ${ids.join('、')}`
        : `记录 ${rec.id}（${formatDate(rec.date)}）`;
    let status: string;
    if (inst.active[k]) status = `自${d(since)}起列入${till(until)}`;
    else if (since > ctx.at) status = `应自${d(since)}起列入，尚未开始`;
    else if (rec?.repairedOn !== null && rec?.repairedOn !== undefined && rec.repairedOn <= ctx.at) {
      status = `已于${formatDate(rec.repairedOn)}信用修复，不再列入`;
    } else status = `列入期限已于${d(until)}届满`;
    const type = rule.ir.for?.recordType ?? null;
    const values: Record<string, AttrValue> =
      rec !== null && type !== null ? valuesRead(this.plan.ir, [rule.ir.where, rule.ir.unless], type, rec) : {};
    const marked = !lp.suspend && recs.some((x) => x.objection === 'pending');
    return node(
      'instance',
      inst.active[k] ? 'applies' : 'not-applies',
      `${who}：${status}${marked ? '（异议处理中，已标注）' : ''}`,
      {
        name: rule.ir.name,
        records: ids,
        ...(Object.keys(values).length === 0 ? {} : { values }),
        dates: { since, until, repairFrom: repair },
        basis: [...rule.basis, ...(lp.ir.duration === undefined ? [] : this.basisOf(lp.ir.duration.basis))],
      },
    );
  }

  // ---------------------------------------------------------------- grades

  grading(gp: GradingPlan): Node {
    const ctx = this.ctx;
    const gi = gp.index;
    const outcome = this.decision.grades.find((g) => g.scale === gp.name)!;
    const children: Node[] = [];
    gp.items.forEach((it, k) => {
      const fired = ctx.itemFired[gi]![k] === 1;
      const item = outcome.items.find((x) => x.item === it.name);
      const label = it.label ?? it.name;
      if (fired && item !== undefined) {
        const capped = it.cap !== undefined && Math.abs(item.points) === it.cap;
        children.push(
          node(
            'item',
            'applies',
            `「${label}」计${item.points > 0 ? '+' : ''}${item.points}分${capped ? '（已达上限）' : ''}`,
            {
              name: it.name,
              records: item.records,
              values: { points: item.points },
              basis: it.basis,
            },
          ),
        );
      } else {
        children.push(
          node('item', 'not-applies', `「${label}」不计分：没有符合条件的记录`, { name: it.name, basis: it.basis }),
        );
      }
    });
    const rules = [
      ...gp.direct.map((r, k) => ({ r, held: ctx.directHeld[gi]![k] === 1, word: '直接评为' })),
      ...gp.caps.map((r, k) => ({ r, held: ctx.capHeld[gi]![k] === 1, word: '最高评为' })),
    ];
    for (const { r, held, word } of rules) {
      if (!held) continue;
      children.push(
        node('rule', 'applies', `${word}${r.grade}：\`${this.print(r.expr, null)}\` 成立`, {
          name: r.name,
          basis: r.basis,
        }),
      );
    }
    const how =
      outcome.by === 'score'
        ? '按得分区间'
        : outcome.by === 'direct'
          ? `按直接评级规则（${outcome.rule ?? ''}）`
          : `受等级上限约束（${outcome.rule ?? ''}）`;
    return node('grade', 'info', `「${gp.ir.title ?? gp.name}」得分${outcome.score}，等级${outcome.grade}（${how}）`, {
      name: gp.name,
      values: { score: outcome.score, grade: outcome.grade, base: gp.ir.base },
      basis: this.basisOf(gp.ir.basis),
      children,
    });
  }

  // ---------------------------------------------------------------- measures

  measure(mp: MeasurePlan, status: MeasureStatus | undefined, outcome: MeasureOutcome | undefined): Node {
    const m = mp.ir;
    const label = m.label ?? m.name;
    const kind = `${MEASURE_KIND_ZH[m.kind]}，${ACTION_ZH[m.action]}${m.level === undefined ? '' : '，' + m.level}`;
    if (outcome !== undefined) {
      const held = status?.termHeld ?? [];
      const term =
        held.length > 0 && m.term !== undefined
          ? `；名单已届满，但本措施期限（${formatDuration(m.term)}）尚未届满`
          : '';
      return node(
        'measure',
        'applies',
        `适用「${label}」（${kind}）：因${outcome.because.map((b) => `「${b}」`).join('、')}，自${d(outcome.since)}起${till(outcome.until)}${term}`,
        { name: mp.name, basis: mp.basis, dates: { since: outcome.since, until: outcome.until } },
      );
    }
    let why: string;
    switch (status?.code) {
      case M_MATTER:
        why = `事项「${this.decision.matter ?? ''}」不在本措施的适用事项（${(m.matters ?? []).join('、')}）之内`;
        break;
      case M_REWARD_BLACK:
        why = '主体在严重失信主体名单上，守信激励措施不予适用';
        break;
      case M_NOT_TRIGGERED:
      default: {
        const lists = mp.lists.map((l) => `「${listTitle(this.plan.lists[l]!)}」`);
        const grades = m.grades.map((g) => `「${g.grading}」等级${g.grades.join('/')}`);
        why = `主体未被列入${lists.length === 0 ? '相关名单' : lists.join('、')}${grades.length === 0 ? '' : '，且信用等级不是' + grades.join('、')}`;
      }
    }
    return node('measure', 'not-applies', `不适用「${label}」：${why}`, { name: mp.name, basis: mp.basis });
  }

  // ---------------------------------------------------------------- remedies

  remedy(lp: ListPlan, outcome: ListOutcome): Node {
    const ctx = this.ctx;
    const title = listTitle(lp);
    const children: Node[] = [];
    const basis: string[] = [];
    if (lp.ir.duration !== undefined) basis.push(...this.basisOf(lp.ir.duration.basis));
    const er = lp.ir.earlyRemoval;
    if (er !== undefined) basis.push(...this.basisOf(er.basis));
    if (outcome.until !== null) {
      children.push(
        node('remedy', 'info', `「${title}」至${d(outcome.until)}届满，届满后自动移出`, {
          dates: { until: outcome.until },
        }),
      );
    } else {
      children.push(node('remedy', 'info', `「${title}」无固定期限，须经信用修复或提前移出方可移出`));
    }
    if (outcome.repairFrom !== null && er !== undefined) {
      const can = outcome.repairFrom <= ctx.at ? '现已可申请' : `自${d(outcome.repairFrom)}起可申请`;
      const unmet: Node[] = [];
      if (er.when !== undefined) {
        const inst = ctx.inst[lp.index]!;
        for (let k = 0; k < inst.n; k++) {
          if (!inst.active[k]) continue;
          const rec = inst.rec[k] ?? null;
          const rule = lp.rules[inst.rule[k]!]!;
          const type = rule.ir.for?.recordType ?? null;
          const parts = unmetParts(this.probe(rec, type, lp.suspend), er.when);
          for (const part of parts) {
            unmet.push(
              node('condition', 'not-applies', `尚需满足：${part.requirement}（${part.why}）`, {
                ...(rec === null ? {} : { records: [rec.id] }),
                values: { requirement: part.requirement },
              }),
            );
          }
        }
      }
      children.push(
        node('remedy', 'info', `${can}提前移出（信用修复）${unmet.length === 0 ? '，提前移出的条件已满足' : ''}`, {
          dates: { repairFrom: outcome.repairFrom },
          children: unmet,
        }),
      );
    }
    return node('remedy', 'info', `「${title}」的移出与修复`, { name: lp.name, basis, children });
  }

  // ---------------------------------------------------------------- decision

  build(subject: Subject, statuses: readonly MeasureStatus[]): Node {
    const dec = this.decision;
    const plan = this.plan;
    const children: Node[] = [];
    const ignored = [...(this.ctx.ignored ?? [])].sort((a, b) =>
      a.rec.date !== b.rec.date
        ? a.rec.date < b.rec.date
          ? -1
          : 1
        : a.rec.id < b.rec.id
          ? -1
          : a.rec.id > b.rec.id
            ? 1
            : 0,
    );
    for (const x of ignored) {
      children.push(
        node('record', 'not-applies', `记录 ${x.rec.id}（${formatDate(x.rec.date)}）${IGNORED_ZH[x.why]}`, {
          records: [x.rec.id],
        }),
      );
    }
    for (const lp of plan.lists) children.push(this.list(lp));
    for (const gp of plan.gradings) children.push(this.grading(gp));
    plan.measures.forEach((mp, i) => {
      children.push(
        this.measure(
          mp,
          statuses[i],
          dec.measures.find((m) => m.measure === mp.name),
        ),
      );
    });
    for (const lo of dec.lists) {
      // Remedies are about leaving a black or grey list; a red list is not something to be repaired.
      if (lo.kind !== 'red') children.push(this.remedy(plan.lists[plan.listIndex.get(lo.list)!]!, lo));
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
