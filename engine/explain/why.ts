// Turns a condition into closures that say, in Chinese, which part failed and the value that failed it.
import type { Duration, IrExpr, PolicyIr, ValueType } from '../../dsl/ir.js';
import { subjectKindZh } from '../../dsl/ir.js';
import type { Ctx, Fn, Rec } from '../compile/types.js';
import { dateOnRecord } from '../compile/starts.js';
import { quietFrom } from '../compile/repair-bounds.js';
import { childrenOf, lapseOf } from '../compile/walk.js';
import type { Lapse } from '../compile/walk.js';
import { CalendarCoverageError } from '../time/calendar.js';
import { addDays } from '../time/dates.js';
import type { AttrValue } from '../contract.js';
import { formatDate, formatDuration } from './format.js';
import { fieldLabel, fieldValueType, formatValue, printExprCached, recordTypeLabel } from './print.js';

/** Where a condition is explained: the compiled closures (found by node identity) and the record type in scope. */
export interface Scope {
  readonly ir: PolicyIr;
  readonly fnOf: (e: IrExpr) => Fn;
  /** record type in scope (null outside a record scope) */
  readonly type: string | null;
  /** inside an aggregate's `where`: the record type it is reached from, which `outer F` reads */
  readonly outer?: string | null;
  /** the records an aggregate lets through at `ctx.at`, in date order (its window, pending objections, `where`) */
  readonly recordsOf?: (agg: Extract<IrExpr, { op: 'agg' }>) => (ctx: Ctx, outer: Rec | null) => readonly Rec[];
}

/** Why a condition that evaluated to false failed, for the scratch and the record in scope. */
export type Why = (ctx: Ctx, rec: Rec | null) => string;

export interface Unmet {
  readonly requirement: string;
  readonly why: string;
}

/** Appends the unmet conjuncts of a condition (nothing when it holds). */
export type UnmetParts = (ctx: Ctx, rec: Rec | null, out: Unmet[]) => void;

/**
 * The closure of `e`, looked up on first call: the explainer asks for exactly the closures it reaches, as it did
 * when it looked them up per decision, and never makes the compiler build one it would not otherwise build.
 */
function lazyFn(s: Scope, e: IrExpr): Fn {
  let f: Fn | undefined;
  return (c, x) => (f ??= s.fnOf(e))(c, x);
}

const print = (s: Scope, e: IrExpr): string => printExprCached(s.ir, e, s.type, s.outer ?? null);
/** An operand as prose: `outer F` is the field of the record the listing is about, "原记录的F". */
const operand = (s: Scope, e: IrExpr): string =>
  e.op === 'outerField' ? `原记录的${fieldLabel(s.ir, s.outer ?? null, e.key, e.builtin)}` : print(s, e);
const code = (s: Scope, e: IrExpr): string => '`' + print(s, e) + '`';

/** The type a value read by `e` is shown as (a field shows as its declared type). */
function shownType(s: Scope, e: IrExpr, type: ValueType | undefined = e.op === 'cmp' ? e.type : undefined) {
  if (e.op === 'field') return fieldValueType(s.ir, s.type, e.key, e.builtin);
  return type;
}

function listTitle(s: Scope, name: string): string {
  return s.ir.lists[name]?.title ?? name;
}

/** How the value `e` read is shown: a subject kind by its Chinese name, with the code the condition names. */
function valueShower(e: IrExpr, type: ValueType | undefined): (v: unknown) => string {
  if (e.op === 'subject' && e.key === 'kind')
    return (v) => {
      const zh = subjectKindZh(v);
      return zh === undefined ? formatValue(v, type) : `${zh}（${v as string}）`;
    };
  return (v) => formatValue(v, type);
}

const always =
  (text: string): Why =>
  () =>
    text;

