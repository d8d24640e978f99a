// Turns a subject into the 榆林 decision by hand: the listing rules, gradings and measures of policies/yulin
// (with the national, samr, court, tax and shaanxi layers it extends), written as plain TypeScript.
//
// The speed baseline of `npm run bench`: what a competent engineer would write for this one policy, with no
// engine. One pass sorts the records by type; each list is a loop over its records; measures are a table.
// It follows docs/SEMANTICS.md (lifecycle, civil last days, red lists void under black lists, held-by-term)
// and returns the same Decision shape as the engine, so the bench checks the two agree.
import type { Duration } from '../dsl/ir.js';
import { CONTRACT_VERSION } from '../engine/contract.js';
import type {
  Because,
  Decision,
  GradeOutcome,
  ListOutcome,
  MeasureOutcome,
  Subject,
  SubjectRecord,
} from '../engine/contract.js';
import { addDays, lastDay, shiftDate } from '../engine/time/index.js';
import { MEASURES, RULES, SUPERVISION } from './yulin-tables.js';

const Y5: Duration = { amount: 5, unit: 'year' };
const Y3: Duration = { amount: 3, unit: 'year' };
const Y2: Duration = { amount: 2, unit: 'year' };
const Y1: Duration = { amount: 1, unit: 'year' };
const M6: Duration = { amount: 6, unit: 'month' };
const M3: Duration = { amount: 3, unit: 'month' };
const D0: Duration = { amount: 0, unit: 'day' };
const MILLION = 1_000_000;

const SAMR_SECTORS = ['市场监督管理', '药品监督管理', '知识产权'];
const HEAVY_KINDS = [
  '降低资质等级',
  '吊销许可证件',
  '吊销营业执照',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
];
const PROCUREMENT_KINDS = ['责令停产停业', '吊销许可证件', '吊销营业执照'];
const DEBTOR_GROUNDS = ['妨碍抗拒执行', '规避执行', '违反财产报告制度', '违反限制消费令', '拒不履行和解协议'];
const BLACK = ['严重违法失信名单', '失信被执行人名单_无期限', '失信被执行人名单_有期限', '重大税收违法失信主体名单'];
const GRADES = ['A', 'B', 'C', 'D'];
const RISK_GRADE: Readonly<Record<string, string>> = { 低风险: 'A', 一般风险: 'B', 较高风险: 'C', 高风险: 'D' };

const by = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const attr = (r: SubjectRecord, k: string): unknown => r.attrs?.[k];
const isTrue = (r: SubjectRecord, k: string): boolean => r.attrs?.[k] === true;
const num = (r: SubjectRecord, k: string): number | null => {
  const v = r.attrs?.[k];
  return typeof v === 'number' ? v : null;
};
const atLeast = (r: SubjectRecord, k: string, x: number): boolean => {
  const v = num(r, k);
  return v !== null && v >= x;
};
const hasAny = (r: SubjectRecord, k: string, values: readonly string[]): boolean => {
  const v = r.attrs?.[k];
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x === 'string' && values.includes(x)) return true;
  return false;
};
const oneOf = (r: SubjectRecord, k: string, values: readonly string[]): boolean => {
  const v = r.attrs?.[k];
  return typeof v === 'string' && values.includes(v);
};
const onOrBefore = (d: string | null | undefined, at: string): boolean => d !== null && d !== undefined && d <= at;
/** `fulfilledOn < publishedOn` of the tax rules: false when either is unset. */
const fulfilledBeforePublished = (r: SubjectRecord): boolean => {
  const p = attr(r, 'publishedOn');
  return typeof p === 'string' && r.fulfilledOn !== null && r.fulfilledOn !== undefined && r.fulfilledOn < p;
};

/** One list being built: its active instances folded into since / until / repairFrom and the rules' records. */
class Listing {
  since: string | null = null;
  until: string | null = null;
  indefinite = false;
  repairFrom: string | null = null;
  readonly rules = new Map<string, SubjectRecord[]>();

  add(rule: string, recs: readonly SubjectRecord[], since: string, until: string | null, repair: string | null): void {
    if (this.since === null || since < this.since) this.since = since;
    if (until === null) this.indefinite = true;
    else if (this.until === null || until > this.until) this.until = until;
    if (repair !== null && (this.repairFrom === null || repair > this.repairFrom)) this.repairFrom = repair;
    const list = this.rules.get(rule);
    if (list === undefined) this.rules.set(rule, [...recs]);
    else list.push(...recs);
  }

