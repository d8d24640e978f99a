// Turns a decision (and its explanation) into a Chinese notice: facts, basis, measures, grades, remedies, notes.
import type { PolicyIr } from '../../dsl/ir.js';
import { citationText } from '../compile/citations.js';
import type { Decision, ListOutcome, MeasureOutcome } from '../contract.js';
import { formatDate, maskIdentity } from './format.js';
import { joinBasis } from './notice/basis.js';
import { recordFacts } from './notice/facts.js';
import { gradeParagraphs } from './notice/grade.js';
import { noticeNotes } from './notice/notes.js';
import { barredRecordIds, barredWithRecords, remedies, repairAfterEnd, unmet } from './notice/remedy.js';
import { barsEveryEarlyEnd, earlyEndPossible, earlyWords, exitWords, noTermWords } from './exit-words.js';
import { perRecordPeriods, sinceCauses, voidRepairs } from './notice/instances.js';
import type { Who } from './notice/remedy.js';
import { listKindSuffix, noticeMeasureKind } from './words.js';

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

const IDENTITY_NUMBER = /^\d{17}[\dXx]$/;

/** A person is 你, a 农户 (registered by its head's 身份证号) 你户, an organisation 你单位. */
function who(decision: Decision): Who {
  const kind = decision.explanation?.values?.['subjectKind'];
  if (kind === 'rural_household') return { you: '你户', natural: true };
  const natural = kind === undefined ? IDENTITY_NUMBER.test(decision.subject) : kind === 'natural_person';
  return { you: natural ? '你' : '你单位', natural };
}

/**
 * How a listing ends and when it can end early, in its instrument's words (exit-words.ts): a court deletes its own
 * entries; an authority's lists end by repair.
 */
function endAndEarlyRemoval(decision: Decision, ir: PolicyIr, l: ListOutcome): string {
  const w = exitWords(ir, l.list);
  // A court's listing without a term that still has an end: the third working day after performance (若干规定 第十条
  // 应当在三个工作日内删除), not a term running out.
  const deletionDue = w.style === 'court' && l.until !== null && ir.lists[l.list]?.duration === undefined;
  if (deletionDue)
    return `${w.subject}${noTermWords(earlyEndPossible(ir.lists[l.list]), w)}；义务已履行，人民法院应当在三个工作日内（至${formatDate(l.until!)}）删除失信信息`;
  // Without a term the listing ends when its grounds cease (an obligation met, a 移出 decision recorded) or by
  // repair where the policy provides early removal — not by credit repair alone (e.g. 欠税: paying ends it).
  let s =
    l.until !== null
      ? `${w.subject}至${formatDate(l.until)}届满${w.style === 'list' ? '' : '，届满后'}${w.ends}`
      : `${w.subject}${noTermWords(earlyEndPossible(ir.lists[l.list]), w)}`;
  const early = earlyWords(w, l.until !== null);
  const bar = l.repairFrom === null ? barredWithRecords(decision, l.list, ir) : null;
  // Without a term and with every early end barred, the listing ends when its grounds cease: a repair changes nothing.
  if (bar !== null && l.until === null && barsEveryEarlyEnd(ir.lists[l.list])) s += `；不因信用修复而${w.stop}`;
  else if (bar !== null) s += `；依规定不予${early}${bar === '' ? '' : `（${bar}）`}`;
  s += voidRepairs(decision, l.list, w);
  if (repairAfterEnd(decision, l)) return s + `；届满前不能申请${early}`;
  if (l.repairFrom === null) return s;
  const need = unmet(decision, l.list);
  // 若干规定 第十条: once a listing without a term has its obligation performed, deleting it is the court's duty
  // (应当在三个工作日内删除), not a request; a termed listing's early deletion is the court's choice (第二条第二款).
  if (w.style === 'court' && l.until === null) {
    const done = need.length === 0 && l.repairFrom <= decision.at ? '义务已履行，' : '履行义务后，';
    return `${s}；${done}人民法院应当在三个工作日内删除失信信息`;
  }
  const removal = w.style === 'court' ? '申请人民法院删除失信信息' : `申请${early}`;
  // "现已可申请" only when nothing is missing: with a condition unmet it would read as a promise.
  const from =
    l.repairFrom <= decision.at && need.length === 0
      ? `现已可${removal}`
      : `自${formatDate(l.repairFrom)}起可${removal}`;
  return `${s}；${from}${need.length === 0 ? '' : '，尚需满足：' + need.join('；')}`;
}

/**
 * The instruments that set a listing's term and early removal, when the rules' citations do not already name them:
 * the periods may come from another instrument than the listing (令58's periods for a 令36 classification).
 */
