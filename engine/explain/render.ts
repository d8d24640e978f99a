// Turns a decision (and its explanation) into a Chinese notice: facts, basis, measures, terms, remedies, notes.
import { BUILTIN_RECORD_FIELDS } from '../../dsl/ir.js';
import type { IrBasis, PolicyIr } from '../../dsl/ir.js';
import type { Decision, ExplainNode, ListOutcome, MeasureOutcome } from '../contract.js';
import { formatDate, formatMoney, formatPercent, maskIdentity } from './format.js';
import { listKindSuffix, measureKindWords, noTermWords } from './words.js';

const DIGIT = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九; from 100 on, Arabic digits. */
export function chineseNumeral(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGIT[ones]!;
  return (tens === 1 ? '' : DIGIT[tens]!) + '十' + DIGIT[ones]!;
}

/** The heading number of the i-th item (0-based). */
const ordinal = (i: number): string => chineseNumeral(i + 1);

const paren = (i: number): string => `（${ordinal(i)}）`;

/** `《办法》第二条` → `《办法》`, the title a rendered citation starts with ('' when none). */
const titleOf = (citation: string): string => /^《[^》]*》/.exec(citation)?.[0] ?? '';

/** Title (with its 《》) → the one basis of that title, for the notice's in-force filter; ambiguous titles map to null. */
const basesByTitle = new WeakMap<PolicyIr, Map<string, IrBasis | null>>();

function basisOfTitle(ir: PolicyIr, title: string): IrBasis | null {
  let m = basesByTitle.get(ir);
  if (m === undefined) {
    m = new Map();
    for (const b of Object.values(ir.bases)) {
      const key = `《${b.title}》`;
      m.set(key, m.has(key) ? null : b);
    }
    basesByTitle.set(ir, m);
  }
  return m.get(title) ?? null;
}

/**
 * A rule may cite the instruments of several periods (令58 and 令36, the 2014 and 2025 tax 办法); the notice
 * names those in force on the evaluation date, or all of them when none is (the decision keeps every citation).
 */
function inForce(basis: readonly string[], ir: PolicyIr, at: string): readonly string[] {
  const kept = basis.filter((c) => {
    const b = basisOfTitle(ir, titleOf(c));
    return b === null || ((b.effective === undefined || b.effective <= at) && (b.until === undefined || at <= b.until));
  });
  return kept.length > 0 ? kept : basis;
}

/** `第一条第（二）项` → [`第一条`, `第（二）项`]; a citation without an article part → ['', rest]. */
const splitArticle = (rest: string): [string, string] => {
  const m = /^(第[^条]+条)(.*)$/.exec(rest);
  return m === null ? ['', rest] : [m[1]!, m[2]!];
};

/**
 * `《办法》第二条、《办法》第五条` reads as `《办法》第二条、第五条`, and `第一条第（二）项、第一条第（三）项` as
 * `第一条第（二）项、第（三）项`: the title, and the article, are said once per run of citations.
 */
function joinBasis(all: readonly string[], ir: PolicyIr, at: string): string {
  const basis = inForce(all, ir, at);
  const parts: string[] = [];
  let previousTitle: string | undefined;
  let previousArticle = '';
  for (const citation of new Set(basis)) {
    const found = titleOf(citation);
    const title = found === '' ? undefined : found;
    const rest = citation.slice(found.length);
    const [article, within] = splitArticle(rest);
    const sameTitle = title !== undefined && title === previousTitle && rest !== '';
    if (sameTitle && article !== '' && article === previousArticle && within !== '') parts.push(within);
    else parts.push(sameTitle ? rest : citation);
    previousTitle = title;
    previousArticle = article;
  }
  return parts.join('、');
}

interface Who {
  /** 你 / 你单位 */
  readonly you: string;
  readonly natural: boolean;
}

function who(decision: Decision): Who {
  const kind = decision.explanation?.values?.['subjectKind'];
  const natural = kind === undefined ? /^\d{17}[\dXx]$/.test(decision.subject) : kind === 'natural_person';
  return { you: natural ? '你' : '你单位', natural };
}

/** Remedy details of a list from the explanation tree: the unmet early-removal requirements. */
function unmet(decision: Decision, list: string): string[] {
  const remedy = decision.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === list);
  if (remedy === undefined) return [];
  const out: string[] = [];
  const walk = (n: ExplainNode): void => {
    const r = n.values?.['requirement'];
    if (n.kind === 'condition' && typeof r === 'string' && !out.includes(r)) out.push(r);
    for (const c of n.children ?? []) walk(c);
  };
  walk(remedy);
  return out;
}

