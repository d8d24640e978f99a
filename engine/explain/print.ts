// Turns IR expressions and values back into policy-language text with Chinese labels, for conditions quoted in explanations.
import { BUILTIN_RECORD_FIELDS, SUBJECT_FIELDS } from '../../dsl/ir.js';
import type { IrExpr, IrField, PolicyIr, ValueType } from '../../dsl/ir.js';
import { isDuration } from '../compile/dates.js';
import { durationDsl, formatDuration, formatMoney } from './format.js';

export function recordTypeLabel(ir: PolicyIr, type: string): string {
  return ir.records[type]?.label ?? type;
}

/**
 * An attribute of the record type in scope, or else of any record type that declares it: a list whose rules range
 * over several types reads, in its early-removal condition, attributes some of them lack (unset there).
 */
function declaredField(ir: PolicyIr, type: string | null, key: string): IrField | undefined {
  const own = type === null ? undefined : ir.records[type]?.fields[key];
  if (own !== undefined || type === null) return own;
  for (const rt of Object.values(ir.records)) if (rt.fields[key] !== undefined) return rt.fields[key];
  return undefined;
}

export function fieldLabel(ir: PolicyIr, type: string | null, key: string, builtin: boolean): string {
  if (builtin) return (BUILTIN_RECORD_FIELDS as Record<string, { label: string }>)[key]?.label ?? key;
  return declaredField(ir, type, key)?.label ?? key;
}

/** The declared type of a record field, so a read value can be shown as money, a date … */
export function fieldValueType(ir: PolicyIr, type: string | null, key: string, builtin: boolean): ValueType {
  if (builtin) return (BUILTIN_RECORD_FIELDS as Record<string, { type: ValueType }>)[key]?.type ?? 'string';
  const t = declaredField(ir, type, key)?.type.t;
  switch (t) {
    case 'money':
      return 'money';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    case 'enum':
      return 'enum';
    case 'duration':
      return 'duration';
    default:
      return 'string';
  }
}

/** A value as the policy language writes it (money in 元/万元/亿元, durations, lists in brackets). */
export function formatValue(v: unknown, type?: ValueType): string {
  if (v === null || v === undefined) return '未登记';
  if (typeof v === 'number') return type === 'money' ? formatMoney(v) : String(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[' + v.map((x) => formatValue(x)).join(', ') + ']';
  if (isDuration(v)) return formatDuration(v);
  return JSON.stringify(v);
}

function litText(e: Extract<IrExpr, { op: 'lit' }>): string {
  const v = e.value;
  if (v === null) return 'null';
  if (typeof v === 'number') return e.type === 'money' ? formatMoney(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[' + v.join(', ') + ']';
  if (isDuration(v)) return durationDsl(v);
  return String(v);
}

const printed = new WeakMap<IrExpr, Map<string, string>>();

/** `printExpr`, remembered per node and record type: explanations print the same conditions again and again. */
export function printExprCached(ir: PolicyIr, e: IrExpr, type: string | null, outer: string | null = null): string {
  let m = printed.get(e);
  if (m === undefined) {
    m = new Map();
    printed.set(e, m);
  }
  const key = outer === null ? (type ?? '') : `${type ?? ''}\u0000${outer}`;
  let s = m.get(key);
  if (s === undefined) {
    s = printExpr(ir, e, type, outer);
    m.set(key, s);
  }
  return s;
}

const PREC: Partial<Record<IrExpr['op'], number>> = { or: 1, and: 2, not: 3 };

/**
 * Prints `e` with the field labels of the record type in scope (`type`, null outside a record scope); `outer` is
 * the record type one scope out, which `outer F` reads.
 */
export function printExpr(ir: PolicyIr, e: IrExpr, type: string | null, outer: string | null = null): string {
  const p = (x: IrExpr, t: string | null = type, min = 4): string => {
    const s = printExpr(ir, x, t, outer);
    return (PREC[x.op] ?? 9) < min ? `(${s})` : s;
  };
  switch (e.op) {
    case 'lit':
      return litText(e);
    case 'field':
      return fieldLabel(ir, type, e.key, e.builtin);
    case 'outerField':
      return `outer ${fieldLabel(ir, outer, e.key, e.builtin)}`;
    case 'subject':
      return SUBJECT_FIELDS[e.key]?.label ?? e.key;
    case 'param':
      return ir.params[e.param]?.label ?? e.param;
    case 'at':
      return '评价日期';
    case 'not':
      return `not ${p(e.arg, type, 3)}`;
    case 'neg':
      return `-${p(e.arg)}`;
    case 'and':
      return e.args.map((a) => p(a, type, 2)).join(' and ');
    case 'or':
      return e.args.map((a) => p(a, type, 1)).join(' or ');
    case 'cmp':
      return `${p(e.left)} ${e.cmp} ${p(e.right)}`;
    case 'arith':
      return `${p(e.left)} ${e.arith} ${p(e.right)}`;
    case 'dateShift':
      return `${p(e.date)} ${e.sign === 1 ? '+' : '-'} ${p(e.duration)}${e.counting === 'civil' ? ' counted civil' : ''}`;
    case 'in':
      return `${p(e.left)} ${e.negated ? 'not in' : 'in'} ${p(e.values)}`;
    case 'has':
      return `${p(e.left)} has ${e.mode} ${p(e.values)}`;
    case 'isSet':
      return `${p(e.arg)} is ${e.negated ? 'not ' : ''}set`;
    case 'array':
      return '[' + e.items.map((i) => p(i)).join(', ') + ']';
    case 'agg': {
      const t = recordTypeLabel(ir, e.recordType);
      let s =
        e.field === undefined
          ? `${e.agg} ${t}`
          : `${e.agg} ${fieldLabel(ir, e.recordType, e.field.key, e.field.builtin)} of ${t}`;
      if (e.where !== undefined) s += ` where ${printExpr(ir, e.where, e.recordType, type)}`;
      if (e.within !== undefined) s += ` within ${durationDsl(e.within)}`;
      return s;
    }
    case 'onList':
      return `on ${e.list}`;
    case 'grade':
      return `grade ${e.grading}`;
  }
}
