// Turns a subject into the 榆林 decision by hand: the listing rules, gradings and measures of policies/yulin
// (with the national, samr, court, tax and shaanxi layers it extends), written as plain TypeScript.
//
// The speed baseline of `npm run bench`: what a competent engineer would write for this one policy without
// an engine. One pass sorts the records by type; each list is a loop over its records with its conditions
// written out; date arithmetic is memoised per period. It follows docs/SEMANTICS.md (lifecycle, civil last
// days, red lists void under black lists, held-by-term) and returns the same Decision as the engine.
//
// Only static text is read from the policy when the evaluator is made (titles, labels, citations rendered
// as the engine renders them, the measure table with its matters and triggers), so that editing a label in
// the policy does not break the comparison; every condition, period and threshold is hand-written here,
// and the bench's agreement check fails if the policy's logic moves away from it.
import { adultOn } from '../engine/subject/derived.js';
import type { Action, MeasureKind } from '../dsl/ast.js';
import type { Duration, PolicyIr } from '../dsl/ir.js';
import { basisRenderer } from '../engine/compile/citations.js';
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
import { addDays, durationFromText, lastDay, shiftDate } from '../engine/time/index.js';
import { CalendarCoverageError, untilNotCoveredNote } from '../engine/time/calendar.js';

type Kind = ListOutcome['kind'];

const DELETION_PERIOD: Duration = { amount: 3, unit: 'workday' };
const NOTICE_PERIOD: Duration = { amount: 10, unit: 'workday' };
const NOTICE_BOUND: Duration = { amount: 30, unit: 'day' };
/**
 * 陕西条例 第三十三条: a 守信激励 ground counts once its notice of ten working days (from the day after the record)
 * has run; 30 calendar days always cover it, so older records need no calendar.
 */
const noticeOver = (r: Rec, at: string): boolean =>
  shiftDate(r.date, 1, NOTICE_BOUND) < at || shiftDate(r.date, 1, NOTICE_PERIOD) < at;
/** The day a ground's notice had run: after the tenth working day (after 30 days where the calendar lacks the year). */
function noticeRun(r: Rec): string {
  try {
    return addDays(shiftDate(r.date, 1, NOTICE_PERIOD), 1);
  } catch (error) {
    if (error instanceof CalendarCoverageError) return addDays(shiftDate(r.date, 1, NOTICE_BOUND), 1);
    throw error;
  }
}
const ONE_MONTH: Duration = { amount: 1, unit: 'month' };

/** 失信被执行人规定 第十条第一款第（一）项: deleted within 3 working days of performance (no-term listing). */
function deletedAfterPerformance(r: SubjectRecord, at: string): boolean {
  const f = r.fulfilledOn;
  if (typeof f !== 'string') return false;
  return shiftDate(f, 1, ONE_MONTH) < at || f < shiftDate(at, -1, DELETION_PERIOD);
}

/**
 * `until fulfilledOn + 删除期限 when fulfilledOn <= at`: once performed, the third working day after; none in a year
 * the holiday calendar lacks, with a note.
 */
function deletionDeadline(r: SubjectRecord, at: string, notes: string[]): string | null {
  const f = r.fulfilledOn;
  if (typeof f !== 'string' || f > at) return null;
  try {
    return shiftDate(f, 1, DELETION_PERIOD);
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    const note = untilNotCoveredNote('失信被执行人名单（第一条第一项，无纳入期限）', error.year);
    if (!notes.includes(note)) notes.push(note);
    return null;
  }
}

const NO_EVALUATION = { date: null, grade: null } as const;

/**
 * The latest evaluation of `kind` still valid at `at` (an expired 有效期至 is no result): its date, and the worst grade
 * its 风险分类 gives among the valid ones of that date (null when none of them states one).
 */
function latestValidOfKind(
  evaluations: readonly SubjectRecord[],
  kind: string,
  at: string,
): { readonly date: string | null; readonly grade: string | null } {
  const valid = evaluations.filter((r) => {
    const until = attr(r, 'validUntil');
    return attr(r, 'evaluationKind') === kind && !(typeof until === 'string' && until < at);
  });
  let date: string | null = null;
  for (const r of valid) if (date === null || r.date > date) date = r.date;
  let grade: string | null = null;
  for (const r of valid) {
    const g = RISK_GRADE[attr(r, 'riskClass') as string];
    if (r.date === date && g !== undefined && (grade === null || g > grade)) grade = g;
  }
  return { date, grade };
}

const PERSONS: ReadonlySet<string> = new Set(['natural_person', 'individual_business', 'rural_household']);
const NOT_ON_GREY: ReadonlySet<string> = new Set([
  '信易批优先办理',
  '信易批容缺受理',
  '信易批免费代办',
  '公共资源交易守信激励',
]);
const MARKET_SUBJECTS: ReadonlySet<string> = new Set(['enterprise', 'individual_business', 'farmer_cooperative']);
const ENTERPRISE_ONLY: ReadonlySet<string> = new Set([
  '公示条例限制或禁入',
  '严重违法失信限制或禁入',
  '法定代表人任职限制',
]);
type Rec = SubjectRecord;

interface MeasureRow {
  readonly name: string;
  readonly label: string | undefined;
  readonly kind: MeasureKind;
  readonly action: Action;
  readonly level: string | undefined;
  readonly basis: readonly string[];
  readonly department: string | undefined;
  readonly mandatory: boolean;
  readonly matters: readonly string[] | null;
  readonly lists: readonly string[];
  readonly grades: readonly { readonly grading: string; readonly grades: readonly string[] }[];
  readonly term: Duration | undefined;
  /** `term exactly`: the term is the measure's whole span from the listing */
  readonly termExact: boolean;
  /** `target legal_representative` */
  readonly representative: boolean;
}

interface Tables {
  readonly hash: string;
  readonly lists: Readonly<Record<string, { readonly title: string; readonly kind: Kind }>>;
  readonly rules: Readonly<Record<string, { readonly label: string | undefined; readonly basis: readonly string[] }>>;
  readonly measures: readonly MeasureRow[];
  readonly supervision: Readonly<
    Record<string, { min: number; max: number; frequency?: string; basis: readonly string[] }>
  >;
  /** the grading's `supervision note`, said wherever a ratio is given */
  readonly supervisionNote: string | null;
}

const Y5: Duration = { amount: 5, unit: 'year' };
const Y3: Duration = { amount: 3, unit: 'year' };
const Y2: Duration = { amount: 2, unit: 'year' };
const Y1: Duration = { amount: 1, unit: 'year' };
const M6: Duration = { amount: 6, unit: 'month' };
const M3: Duration = { amount: 3, unit: 'month' };
const MILLION = 1_000_000;

const SAMR_SECTORS = ['市场监督管理', '药品监督管理', '知识产权'];
/** 令44 第五至十条: the conduct a 较重 penalty must concern to list, and the rule (one per article) that lists it */
const SAMR_CONDUCT_RULE: Readonly<Record<string, string>> = {
  食品安全违法: '食品安全较重处罚',
  药品医疗器械化妆品违法: '药品医疗器械化妆品较重处罚',
  质量安全违法: '质量安全较重处罚',
  侵害消费者权益违法: '消费者权益较重处罚',
  破坏公平竞争秩序违法: '公平竞争较重处罚',
  许可登记及妨碍监管违法: '许可登记监管较重处罚',
};
const HEAVY_KINDS = [
  '降低资质等级',
  '吊销许可证件',
  '吊销营业执照',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
];
/** Kinds the 纳税缴费信用 evaluation does not grade (the tax_credit grading's `applies when`). */
const NOT_TAX_RATED: ReadonlySet<string> = new Set(['natural_person', 'rural_household', 'government_agency']);
const SAMR_LIST_NAMES = ['市场监督管理严重违法失信名单', '严重违法失信名单', '市场监管严重违法失信名单'];
const PROCUREMENT_KINDS = ['责令停产停业', '责令关闭', '吊销许可证件', '吊销营业执照'];
const DEBTOR_GROUNDS = ['妨碍抗拒执行', '规避执行', '违反财产报告制度', '违反限制消费令', '拒不履行和解协议'];
const TAOHUA_A = ['AAA', 'AA', 'A'];
const EVAL_GRADES = ['A', 'B', 'C', 'D'];
const RISK_GRADE: Readonly<Record<string, string>> = { 低风险: 'A', 一般风险: 'B', 较高风险: 'C', 高风险: 'D' };