/** One sentence saying why `e` (once it evaluated to false) failed: the first failing part and what it read. */
export function compileWhy(s: Scope, e: IrExpr): Why {
  switch (e.op) {
    case 'and': {
      const preds = e.args.map((a) => lazyFn(s, a));
      const whys = e.args.map((a) => compileWhy(s, a));
      const none = `不满足 ${code(s, e)}`;
      return (c, x) => {
        for (let i = 0; i < preds.length; i++) if (preds[i]!(c, x) !== true) return whys[i]!(c, x);
        return none;
      };
    }
    case 'or': {
      if (e.args.length === 1) return compileWhy(s, e.args[0]!);
      const whys = e.args.map((a) => compileWhy(s, a));
      return (c, x) => {
        let out = '以下条件均不满足：';
        for (let i = 0; i < whys.length; i++) out += (i === 0 ? '' : '；') + whys[i]!(c, x);
        return out;
      };
    }
    case 'not':
      if (e.arg.op === 'onList') return always(`已被列入「${listTitle(s, e.arg.list)}」`);
      if (e.arg.op === 'agg' && e.arg.agg === 'any' && s.recordsOf !== undefined) return barringRecords(s, e.arg);
      return always(`${code(s, e.arg)} 成立`);
    case 'cmp': {
      const left = lazyFn(s, e.left);
      const leftType = shownType(s, e.left, e.type);
      const printedLeft = print(s, e.left);
      const want = '`' + `${e.cmp} ${print(s, e.right)}` + '`';
      const right = e.right.op === 'lit' ? null : lazyFn(s, e.right);
      const rightType = shownType(s, e.right, e.type);
      const rightHead = `（${print(s, e.right)} = `;
      const unset = `${printedLeft} 未登记，不满足 ${want}`;
      const verb = e.cmp === '>=' || e.cmp === '>' ? '未达到' : e.cmp === '<=' || e.cmp === '<' ? '超出' : '不满足';
      const head = `${printedLeft} = `;
      const tail = `，${verb} ${want}`;
      const showLeft = valueShower(e.left, leftType);
      return (c, x) => {
        const l = left(c, x);
        const r = right === null ? '' : rightHead + formatValue(right(c, x), rightType) + '）';
        if (l === null || l === undefined) return unset + r;
        return head + showLeft(l) + tail + r;
      };
    }
    case 'in':
    case 'has': {
      const left = lazyFn(s, e.left);
      const type = shownType(s, e.left);
      const head = `${print(s, e.left)} = `;
      // A literal set reads as what it asks ("主体类型为自然人、个体工商户、农户之一"), not as codes in brackets.
      const tail = literalValues(e.values) === null ? `，不满足 ${code(s, e)}` : `，不满足“${requirement(s, e)}”`;
      const show = valueShower(e.left, type);
      return (c, x) => head + show(left(c, x)) + tail;
    }
    case 'isSet': {
      if (!e.negated) return always(`${print(s, e.arg)} 未登记`);
      const arg = lazyFn(s, e.arg);
      const type = shownType(s, e.arg);
      const head = `${print(s, e.arg)} 已登记（`;
      return (c, x) => head + formatValue(arg(c, x), type) + '）';
    }
    case 'agg':
      if (e.agg === 'any') return always(`没有符合 ${code(s, e)} 的记录`);
      return always(`不满足 ${code(s, e)}`);
    case 'onList':
      return always(`未被列入「${listTitle(s, e.list)}」`);
    case 'field': {
      const f = lazyFn(s, e);
      const type = shownType(s, e);
      const head = `${print(s, e)} = `;
      return (c, x) => head + formatValue(f(c, x), type);
    }
    default:
      return always(`不满足 ${code(s, e)}`);
  }
}

/** Records named in a sentence at most; the rest are counted. */
const NAMED_RECORDS = 3;

/**
 * `not any T where W`: the condition, then the records that bar it — the value that failed it — each with the last
 * day it counts where W runs out on a date (a disclosure period, a look-back window): the day after is when the
 * subject is clear of it, a counterfactual it can act on (陕西条例 第二十三条: 记录 P1（2019年6月1日，计入至2024年6月3日）).
 */
