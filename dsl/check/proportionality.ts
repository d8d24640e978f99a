// 过惩相当: static proportionality checks over the lowered IR (seed 004 §11, 陕西条例 第三十二条, 国办发〔2020〕49号).
//
// The minor-fault analysis asks, per listing rule: can a subject whose records are all graded 轻微 or
// 一般 satisfy it? It evaluates conditions over two truth values (may be true / may be false) with the
// record's severity fixed to the minor grades and everything else unknown, so it over-approximates: it
// may warn about a rule that real data never satisfies, never the other way round. Records of types
// without a severity are taken to be absent (a subject with only minor records has none of them).
import type { Rank } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { IrExpr, IrList, IrMeasure, PolicyIr } from '../ir.js';
import type { Span } from '../span.js';
import { diagnostic } from './messages.js';

/** 国办发〔2020〕49号: rights-reducing measures rest on 法律、法规 or 党中央、国务院 policy documents. */
const RIGHTS_REDUCING_BASIS: readonly Rank[] = ['法律', '行政法规', '司法解释', '地方性法规', '国务院政策文件'];
const LAW_OR_REGULATION: readonly Rank[] = ['法律', '行政法规'];
const LOCAL_LIST_BASIS: readonly Rank[] = ['法律', '行政法规', '地方性法规'];

interface Possibility {
  readonly mayBeTrue: boolean;
  readonly mayBeFalse: boolean;
}

const UNKNOWN: Possibility = { mayBeTrue: true, mayBeFalse: true };
const TRUE: Possibility = { mayBeTrue: true, mayBeFalse: false };
const FALSE: Possibility = { mayBeTrue: false, mayBeFalse: true };

class MinorAnalysis {
  private readonly minor: readonly string[];
  private readonly listReach = new Map<string, boolean>();

  constructor(private readonly ir: PolicyIr) {
    const general = ir.severity.indexOf('一般');
    this.minor = general >= 0 ? ir.severity.slice(0, general + 1) : ir.severity.slice(0, 1);
  }

  private severityOf(expr: IrExpr): boolean {
    return expr.op === 'field' && expr.builtin && expr.key === 'severity';
  }

  private literal(expr: IrExpr): string | undefined {
    return expr.op === 'lit' && typeof expr.value === 'string' ? expr.value : undefined;
  }

  /** Over the minor grades: which outcomes can a comparison on the record's severity have? */
  private overMinor(test: (severity: string) => boolean): Possibility {
    const outcomes = this.minor.map(test);
    return { mayBeTrue: outcomes.includes(true), mayBeFalse: outcomes.includes(false) };
  }

  private compareSeverity(op: string, left: string, right: string): boolean {
    const l = this.ir.severity.indexOf(left);
    const r = this.ir.severity.indexOf(right);
    switch (op) {
      case '==':
        return l === r;
      case '!=':
        return l !== r;
      case '<':
        return l < r;
      case '<=':
        return l <= r;
      case '>':
        return l > r;
      default:
        return l >= r;
    }
  }