const by = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ------------------------------------------------------------------ date arithmetic, memoised per period

interface Period {
  /** the last day */
  readonly date: string;
  /** the day after it: when an act that needs the period elapsed becomes possible */
  readonly next: string;
  readonly note?: string;
}

const civilMemo = new Map<Duration, Map<string, Period>>();
const calendarMemo = new Map<Duration, Map<string, Period>>();

function period(
  memo: Map<Duration, Map<string, Period>>,
  since: string,
  d: Duration,
  counting: 'civil' | 'calendar',
): Period {
  let m = memo.get(d);
  if (m === undefined) memo.set(d, (m = new Map()));
  let r = m.get(since);
  if (r === undefined) {
    const last = lastDay(since, d, counting);
    r =
      last.note === undefined
        ? { date: last.date, next: addDays(last.date, 1) }
        : { date: last.date, next: addDays(last.date, 1), note: last.note };
    if (m.size > 50_000) m.clear();
    m.set(since, r);
  }
  return r;
}

/** Civil period (民法典 第二百零三条 shift); a calendar-coverage note goes into `notes`. */
function civil(since: string, d: Duration, notes: string[]): Period {
  const r = period(civilMemo, since, d, 'civil');
  if (r.note !== undefined && !notes.includes(r.note)) notes.push(r.note);
  return r;
}

/** A measure's terms from the listings begun on `sinces` that still run at `at`: earliest since, latest end. */
function termsRunning(
  sinces: readonly string[],
  term: Duration,
  at: string,
  notes: string[],
): { since: string; until: string } | null {
  let out: { since: string; until: string } | null = null;
  for (const s of sinces) {
    const end = civil(s, term, notes).date;
    if (end < at) continue;
    if (out === null) out = { since: s, until: end };
    else {
      if (s < out.since) out.since = s;
      if (end > out.until) out.until = end;
    }
  }
  return out;
}

/** A look-back window: the corresponding day, never moved off a rest day (no calendar note either). */
function lookBack(since: string, d: Duration): Period {
  return period(calendarMemo, since, d, 'calendar');
}

// ------------------------------------------------------------------ record helpers (SEMANTICS §7: null is not true)

const WARNINGS = ['警告', '通报批评'];

/** 令44 第十六条第一款第（三）项: a 较重 penalty by a 市场监管 department decided after the listed one `l`. */
function samrHeavyAfter(p: Rec, l: Rec): boolean {
  return (
    p.date > l.date &&
    oneOf(p, 'sector', SAMR_SECTORS) &&
    ((attr(p, 'discretion') === '从重' && hasAny(p, 'penaltyKinds', ['罚款'])) ||
      hasAny(p, 'penaltyKinds', HEAVY_KINDS))
  );
}

/** 令54 第二十二条第（一）项: a tax authority's penalty for a grave tax violation decided after the determination `d`. */
function taxPenaltyAfter(p: Rec, d: Rec): boolean {
  return (
    attr(p, 'sector') === '税务' &&
    p.date > d.date &&
    (GRAVE_TAX_DOMAINS.includes(attr(p, 'domain') as string) || p.severity === '较重' || p.severity === '严重')
  );
}
const GRAVE_TAX_DOMAINS = [
  '偷税',
  '逃避追缴欠税',
  '骗取出口退税',
  '抗税',
  '虚开发票',
  '虚开增值税专用发票',
  '虚开普通发票',
];

/** A penalty of 警告 / 通报批评 and nothing heavier. */
function onlyWarning(r: Rec): boolean {
  const kinds = attr(r, 'penaltyKinds');
  if (!Array.isArray(kinds)) return false;
  return kinds.some((k) => WARNINGS.includes(k as string)) && kinds.every((k) => WARNINGS.includes(k as string));
}

function attr(r: Rec, k: string): unknown {
  return r.attrs === undefined ? undefined : r.attrs[k];
}
function isTrue(r: Rec, k: string): boolean {
  return attr(r, k) === true;
}

// 陕西条例 第二十七条: the 表彰 / 公益 records that make a 守信激励对象 — an employer's own award (本单位) is not a 国家机关等
// 组织 表彰, and public welfare counts when 表现突出. Read for the red list and for what 宣传推介 may publicise.
const qualifyingHonour = (r: Rec): boolean => attr(r, 'honorLevel') !== '本单位';
const qualifyingWelfare = (r: Rec): boolean => isTrue(r, 'outstanding');
const publicityRefused = (r: Rec): boolean => isTrue(r, 'publicityRefused');

/**
 * Whether an 经营异常 record enters the subject in the 经营异常名录: 企业 and 农民专业合作社 always; a 个体工商户 by a
 * decision from 2025-03-18 (个体工商户年度报告办法 第十三条, 第十五条 as revised), for a missing annual report or when it
 * cannot be reached — before that it was marked 经营异常状态 instead.
 */
function entersDirectory(kind: string, r: Rec): boolean {
  if (kind === 'enterprise' || kind === 'farmer_cooperative') return true;
  if (kind !== 'individual_business' || r.date < '2025-03-18') return false;
  const reason = attr(r, 'reason');
  return reason === '未按期公示年度报告' || reason === '通过登记住所无法联系';
}
function num(r: Rec, k: string): number | null {
  const v = attr(r, k);
  return typeof v === 'number' ? v : null;
}
function atLeast(r: Rec, k: string, x: number): boolean {
  const v = num(r, k);
  return v !== null && v >= x;
}
function oneOf(r: Rec, k: string, values: readonly string[]): boolean {
  const v = attr(r, k);
  return typeof v === 'string' && values.includes(v);
}
function hasAny(r: Rec, k: string, values: readonly string[]): boolean {
  const v = attr(r, k);
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x === 'string' && values.includes(x)) return true;
  return false;
}
function onOrBefore(d: unknown, at: string): boolean {
  return typeof d === 'string' && d <= at;
}
function repaired(r: Rec, at: string): boolean {
  return r.repairedOn !== null && r.repairedOn !== undefined && r.repairedOn <= at;
}
/** A recorded repair ends an instance from `gate` on ('' any day), never when the gate is null (early end barred). */
function repairEnds(r: Rec, at: string, gate: string | null): boolean {
  return repaired(r, at) && gate !== null && r.repairedOn! >= gate;
}
/**
 * Whether a bar alternative that holds by `need` of the records `behind` already held on `day`: the need-th
 * earliest of them was there (one for "any", two for "twice").
 */
function heldBy(behind: readonly Rec[], day: string, need = 1): boolean {
  if (behind.length < need) return false;
  const dates = behind.map((b) => b.date).sort(by);
  return dates[need - 1]! <= day;
}
/**
 * The day from which a recorded repair ends a barred instance: a repair recorded before the bar held stands
 * (from `repairFrom` on), one recorded while it held ends nothing (null).
 */