function barringRecords(s: Scope, agg: Extract<IrExpr, { op: 'agg' }>): Why {
  const head = `${code(s, agg)} 成立`;
  // Prose first for the subject, the condition itself after it for the reviewer.
  const found = `有${countedRecords(s, agg)}：记录 `;
  const condition = `（条件：${code(s, agg)}）`;
  const recordsOf = s.recordsOf!(agg);
  const lapse = lapseOf(agg);
  return (c, x) => {
    let recs: readonly Rec[];
    try {
      recs = recordsOf(c, x);
    } catch (error) {
      // The evaluation stopped at the first record that matched; another may need a year the calendar lacks.
      if (error instanceof CalendarCoverageError) return head;
      throw error;
    }
    if (recs.length === 0) return head;
    return `${found}${namedRecords(recs, lapse, c.at)}${condition}`;
  };
}

/** `P1（2020年6月1日，计入至2025年6月3日）、P2（…）等N条`: at most three records, each with its last counted day. */
export function namedRecords(recs: readonly Rec[], lapse: Lapse | null, at: string): string {
  const named = recs.slice(0, NAMED_RECORDS).map((r) => {
    const last = lapse === null ? null : lastCountedDay(lapse, r, at);
    return `${r.id}（${formatDate(r.date)}${last === null ? '' : `，计入至${formatDate(last)}`}）`;
  });
  return named.join('、') + (recs.length > NAMED_RECORDS ? `等${recs.length}条` : '');
}

/**
 * The last day a record that counts on `at` still counts, when its stops or its window end it: the earliest of them
 * (a 'through' stop counts on its date, a 'before' stop not); null when none does or a date cannot be computed.
 * No calendar note: the decision's own evaluation has given any that matters.
 */
export function lastCountedDay(lapse: Lapse, rec: Rec, at: string): string | null {
  let last: string | null = null;
  const earlier = (d: string): void => {
    if (d >= at && (last === null || d < last)) last = d;
  };
  try {
    if (lapse.agg.within !== undefined) earlier(addDays(quietFrom(rec.date, lapse.agg.within), -1));
    for (const stop of lapse.stops) {
      const end = dateOnRecord(rec, stop.date);
      if (typeof end === 'string') earlier(stop.kind === 'through' ? end : addDays(end, -1));
    }
  } catch (error) {
    if (error instanceof CalendarCoverageError) return null;
    throw error;
  }
  return last;
}

const OP_ZH = { '>=': '不低于', '>': '高于', '<=': '不高于', '<': '低于', '==': '为', '!=': '不为' } as const;
const DATE_OP_ZH = { '>=': '不早于', '>': '晚于', '<=': '不晚于', '<': '早于', '==': '为', '!=': '不为' } as const;
/** What a built-in date field on or before the evaluation date says the subject (or the authority) has done. */
const DONE_ZH: Readonly<Record<string, string>> = {
  fulfilledOn: '已履行相关义务',
  repairedOn: '已完成信用修复',
  revokedOn: '相关决定已撤销',
};
const NEGATED = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' } as const;
const COUNT_ZH = { '>=': '不少于', '>': '多于', '<=': '不超过', '<': '少于', '==': '为', '!=': '不为' } as const;

/**
 * `日期 >= outer 日期 - P and 日期 <= outer 日期 + P [and C…]`: records within P either side of the original record's
 * date ("与原记录前后5年内的"), and meeting the other conjuncts when there are any ("…5年内符合条件的").
 */
