// Turns IR expressions, values and citations into the short Chinese text a legal reviewer reads in a diff.
import type { Duration, IrCitation, IrExpr, IrValue, PolicyIr } from '../../dsl/ir.js';
import { BUILTIN_RECORD_FIELDS, SUBJECT_FIELDS, subjectKindZh } from '../../dsl/ir.js';
import { formatDuration, formatMoney, formatPercent } from '../explain/format.js';

const CMP_TEXT = { '==': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' } as const;

export function isDuration(v: unknown): v is Duration {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'amount' in v && 'unit' in v;
}

export function valueText(value: IrValue, type?: string): string {
  if (value === null) return '未设定';
  if (isDuration(value)) return formatDuration(value);
  if (Array.isArray(value)) return '[' + value.map((v) => String(v)).join('、') + ']';
  if (typeof value === 'number') {
    if (type === 'money') return formatMoney(value);
    if (type === 'percent') return formatPercent(value);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

export function citationText(c: IrCitation, ir: PolicyIr): string {
  const title = ir.bases[c.basis]?.title ?? c.basis;
  return `《${title}》${c.article ?? (c.section !== undefined ? `第${c.section}部分` : '')}`;
}

export function citationsText(cs: readonly IrCitation[], ir: PolicyIr): string {
  return cs.length === 0 ? '（无）' : cs.map((c) => citationText(c, ir)).join('、');
}

/** Writes expressions with the labels of the record type in scope, so `fineAmount` reads 罚款金额. */
export class ExprText {
  /** the record types of the scopes around the aggregate being written, innermost last: what `outer F` reads */
  private readonly outers: (string | undefined)[] = [];

  constructor(private readonly ir: PolicyIr) {}

  recordLabel(type: string): string {
    return this.ir.records[type]?.label ?? type;
  }

  fieldLabel(key: string, builtin: boolean, recordType: string | undefined): string {
    if (builtin) return (BUILTIN_RECORD_FIELDS as Record<string, { label: string }>)[key]?.label ?? key;
    const f = recordType === undefined ? undefined : this.ir.records[recordType]?.fields[key];
    return f?.label ?? key;
  }

  text(e: IrExpr, recordType?: string): string {
    return this.write(e, recordType, 0);
  }

  /** prec: 0 top, 1 inside or, 2 inside and, 3 operand */
  private write(e: IrExpr, rt: string | undefined, prec: number): string {
    const wrap = (s: string, own: number): string => (own < prec ? `（${s}）` : s);
    switch (e.op) {
      case 'lit':
        return valueText(e.value, e.type);
      case 'field':
        return this.fieldLabel(e.key, e.builtin, rt);
      case 'outerField':
        return `原记录的${this.fieldLabel(e.key, e.builtin, this.outers[this.outers.length - 1])}`;
      case 'subject':
        return SUBJECT_FIELDS[e.key].label;
      case 'param':
        return this.ir.params[e.param]?.label ?? e.param;
      case 'at':
        return '评价日期';
      case 'not':
        return `非${this.write(e.arg, rt, 3)}`;
      case 'neg':
        return `-${this.write(e.arg, rt, 3)}`;
      case 'and':
        return wrap(e.args.map((a) => this.write(a, rt, 2)).join(' 且 '), 2);
      case 'or':
        return wrap(e.args.map((a) => this.write(a, rt, 1)).join(' 或 '), 1);
      case 'cmp':
        return wrap(`${this.write(e.left, rt, 3)} ${CMP_TEXT[e.cmp]} ${this.kindsAgainst(e.left, e.right, rt)}`, 3);
      case 'arith':
        return wrap(`${this.write(e.left, rt, 3)} ${e.arith} ${this.write(e.right, rt, 3)}`, 3);
      case 'dateShift': {
        const text = `${this.write(e.date, rt, 3)} ${e.sign > 0 ? '+' : '-'} ${this.write(e.duration, rt, 3)}`;
        // 第二百零三条 in words: the reader of a notice should not have to know the keyword.
        return wrap(e.counting === 'civil' ? `${text}（末日遇休息日顺延至次一工作日）` : text, 3);
      }
      case 'in':
        return wrap(
          `${this.write(e.left, rt, 3)} ${e.negated ? '不属于' : '属于'} ${this.kindsAgainst(e.left, e.values, rt)}`,
          3,
        );
      case 'has':
        return wrap(
          `${this.write(e.left, rt, 3)} ${e.mode === 'any' ? '含任一' : '含全部'} ${this.write(e.values, rt, 3)}`,
          3,
        );
      case 'isSet':
        return wrap(`${this.write(e.arg, rt, 3)}${e.negated ? '未填写' : '已填写'}`, 3);
      case 'array':
        return '[' + e.items.map((i) => this.write(i, rt, 0)).join('、') + ']';
      case 'agg':
        return this.aggregate(e, rt);
      case 'onList':
        return `已列入“${e.list}”`;
      case 'grade':
        return `“${e.grading}”等级`;
    }
  }

  /** The value(s) a subject kind is compared with, by their Chinese names (企业, not enterprise). */
  private kindsAgainst(left: IrExpr, right: IrExpr, rt: string | undefined): string {
    if (left.op !== 'subject' || left.key !== 'kind' || right.op !== 'lit') return this.write(right, rt, 3);
    const zh = (v: unknown): string => subjectKindZh(v) ?? String(v);
    const v = right.value;
    return Array.isArray(v) ? '[' + v.map(zh).join('、') + ']' : zh(v);
  }

  private aggregate(e: Extract<IrExpr, { op: 'agg' }>, rt: string | undefined): string {
    const type = this.recordLabel(e.recordType);
    const parts: string[] = [];
    if (e.within !== undefined) parts.push(`近${formatDuration(e.within)}内`);
    if (e.where !== undefined) {
      this.outers.push(rt);
      try {
        parts.push(`满足 ${this.write(e.where, e.recordType, 0)}`);
      } finally {
        this.outers.pop();
      }
    }
    const scope = parts.length > 0 ? `（${parts.join('，')}）` : '';
    const field = e.field === undefined ? '' : this.fieldLabel(e.field.key, e.field.builtin, e.recordType);
    switch (e.agg) {
      case 'any':
        return `有${type}${scope}`;
      case 'all':
        return `全部${type}${scope}`;
      case 'count':
        return `${type}次数${scope}`;
      case 'sum':
        return `${type}${field}合计${scope}`;
      case 'max':
        return `${type}${field}最大值${scope}`;
      case 'min':
        return `${type}${field}最小值${scope}`;
    }
  }
}