function barredGate(r: Rec, at: string, repairFrom: string, heldOn: (day: string) => boolean): string | null {
  return repaired(r, at) && !heldOn(r.repairedOn!) ? repairFrom : null;
}
/** `effectsEliminated == true` stated false on the record: a condition of early removal the record says is unmet. */
function effectsStillThere(r: Rec): boolean {
  const v = attr(r, 'effectsEliminated');
  return v !== undefined && v !== null && v !== true;
}
/** The first day d on which a record dated `date` is no longer within P of d (d − P > date). */
function firstDayOutside(date: string, p: Duration): string {
  let d = addDays(shiftDate(date, 1, p), 1);
  while (shiftDate(addDays(d, -1), -1, p) > date) d = addDays(d, -1);
  while (shiftDate(d, -1, p) <= date) d = addDays(d, 1);
  return d;
}
/** The later of a date and an optional one. */
function later(a: string, b: string | null): string {
  return b !== null && b > a ? b : a;
}
/** Early removal waits for performance (`early removal … when fulfilledOn <= at`): not before fulfilledOn. */
function notBeforeFulfilled(repairFrom: string, r: Rec): string {
  const f = r.fulfilledOn;
  return typeof f === 'string' && f > repairFrom ? f : repairFrom;
}

/** `fulfilledOn < publishedOn` in the tax rules: false when either is unset. */
function paidBeforePublished(r: Rec): boolean {
  const p = attr(r, 'publishedOn');
  return typeof p === 'string' && typeof r.fulfilledOn === 'string' && r.fulfilledOn < p;
}
/** The day the first ground's notice ran: the listing has held since then (a later ground renews nothing). */
function earliestNoticeRun(recs: readonly Rec[]): string | null {
  let m: string | null = null;
  for (const r of recs) {
    const d = noticeRun(r);
    if (m === null || d < m) m = d;
  }
  return m;
}

function latestDate(recs: readonly Rec[]): string | null {
  let m: string | null = null;
  for (const r of recs) if (m === null || r.date > m) m = r.date;
  return m;
}

// ------------------------------------------------------------------ a list being built

/** The active instances of one list folded into since / until / repairFrom, with each rule's records. */
class Listing {
  since = '';
  until: string | null = null;
  indefinite = false;
  repairFrom: string | null = null;
  /** an active instance barred from early removal (令54 第二十二条): the listing has no repairFrom */
  barred = false;
  readonly rules: string[] = [];
  readonly recs: Rec[][] = [];
  /** the since of every active instance (a record matching two rules appears twice) */
  readonly sinces: string[] = [];

  constructor(readonly name: string) {}

  add(rule: string, rec: Rec, since: string, until: string | null, repair: string | null): void {
    this.sinces.push(since);
    if (this.since === '' || since < this.since) this.since = since;
    if (until === null) this.indefinite = true;
    else if (this.until === null || until > this.until) this.until = until;
    if (repair !== null && (this.repairFrom === null || repair > this.repairFrom)) this.repairFrom = repair;
    const k = this.rules.indexOf(rule);
    if (k < 0) {
      this.rules.push(rule);
      this.recs.push([rec]);
    } else this.recs[k]!.push(rec);
  }

  outcome(t: Tables): ListOutcome {
    const order =
      this.rules.length === 1 ? [0] : this.rules.map((_, k) => k).sort((a, b) => by(this.rules[a]!, this.rules[b]!));
    const because: Because[] = [];
    let marked: string[] | null = null;
    for (const k of order) {
      const rule = this.rules[k]!;
      const ids: string[] = [];
      for (const r of this.recs[k]!) {
        if (!ids.includes(r.id)) ids.push(r.id);
        if (r.objection === 'pending') {
          marked ??= [];
          if (!marked.includes(r.id)) marked.push(r.id);
        }
      }
      if (ids.length > 1) ids.sort(by);
      const meta = t.rules[rule]!;
      const b: { -readonly [K in keyof Because]: Because[K] } = { rule, records: ids, basis: meta.basis };
      if (meta.label !== undefined) b.label = meta.label;
      because.push(b);
    }
    const meta = t.lists[this.name]!;
    const until = this.indefinite ? null : this.until;
    // An early removal that could come only after the listing ended by itself is none.
    const late = this.repairFrom !== null && until !== null && this.repairFrom > until;
    const out: { -readonly [K in keyof ListOutcome]: ListOutcome[K] } = {
      list: this.name,
      title: meta.title,
      kind: meta.kind,
      since: this.since,
      until,
      repairFrom: this.barred || late ? null : this.repairFrom,
      because,
    };
    if (marked !== null) out.marked = marked.sort(by);
    return out;
  }
}

// ------------------------------------------------------------------ the rules

/** 令54 第六条: whether a 重大税收违法 record meets its item's threshold (the determination, 第十五条). */
/** 令54 第十四条: paid before publication, for good not published (第六条第（一）、（二）项, （八）项 with evasion). */
function withheldForGood(r: Rec): boolean {
  const ground = attr(r, 'ground');
  const covered =
    ground === '偷税' || ground === '逃避追缴欠税' || (ground === '走逃失联' && isTrue(r, 'involvesEvasion'));
  return covered && paidBeforePublished(r);
}
/** A determination that states none of the amounts its 第六条 ground is measured by. */
function amountsUnstated(r: Rec): boolean {
  const unset = (k: string): boolean => attr(r, k) === undefined || attr(r, k) === null;
  switch (attr(r, 'ground')) {
    case '偷税':
      return unset('evadedAmount') && unset('withheldEvaded');
    case '逃避追缴欠税':
      return unset('arrearsAmount');
    case '虚开普通发票':
      return unset('invoiceCount') && unset('invoiceAmount');
    case '提供便利':
      return unset('causedUnpaid') && unset('causedExportRefund');
    case '税务代理人违法':
      return unset('causedUnpaid');
    default:
      return false;
  }
}

function taxDetermined(r: Rec): boolean {
  switch (attr(r, 'ground')) {
    case '偷税':
      return (
        (atLeast(r, 'evadedAmount', MILLION) && atLeast(r, 'maxYearRatio', 0.1)) ||
        atLeast(r, 'withheldEvaded', MILLION)
      );
    case '逃避追缴欠税':
      return atLeast(r, 'arrearsAmount', MILLION);
    case '虚开普通发票':
      return atLeast(r, 'invoiceCount', 100) || atLeast(r, 'invoiceAmount', 4 * MILLION);
    case '提供便利':
      return atLeast(r, 'causedUnpaid', MILLION) || isTrue(r, 'causedExportRefund');
    case '税务代理人违法':
      return atLeast(r, 'causedUnpaid', MILLION);
    case '骗取出口退税':
    case '抗税':
    case '虚开增值税专用发票':
    case '非法印制发票':
    case '走逃失联':
    case '其他重大税收违法':
      return true;
    default:
      return false;
  }
}

/**
 * 令54 第六条: the item a 重大税收违法 record falls under on the black list, if any — a determination that
 * 第十四条 (paid before publication) does not excuse from publication.
 */
function taxRule(r: Rec): string | null {
  if (!taxDetermined(r)) return null;
  const ground = attr(r, 'ground') as string;
  switch (ground) {
    case '偷税':
    case '逃避追缴欠税':
      return paidBeforePublished(r) ? null : ground;
    case '走逃失联':
      return isTrue(r, 'involvesEvasion') && paidBeforePublished(r) ? null : ground;
    default:
      return ground;
  }
}

/** 令44 第二条第二款 (较重), 第十一条 (拒不履行), 企业信息公示条例 第十八条第二款 — the first rule a penalty meets. */
function samrRules(r: Rec, out: string[], kind: string): void {
  // 令44 第十三条: decided with the penalty, so only penalties decided from 2021-09-01 (第二十六条).
  if (r.date < '2021-09-01') return;
  const samr = oneOf(r, 'sector', SAMR_SECTORS);
  if (samr && !isTrue(r, 'noIntent')) {
    // A penalty that states no 违法行为类别 is taken as within 第五至第十条 (R102); a stated 其他违法 is not.
    const category = attr(r, 'conductCategory');
    const rule =
      category === undefined || category === null ? '较重处罚_未载明类别' : SAMR_CONDUCT_RULE[category as string];
    if (
      rule !== undefined &&
      ((attr(r, 'discretion') === '从重' && hasAny(r, 'penaltyKinds', ['罚款'])) ||
        hasAny(r, 'penaltyKinds', HEAVY_KINDS))
    )
      out.push(rule);
    if (isTrue(r, 'refusedToPerform')) out.push('拒不履行行政决定');
  }
  // The 条例 speaks of an 企业's 公示信息 (R69).
  if (kind === 'enterprise' && isFalsification(r)) out.push('公示信息弄虚作假情节严重');
}