function aroundOuterDate(w: IrExpr | undefined): string | null {
  if (w === undefined || w.op !== 'and' || w.args.length < 2) return null;
  const side = (c: IrExpr, cmp: '>=' | '<=', sign: 1 | -1) =>
    c.op === 'cmp' &&
    c.cmp === cmp &&
    c.left.op === 'field' &&
    c.left.key === 'date' &&
    c.left.builtin &&
    c.right.op === 'dateShift' &&
    c.right.sign === sign &&
    c.right.date.op === 'outerField' &&
    c.right.date.key === 'date' &&
    c.right.duration.op === 'lit'
      ? (c.right.duration.value as Duration)
      : null;
  const lo = w.args.findIndex((c) => side(c, '>=', -1) !== null);
  const hi = w.args.findIndex((c) => side(c, '<=', 1) !== null);
  if (lo < 0 || hi < 0) return null;
  const before = side(w.args[lo]!, '>=', -1)!;
  const after = side(w.args[hi]!, '<=', 1)!;
  if (before.amount !== after.amount || before.unit !== after.unit) return null;
  return `与原记录前后${formatDuration(before)}内${w.args.length > 2 ? '符合条件' : ''}的`;
}

/** `id == outer id`: the aggregate's record is the record it is reached from. */
function isSelf(c: IrExpr): boolean {
  return (
    c.op === 'cmp' &&
    c.cmp === '==' &&
    c.left.op === 'field' &&
    c.left.key === 'id' &&
    c.right.op === 'outerField' &&
    c.right.key === 'id'
  );
}

/**
 * `not any T where id == outer id [and C] within P`: the record's own waiting time (a 严重 record waits 1 year
 * before repair), read as "原记录（C）作出已满P", not as "不得有P内「T」记录（记录编号与原记录相同…）".
 */
function ownWindow(s: Scope, e: IrExpr): string | null {
  if (e.op !== 'agg' || e.agg !== 'any' || e.within === undefined || e.where === undefined) return null;
  const conjuncts = e.where.op === 'and' ? e.where.args : [e.where];
  if (!conjuncts.some(isSelf)) return null;
  const inner = { ...s, type: e.recordType, outer: s.type };
  const rest = conjuncts.filter((c) => !isSelf(c)).map((c) => requirement(inner, c));
  return `原记录${rest.length === 0 ? '' : `（${rest.join('，且')}）`}作出已满${formatDuration(e.within)}`;
}

/** `count T [where W] [within P]` as prose: "5年内「T」记录", "符合条件的「T」记录". */
function countedRecords(s: Scope, e: Extract<IrExpr, { op: 'agg' }>): string {
  const within = e.within === undefined ? '' : `${formatDuration(e.within)}内`;
  const which = e.where === undefined ? '' : (aroundOuterDate(e.where) ?? '符合条件的');
  return `${within}${which}「${recordTypeLabel(s.ir, e.recordType)}」记录`;
}

/** `F == max F of T [where …]`, T the record type in scope: the condition that picks T's latest (qualifying) record. */
function isLatestOf(e: IrExpr, type: string): boolean {
  return (
    e.op === 'cmp' &&
    e.cmp === '==' &&
    e.left.op === 'field' &&
    e.right.op === 'agg' &&
    e.right.agg === 'max' &&
    e.right.recordType === type &&
    e.right.field?.key === e.left.key
  );
}