function termBasis(ir: PolicyIr, l: ListOutcome): string | null {
  const list = ir.lists[l.list];
  if (list === undefined) return null;
  const cited = new Set(l.because.flatMap((b) => b.basis));
  const terms = [...(list.duration?.basis ?? []), ...(list.earlyRemoval?.basis ?? [])].map((c) => citationText(ir, c));
  if (terms.length === 0 || terms.every((t) => cited.has(t))) return null;
  return joinBasis(terms, ir, l.since);
}

function listParagraph(decision: Decision, ir: PolicyIr, l: ListOutcome, i: number, w: Who): string {
  const title = l.title ?? l.list;
  const read = recordFacts(decision, ir, l.list);
  // A rule on the subject's state (a grade, another list) has no records of its own: no empty "（记录 ）".
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
    l.since,
  );
  // A publication (…公示) takes the subject's information, not the subject: 你单位的相关信息自…起列入「…」.
  const since = formatDate(l.since);
  let s =
    exitWords(ir, l.list).style === 'publicity'
      ? `${paren(i)}${w.you}的相关信息自${since}起列入「${title}」。`
      : `${paren(i)}${w.you}自${since}起被列入「${title}」${listKindSuffix(l.kind, title)}。`;
  if (facts !== '') s += `事实：${facts}。`;
  s += sinceCauses(decision, l.list, l.since);
  if (basis !== '') s += `依据：${basis}。`;
  // The periods' instrument said again only when it is not the listing's own (令58 both lists and times a 2024 record).
  const terms = termBasis(ir, l);
  if (terms !== null && terms !== basis) s += `期限依据：${terms}。`;
  if (l.kind === 'red') return s + (l.until === null ? '该名单无固定期限。' : `该名单有效期至${formatDate(l.until)}。`);
  s += endAndEarlyRemoval(decision, ir, l) + '。';
  const each = perRecordPeriods(decision, l.list, barredRecordIds(decision, l.list), exitWords(ir, l.list));
  if (each !== null) s += each + '。';
  // A court's list is contested by a request for correction (若干规定 第十二条), not a credit platform's objection
  // and its 标注 (陕西条例 第四十二条; notice review N7 F26).
  if (l.marked !== undefined && l.marked.length > 0) {
    s +=
      exitWords(ir, l.list).style === 'court'
        ? `记录 ${l.marked.join('、')} 的纠正申请正在处理中。`
        : // `objection pending mark`: the record is marked and still counts (SEMANTICS §1), so nothing stops meanwhile
          // (notice review N9 F20: the subject was not told so).
          `记录 ${l.marked.join('、')} 正在异议处理中，已予标注；异议处理期间，列入状态和相关措施不停止执行。`;
  }
  return s;
}

/**
 * Red lists the subject would be on but for a black list — voided (voidRedLists) or excluded by their own rule
 * ("无不良信用记录": 已被列入…) — said, so that no reward seems forgotten; and those it will be on once its adverse
 * records age out, with the day.
 */
function excludedRedLists(decision: Decision, ir: PolicyIr, w: Who): string[] {
  const out: string[] = [];
  for (const node of decision.explanation?.children ?? []) {
    if (node.kind !== 'list' || node.outcome !== 'not-applies' || node.name === undefined) continue;
    const list = ir.lists[node.name];
    if (list?.kind !== 'red') continue;
    const title = `「${list.title ?? node.name}」`;
    const reason = node.text.slice(node.text.indexOf('：') + 1);
    if (node.values?.['voided'] === true)
      out.push(`${w.you}被列入严重失信主体名单期间，不予列入${title}，相关守信激励措施不予适用。`);
    else if (reason.startsWith('已被列入'))
      out.push(`因${reason}，${w.you}不予列入${title}，相关守信激励措施不予适用。`);
    else {
      // Kept off only by records that age out (build.ts clearsOn): when the reward can be expected.
      const clears = node.children?.flatMap((r) => r.children ?? []).find((c) => c.kind === 'remedy');
      if (clears !== undefined) out.push(`${w.you}暂未列入${title}：${clears.text}。`);
    }
  }
  return out;
}