const DISCLOSURE_DOMAINS: ReadonlySet<string> = new Set([
  '企业信息公示',
  '企业公示信息',
  '信息公示',
  '公示信息',
  '企业信息公示弄虚作假',
  '企业公示信息弄虚作假',
  '公示信息弄虚作假',
]);

/** 企业信息公示条例 第十八条第二款: 公示信息弄虚作假，情节严重 (a fine over 5万元) — the listing its 任职限制 follows. */
function isFalsification(r: Rec): boolean {
  const fine = num(r, 'fineAmount');
  return (
    r.date >= '2021-09-01' &&
    attr(r, 'sector') === '市场监督管理' &&
    DISCLOSURE_DOMAINS.has(attr(r, 'domain') as string) &&
    fine !== null &&
    fine > 50_000
  );
}

/**
 * 陕西条例 第二十七条 无不良信用记录 read with 第二十三条: no unrepaired (unpaid, unremoved) bad record still public —
 * five years from its date, last day included and moved off a rest day (民法典 第二百零三条); a 严重失信主体名单
 * listing until removal, however long.
 */
/**
 * The last day a bad record of `date` is public (第二十三条's five years, counted civil). No presumed-calendar note:
 * the benchmark evaluates inside the published calendar, where the policy gives none either.
 */
function publicUntil(date: string): string {
  return period(civilMemo, date, Y5, 'civil').date;
}

function hasBadRecord(
  recs: readonly Rec[],
  at: string,
  test: 'penalty' | 'repaired' | 'paid' | 'removed' | 'breached',
): boolean {
  for (const r of recs) {
    if (test !== 'removed' && publicUntil(r.date) < at) continue;
    switch (test) {
      case 'penalty':
        // a decision not to punish (不予处罚) imposed nothing
        if (!repaired(r, at) && attr(r, 'discretion') !== '不予处罚') return true;
        break;
      case 'repaired':
        if (!repaired(r, at)) return true;
        break;
      case 'paid':
        if (!onOrBefore(r.fulfilledOn, at)) return true;
        break;
      case 'removed':
        if (!repaired(r, at) && !onOrBefore(attr(r, 'removedOn'), at)) return true;
        break;
      case 'breached':
        if (isTrue(r, 'breached') && !repaired(r, at)) return true;
        break;
    }
  }
  return false;
}

/**
 * The day the last bad record of `recs` stopped counting (SEMANTICS §2 "`when` rule"): the earliest of its repair,
 * its payment or removal, and the day after its five years, among those already come; null if none did after its
 * own date.
 */
function badEnded(
  recs: readonly Rec[],
  at: string,
  test: 'penalty' | 'repaired' | 'paid' | 'removed' | 'breached',
): string | null {
  let last: string | null = null;
  for (const r of recs) {
    if (test === 'penalty' && attr(r, 'discretion') === '不予处罚') continue;
    if (test === 'breached' && !isTrue(r, 'breached')) continue;
    const fifth = publicUntil(r.date);
    const ends: unknown[] = [
      test === 'paid' ? r.fulfilledOn : r.repairedOn,
      test === 'removed' ? attr(r, 'removedOn') : fifth < at ? addDays(fifth, 1) : null,
    ];
    let stop = '';
    for (const d of ends) if (typeof d === 'string' && d <= at && (stop === '' || d < stop)) stop = d;
    if (stop !== '' && stop > r.date && (last === null || stop > last)) last = stop;
  }
  return last;
}