  get on(): boolean {
    return this.since !== null;
  }

  outcome(name: string, title: string, kind: ListOutcome['kind']): ListOutcome {
    const because: Because[] = [];
    const marked: string[] = [];
    for (const rule of [...this.rules.keys()].sort(by)) {
      const recs = this.rules.get(rule)!;
      const ids = [...new Set(recs.map((r) => r.id))].sort(by);
      for (const r of recs) if (r.objection === 'pending' && !marked.includes(r.id)) marked.push(r.id);
      const meta = RULES[rule]!;
      because.push({ rule, label: meta.label, records: ids, basis: meta.basis });
    }
    const out: ListOutcome = {
      list: name,
      title,
      kind,
      since: this.since!,
      until: this.indefinite ? null : this.until,
      repairFrom: this.repairFrom,
      because,
    };
    return marked.length > 0 ? { ...out, marked: marked.sort(by) } : out;
  }
}

interface Expired {
  readonly since: string;
}

export function handwrittenYulin(subject: Subject, at: string, matter: string | null, hash: string): Decision {
  const head = {
    contract: CONTRACT_VERSION as typeof CONTRACT_VERSION,
    subject: subject.id,
    at,
    matter,
    policy: { id: 'yulin', version: '2022.1', hash },
  };
  if (at < '2022-03-01') {
    return {
      ...head,
      inForce: false,
      lists: [],
      grade: null,
      grades: [],
      supervision: null,
      measures: [],
      notes: [`评价日期${zh(at)}早于本政策施行日期2022年3月1日，本政策尚未施行，不适用任何名单和措施`],
    };
  }

  const notes = new Set<string>();
  const last = (since: string, d: Duration, counting: 'civil' | 'calendar' = 'civil'): string => {
    const r = lastDay(since, d, counting);
    if (r.note !== undefined) notes.add(r.note);
    return r.date;
  };

  // Records that count (SEMANTICS §1), by type.
  const byType = new Map<string, SubjectRecord[]>();
  for (const r of subject.records) {
    if (r.date > at || onOrBefore(r.revokedOn, at) || r.objection === 'upheld') continue;
    const list = byType.get(r.type);
    if (list === undefined) byType.set(r.type, [r]);
    else list.push(r);
  }
  const none: SubjectRecord[] = [];
  const of = (type: string): SubjectRecord[] => byType.get(type) ?? none;
  const penalties = of('administrative_penalty');
  const debtors = of('court_dishonest_debtor');
  const repaired = (r: SubjectRecord): boolean => onOrBefore(r.repairedOn, at);

  const lists = new Map<string, Listing>();
  const listing = (name: string): Listing => {
    let l = lists.get(name);
    if (l === undefined) lists.set(name, (l = new Listing()));
    return l;
  };
  const on = (name: string): boolean => lists.get(name)?.on === true;

  // 严重违法失信名单 (令44): 3 years, held by a longer restriction, early removal after 1 year.
  const samrExpired: Expired[] = [];
  for (const r of penalties) {
    const samr = oneOf(r, 'sector', SAMR_SECTORS);
    const rules: string[] = [];
    if (!isTrue(r, 'noIntent')) {
      if (
        samr &&
        attr(r, 'conductCategory') !== undefined &&
        attr(r, 'conductCategory') !== null &&
        ((attr(r, 'discretion') === '从重' && hasAny(r, 'penaltyKinds', ['罚款'])) ||
          hasAny(r, 'penaltyKinds', HEAVY_KINDS) ||
          r.severity === '较重' ||
          r.severity === '严重')
      )
        rules.push('较重行政处罚');
      if (samr && isTrue(r, 'refusedToPerform')) rules.push('拒不履行行政决定');
    }
    const fine = num(r, 'fineAmount');
    if (attr(r, 'sector') === '市场监督管理' && attr(r, 'domain') === '企业信息公示' && fine !== null && fine > 50_000)
      rules.push('公示信息弄虚作假情节严重');
    if (rules.length === 0) continue;
    let until = last(r.date, Y3);
    const ends = attr(r, 'restrictionEnds');
    if (typeof ends === 'string' && ends > until) until = ends;
    const repairFrom = addDays(last(r.date, Y1), 1);
    if (repaired(r)) continue;
    if (at > until) {
      samrExpired.push({ since: r.date });
      continue;
    }
    for (const rule of rules) listing('严重违法失信名单').add(rule, [r], r.date, until, repairFrom);
  }

  // 经营异常名录: every record, until moved out (repairedOn).
  for (const r of of('abnormal_operation')) {
    if (!repaired(r)) listing('经营异常名录').add('经营异常情形', [r], r.date, null, null);
  }

  // 政府采购重大违法记录: three years. The 较大数额罚款 threshold is unset, so only the penalty kinds count.
  const procurement = (rule: string, r: SubjectRecord): void => {
    const until = last(r.date, Y3);
    if (at <= until && !repaired(r)) listing('政府采购重大违法记录').add(rule, [r], r.date, until, null);
  };
  for (const r of penalties) {
    if (isTrue(r, 'businessRelated') && hasAny(r, 'penaltyKinds', PROCUREMENT_KINDS))
      procurement('重大违法行政处罚', r);
  }
  for (const r of of('criminal_penalty')) if (isTrue(r, 'businessRelated')) procurement('违法经营刑事处罚', r);

  // 失信被执行人名单: two years (or the extended term) for 第一条第二至六项; indefinite for 第一项.
  for (const r of debtors) {
    if (oneOf(r, 'ground', DEBTOR_GROUNDS) && !isTrue(r, 'debtorIsMinor')) {
      let until = last(r.date, Y2);
      const ends = attr(r, 'termEnds');
      if (typeof ends === 'string' && ends > until) until = ends;
      const repairFrom = addDays(last(r.date, D0), 1);
      if (at <= until && !repaired(r))
        listing('失信被执行人名单_有期限').add('妨碍规避执行等', [r], r.date, until, repairFrom);
    }
    if (
      attr(r, 'ground') === '有履行能力而拒不履行' &&
      !(
        isTrue(r, 'sufficientGuarantee') ||
        isTrue(r, 'seizedAssetsSufficient') ||
        isTrue(r, 'laterInOrder') ||
        isTrue(r, 'debtorIsMinor')
      ) &&
      !repaired(r)
    )
      listing('失信被执行人名单_无期限').add('有履行能力而拒不履行', [r], r.date, null, null);
  }

  // 重大税收违法失信主体名单 (令54): from the publication date, 3 calendar years, early stop after 6 months.
  for (const r of of('major_tax_violation')) {
    const since = attr(r, 'publishedOn');
    if (typeof since !== 'string') continue;
    const rule = taxRule(r);
    if (rule === null) continue;
    const until = last(since, Y3, 'calendar');
    const repairFrom = addDays(last(since, M6, 'calendar'), 1);
    if (since <= at && at <= until && !repaired(r))
      listing('重大税收违法失信主体名单').add(rule, [r], since, until, repairFrom);
  }

  // 欠税未结清未担保 (税收征管法 第四十四条).
  for (const r of of('tax_arrears')) {
    if (!onOrBefore(r.fulfilledOn, at) && !isTrue(r, 'guaranteeProvided') && !repaired(r))
      listing('欠税未结清未担保').add('欠税未结清未担保', [r], r.date, null, null);
  }

  const black = BLACK.some(on);

  // 重点关注名单: 一般/较重 penalties of a subject on no black list; 2 years, repair after 3 months.
  if (!black) {
    for (const r of penalties) {
      if (r.severity !== '一般' && r.severity !== '较重') continue;
      const until = last(r.date, Y2);
      const repairFrom = addDays(last(r.date, M3), 1);
      if (at <= until && !repaired(r)) listing('重点关注名单').add('一般失信行为', [r], r.date, until, repairFrom);
    }
  }

  // 守信激励对象名单 (陕西条例 第二十七条): no bad record within 5 years, and an honour, outstanding public
  // welfare, a highest evaluation or the latest tax rating A. Void under a black list.
  const w5 = shiftDate(at, -1, Y5);
  const recent = (r: SubjectRecord): boolean => r.date > w5;
  const bad =
    penalties.some((r) => recent(r) && !repaired(r)) ||
    of('criminal_penalty').some((r) => recent(r) && !repaired(r)) ||
    debtors.some((r) => recent(r) && !repaired(r)) ||
    of('tax_arrears').some((r) => recent(r) && !onOrBefore(r.fulfilledOn, at)) ||
    of('abnormal_operation').some((r) => recent(r) && !repaired(r)) ||
    of('serious_dishonesty_listing').some(
      (r) => recent(r) && !repaired(r) && !onOrBefore(attr(r, 'removedOn') as string | undefined, at),
    ) ||
    of('credit_commitment').some((r) => recent(r) && isTrue(r, 'breached') && !repaired(r));
  if (!bad) {
    const ratings = of('tax_credit_rating');
    let latestYear: number | null = null;
    for (const r of ratings) {
      const y = num(r, 'ratingYear');
      if (y !== null && (latestYear === null || y > latestYear)) latestYear = y;
    }
    const good = [
      ...of('honor'),
      ...of('public_welfare').filter((r) => isTrue(r, 'outstanding')),
      ...of('credit_evaluation').filter((r) => {
        const v = attr(r, 'validUntil');
        return isTrue(r, 'highestGrade') && !(typeof v === 'string' && v < at);
      }),
      ...ratings.filter((r) => attr(r, 'rating') === 'A' && latestYear !== null && num(r, 'ratingYear') === latestYear),
    ];
    if (good.length > 0 && !black) {
      const since = good.reduce((m, r) => (r.date > m ? r.date : m), good[0]!.date);
      listing('守信激励对象名单').add('守信激励对象', good, since, null, null);
    }
  }

  // 桃花分联合激励对象: a natural person whose latest 桃花分 grade is A or better (the points floor is unset),
  // not a 失信被执行人 and not serving a sentence. Void under a black list.
  if (subject.kind === 'natural_person' && !black) {
    const scores = of('taohua_score');
    const latest = scores.reduce<string | null>((m, r) => (m === null || r.date > m ? r.date : m), null);
    const hits = scores.filter((r) => r.date === latest && oneOf(r, 'taohuaGrade', ['AAA', 'AA', 'A']));
    const serving = of('serving_sentence').some((r) => {
      const ends = attr(r, 'sentenceEnds');
      return ends === undefined || ends === null || (typeof ends === 'string' && ends >= at);
    });
    if (hits.length > 0 && !on('失信被执行人名单_有期限') && !on('失信被执行人名单_无期限') && !serving)
      listing('桃花分联合激励对象').add('桃花分A级以上', hits, latest!, null, null);
  }

  // Gradings: the latest evaluation decides (worst grade on ties); black lists force D; no evaluation: B.
  const latestGrade = (type: string, gradeOf: (r: SubjectRecord) => string | undefined): string | null => {
    const recs = of(type);
    const latest = recs.reduce<string | null>((m, r) => (m === null || r.date > m ? r.date : m), null);
    let worst: string | null = null;
    for (const r of recs) {
      const g = r.date === latest ? gradeOf(r) : undefined;
      if (g !== undefined && (worst === null || g > worst)) worst = g;
    }
    return worst;
  };
  const grade = (scale: string, direct: string | null): GradeOutcome =>
    direct === null
      ? { scale, score: 0, grade: 'B', by: 'score', items: [] }
      : { scale, score: 0, grade: direct, by: 'direct', rule: `direct ${direct}`, items: [] };
  let city = latestGrade('public_credit_evaluation', (r) => {
    const g = attr(r, 'evalGrade');
    return typeof g === 'string' && GRADES.includes(g) ? g : undefined;
  });
  if (black) city = 'D';
  const province = latestGrade('credit_evaluation', (r) => RISK_GRADE[attr(r, 'riskClass') as string]);
  const cityGrade = grade('公共信用综合评价', city);
  const provinceGrade = grade('陕西分级分类监管', province);
  const [ratioMin, ratioMax, frequency, supervisionBasis] = SUPERVISION[cityGrade.grade]!;

  // Measures: triggered by a list the subject is on or a grade it has; filtered by matter; no rewards on a
  // black list. 法定代表人任职限制 runs 3 years from the listing, past its end (企业信息公示条例 第十八条).
  const measures: MeasureOutcome[] = [];
  for (const m of MEASURES) {
    let since: string | null = null;
    let until: string | null = null;
    let indefinite = false;
    const because: string[] = [];
    const term = m.name === '法定代表人任职限制';
    for (const name of m.lists) {
      const l = lists.get(name);
      if (l !== undefined) {
        because.push(name);
        if (since === null || l.since! < since) since = l.since;
        let u = l.indefinite ? null : l.until;
        if (term) {
          const t = last(l.since!, Y3);
          if (u !== null && t > u) u = t;
        }
        if (u === null) indefinite = true;
        else if (until === null || u > until) until = u;
      } else if (term) {
        let held = false;
        for (const e of samrExpired) {
          const t = last(e.since, Y3);
          if (t < at) continue;
          held = true;
          if (since === null || e.since < since) since = e.since;
          if (until === null || t > until) until = t;
        }
        if (held) because.push(name);
      }
    }
    if (m.grades !== undefined) {
      const [scale, grades] = m.grades;
      const g = scale === '公共信用综合评价' ? cityGrade.grade : provinceGrade.grade;
      if (grades.includes(g)) {
        because.push(`${scale}:${g}`);
        if (since === null || at < since) since = at;
        indefinite = true;
      }
    }
    if (because.length === 0) continue;
    if (matter !== null && m.matters !== null && !m.matters.includes(matter)) continue;
    if (m.kind === 'reward' && black) continue;
    const out: MeasureOutcome = {
      measure: m.name,
      label: m.label,
      kind: m.kind,
      action: m.action,
      because: because.sort(by),
      basis: m.basis,
      mandatory: m.mandatory,
      matters: m.matters,
      since: since!,
      until: indefinite ? null : until,
    };
    if (m.level !== undefined) (out as { level?: string }).level = m.level;
    if (m.department !== undefined) (out as { department?: string }).department = m.department;
    measures.push(out);
  }

  const outcomes: ListOutcome[] = [];
  for (const name of [...lists.keys()].sort(by)) {
    const meta = LIST_TITLES[name]!;
    outcomes.push(lists.get(name)!.outcome(name, meta[0], meta[1]));
  }
  return {
    ...head,
    inForce: true,
    lists: outcomes,
    grade: cityGrade,
    grades: [cityGrade, provinceGrade],
    supervision: {
      scale: '公共信用综合评价',
      grade: cityGrade.grade,
      spotCheckRatio: ratioMax,
      spotCheckRange: [ratioMin, ratioMax],
      frequency,
      basis: supervisionBasis,
    },
    measures,
    notes: [...notes].sort(by),
  };
}