/** Traces of the policy language left in a worded condition (operators, `of`, `in [`): prose could not word it. */
export function readsAsPolicyLanguage(text: string): boolean {
  return /[<>=[\]`]| of | in | not |max |min /.test(text);
}

/** The values of an `in` / `has` list as prose ("A、B"), or null when they are not literals. */
function literalValues(e: IrExpr, show: (v: string) => string = (v) => v): string | null {
  if (e.op === 'lit' && Array.isArray(e.value)) {
    return (e.value as readonly unknown[]).map((v) => show(String(v))).join('、');
  }
  if (e.op === 'array' && e.items.every((i) => i.op === 'lit')) {
    return e.items.map((i) => show(String((i as Extract<IrExpr, { op: 'lit' }>).value))).join('、');
  }
  return null;
}

/** The positive wording of a requirement (an early-removal condition), for "尚需满足：…". */
export function requirement(s: Scope, e: IrExpr): string {
  switch (e.op) {
    case 'isSet':
      return `${print(s, e.arg)}${e.negated ? '未登记' : '已登记'}`;
    case 'in': {
      // `实施部门类别 in [市场监督管理, 药品监督管理]` reads "实施部门类别为市场监督管理、药品监督管理之一"; subject
      // kinds by their Chinese names.
      const kinds = e.left.op === 'subject' && e.left.key === 'kind';
      const values = literalValues(e.values, kinds ? (v) => subjectKindZh(v) ?? v : (v) => v);
      if (values === null) return print(s, e);
      const one = values.includes('、') ? '之一' : '';
      return `${operand(s, e.left)}${e.negated ? '不为' : '为'}${values}${e.negated ? '' : one}`;
    }
    case 'has': {
      const values = literalValues(e.values);
      if (values === null) return print(s, e);
      return `${operand(s, e.left)}${e.mode === 'any' && values.includes('、') ? '含' + values + '之一' : '含' + values}`;
    }
    case 'cmp': {
      // `违法行为类别 == outer 违法行为类别` reads "违法行为类别与原记录相同".
      if (
        (e.cmp === '==' || e.cmp === '!=') &&
        e.right.op === 'outerField' &&
        e.left.op === 'field' &&
        e.left.key === e.right.key &&
        e.left.builtin === e.right.builtin
      ) {
        return `${print(s, e.left)}与原记录${e.cmp === '==' ? '相同' : '不同'}`;
      }
      // `已消除不良影响 == true` reads as the fact itself, not as "…为true".
      if (e.type === 'boolean' && e.right.op === 'lit' && typeof e.right.value === 'boolean') {
        const affirmed = (e.cmp === '==') === e.right.value;
        return `${affirmed ? '' : '并非'}${print(s, e.left)}`;
      }
      // `count 令54记录 within 5 years < 2` reads "5年内「…」记录少于2条".
      if (e.left.op === 'agg' && e.left.agg === 'count' && e.right.op === 'lit' && typeof e.right.value === 'number') {
        return `${countedRecords(s, e.left)}${COUNT_ZH[e.cmp]}${e.right.value}条`;
      }
      // `fulfilledOn <= at` is something the subject does: "已履行相关义务" (how the engine learns it — a
      // registered date — is no concern of the subject's; notice reviews 6 and N7 F21).
      if (e.type === 'date' && e.cmp === '<=' && e.left.op === 'field' && e.left.builtin && e.right.op === 'at') {
        const done = DONE_ZH[e.left.key];
        if (done !== undefined) return done;
      }
      // Other date comparisons read "…已登记且不晚于评价日期": a date is earlier or later, not lower.
      if (e.type === 'date') {
        const registered = e.left.op === 'field' && e.right.op === 'at' ? '已登记且' : '';
        return `${operand(s, e.left)}${registered}${DATE_OP_ZH[e.cmp]}${operand(s, e.right)}`;
      }
      // `kind != natural_person` reads "主体类型不为自然人".
      if (
        e.left.op === 'subject' &&
        e.left.key === 'kind' &&
        e.right.op === 'lit' &&
        typeof e.right.value === 'string'
      ) {
        return `${operand(s, e.left)}${OP_ZH[e.cmp]}${subjectKindZh(e.right.value) ?? e.right.value}`;
      }
      return `${operand(s, e.left)}${OP_ZH[e.cmp]}${operand(s, e.right)}`;
    }
    case 'not':
      if (e.arg.op === 'onList') return `未被列入「${listTitle(s, e.arg.list)}」`;
      // `not 有效期至 < at`: an unset date passes too (a comparison with nothing is false).
      if (e.arg.op === 'cmp' && e.arg.type === 'date' && e.arg.left.op === 'field' && e.arg.right.op === 'at') {
        return `${print(s, e.arg.left)}未登记或${DATE_OP_ZH[NEGATED[e.arg.cmp]]}${print(s, e.arg.right)}`;
      }
      // `not kind in [..]` reads as `kind not in [..]`: "主体类型不为自然人、农户".
      if (e.arg.op === 'in') return requirement(s, { ...e.arg, negated: !e.arg.negated });
      {
        const own = ownWindow(s, e.arg);
        if (own !== null) return own;
      }
      return `不得${requirement(s, e.arg)}`;
    case 'onList':
      return `被列入「${listTitle(s, e.list)}」`;
    case 'field':
      return print(s, e);
    case 'or': {
      // `限制期满日 is not set or 限制期满日 < at`: "限制期满日未登记或早于评价日期", not a choice of two.
      const [unset, cmp] = e.args;
      if (
        e.args.length === 2 &&
        unset!.op === 'isSet' &&
        unset!.negated &&
        unset!.arg.op === 'field' &&
        cmp!.op === 'cmp' &&
        cmp!.type === 'date' &&
        cmp!.left.op === 'field' &&
        cmp!.left.key === unset!.arg.key &&
        cmp!.right.op === 'at'
      ) {
        return `${print(s, cmp!.left)}未登记或${DATE_OP_ZH[cmp!.cmp]}${print(s, cmp!.right)}`;
      }
      return `以下之一：${e.args.map((a) => requirement(s, a)).join('，或')}`;
    }
    case 'and':
      return e.args.map((a) => requirement(s, a)).join('，且');
    case 'agg':
      // `any 信用承诺 where 承诺类型 == 信用修复型` reads "有「信用承诺」记录（承诺类型为信用修复型）", not the DSL.
      if (e.agg === 'any') {
        const within = e.within === undefined ? '' : `${formatDuration(e.within)}内`;
        const inner = { ...s, type: e.recordType, outer: s.type };
        // `日期 == max 日期 of T` inside `any T where …` picks the latest record: "最近一次「T」记录（…）".
        const conjuncts = e.where === undefined ? [] : e.where.op === 'and' ? e.where.args : [e.where];
        const rest = conjuncts.filter((c) => !isLatestOf(c, e.recordType));
        const latest = rest.length < conjuncts.length ? '最近一次的' : '';
        const where = rest.length === 0 ? '' : `（${rest.map((c) => requirement(inner, c)).join('，且')}）`;
        return `有${within}${latest}「${recordTypeLabel(s.ir, e.recordType)}」记录${where}`;
      }
      return print(s, e);
    default:
      return print(s, e);
  }
}

/** The conjuncts of `e` that do not hold, each as a requirement with what was read. */
export function compileUnmet(s: Scope, e: IrExpr): UnmetParts {
  const holds = lazyFn(s, e);
  if (e.op === 'and') {
    const parts = e.args.map((a) => compileUnmet(s, a));
    return (c, x, out) => {
      if (holds(c, x) === true) return;
      for (let i = 0; i < parts.length; i++) parts[i]!(c, x, out);
    };
  }
  const req = requirement(s, e);
  const why = compileWhy(s, e);
  return (c, x, out) => {
    if (holds(c, x) !== true) out.push({ requirement: req, why: why(c, x) });
  };
}

/** A record field a condition reads directly, with the label it is shown under. */
interface FieldRead {
  readonly label: string;
  readonly builtin: boolean;
  readonly key: string;
}

/** The record fields the conditions read directly (not inside aggregates), in reading order. */
export function fieldsRead(ir: PolicyIr, exprs: readonly (IrExpr | undefined)[], type: string): readonly FieldRead[] {
  const out: FieldRead[] = [];
  const walk = (e: IrExpr): void => {
    if (e.op === 'agg') return;
    if (e.op === 'field') {
      out.push({ label: fieldLabel(ir, type, e.key, e.builtin), builtin: e.builtin, key: e.key });
      return;
    }
    for (const c of childrenOf(e)) walk(c);
  };
  for (const e of exprs) if (e !== undefined) walk(e);
  return out;
}

/** The values a record holds for those fields, labelled (a later read of the same label wins, as in a walk). */
export function valuesRead(reads: readonly FieldRead[], rec: Rec): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (let i = 0; i < reads.length; i++) {
    const f = reads[i]!;
    const v = f.builtin ? (rec as unknown as Record<string, unknown>)[f.key] : rec.attrs?.[f.key];
    out[f.label] = (v ?? null) as AttrValue;
  }
  return out;
}