  /** An absent condition (no `where`) holds; callers treat an absent `unless` as false themselves. */
  possible(expr: IrExpr | undefined, inRecord: boolean): Possibility {
    if (!expr) return TRUE;
    switch (expr.op) {
      case 'lit':
        return typeof expr.value === 'boolean' ? (expr.value ? TRUE : FALSE) : UNKNOWN;
      case 'not': {
        const inner = this.possible(expr.arg, inRecord);
        return { mayBeTrue: inner.mayBeFalse, mayBeFalse: inner.mayBeTrue };
      }
      case 'and': {
        const parts = expr.args.map((a) => this.possible(a, inRecord));
        return { mayBeTrue: parts.every((p) => p.mayBeTrue), mayBeFalse: parts.some((p) => p.mayBeFalse) };
      }
      case 'or': {
        const parts = expr.args.map((a) => this.possible(a, inRecord));
        return { mayBeTrue: parts.some((p) => p.mayBeTrue), mayBeFalse: parts.every((p) => p.mayBeFalse) };
      }
      case 'cmp': {
        if (!inRecord || expr.type !== 'severity') return UNKNOWN;
        const right = this.literal(expr.right);
        const left = this.literal(expr.left);
        if (this.severityOf(expr.left) && right !== undefined)
          return this.overMinor((s) => this.compareSeverity(expr.cmp, s, right));
        if (this.severityOf(expr.right) && left !== undefined)
          return this.overMinor((s) => this.compareSeverity(expr.cmp, left, s));
        return UNKNOWN;
      }
      case 'in': {
        if (!inRecord || !this.severityOf(expr.left) || expr.values.op !== 'array') return UNKNOWN;
        const values = expr.values.items.map((i) => this.literal(i));
        return this.overMinor((s) => values.includes(s) !== expr.negated);
      }
      case 'agg': {
        const type = this.ir.records[expr.recordType];
        if (!type?.hasSeverity) return expr.agg === 'any' ? FALSE : expr.agg === 'all' ? TRUE : UNKNOWN;
        if (expr.agg !== 'any') return UNKNOWN;
        const where = this.possible(expr.where, true);
        return { mayBeTrue: where.mayBeTrue, mayBeFalse: true };
      }
      case 'onList':
        return this.listReachable(expr.list) ? UNKNOWN : FALSE;
      default:
        return UNKNOWN;
    }
  }

  ruleReachable(rule: IrList['rules'][number]): boolean {
    if (rule.for) {
      if (!this.ir.records[rule.for.recordType]?.hasSeverity) return false;
      const where = this.possible(rule.where, true);
      const unless = rule.unless ? this.possible(rule.unless, true) : FALSE;
      return where.mayBeTrue && unless.mayBeFalse;
    }
    const when = this.possible(rule.when, false);
    const unless = rule.unless ? this.possible(rule.unless, false) : FALSE;
    return when.mayBeTrue && unless.mayBeFalse;
  }

  listReachable(name: string): boolean {
    const known = this.listReach.get(name);
    if (known !== undefined) return known;
    this.listReach.set(name, false); // a cycle (already reported) must not recurse forever
    const list = this.ir.lists[name];
    const reachable = list ? list.rules.some((rule) => this.ruleReachable(rule)) : false;
    this.listReach.set(name, reachable);
    return reachable;
  }
}

function ranksOf(ir: PolicyIr, basis: IrMeasure['basis']): (Rank | undefined)[] {
  return basis.map((c) => ir.bases[c.basis]?.rank);
}

function hasRank(ir: PolicyIr, basis: IrMeasure['basis'], allowed: readonly Rank[]): boolean {
  return ranksOf(ir, basis).some((rank) => rank !== undefined && allowed.includes(rank));
}

/** Lists that exclude each other by construction: a red list under any black list, or `not on L` in every rule. */
function excludes(a: IrList, b: IrList): boolean {
  if (a.kind === 'red' && b.kind === 'black' && !a.allowBlack) return true;
  const requiresNot = (expr: IrExpr | undefined): boolean => {
    if (!expr) return false;
    if (expr.op === 'not' && expr.arg.op === 'onList' && expr.arg.list === b.name) return true;
    return expr.op === 'and' && expr.args.some(requiresNot);
  };
  return a.rules.length > 0 && a.rules.every((rule) => requiresNot(rule.when) || requiresNot(rule.where));
}

/** Only measures that name their matters can meet in one: a general measure (宣传推介) is not "for" a matter. */
function sharedMatter(a: IrMeasure, b: IrMeasure): string | undefined {
  if (a.matters === null || b.matters === null) return undefined;
  return a.matters.find((m) => b.matters?.includes(m));
}

function canCoOccur(ir: PolicyIr, reward: IrMeasure, penalty: IrMeasure): boolean {
  for (const penaltyList of penalty.lists.map((n) => ir.lists[n])) {
    // Rewards never apply under a black list (SEMANTICS §4), so black-list penalties cannot meet them.
    if (!penaltyList || penaltyList.kind === 'black') continue;
    for (const rewardList of reward.lists.map((n) => ir.lists[n])) {
      if (!rewardList) continue;
      if (rewardList.name === penaltyList.name) return true;
      if (!excludes(rewardList, penaltyList) && !excludes(penaltyList, rewardList)) return true;
    }
    if (reward.grades.length > 0) return true;
  }
  for (const p of penalty.grades) {
    for (const r of reward.grades) {
      if (r.grading !== p.grading) return true;
      if (r.grades.some((g) => p.grades.includes(g))) return true;
    }
    if (reward.lists.length > 0) return true;
  }
  return false;
}