/** 令54 第六条: which item a 重大税收违法 record falls under, if any (第十四条: paid before publication is excused). */
function taxRule(r: SubjectRecord): string | null {
  switch (attr(r, 'ground')) {
    case '偷税':
      return ((atLeast(r, 'evadedAmount', MILLION) && atLeast(r, 'maxYearRatio', 0.1)) ||
        atLeast(r, 'withheldEvaded', MILLION)) &&
        !fulfilledBeforePublished(r)
        ? '偷税'
        : null;
    case '逃避追缴欠税':
      return atLeast(r, 'arrearsAmount', MILLION) && !fulfilledBeforePublished(r) ? '逃避追缴欠税' : null;
    case '骗取出口退税':
      return '骗取出口退税';
    case '抗税':
      return '抗税';
    case '虚开增值税专用发票':
      return '虚开增值税专用发票';
    case '虚开普通发票':
      return atLeast(r, 'invoiceCount', 100) || atLeast(r, 'invoiceAmount', 4 * MILLION) ? '虚开普通发票' : null;
    case '非法印制发票':
      return '非法印制发票';
    case '走逃失联':
      return isTrue(r, 'involvesEvasion') && fulfilledBeforePublished(r) ? null : '走逃失联';
    case '提供便利':
      return atLeast(r, 'causedUnpaid', MILLION) || isTrue(r, 'causedExportRefund') ? '提供便利' : null;
    case '税务代理人违法':
      return atLeast(r, 'causedUnpaid', MILLION) ? '税务代理人违法' : null;
    case '其他重大税收违法':
      return '其他重大税收违法';
    default:
      return null;
  }
}

const LIST_TITLES: Readonly<Record<string, readonly [string, ListOutcome['kind']]>> = {
  严重违法失信名单: ['市场监督管理严重违法失信名单', 'black'],
  经营异常名录: ['经营异常名录', 'grey'],
  政府采购重大违法记录: ['政府采购供应商三年内重大违法记录', 'grey'],
  失信被执行人名单_有期限: ['失信被执行人名单（第一条第二项至第六项，纳入期限二年）', 'black'],
  失信被执行人名单_无期限: ['失信被执行人名单（第一条第一项，无纳入期限）', 'black'],
  重大税收违法失信主体名单: ['重大税收违法失信主体名单', 'black'],
  欠税未结清未担保: ['欠缴税款未结清且未提供担保的纳税人', 'grey'],
  守信激励对象名单: ['陕西省守信激励对象名单', 'red'],
  桃花分联合激励对象: ['桃花分守信联合激励对象', 'red'],
  重点关注名单: ['榆林市重点关注名单（灰名单）', 'grey'],
};

function zh(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}