function measureParagraph(decision: Decision, ir: PolicyIr, m: MeasureOutcome, i: number): string {
  const name = m.label ?? m.measure;
  const because = m.because
    .map((b) => {
      const list = decision.lists.find((l) => l.list === b);
      if (list !== undefined) return `被列入「${list.title ?? b}」`;
      // A list another authority keeps is not among the decision's lists: the subject is on it all the same.
      if (ir.lists[b]?.external === true) return `被有关部门列入「${ir.lists[b]!.title ?? b}」`;
      const [scale, grade] = b.split(':');
      if (grade !== undefined) return `「${ir.gradings[scale!]?.title ?? scale}」等级为${grade}`;
      return `曾被列入「${ir.lists[b]?.title ?? b}」（本措施期限尚未届满）`;
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
  let s = `${paren(i)}${name}（${noticeMeasureKind(m)}）：因${because}，${term}。`;
  if (m.basis.length > 0) s += `依据：${joinBasis(m.basis, ir, m.since)}。`;
  if (m.department !== undefined) s += `实施部门：${m.department}。`;
  if (m.matters !== null) s += `适用事项：${m.matters.join('、')}。`;
  return s;
}

function measureSection(decision: Decision, ir: PolicyIr): string[] {
  const matter = decision.matter;
  if (decision.measures.length === 0)
    return [matter === null ? '本次评价不适用任何措施。' : `办理「${matter}」事项不适用任何措施。`];
  const out = decision.measures.map((m, i) => measureParagraph(decision, ir, m, i));
  // With a matter, measures of other matters were left out: the reader must not take the list as complete.
  if (matter !== null) {
    // A measure that names no matter (重点监管, 约谈) is no answer to this matter in particular (N7 F31).
    const general = decision.measures.flatMap((m, i) => (m.matters === null ? [paren(i)] : []));
    if (general.length === decision.measures.length)
      out.push(
        `以上措施均不限于特定事项，办理各类事项均适用；没有专门适用于「${matter}」事项的措施，仅适用于其他事项的措施未列出。`,
      );
    else {
      out.push(`以上为办理「${matter}」事项适用的措施，其他事项适用的措施未列出。`);
      if (general.length > 0) out.push(`其中第${general.join('、')}项措施不限于特定事项，办理各类事项均适用。`);
    }
  }
  return out;
}

/**
 * The notice a subject reads: 一、名单 (信息公示 where it holds publications) 二、措施 三、信用等级, the records left out,
 * 救济, 说明. Identity numbers of natural
 * persons and households are masked (个人信息保护法); dates are written 2024年3月1日.
 */
export function renderExplanation(decision: Decision, ir: PolicyIr): string {
  const w = who(decision);
  const id = w.natural ? maskIdentity(decision.subject) : decision.subject;
  const name = decision.explanation?.values?.['subjectName'];
  const lines: string[] = [];
  lines.push('信用评价结果告知');
  lines.push(`${typeof name === 'string' ? name + '（' + id + '）' : id}：`);
  lines.push(
    `评价日期：${formatDate(decision.at)}；适用政策：「${ir.title}」（版本 ${decision.policy.version}）` +
      (decision.matter === null ? '。' : `；办理事项：${decision.matter}。`),
  );
  if (!decision.inForce) {
    lines.push(...noticeNotes(decision, ir));
    return mask(lines.join('\n'), decision, w);
  }
  const sections: [string, string[]][] = [];
  const listed = decision.lists.map((l, i) => listParagraph(decision, ir, l, i, w));
  if (listed.length === 0) listed.push(`${w.you}未被列入本政策规定的任何名单。`);
  // A publication of information (…公示) is no 名单: the heading names what the section holds (N7 F09).
  const publicity = decision.lists.filter((l) => exitWords(ir, l.list).style === 'publicity').length;
  const heading = publicity === 0 ? '名单' : publicity === decision.lists.length ? '信息公示' : '名单与信息公示';
  sections.push([heading, [...listed, ...excludedRedLists(decision, ir, w)]]);
  sections.push(['措施', measureSection(decision, ir)]);
  const grades = gradeParagraphs(decision, ir, w.you);
  if (grades.length > 0) sections.push(['信用等级', grades]);
  const ignored = ignoredRecords(decision);
  if (ignored.length > 0) sections.push(['未计入的记录', ignored]);
  sections.push(['救济', remedies(decision, ir, w)]);
  const notes = noticeNotes(decision, ir);
  if (notes.length > 0) sections.push(['说明', notes.map((n, i) => `${i + 1}. ${n}`)]);
  sections.forEach(([title, paras], i) => {
    lines.push(`${ordinal(i)}、${title}`);
    lines.push(...paras);
  });
  return mask(lines.join('\n'), decision, w);
}

/** A notice names at most this many left-out records, then says how many more there are. */
const IGNORED_SHOWN = 20;

/**
 * The records the evaluation left out before reading anything (SEMANTICS §1: dated after the evaluation, revoked,
 * an upheld objection, superseded by a later record of the same year), as the explanation says each: a subject who
 * sees a record missing from the facts learns why.
 */
function ignoredRecords(decision: Decision): string[] {
  const nodes = (decision.explanation?.children ?? []).filter(
    (c) => c.kind === 'record' && c.outcome === 'not-applies',
  );
  const shown = nodes.slice(0, IGNORED_SHOWN).map((c) => `${c.text}。`);
  if (nodes.length > IGNORED_SHOWN)
    shown.push(`另有${nodes.length - IGNORED_SHOWN}条记录同样未予计入，详见评价说明的完整记录。`);
  return shown;
}

function mask(text: string, decision: Decision, w: Who): string {
  return text.replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) =>
    m === decision.subject && !w.natural ? m : maskIdentity(m),
  );
}