/** 令44 第十六条第二款 and the like: a restriction outlasts the listing, so its early removal would come after its end. */
const repairAfterEnd = (l: ListOutcome): boolean => l.repairFrom !== null && l.until !== null && l.repairFrom > l.until;

/** The bar that keeps the list from early removal, as the explanation words it (`early removal … unless`). */
function barred(decision: Decision, list: string): string | null {
  const remedy = decision.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === list);
  const bar = remedy?.children?.find((c) => typeof c.values?.['bar'] === 'string')?.values?.['bar'];
  return typeof bar === 'string' ? bar : null;
}

/** A value a rule read, as the notice says it ('' for one not worth saying: unset, or a false flag). */
function factValue(label: string, v: unknown, money: ReadonlySet<string>): string {
  // The record's own date is the listing's since, said already.
  if (v === null || v === undefined || v === false || v === '' || label === BUILTIN_RECORD_FIELDS.date.label) return '';
  if (v === true) return label;
  if (Array.isArray(v)) return v.length === 0 ? '' : `${label}为${v.join('、')}`;
  if (typeof v === 'string') return `${label}为${formatDate(v)}`;
  if (typeof v === 'number') return `${label}为${money.has(label) ? formatMoney(v) : String(v)}`;
  return '';
}

/** Labels of the money attributes of a policy's record types (the explanation's values are keyed by label). */
const moneyLabels = new WeakMap<PolicyIr, ReadonlySet<string>>();

function moneyLabelsOf(ir: PolicyIr): ReadonlySet<string> {
  let set = moneyLabels.get(ir);
  if (set === undefined) {
    const found = new Set<string>();
    for (const t of Object.values(ir.records))
      for (const f of Object.values(t.fields)) if (f.type.t === 'money') found.add(f.label ?? f.key);
    set = found;
    moneyLabels.set(ir, set);
  }
  return set;
}

/**
 * Rule → record → the values its conditions read (失信情形为规避执行), from the explanation's instances: the facts
 * of the kind actually found, where the rule's label names every alternative it covers.
 */
function recordFacts(decision: Decision, ir: PolicyIr, list: string): Map<string, Map<string, string>> {
  const money = moneyLabelsOf(ir);
  const out = new Map<string, Map<string, string>>();
  const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === list);
  for (const rule of node?.children ?? []) {
    if (rule.kind !== 'rule' || rule.name === undefined) continue;
    const byRecord = new Map<string, string>();
    for (const inst of rule.children ?? []) {
      if (inst.kind !== 'instance' || inst.records?.length !== 1) continue;
      const said = Object.entries(inst.values ?? {})
        .map(([k, v]) => factValue(k, v, money))
        .filter((x) => x !== '');
      byRecord.set(inst.records[0]!, said.join('，'));
    }
    out.set(rule.name, byRecord);
  }
  return out;
}