function decide(t: Tables, subject: Subject, at: string, matter: string | null): Decision {
  const policy = { id: 'yulin', version: '2022.1', hash: t.hash };
  if (at < '2022-03-01') {
    return {
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
      notes: [`评价日期${zh(at)}早于本政策施行日期2022年3月1日，本政策尚未施行，不适用任何名单和措施`],
    };
  }
  const notes: string[] = [];

  // Records that count (SEMANTICS §1), by type.
  const penalties: Rec[] = [];
  const crimes: Rec[] = [];
  const debtors: Rec[] = [];
  const arrears: Rec[] = [];
  const abnormal: Rec[] = [];
  const taxViolations: Rec[] = [];
  const seriousListings: Rec[] = [];
  const commitments: Rec[] = [];
  const honors: Rec[] = [];
  const welfare: Rec[] = [];
  const evaluations: Rec[] = [];
  const ratings: Rec[] = [];
  const taohua: Rec[] = [];
  const sentences: Rec[] = [];
  const publicEvaluations: Rec[] = [];
  for (const r of subject.records) {
    if (r.date > at || (typeof r.revokedOn === 'string' && r.revokedOn <= at) || r.objection === 'upheld') continue;
    switch (r.type) {
      case 'administrative_penalty':
        penalties.push(r);
        break;
      case 'criminal_penalty':
        crimes.push(r);
        break;
      case 'court_dishonest_debtor':
        debtors.push(r);
        break;
      case 'tax_arrears':
        arrears.push(r);
        break;
      case 'abnormal_operation':
        abnormal.push(r);
        break;
      case 'major_tax_violation':
        taxViolations.push(r);
        break;
      case 'serious_dishonesty_listing':
        seriousListings.push(r);
        break;
      case 'credit_commitment':
        commitments.push(r);
        break;
      case 'honor':
        honors.push(r);
        break;
      case 'public_welfare':
        welfare.push(r);
        break;
      case 'credit_evaluation':
        evaluations.push(r);
        break;
      case 'tax_credit_rating':
        ratings.push(r);
        break;
      case 'taohua_score':
        taohua.push(r);
        break;
      case 'serving_sentence':
        sentences.push(r);
        break;
      case 'public_credit_evaluation':
        publicEvaluations.push(r);
        break;
    }
  }
  // national `latest per ratingYear`: a later 纳税信用 rating of the same year (a 复评) supersedes the earlier one.
  if (ratings.length > 1) {
    const current = ratings.filter((r) => {
      const year = attr(r, 'ratingYear');
      return (
        year === undefined || year === null || !ratings.some((o) => o.date > r.date && attr(o, 'ratingYear') === year)
      );
    });
    ratings.length = 0;
    ratings.push(...current);
  }

  // 严重违法失信名单 (令44): 3 years, held by a longer restriction, early removal after 1 year. Instances that
  // have ended are kept for 法定代表人任职限制, whose own 3-year term can outlast the listing.
  let samr: Listing | null = null;
  let samrEnded: string[] | null = null;
  // The day the last listing on a black list the 重点关注名单 needs the subject off (令44, 令54) stopped holding it:
  // a grey listing is reported from then at the earliest (SEMANTICS §2).
  const blackEnded = {
    day: '',
    on(d: string): void {
      if (d > this.day) this.day = d;
    },
  };
  /** Whether a 令44 instance no longer holds at `at` (a repair it allows, or run out), noting the day it stopped. */
  const samrGone = (r: Rec, until: string, gate: string | null): boolean => {
    if (repairEnds(r, at, gate)) {
      blackEnded.on(r.repairedOn!);
      return true;
    }
    if (at <= until) return false;
    (samrEnded ??= []).push(r.date);
    blackEnded.on(addDays(until, 1));
    return true;
  };
  const matched: string[] = [];
  for (const r of penalties) {
    matched.length = 0;
    samrRules(r, matched, subject.kind);
    if (matched.length === 0) continue;
    let until = civil(r.date, Y3, notes).date;
    const ends = attr(r, 'restrictionEnds');
    if (typeof ends === 'string' && ends > until) until = ends;
    // 第十六条第二款: not before the restriction ends either.
    let repairFrom = civil(r.date, Y1, notes).next;
    if (typeof ends === 'string' && addDays(ends, 1) > repairFrom) repairFrom = addDays(ends, 1);
    repairFrom = notBeforeFulfilled(repairFrom, r);
    // 第十六条第一款第（三）项: a later 较重 penalty bars early removal of this listing; 第十六条第二款: so does the
    // 任职限制 a falsification listing brings (3 years from the listing, longer than any early removal).
    const later = penalties.filter((p) => samrHeavyAfter(p, r));
    const falsified = subject.kind === 'enterprise' && isFalsification(r);
    const barred = later.length > 0 || falsified;
    // 第十六条第一款第（三）项 as a fact of the repair's day: a record that says the effects were not eliminated
    // ends nothing by a repair recorded on it.
    const gate = effectsStillThere(r)
      ? null
      : barred
        ? barredGate(r, at, repairFrom, (day) => falsified || heldBy(later, day))
        : repairFrom;
    if (samrGone(r, until, gate)) continue;
    for (const rule of matched) (samr ??= new Listing('严重违法失信名单')).add(rule, r, r.date, until, repairFrom);
    if (barred) samr!.barred = true;
  }
  // The listing decision itself (第十三条), as a 严重失信主体名单 record, until removed or 3 years.
  for (const r of seriousListings) {
    if (r.date < '2021-09-01' || !SAMR_LIST_NAMES.includes(attr(r, 'listName') as string)) continue;
    if (r.severity === '轻微' || r.severity === '一般') continue;
    if (onOrBefore(attr(r, 'removedOn'), at)) continue;
    const until = civil(r.date, Y3, notes).date;
    const repairFrom = notBeforeFulfilled(civil(r.date, Y1, notes).next, r);
    const later = penalties.filter((p) => samrHeavyAfter(p, r));
    const barred = later.length > 0;
    if (samrGone(r, until, barred ? barredGate(r, at, repairFrom, (day) => heldBy(later, day)) : repairFrom)) continue;
    (samr ??= new Listing('严重违法失信名单')).add('列入决定', r, r.date, until, repairFrom);
    if (barred) samr.barred = true;
  }

  // 经营异常名录: every record, until moved out (repairedOn); removal may be asked from the listing day, or once
  // cured (fulfilledOn) if later.
  let abnormalList: Listing | null = null;
  for (const r of abnormal) {
    if (!entersDirectory(subject.kind, r)) continue;
    const repairFrom = notBeforeFulfilled(r.date, r);
    if (!repairEnds(r, at, repairFrom))
      // one rule per ground of 第四条, named as the record's 列入事由
      (abnormalList ??= new Listing('经营异常名录')).add(attr(r, 'reason') as string, r, r.date, null, repairFrom);
  }

  // 政府采购重大违法记录: a three-year look-back (not moved off rest days); the penalty kinds, or a 较大数额罚款
  // (财库〔2022〕3号: 200万元以上).
  let procurement: Listing | null = null;
  for (const r of penalties) {
    // 第十九条第二款: the procurement ban itself bars the supplier while it runs (three years when no end is stated).
    const banEnds = attr(r, 'restrictionEnds');
    if (
      hasAny(r, 'penaltyKinds', ['限制开展生产经营活动']) &&
      ['政府采购', '政府采购活动'].includes(attr(r, 'domain') as string)
    ) {
      const banUntil = typeof banEnds === 'string' ? banEnds : lookBack(r.date, Y3).date;
      if (at <= banUntil)
        (procurement ??= new Listing('政府采购重大违法记录')).add('禁止参加政府采购', r, r.date, banUntil, null);
    }
    if (!isTrue(r, 'businessRelated')) continue;
    if (!hasAny(r, 'penaltyKinds', PROCUREMENT_KINDS) && !atLeast(r, 'fineAmount', 2 * MILLION)) continue;
    // 实施条例 第十九条第二款: a procurement ban (限制开展生产经营活动 in the field 政府采购, or in no field stated)
    // bars the supplier to its stated end, and no longer once that has passed
    const ends = attr(r, 'restrictionEnds');
    const domain = attr(r, 'domain');
    const ban =
      hasAny(r, 'penaltyKinds', ['限制开展生产经营活动']) &&
      (domain === undefined || domain === null || ['政府采购', '政府采购活动'].includes(domain as string));
    if (ban && typeof ends === 'string' && ends < at) continue;
    const until = ban && typeof ends === 'string' ? ends : lookBack(r.date, Y3).date;
    // A record of the fact of the penalty: no recorded repair ends it (early removal barred), only revocation.
    if (at <= until)
      (procurement ??= new Listing('政府采购重大违法记录')).add('重大违法行政处罚', r, r.date, until, null);
  }
  for (const r of crimes) {
    if (!isTrue(r, 'businessRelated')) continue;
    const until = lookBack(r.date, Y3).date;
    if (at <= until)
      (procurement ??= new Listing('政府采购重大违法记录')).add('违法经营刑事处罚', r, r.date, until, null);
  }

  // 失信被执行人名单: two years (or the court's extended term) for 第一条第二至六项; indefinite for 第一项.
  let debtorsTerm: Listing | null = null;
  let debtorsOpen: Listing | null = null;
  // The day the last court listing that has ended stopped (its term over, or a deletion recorded): rules that
  // need the subject off the court lists hold from then on, not from their own records only.
  const court: { ended: string | null } = { ended: null };
  const ended = (day: string): void => {
    if (court.ended === null || day > court.ended) court.ended = day;
  };
  // 第四条: a minor is not listed — as the court states, or as the 身份证号's birth date shows at the listing day.
  const adult = adultOn(subject);
  const minor = (r: Rec): boolean => isTrue(r, 'debtorIsMinor') || (adult !== null && r.date < adult);
  for (const r of debtors) {
    if (oneOf(r, 'ground', DEBTOR_GROUNDS) && !minor(r)) {
      let until = civil(r.date, Y2, notes).date;
      const ends = attr(r, 'termEnds');
      // an extension decided without its term recorded: at least three years, a civil period as the list's own
      if (isTrue(r, 'extended') && ends === undefined && attr(r, 'listingTerm') === undefined)
        until = civil(r.date, Y3, notes).date;
      if (typeof ends === 'string' && ends > until) until = ends;
      const stated = durationFromText(attr(r, 'listingTerm')); // the court's 纳入期限 (第二条第一款 延长一至三年)
      if (stated !== null) {
        const end = lastDay(r.date, stated, 'civil'); // not memoised: a new Duration per record
        if (end.note !== undefined && !notes.includes(end.note)) notes.push(end.note);
        if (end.date > until) until = end.date;
      }
      const repairFrom = notBeforeFulfilled(r.date, r); // 第二条第二款: no waiting period, after performance
      if (repairEnds(r, at, repairFrom)) ended(r.repairedOn!);
      else if (until < at) ended(addDays(until, 1));
      if (at <= until && !repairEnds(r, at, repairFrom))
        // one rule per item of 第一条, named as the ground
        (debtorsTerm ??= new Listing('失信被执行人名单_有期限')).add(
          attr(r, 'ground') as string,
          r,
          r.date,
          until,
          repairFrom,
        );
    }
    const openListed =
      attr(r, 'ground') === '有履行能力而拒不履行' &&
      !isTrue(r, 'sufficientGuarantee') &&
      !isTrue(r, 'seizedAssetsSufficient') &&
      !isTrue(r, 'laterInOrder') &&
      !minor(r) &&
      !deletedAfterPerformance(r, at);
    if (openListed && repairEnds(r, at, notBeforeFulfilled(r.date, r))) ended(r.repairedOn!);
    if (openListed && !repairEnds(r, at, notBeforeFulfilled(r.date, r)))
      (debtorsOpen ??= new Listing('失信被执行人名单_无期限')).add(
        '有履行能力而拒不履行',
        r,
        r.date,
        deletionDeadline(r, at, notes),
        notBeforeFulfilled(r.date, r),
      );
  }

  // 重大税收违法失信主体名单 (令54): from publication, 3 years, early stop after 6 months (civil periods).
  let tax: Listing | null = null;
  // 第二十二条（二）: determined twice or more within five years of each other — around each determination; a record
  // whose amounts fall below its 第六条 threshold determined no 失信主体 (one stating no amounts counts as recorded)
  const withinFive = (d: Rec): Rec[] => {
    const lo = shiftDate(d.date, -1, Y5);
    const hi = shiftDate(d.date, 1, Y5);
    return taxViolations.filter((r) => r.date >= lo && r.date <= hi && (taxDetermined(r) || amountsUnstated(r)));
  };
  for (const r of taxViolations) {
    const since = attr(r, 'publishedOn');
    if (typeof since !== 'string') continue;
    const rule = taxRule(r);
    if (rule === null) continue;
    const until = civil(since, Y3, notes).date;
    const repairFrom = notBeforeFulfilled(civil(since, M6, notes).next, r);
    // 第二十二条 不予提前停止公布: （一） punished again after the determination
    // （a 税务 行政处罚 dated after the determination, or one the determination records）, （二） above
    const stated = isTrue(r, 'laterViolation');
    const punished = penalties.filter((p) => taxPenaltyAfter(p, r));
    const five = withinFive(r);
    const twice = five.length >= 2;
    const barred = stated || punished.length > 0 || twice;
    const heldOn = (day: string): boolean => stated || heldBy(punished, day) || (twice && heldBy(five, day, 2));
    const gate = barred ? barredGate(r, at, repairFrom, heldOn) : repairFrom;
    if (since <= at && repairEnds(r, at, gate)) blackEnded.on(r.repairedOn!);
    else if (since <= at && until < at) blackEnded.on(addDays(until, 1));
    if (since <= at && at <= until && !repairEnds(r, at, gate)) {
      tax ??= new Listing('重大税收违法失信主体名单');
      if (barred) tax.barred = true;
      tax.add(rule, r, since, until, repairFrom);
    }
  }

  // 已确定未公布失信主体 (令54 第十五条): each determination not (yet) published — whatever the subject's other
  // determinations — 3 years from the determination.
  let determined: Listing | null = null;
  for (const r of taxViolations) {
    if (!taxDetermined(r)) continue;
    const withheld = withheldForGood(r);
    const published = attr(r, 'publishedOn');
    if (!withheld && typeof published === 'string' && published <= at) continue;
    const until = civil(r.date, Y3, notes).date;
    if (at <= until && !repaired(r, at))
      (determined ??= new Listing('已确定未公布失信主体')).add(
        withheld ? '缴清不予公布' : '已确定未公布',
        r,
        r.date,
        until,
        null,
      );
  }

  // 欠税未结清未担保 (税收征管法 第四十四条); a record stating nothing owed (tax 0, late fee 0 or unstated) is none.
  // Payment or a guarantee ends it, not a credit repair (early removal barred outright).
  let unpaid: Listing | null = null;
  for (const r of arrears) {
    const late = attr(r, 'lateFee');
    if (attr(r, 'arrearsAmount') === 0 && (late === undefined || late === null || late === 0)) continue;
    if (!onOrBefore(r.fulfilledOn, at) && !isTrue(r, 'guaranteeProvided'))
      (unpaid ??= new Listing('欠税未结清未担保')).add('欠税未结清未担保', r, r.date, null, null);
  }

  const black = samr !== null || debtorsTerm !== null || debtorsOpen !== null || tax !== null;
  // 其他部门认定的严重失信主体名单 (榆林 000 (四)): a black list of its own, until removed; it voids red lists and
  // rewards but is none of the four lists the grey list and the city grade name.
  let other: Listing | null = null;
  for (const r of seriousListings) {
    if (SAMR_LIST_NAMES.includes(attr(r, 'listName') as string)) continue;
    if (r.severity === '轻微' || r.severity === '一般') continue;
    if (onOrBefore(attr(r, 'removedOn'), at) || repaired(r, at)) continue;
    (other ??= new Listing('他机关严重失信主体名单')).add('他机关列入', r, r.date, null, null);
  }
  const anyBlack = black || other !== null;

  // 重点关注名单: penalties graded 一般 or worse of a subject on no black list; 2 years, repair after 3 months.
  let grey: Listing | null = null;
  if (!black) {
    for (const r of penalties) {
      if (r.severity !== '一般' && r.severity !== '较重' && r.severity !== '严重') continue;
      if (attr(r, 'discretion') === '不予处罚') continue;
      // 轻微 whatever the stated severity: by 简易程序, or only 警告 / 通报批评
      if (attr(r, 'procedure') === '简易程序' || onlyWarning(r)) continue;
      const until = civil(r.date, Y2, notes).date;
      let repairFrom = notBeforeFulfilled(civil(r.date, M3, notes).next, r);
      // A 严重 record waits a year (国办发22: 严重失信信息 最短公示期), while it is within that year at `at`.
      if (r.severity === '严重' && r.date > shiftDate(at, -1, Y1)) {
        const year = firstDayOutside(r.date, Y1);
        if (year > repairFrom) repairFrom = year;
      }
      const since = later(later(r.date, court.ended), blackEnded.day);
      if (since <= until && at <= until && !repairEnds(r, at, repairFrom))
        (grey ??= new Listing('重点关注名单')).add('一般失信行为', r, since, until, repairFrom);
    }
  }

  // 守信激励对象名单 (陕西条例 第二十七条): no bad record within 5 years, and an honour, outstanding public
  // welfare, a highest evaluation still valid or the latest tax rating A. Void under a black list.
  let red: Listing | null = null;
  // 第二条: a natural person under 18 on the evaluation date is no 信用主体 (R74).
  const minorAtAt = subject.kind === 'natural_person' && adult !== null && at < adult;
  if (!anyBlack && !minorAtAt) {
    // The court lists are black lists, so `!black` already covers "not on 失信被执行人名单".
    let latestYear: number | null = null;
    for (const r of ratings) {
      const y = num(r, 'ratingYear');
      if (y !== null && (latestYear === null || y > latestYear)) latestYear = y;
    }
    // The latest 纳税信用 rating D is a bad record too, as an A is the highest grade (R55).
    const taxD =
      latestYear !== null && ratings.some((r) => attr(r, 'rating') === 'D' && num(r, 'ratingYear') === latestYear);
    const bad =
      taxD ||
      hasBadRecord(penalties, at, 'penalty') ||
      hasBadRecord(crimes, at, 'repaired') ||
      hasBadRecord(arrears, at, 'paid') ||
      hasBadRecord(abnormal, at, 'repaired') ||
      hasBadRecord(seriousListings, at, 'removed') ||
      hasBadRecord(commitments, at, 'breached');
    if (!bad) {
      const good: Rec[] = honors.filter((r) => qualifyingHonour(r) && noticeOver(r, at));
      for (const r of welfare) if (qualifyingWelfare(r) && noticeOver(r, at)) good.push(r);
      // A highest 行业信用评价 is a listing of its own, ending on its 有效期至.
      const graded: Rec[] = [];
      for (const r of evaluations) {
        const valid = attr(r, 'validUntil');
        if (isTrue(r, 'highestGrade') && !(typeof valid === 'string' && valid < at) && noticeOver(r, at))
          graded.push(r);
      }
      if (latestYear !== null)
        for (const r of ratings)
          if (attr(r, 'rating') === 'A' && num(r, 'ratingYear') === latestYear && noticeOver(r, at)) good.push(r);
      // 第二十七条第（三）项: the latest 公共信用综合评价 result graded A, the highest grade.
      const latestEvaluation = latestDate(publicEvaluations);
      for (const r of publicEvaluations)
        if (r.date === latestEvaluation && attr(r, 'evalGrade') === 'A' && noticeOver(r, at)) good.push(r);
      // The day the last bad record stopped counting (or a court listing ended): both rules hold from then at the
      // earliest.
      let cleared = later('', court.ended);
      cleared = later(cleared, badEnded(penalties, at, 'penalty'));
      cleared = later(cleared, badEnded(crimes, at, 'repaired'));
      cleared = later(cleared, badEnded(arrears, at, 'paid'));
      cleared = later(cleared, badEnded(abnormal, at, 'repaired'));
      cleared = later(cleared, badEnded(seriousListings, at, 'removed'));
      cleared = later(cleared, badEnded(commitments, at, 'breached'));
      if (good.length > 0) {
        // The 陕西条例 took effect on 2022-03-01: no 守信激励 listing begins before it.
        const since = later(later(earliestNoticeRun(good)!, cleared), '2022-03-01');
        red = new Listing('守信激励对象名单');
        for (const r of good) red.add('守信激励对象', r, since, null, null);
      }
      for (const r of graded) {
        const valid = attr(r, 'validUntil');
        // a `for` instance: a recorded repair ends it (the list has no early removal), as for any record
        if (r.date > at || repaired(r, at)) continue;
        (red ??= new Listing('守信激励对象名单')).add(
          '最高信用等级',
          r,
          later(noticeRun(r), cleared),
          typeof valid === 'string' ? valid : null,
          null,
        );
      }
    }
  }

  // 桃花分联合激励对象: a natural person whose latest 桃花分 grade is A or better (the points floor is unset),
  // not a 失信被执行人 and not serving a sentence. Void under a black list.
  let taohuaList: Listing | null = null;
  if (subject.kind === 'natural_person' && !anyBlack && taohua.length > 0) {
    const latest = latestDate(taohua)!;
    let serving = false;
    for (const r of sentences) {
      const ends = attr(r, 'sentenceEnds');
      if (ends === undefined || ends === null || (typeof ends === 'string' && ends >= at)) serving = true;
    }
    if (!serving) {
      // A sentence served out lets the listing hold from the day after it ended (SEMANTICS §2 "`when` rule").
      let served: string | null = null;
      for (const r of sentences) {
        const ends = attr(r, 'sentenceEnds');
        if (typeof ends !== 'string' || ends >= at) continue;
        const next = addDays(ends, 1);
        if (next > r.date && (served === null || next > served)) served = next;
      }
      for (const r of taohua) {
        if (r.date === latest && oneOf(r, 'taohuaGrade', TAOHUA_A))
          (taohuaList ??= new Listing('桃花分联合激励对象')).add(
            '桃花分A级以上',
            r,
            // not before the 榆林 layer took effect (2019-04-15)
            later(later(later(latest, court.ended), served), '2019-04-15'),
            null,
            null,
          );
      }
    }
  }

  // Gradings: the latest evaluation decides (the worst grade if several share its date); a black list
  // forces D in the city's grading; with no evaluation the score band gives B.
  let publicGrade: string | null = null;
  const latestPublic = latestDate(publicEvaluations);
  for (const r of publicEvaluations) {
    const g = attr(r, 'evalGrade');
    if (
      r.date === latestPublic &&
      typeof g === 'string' &&
      EVAL_GRADES.includes(g) &&
      (publicGrade === null || g > publicGrade)
    )
      publicGrade = g;
  }
  // With no 公共信用综合评价结果 on file, a 信用评价结果 of that kind grades the city too: the latest one still
  // valid, by its 风险分类 (the worst if several share its date).
  const publicKind =
    publicEvaluations.length === 0 ? latestValidOfKind(evaluations, '公共信用综合评价', at) : NO_EVALUATION;
  const evaluatedAsPublic = publicKind.grade;
  // With neither, the latest 行业信用评价 still valid grades the city by its 风险分类 (陕西条例 第三十七条; R85).
  const sector =
    publicEvaluations.length === 0 && publicKind.date === null
      ? latestValidOfKind(evaluations, '行业信用评价', at)
      : NO_EVALUATION;
  const sectorGrade = sector.grade;
  const latestSector = sector.date;
  const city = black ? 'D' : (publicGrade ?? evaluatedAsPublic ?? sectorGrade);
  // The province's: the latest evaluation still valid (an expired 有效期至 is no result to supervise by).
  // One pass: the latest valid date so far, and the worst grade among the valid evaluations of that date.
  let province: string | null = null;
  let latestEvaluation: string | null = null;
  for (const r of evaluations) {
    const valid = attr(r, 'validUntil');
    if (typeof valid === 'string' && valid < at) continue;
    const g = RISK_GRADE[attr(r, 'riskClass') as string];
    if (latestEvaluation === null || r.date > latestEvaluation) {
      latestEvaluation = r.date;
      province = g ?? null;
    } else if (r.date === latestEvaluation && g !== undefined && (province === null || g > province)) province = g;
  }
  // Without a valid 行业信用评价, the latest 公共信用综合评价 result is the province's grade too.
  if (latestEvaluation === null) province = publicGrade;
  // The day each grade began (SEMANTICS §3): the latest evaluation that gave it; for the city's D on a black list,
  // the earliest of those listings; a grade from the score band (no evaluation) began on `at`.
  let citySince: string | null = null;
  const earliest = (d: string | null): void => {
    if (d !== null && (citySince === null || d < citySince)) citySince = d;
  };
  if (city !== null) {
    if (publicGrade === city) earliest(latestPublic);
    if (publicEvaluations.length === 0 && evaluatedAsPublic === city) earliest(publicKind.date);
    if (sectorGrade === city && latestSector !== null) {
      // from the latest 行业信用评价, or from the day the last 公共信用综合评价-kind evaluation ran out, if later
      let from = latestSector;
      for (const r of evaluations) {
        const valid = attr(r, 'validUntil');
        if (attr(r, 'evaluationKind') !== '公共信用综合评价' || typeof valid !== 'string' || valid >= at) continue;
        const next = addDays(valid, 1);
        if (next > from) from = next;
      }
      earliest(from);
    }
    if (black && city === 'D') for (const l of [samr, debtorsTerm, debtorsOpen, tax]) if (l !== null) earliest(l.since);
  }
  let provinceSince: string | null = null;
  if (province !== null) {
    if (latestEvaluation !== null) provinceSince = latestEvaluation;
    else {
      // From the latest 公共信用综合评价 result, once no 行业信用评价 is valid any more: the later of its date and the
      // day after the last one ran out.
      provinceSince = latestPublic;
      for (const r of evaluations) {
        const valid = attr(r, 'validUntil');
        if (typeof valid !== 'string' || valid >= at) continue;
        const next = addDays(valid, 1);
        if (next > r.date && (provinceSince === null || next > provinceSince)) provinceSince = next;
      }
    }
  }

  // 专栏1第3项: the city's 公共信用综合评价 grades organisations; a natural person gets no city grade.
  const cityGrade = subject.kind === 'natural_person' ? null : gradeOutcome('公共信用综合评价', city);
  const provinceGrade = gradeOutcome('陕西分级分类监管', province);

  // 陕西条例 第二十二条第四款 (个人或者信用主体): refused per item — held back when some 表彰 / 公益 record was refused
  // and no qualifying one is left to publicise.
  const refusedPublicity =
    (honors.some(publicityRefused) || welfare.some(publicityRefused)) &&
    !honors.some((r) => !publicityRefused(r) && qualifyingHonour(r)) &&
    !welfare.some((r) => !publicityRefused(r) && qualifyingWelfare(r));

  // Lists the subject is on, by name, for the measure table.
  const on = new Map<string, Listing>();
  for (const l of [
    samr,
    abnormalList,
    procurement,
    debtorsTerm,
    debtorsOpen,
    tax,
    determined,
    unpaid,
    grey,
    red,
    taohuaList,
    other,
  ])
    if (l !== null) on.set(l.name, l);

  // Measures: a list the subject is on or a grade it has triggers them; filtered by matter; no rewards on a
  // black list. A measure's own term (法定代表人任职限制, 3 years) can hold it past the listing's end.
  const measures: MeasureOutcome[] = [];
  for (const m of t.measures) {
    let since: string | null = null;
    let until: string | null = null;
    let indefinite = false;
    let because: string[] | null = null;
    for (const name of m.lists) {
      const l = on.get(name);
      if (l !== undefined && m.termExact && m.term !== undefined) {
        // 企业信息公示条例 第十八条第二款 "3年内": the term from each listing, however long the listing lasts.
        const run = termsRunning(l.sinces, m.term, at, notes);
        if (run !== null) {
          (because ??= []).push(name);
          if (since === null || run.since < since) since = run.since;
          if (until === null || run.until > until) until = run.until;
        }
      } else if (l !== undefined) {
        const end = m.term === undefined ? null : civil(l.since, m.term, notes).date;
        (because ??= []).push(name);
        if (since === null || l.since < since) since = l.since;
        let u = l.indefinite ? null : l.until;
        if (end !== null && u !== null && end > u) u = end;
        if (u === null) indefinite = true;
        else if (until === null || u > until) until = u;
      } else if (m.term !== undefined && name === '严重违法失信名单' && samrEnded !== null) {
        // the listing has ended; its measure's own term may still run
        const run = termsRunning(samrEnded, m.term, at, notes);
        if (run !== null) {
          (because ??= []).push(name);
          if (since === null || run.since < since) since = run.since;
          if (until === null || run.until > until) until = run.until;
        }
      }
    }
    for (const g of m.grades) {
      const grade = g.grading === '公共信用综合评价' ? cityGrade?.grade : provinceGrade.grade;
      if (grade === undefined || !g.grades.includes(grade)) continue;
      (because ??= []).push(`${g.grading}:${grade}`);
      // Both gradings' instruments (the 十四五 plan, the 条例) took effect on 2022-03-01: no grade began before.
      const day = g.grading === '公共信用综合评价' ? citySince : provinceSince;
      const began = day === null ? at : later(day, '2022-03-01');
      if (since === null || began < since) since = began;
      indefinite = true;
    }
    if (because === null) continue;
    // A person or a household has no 法定代表人.
    if (m.representative && (subject.kind === 'natural_person' || subject.kind === 'rural_household')) continue;
    // 企业信息公示条例 第十八、十九条 speak of 企业 only (the policy's `when kind == enterprise`).
    if (ENTERPRISE_ONLY.has(m.name) && subject.kind !== 'enterprise') continue;
    // 第十八条第二款's 任职限制 follows a falsification listing only (the policy's `when … any administrative_penalty`).
    if (m.name === '法定代表人任职限制' && !penalties.some(isFalsification)) continue;
    // 信易批 and 公共资源交易 rewards are for 诚信主体: not while on the 重点关注名单 (the policy's `when`).
    if (grey !== null && NOT_ON_GREY.has(m.name)) continue;
    // 税收征管法 第四十四条: a person is stopped at the border, an organisation's 法定代表人 for it.
    if (m.name === '阻止出境' && !PERSONS.has(subject.kind)) continue;
    // 陕西条例 第二十二条: a person who refused publication of their 表彰 / 公益 information is not publicised.
    if (m.name === '宣传推介' && refusedPublicity) continue;
    if (m.name === '阻止法定代表人出境' && subject.kind === 'individual_business') continue;
    // 令54 第十五条 "纳入纳税信用评价范围的": a person, a household or a 政府机关 has no 纳税信用级别.
    if (m.name === '纳税信用判为D级' && NOT_TAX_RATED.has(subject.kind)) continue;
    if (matter !== null && m.matters !== null && !m.matters.includes(matter)) continue;
    if (m.kind === 'reward' && anyBlack) continue;
    if (because.length > 1) because.sort(by);
    const out: { -readonly [K in keyof MeasureOutcome]: MeasureOutcome[K] } = {
      measure: m.name,
      kind: m.kind,
      action: m.action,
      because,
      basis: m.basis,
      mandatory: m.mandatory,
      matters: m.matters,
      since: since!,
      until: indefinite ? null : until,
    };
    if (m.label !== undefined) out.label = m.label;
    if (m.level !== undefined) out.level = m.level;
    if (m.department !== undefined) out.department = m.department;
    measures.push(out);
  }

  const lists: ListOutcome[] = [];
  for (const l of on.values()) lists.push(l.outcome(t));
  if (lists.length > 1) lists.sort((a, b) => by(a.list, b.list));
  // The ratio table is for market subjects (the policy's `supervision when`).
  let supervision: Decision['supervision'] = null;
  if (cityGrade !== null && MARKET_SUBJECTS.has(subject.kind)) {
    const sup = t.supervision[cityGrade.grade]!;
    const s: { -readonly [K in keyof NonNullable<Decision['supervision']>]: NonNullable<Decision['supervision']>[K] } =
      {
        scale: '公共信用综合评价',
        grade: cityGrade.grade,
        spotCheckRatio: sup.max,
        spotCheckRange: [sup.min, sup.max],
        basis: sup.basis,
      };
    if (sup.frequency !== undefined) s.frequency = sup.frequency;
    supervision = s;
    if (t.supervisionNote !== null && !notes.includes(t.supervisionNote)) notes.push(t.supervisionNote);
  }
  return {
    contract: CONTRACT_VERSION,
    subject: subject.id,
    at,
    matter,
    policy,
    inForce: true,
    lists,
    grade: cityGrade,
    grades: cityGrade === null ? [provinceGrade] : [cityGrade, provinceGrade],
    supervision,
    measures,
    notes: notes.length > 1 ? notes.sort(by) : notes,
  };
}