export function checkProportionality(ir: PolicyIr, sources: Readonly<Record<string, Span>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const levelIndex = (level: string | undefined): number => (level === undefined ? -1 : ir.levels.indexOf(level));
  const measureSpan = (m: IrMeasure): Span | undefined => sources[`measure:${m.name}`];
  const analysis = new MinorAnalysis(ir);
  const warnLevel = ir.levels.includes('警示')
    ? levelIndex('警示')
    : levelIndex(ir.settings.leniencyCeiling ?? ir.levels[0]);

  for (const list of Object.values(ir.lists)) {
    if (list.kind === 'black') {
      for (const rule of list.rules) {
        if (analysis.ruleReachable(rule)) {
          out.push(
            diagnostic('proportionality.black-on-minor', sources[`rule:${list.name}/${rule.name}`], [
              list.name,
              rule.name,
            ]),
          );
        }
      }
      const basis = [...list.basis, ...list.rules.flatMap((r) => r.basis)];
      if (list.scope === 'local' && !hasRank(ir, basis, LOCAL_LIST_BASIS)) {
        out.push(diagnostic('proportionality.local-black-list', sources[`list:${list.name}`], [list.name]));
      }
    }
  }

  const measures = Object.values(ir.measures);
  for (const measure of measures) {
    const span = measureSpan(measure);
    for (const listName of measure.lists) {
      const list = ir.lists[listName];
      if (list?.maxLevel && measure.level !== undefined && levelIndex(measure.level) > levelIndex(list.maxLevel)) {
        out.push(diagnostic('check.level-exceeds-list', span, [measure.name, measure.level, listName, list.maxLevel]));
      }
    }
    if (measure.kind !== 'penalty') continue;
    if (measure.lists.length === 0 && measure.grades.length === 0)
      out.push(diagnostic('proportionality.unpublished', span, [measure.name]));
    if (measure.target === 'third_party') out.push(diagnostic('proportionality.third-party', span, [measure.name]));
    if (measure.target === 'legal_representative' && !hasRank(ir, measure.basis, LAW_OR_REGULATION)) {
      out.push(diagnostic('proportionality.representative-basis', span, [measure.name]));
    }
    if (
      (measure.action === 'block' || measure.action === 'restrict') &&
      !hasRank(ir, measure.basis, RIGHTS_REDUCING_BASIS)
    ) {
      const ranks = ranksOf(ir, measure.basis).map((r) => r ?? '未标明位阶');
      out.push(diagnostic('proportionality.basis-rank', span, [measure.name, ranks.join('、') || '无']));
    }
    if (levelIndex(measure.level) > warnLevel) {
      for (const listName of measure.lists) {
        const list = ir.lists[listName];
        const rule = list?.rules.find((r) => analysis.ruleReachable(r));
        if (list && rule) {
          out.push(
            diagnostic(
              'proportionality.minor-reaches-heavy',
              span,
              [measure.name, measure.level ?? '', listName, rule.name],
              {
                help: '在规则中限定严重程度（如 `severity >= 较重`），或降低措施等级',
              },
            ),
          );
          break;
        }
      }
    }
  }

  const rewards = measures.filter((m) => m.kind === 'reward');
  const penalties = measures.filter((m) => m.kind === 'penalty');
  for (const reward of rewards) {
    for (const penalty of penalties) {
      const matter = sharedMatter(reward, penalty);
      if (matter !== undefined && canCoOccur(ir, reward, penalty)) {
        out.push(
          diagnostic('proportionality.reward-and-penalty', measureSpan(reward), [reward.name, penalty.name, matter]),
        );
      }
    }
  }
  return out;
}