function listParagraph(decision: Decision, ir: PolicyIr, l: ListOutcome, i: number, w: Who): string {
  const title = l.title ?? l.list;
  // A rule on the subject's state (a grade, another list) has no records of its own: no empty "（记录 ）".
  const read = recordFacts(decision, ir, l.list);
  const facts = l.because
    .map((b) => {
      const label = b.label ?? b.rule;
      if (b.records.length === 0) return label;
      const records = b.records.map((id) => {
        const values = read.get(b.rule)?.get(id);
        return values === undefined || values === '' ? id : `${id}：${values}`;
      });
      return `${label}（记录 ${records.join('；')}）`;
    })
    .join('；');
  const basis = joinBasis(
    l.because.flatMap((b) => b.basis),
    ir,
    decision.at,
  );
  let s = `${paren(i)}${w.you}自${formatDate(l.since)}起被列入「${title}」${listKindSuffix(l.kind, title)}。`;
  if (facts !== '') s += `事实：${facts}。`;
  if (basis !== '') s += `依据：${basis}。`;
  if (l.kind === 'red') {
    s += l.until === null ? '该名单无固定期限。' : `该名单有效期至${formatDate(l.until)}。`;
    return s;
  }
  // Without a term the listing ends when its grounds cease (an obligation met, a 移出 decision recorded) or by
  // repair where the policy provides early removal — not by credit repair alone (e.g. 欠税: paying ends it).
  s +=
    l.until === null
      ? `该名单${noTermWords(ir.lists[l.list]?.earlyRemoval !== undefined)}`
      : `该名单至${formatDate(l.until)}届满自动移出`;
  const bar = l.repairFrom === null ? barred(decision, l.list) : null;
  if (bar !== null) s += `；依规定不予提前移出（${bar}）`;
  if (repairAfterEnd(l)) {
    s += '；届满前不能申请提前移出';
  } else if (l.repairFrom !== null) {
    const need = unmet(decision, l.list);
    // "现已可申请" only when nothing is missing: with a condition unmet it would read as a promise.
    const from =
      l.repairFrom <= decision.at && need.length === 0
        ? '现已可申请提前移出'
        : `自${formatDate(l.repairFrom)}起可申请提前移出`;
    s += `；${from}${need.length === 0 ? '' : '，尚需满足：' + need.join('；')}`;
  }
  s += '。';
  if (l.marked !== undefined && l.marked.length > 0) s += `记录 ${l.marked.join('、')} 正在异议处理中，已予标注。`;
  return s;
}

function measureParagraph(decision: Decision, ir: PolicyIr, m: MeasureOutcome, i: number): string {
  const name = m.label ?? m.measure;
  const kind = measureKindWords(m);
  const because = m.because
    .map((b) => {
      const list = decision.lists.find((l) => l.list === b);
      if (list !== undefined) return `被列入「${list.title ?? b}」`;
      const [scale, grade] = b.split(':');
      if (grade !== undefined) return `「${scale}」等级为${grade}`;
      return `曾被列入「${b}」（本措施期限尚未届满）`;
    })
    .join('、');
  // A discretionary measure (税收征管法 第四十四条 "可以通知…阻止其出境") is one the department may apply, not one
  // the notice can say is applied.
  const from = `自${formatDate(m.since)}起`;
  const span = m.until === null ? from : `${from}至${formatDate(m.until)}止`;
  const term = m.mandatory
    ? m.until === null
      ? `${from}执行`
      : span
    : `${span}${m.until === null ? '' : '，'}可由实施部门依法决定实施`;
  let s = `${paren(i)}${name}（${kind}）：因${because}，${term}。`;
  if (m.basis.length > 0) s += `依据：${joinBasis(m.basis, ir, decision.at)}。`;
  if (m.department !== undefined) s += `实施部门：${m.department}。`;
  if (m.matters !== null) s += `适用事项：${m.matters.join('、')}。`;
  return s;
}

function gradeParagraph(decision: Decision, ir: PolicyIr): string | null {
  const g = decision.grade;
  if (g === null) return null;
  const title = ir.gradings[g.scale]?.title ?? g.scale;
  const how =
    g.by === 'direct' ? '（依直接评级规则评定）' : g.by === 'cap' ? '（受等级上限规则限制）' : '（按得分区间评定）';
  // A grade set by a direct rule without score items has no score of its own to show (it would read "得分0分").
  let s =
    g.by === 'direct' && g.items.length === 0
      ? `「${title}」等级为${g.grade}${how}。`
      : `「${title}」得分${g.score}分，等级为${g.grade}${how}。`;
  if (g.items.length > 0) {
    s +=
      '计分情况：' +
      g.items.map((it) => `${it.label ?? it.item}${it.points > 0 ? '+' : ''}${it.points}分`).join('，') +
      '。';
  }
  const sup = decision.supervision;
  if (sup !== null) {
    const [lo, hi] = sup.spotCheckRange;
    s += `按此等级，“双随机、一公开”抽查比例为${formatPercent(lo)}至${formatPercent(hi)}`;
    s += sup.frequency === undefined ? '。' : `，频次：${sup.frequency}。`;
    if (sup.basis.length > 0) s += `依据：${joinBasis(sup.basis, ir, decision.at)}。`;
  }
  return s;
}

/** A list a court keeps: every instrument its rules and itself cite is a 司法解释. */
function courtList(ir: PolicyIr, name: string): boolean {
  const list = ir.lists[name];
  if (list === undefined) return false;
  const cited = [...list.basis, ...list.rules.flatMap((r) => r.basis)];
  return cited.length > 0 && cited.every((c) => ir.bases[c.basis]?.rank === '司法解释');
}