function gradeOutcome(scale: string, direct: string | null): GradeOutcome {
  return direct === null
    ? { scale, score: 0, grade: 'B', by: 'score', items: [] }
    : { scale, score: 0, grade: direct, by: 'direct', rule: `direct ${direct}`, items: [] };
}

function zh(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** The hand-written evaluator with the policy's static text (labels, citations, measure table) filled in. */
export function handwrittenYulin(
  ir: PolicyIr,
  hash: string,
): (subject: Subject, at: string, matter: string | null) => Decision {
  if (ir.id !== 'yulin') throw new Error(`the hand-written evaluator implements policies/yulin, not ${ir.id}`);
  const render = basisRenderer(ir);
  const lists: Record<string, { title: string; kind: Kind }> = {};
  const rules: Record<string, { label: string | undefined; basis: readonly string[] }> = {};
  for (const l of Object.values(ir.lists)) {
    lists[l.name] = { title: l.title ?? l.name, kind: l.kind };
    for (const r of l.rules) rules[r.name] = { label: r.label, basis: render(r.basis) };
  }
  const measures: MeasureRow[] = Object.keys(ir.measures)
    .sort(by)
    .map((name) => {
      const m = ir.measures[name]!;
      return {
        name,
        label: m.label,
        kind: m.kind,
        action: m.action,
        level: m.level,
        basis: render(m.basis),
        department: m.department,
        mandatory: m.mandatory,
        matters: m.matters,
        lists: m.lists,
        grades: m.grades,
        term: m.term,
        termExact: m.termExact === true,
        representative: m.target === 'legal_representative',
      };
    });
  const grading = ir.gradings['公共信用综合评价'];
  if (grading === undefined) throw new Error('policies/yulin has no grading 公共信用综合评价');
  const supervision: Tables['supervision'] = Object.fromEntries(
    grading.supervision.map((s) => [
      s.grade,
      {
        min: s.ratioMin,
        max: s.ratioMax,
        ...(s.frequency === undefined ? {} : { frequency: s.frequency }),
        basis: render(s.basis),
      },
    ]),
  );
  const tables: Tables = {
    hash,
    lists,
    rules,
    measures,
    supervision,
    supervisionNote: grading.supervisionNote ?? null,
  };
  return (subject, at, matter) => decide(tables, subject, at, matter);
}