/**
 * Objection and credit repair for the lists an authority keeps. "按上述日期" only where a list above states a
 * repair date; none stated but none barred either: the general repair rules; every listing barred (or its repair
 * date after its end): objection only.
 */
function administrativeRemedy(decision: Decision, lists: readonly ListOutcome[], w: Who): string {
  const dated = lists.some((l) => l.repairFrom !== null && !repairAfterEnd(l));
  const closed = lists.some((l) => barred(decision, l.list) !== null || repairAfterEnd(l));
  const objection = `${w.you}对所依据的信用信息有异议的，可以向认定机关提出异议`;
  if (dated)
    return `${objection}；已纠正失信行为、履行相关义务的，可以按上述日期申请信用修复，修复后相关措施同时终止。`;
  if (lists.length > 0 && !closed) {
    return `${objection}；已纠正失信行为、履行相关义务的，可以依照有关规定申请信用修复，修复后相关措施同时终止。`;
  }
  return `${objection}。`;
}

/**
 * The notice a subject reads: 一、名单 二、措施 三、信用等级 四、救济 五、说明. Identity numbers of natural
 * persons are masked (个人信息保护法); dates are written 2024年3月1日.
 */
export function renderExplanation(decision: Decision, ir: PolicyIr): string {
  const w = who(decision);
  const id = w.natural ? maskIdentity(decision.subject) : decision.subject;
  const name = decision.explanation?.values?.['subjectName'];
  const lines: string[] = [];
  lines.push('信用评价结果告知');
  lines.push(`${typeof name === 'string' ? name + '（' + id + '）' : id}：`);
  lines.push(
    `评价日期：${formatDate(decision.at)}；适用政策：《${ir.title}》（版本 ${decision.policy.version}）` +
      (decision.matter === null ? '。' : `；办理事项：${decision.matter}。`),
  );
  if (!decision.inForce) {
    lines.push(...decision.notes);
    return mask(lines.join('\n'), decision, w);
  }
  const sections: [string, string[]][] = [];
  sections.push([
    '名单',
    decision.lists.length === 0
      ? [`${w.you}未被列入本政策规定的任何名单。`]
      : decision.lists.map((l, i) => listParagraph(decision, ir, l, i, w)),
  ]);
  sections.push([
    '措施',
    decision.measures.length === 0
      ? ['本次评价不适用任何措施。']
      : decision.measures.map((m, i) => measureParagraph(decision, ir, m, i)),
  ]);
  const grade = gradeParagraph(decision, ir);
  if (grade !== null) sections.push(['信用等级', [grade]]);
  const remedies: string[] = [];
  // A court's list (its rules cite 司法解释 only: 失信被执行人) is contested and ended before its term at the court
  // (《若干规定》第十二条 纠正, 第二条第二款 提前删除), not by an objection to an authority or by credit repair.
  const blackOrGrey = decision.lists.filter((l) => l.kind !== 'red');
  const court = blackOrGrey.filter((l) => courtList(ir, l.list));
  const administrative = blackOrGrey.filter((l) => !courtList(ir, l.list));
  if (administrative.length > 0 || court.length === 0) remedies.push(administrativeRemedy(decision, administrative, w));
  if (court.length > 0) {
    const titles = court.map((l) => `「${l.title ?? l.list}」`).join('、');
    const early = court.some((l) => l.repairFrom !== null && !repairAfterEnd(l))
      ? '；已履行义务或者主动纠正失信行为的，可以按上述日期申请人民法院提前删除失信信息'
      : '';
    remedies.push(`${w.you}认为不应被纳入${titles}的，可以向人民法院申请纠正${early}。`);
  }
  sections.push(['救济', remedies]);
  if (decision.notes.length > 0)
    sections.push(['说明', decision.notes.map((n, i) => `${i + 1}. ${n}${/[。；！？]$/.test(n) ? '' : '。'}`)]);
  sections.forEach(([title, paras], i) => {
    lines.push(`${ordinal(i)}、${title}`);
    lines.push(...paras);
  });
  return mask(lines.join('\n'), decision, w);
}

function mask(text: string, decision: Decision, w: Who): string {
  return text.replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) =>
    m === decision.subject && !w.natural ? m : maskIdentity(m),
  );
}
