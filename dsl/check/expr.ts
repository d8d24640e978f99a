// Expressions: resolve names, infer and check types, and lower surface expressions to IR expressions.
import type { Expr, Name } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Duration, IrExpr, IrFieldType, SubjectField, ValueType } from '../ir.js';
import { BUILTIN_RECORD_FIELDS, OBJECTION_VALUES, SUBJECT_FIELDS, SUBJECT_KINDS } from '../ir.js';
import type { Span } from '../span.js';
import { isRealDate } from './dates.js';
import { diagnostic } from './messages.js';
import { didYouMean } from './suggest.js';
import type { RecordInfo, Symbols } from './symbols.js';

/** Types during checking. `symbol` is a bare name that can only be an enum value, decided by context. */
export type Ty =
  | { readonly t: 'number' | 'money' | 'string' | 'boolean' | 'date' | 'duration' | 'null' | 'unknown' }
  | { readonly t: 'severity' | 'level' }
  | {
      readonly t: 'enum' | 'list';
      readonly values: readonly string[];
      /** label → value, for enums whose values have Chinese labels (subject kind, objection) */
      readonly labels?: Readonly<Record<string, string>>;
    }
  /** `record`: the record in scope where the name appeared, so an unknown name is reported as a missing field */
  | { readonly t: 'symbol'; readonly text: string; readonly span: Span; readonly record?: RecordInfo }
  | { readonly t: 'array'; readonly items: readonly Typed[] };

export interface Typed {
  readonly ir: IrExpr;
  readonly ty: Ty;
  readonly span: Span;
}

export interface Scope {
  /** the record in scope inside `for` / `where` / aggregates; undefined at subject level */
  readonly record?: RecordInfo;
  /** `true` when only built-in record fields are known (a list whose rules range over several types) */
  readonly builtinOnly?: boolean;
  /** inside an aggregate's `where`: the scope the aggregate sits in, which `outer NAME` reads */
  readonly outer?: Scope;
}

const UNKNOWN: Ty = { t: 'unknown' };

const TYPE_NAMES: Record<string, string> = {
  number: '数值',
  money: '金额',
  string: '文本',
  boolean: '是非值',
  date: '日期',
  duration: '期间',
  null: '空值',
  unknown: '未知',
  severity: '严重程度',
  level: '措施等级',
  enum: '枚举值',
  list: '枚举列表',
  symbol: '名称',
  array: '值列表',
};

export function describeTy(ty: Ty): string {
  if (ty.t === 'symbol') return `名称 \`${ty.text}\``;
  return TYPE_NAMES[ty.t] ?? ty.t;
}

const SUBJECT_KIND_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(SUBJECT_KINDS).map(([key, label]) => [label, key]),
);
const OBJECTION_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(OBJECTION_VALUES).map(([key, label]) => [label, key]),
);
const BUILTIN_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(BUILTIN_RECORD_FIELDS).map(([key, spec]) => [spec.label, key]),
);
const SUBJECT_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(SUBJECT_FIELDS).map(([key, spec]) => [spec.label, key]),
);

export function fieldTy(type: IrFieldType): Ty {
  switch (type.t) {
    case 'integer':
    case 'decimal':
      return { t: 'number' };
    case 'enum':
      return { t: 'enum', values: type.values };
    case 'list':
      return { t: 'list', values: type.values };
    default:
      return { t: type.t };
  }
}

export class ExprChecker {
  constructor(
    private readonly symbols: Symbols,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private error(d: Diagnostic): Typed {
    this.diagnostics.push(d);
    return { ir: { op: 'lit', type: 'null', value: null }, ty: UNKNOWN, span: d.span ?? ({} as Span) };
  }

  /** Check an expression expected to be a condition. */
  condition(expr: Expr, scope: Scope): IrExpr {
    const typed = this.resolveSymbol(this.check(expr, scope));
    this.expect(typed, ['boolean']);
    return typed.ir;
  }

  /** A date computed in a scope (a listing's `from EXPR`). */
  date(expr: Expr, scope: Scope): IrExpr {
    const typed = this.resolveSymbol(this.check(expr, scope));
    this.expect(typed, ['date']);
    return typed.ir;
  }

  /** A period: a duration literal or a duration parameter. */
  period(expr: Expr, scope: Scope): IrExpr {
    const typed = this.check(expr, scope);
    this.expect(typed, ['duration']);
    return typed.ir;
  }

  /** A duration that must be known statically (e.g. `within`, a measure's `term`). */
  literalDuration(expr: Expr): Duration | undefined {
    if (expr.kind === 'duration') return { amount: expr.value.amount, unit: expr.value.unit };
    this.diagnostics.push(diagnostic('check.type-mismatch', expr.span, ['期间字面量（如 `3 years`）', '其他表达式']));
    return undefined;
  }

  private expect(typed: Typed, allowed: readonly Ty['t'][]): void {
    if (typed.ty.t === 'unknown' || allowed.includes(typed.ty.t)) return;
    this.diagnostics.push(
      diagnostic('check.type-mismatch', typed.span, [
        allowed.map((t) => TYPE_NAMES[t] ?? t).join('或'),
        describeTy(typed.ty),
      ]),
    );
  }

  /** A bare name that nothing gave meaning to is an unknown name. */
  private resolveSymbol(typed: Typed, what = '名称', candidates: Iterable<string> = []): Typed {
    if (typed.ty.t !== 'symbol') return typed;
    const record = typed.ty.record;
    if (record) {
      const fields = [...record.fields.keys(), ...record.fieldLabels.keys(), ...Object.keys(BUILTIN_LABELS)];
      const help = didYouMean(typed.ty.text, [...fields, ...this.nameCandidates(), ...candidates]);
      return this.error(
        diagnostic(
          'check.unknown-field',
          typed.span,
          [record.decl.label ?? record.key, typed.ty.text],
          help ? { help } : {},
        ),
      );
    }
    const help = didYouMean(typed.ty.text, [...this.nameCandidates(), ...candidates]);
    return this.error(diagnostic('check.unknown-name', typed.span, [what, typed.ty.text], help ? { help } : {}));
  }

  private nameCandidates(): string[] {
    return [
      ...this.symbols.params.keys(),
      ...this.symbols.paramLabels.keys(),
      ...Object.keys(SUBJECT_FIELDS),
      ...Object.keys(SUBJECT_LABELS),
    ];
  }

  check(expr: Expr, scope: Scope): Typed {
    const span = expr.span;
    switch (expr.kind) {
      case 'number':
        return { ir: { op: 'lit', type: 'number', value: expr.value }, ty: { t: 'number' }, span };
      case 'percent':
        return { ir: { op: 'lit', type: 'number', value: expr.value }, ty: { t: 'number' }, span };
      case 'money':
        return { ir: { op: 'lit', type: 'money', value: expr.value }, ty: { t: 'money' }, span };
      case 'string':
        return { ir: { op: 'lit', type: 'string', value: expr.value }, ty: { t: 'string' }, span };
      case 'boolean':
        return { ir: { op: 'lit', type: 'boolean', value: expr.value }, ty: { t: 'boolean' }, span };
      case 'null':
        return { ir: { op: 'lit', type: 'null', value: null }, ty: { t: 'null' }, span };
      case 'date':
        if (!isRealDate(expr.value)) return this.error(diagnostic('check.invalid-date', span, [expr.value]));
        return { ir: { op: 'lit', type: 'date', value: expr.value }, ty: { t: 'date' }, span };
      case 'duration':
        return {
          ir: { op: 'lit', type: 'duration', value: { amount: expr.value.amount, unit: expr.value.unit } },
          ty: { t: 'duration' },
          span,
        };
      case 'at':
        return { ir: { op: 'at' }, ty: { t: 'date' }, span };
      case 'name':
        return this.name(expr.name, scope);
      case 'outer':
        return this.outerName(expr.name, scope, span);
      case 'array':
        return {
          ir: { op: 'array', items: [] },
          ty: { t: 'array', items: expr.items.map((item) => this.check(item, scope)) },
          span,
        };
      case 'not': {
        const operand = this.resolveSymbol(this.check(expr.operand, scope));
        this.expect(operand, ['boolean']);
        return { ir: { op: 'not', arg: operand.ir }, ty: { t: 'boolean' }, span };
      }
      case 'neg': {
        const operand = this.resolveSymbol(this.check(expr.operand, scope));
        this.expect(operand, ['number', 'money']);
        return { ir: { op: 'neg', arg: operand.ir }, ty: operand.ty, span };
      }
      case 'and':
      case 'or': {
        const left = this.resolveSymbol(this.check(expr.left, scope));
        const right = this.resolveSymbol(this.check(expr.right, scope));
        this.expect(left, ['boolean']);
        this.expect(right, ['boolean']);
        // Flatten chains so the IR (and its hash) does not depend on how `a and b and c` was bracketed.
        const flatten = (ir: IrExpr): readonly IrExpr[] => (ir.op === expr.kind ? ir.args : [ir]);
        return {
          ir: { op: expr.kind, args: [...flatten(left.ir), ...flatten(right.ir)] },
          ty: { t: 'boolean' },
          span,
        };
      }
      case 'compare':
        return this.compare(expr.op, this.check(expr.left, scope), this.check(expr.right, scope), span);
      case 'arith':
        return this.arith(expr.op, this.check(expr.left, scope), this.check(expr.right, scope), span);
      case 'counted':
        return this.counted(this.check(expr.operand, scope), span);
      case 'in': {
        const left = this.resolveSymbol(this.check(expr.left, scope));
        const values = this.valueSet(left.ty, this.check(expr.right, scope), 'in');
        return { ir: { op: 'in', negated: expr.negated, left: left.ir, values }, ty: { t: 'boolean' }, span };
      }
      case 'has': {
        const left = this.resolveSymbol(this.check(expr.left, scope));
        this.expect(left, ['list']);
        const elementTy: Ty = left.ty.t === 'list' ? { t: 'enum', values: left.ty.values } : UNKNOWN;
        const values = this.valueSet(elementTy, this.check(expr.right, scope), 'has');
        return { ir: { op: 'has', mode: expr.mode, left: left.ir, values }, ty: { t: 'boolean' }, span };
      }
      case 'isSet': {
        const operand = this.resolveSymbol(this.check(expr.operand, scope));
        return { ir: { op: 'isSet', negated: expr.negated, arg: operand.ir }, ty: { t: 'boolean' }, span };
      }
      case 'aggregate':
        return this.aggregate(expr, scope);
      case 'onList': {
        if (!this.symbols.lists.has(expr.list.text)) {
          const help = didYouMean(expr.list.text, this.symbols.lists.keys());
          return this.error(
            diagnostic('check.unknown-name', expr.list.span, ['名单', expr.list.text], help ? { help } : {}),
          );
        }
        return { ir: { op: 'onList', list: expr.list.text }, ty: { t: 'boolean' }, span };
      }
      case 'gradeOf': {
        const grading = this.symbols.gradings.get(expr.grading.text);
        if (!grading) {
          const help = didYouMean(expr.grading.text, this.symbols.gradings.keys());
          return this.error(
            diagnostic('check.unknown-name', expr.grading.span, ['评价', expr.grading.text], help ? { help } : {}),
          );
        }
        return {
          ir: { op: 'grade', grading: expr.grading.text },
          ty: { t: 'enum', values: grading.decl.grades.map((g) => g.text) },
          span,
        };
      }
    }
  }

  private name(name: Name, scope: Scope): Typed {
    const text = name.text;
    const span = name.span;
    const record = scope.record;
    if (record) {
      const key = record.fields.has(text) ? text : record.fieldLabels.get(text);
      if (key !== undefined) {
        const field = record.fields.get(key);
        if (field) return { ir: { op: 'field', key, builtin: false }, ty: fieldTy(field.type), span };
      }
    }
    if (record || scope.builtinOnly) {
      const builtin = text in BUILTIN_RECORD_FIELDS ? text : BUILTIN_LABELS[text];
      if (builtin !== undefined) return this.builtinField(builtin as keyof typeof BUILTIN_RECORD_FIELDS, record, span);
    } else if (text in BUILTIN_RECORD_FIELDS || BUILTIN_LABELS[text] !== undefined) {
      return this.error(diagnostic('check.no-record-scope', span, [text]));
    }
    const param = this.symbols.params.has(text) ? text : this.symbols.paramLabels.get(text);
    if (param !== undefined) {
      const decl = this.symbols.params.get(param)?.decl;
      const ty: Ty = decl
        ? decl.type === 'integer' || decl.type === 'decimal'
          ? { t: 'number' }
          : { t: decl.type }
        : UNKNOWN;
      return { ir: { op: 'param', param, recordDate: record !== undefined || scope.builtinOnly === true }, ty, span };
    }
    const subjectKey = text in SUBJECT_FIELDS ? text : SUBJECT_LABELS[text];
    if (subjectKey !== undefined) {
      const key = subjectKey as SubjectField;
      const ty: Ty =
        key === 'kind'
          ? { t: 'enum', values: Object.keys(SUBJECT_KINDS), labels: SUBJECT_KIND_LABELS }
          : key === 'adultOn'
            ? { t: 'date' }
            : { t: 'string' };
      return { ir: { op: 'subject', key }, ty, span };
    }
    return {
      ir: { op: 'lit', type: 'string', value: text },
      ty: record ? { t: 'symbol', text, span, record } : { t: 'symbol', text, span },
      span,
    };
  }

  /** `outer NAME`: a field of the record the enclosing aggregate was reached from. */
  private outerName(name: Name, scope: Scope, span: Span): Typed {
    const outer = scope.outer;
    if (outer === undefined) return this.error(diagnostic('check.outer-outside-aggregate', span, [name.text]));
    const record = outer.record;
    if (record !== undefined) {
      const resolved = this.resolveField(record, name);
      if (resolved === undefined) return { ir: { op: 'lit', type: 'null', value: null }, ty: UNKNOWN, span };
      return { ir: { op: 'outerField', key: resolved.key, builtin: resolved.builtin }, ty: resolved.ty, span };
    }
    const builtin = name.text in BUILTIN_RECORD_FIELDS ? name.text : BUILTIN_LABELS[name.text];
    if (outer.builtinOnly === true && builtin !== undefined) {
      const typed = this.builtinField(builtin as keyof typeof BUILTIN_RECORD_FIELDS, undefined, name.span);
      return { ir: { op: 'outerField', key: builtin, builtin: true }, ty: typed.ty, span };
    }
    return this.error(diagnostic('check.outer-no-record', span, [name.text]));
  }

  private builtinField(key: keyof typeof BUILTIN_RECORD_FIELDS, record: RecordInfo | undefined, span: Span): Typed {
    if (key === 'severity' && record && !record.decl.hasSeverity) {
      return this.error(diagnostic('check.severity-not-declared', span, [record.key]));
    }
    const ir: IrExpr = { op: 'field', key, builtin: true };
    switch (key) {
      case 'severity':
        return { ir, ty: { t: 'severity' }, span };
      case 'objection':
        return { ir, ty: { t: 'enum', values: Object.keys(OBJECTION_VALUES), labels: OBJECTION_LABELS }, span };
      case 'date':
      case 'fulfilledOn':
      case 'repairedOn':
      case 'revokedOn':
        return { ir, ty: { t: 'date' }, span };
      default:
        return { ir, ty: { t: 'string' }, span };
    }
  }

  /** Give a bare name its meaning as a value of `target` (an enum value, a severity, a level). */
  private valueOf(target: Ty, typed: Typed): Typed {
    if (typed.ty.t !== 'symbol') return typed;
    const text = typed.ty.text;
    const pick = (values: readonly string[], labels?: Readonly<Record<string, string>>, scaleName?: string): Typed => {
      const value = values.includes(text) ? text : labels?.[text];
      if (value === undefined) {
        const shown = [...values, ...Object.keys(labels ?? {})];
        const help = didYouMean(text, shown);
        return this.error(
          scaleName
            ? diagnostic('check.unknown-scale-level', typed.span, [scaleName, text], help ? { help } : {})
            : diagnostic(
                'check.unknown-enum-value',
                typed.span,
                [text, shown.slice(0, 12).join('、')],
                help ? { help } : {},
              ),
        );
      }
      return {
        ir: { op: 'lit', type: target.t === 'list' ? 'enum' : (target.t as ValueType), value },
        ty: target,
        span: typed.span,
      };
    };
    switch (target.t) {
      case 'enum':
      case 'list':
        return pick(target.values, target.labels);
      case 'severity':
        return pick(this.symbols.severity?.decl.values.map((v) => v.text) ?? [], undefined, '严重程度等级');
      case 'level':
        return pick(this.symbols.levels?.decl.values.map((v) => v.text) ?? [], undefined, '措施等级');
      default:
        return this.resolveSymbol(typed);
    }
  }

  private valueSet(element: Ty, right: Typed, op: string): IrExpr {
    if (right.ty.t !== 'array') {
      const resolved = this.resolveSymbol(right);
      if (resolved.ty.t === 'list' || resolved.ty.t === 'unknown') return resolved.ir;
      this.diagnostics.push(diagnostic('check.type-mismatch', right.span, ['值列表 `[…]`', describeTy(resolved.ty)]));
      return resolved.ir;
    }
    const items = right.ty.items.map((item) => {
      const typed = element.t === 'unknown' ? this.resolveSymbol(item) : this.valueOf(element, item);
      if (typed.ty.t !== 'unknown' && element.t !== 'unknown' && !compatible(element, typed.ty)) {
        this.diagnostics.push(
          diagnostic('check.bad-operands', typed.span, [op, describeTy(element), describeTy(typed.ty)]),
        );
      }
      return typed.ir;
    });
    return { op: 'array', items };
  }

  private compare(op: '==' | '!=' | '<' | '<=' | '>' | '>=', rawLeft: Typed, rawRight: Typed, span: Span): Typed {
    // A bare name on one side takes its meaning from the other side (`裁量 == 从重`, `严重程度 >= 较重`).
    const left = rawRight.ty.t === 'symbol' || rawLeft.ty.t !== 'symbol' ? rawLeft : this.valueOf(rawRight.ty, rawLeft);
    const right = this.valueOf(left.ty, rawRight);
    const l = this.resolveSymbol(left);
    const r = this.resolveSymbol(right);
    const boolean: Ty = { t: 'boolean' };
    if (l.ty.t === 'unknown' || r.ty.t === 'unknown')
      return { ir: { op: 'lit', type: 'boolean', value: false }, ty: boolean, span };
    if (l.ty.t === 'null' || r.ty.t === 'null') {
      if (op !== '==' && op !== '!=') {
        return this.error(diagnostic('check.bad-operands', span, [op, describeTy(l.ty), describeTy(r.ty)]));
      }
      const arg = l.ty.t === 'null' ? r.ir : l.ir;
      return { ir: { op: 'isSet', negated: op === '==', arg }, ty: boolean, span };
    }
    if (!compatible(l.ty, r.ty)) {
      return this.error(diagnostic('check.bad-operands', span, [op, describeTy(l.ty), describeTy(r.ty)]));
    }
    const ordered = op !== '==' && op !== '!=';
    if (ordered && (l.ty.t === 'boolean' || l.ty.t === 'enum' || l.ty.t === 'list')) {
      return this.error(diagnostic('check.bad-operands', span, [op, describeTy(l.ty), describeTy(r.ty)]));
    }
    const type: ValueType =
      l.ty.t === 'money' || l.ty.t === 'number'
        ? 'number'
        : l.ty.t === 'severity' || l.ty.t === 'level' || l.ty.t === 'date' || l.ty.t === 'boolean' || l.ty.t === 'enum'
          ? l.ty.t
          : 'string';
    return { ir: { op: 'cmp', cmp: op, type, left: l.ir, right: r.ir }, ty: boolean, span };
  }

  private arith(op: '+' | '-' | '*' | '/', rawLeft: Typed, rawRight: Typed, span: Span): Typed {
    const l = this.resolveSymbol(rawLeft);
    const r = this.resolveSymbol(rawRight);
    if (l.ty.t === 'unknown' || r.ty.t === 'unknown') return { ir: l.ir, ty: UNKNOWN, span };
    if (l.ty.t === 'date' && r.ty.t === 'duration' && (op === '+' || op === '-')) {
      return {
        ir: { op: 'dateShift', sign: op === '+' ? 1 : -1, date: l.ir, duration: r.ir },
        ty: { t: 'date' },
        span,
      };
    }
    const numeric = (ty: Ty): boolean => ty.t === 'number' || ty.t === 'money';
    if (numeric(l.ty) && numeric(r.ty)) {
      // 元 × 比例 stays money; 元 ÷ 元 is a plain ratio.
      const money = op === '/' ? l.ty.t === 'money' && r.ty.t !== 'money' : l.ty.t === 'money' || r.ty.t === 'money';
      return { ir: { op: 'arith', arith: op, left: l.ir, right: r.ir }, ty: { t: money ? 'money' : 'number' }, span };
    }
    return this.error(diagnostic('check.bad-operands', span, [op, describeTy(l.ty), describeTy(r.ty)]));
  }

  /** `date + P counted civil`: the period's last day moved off a rest day (第二百零三条); only a forward shift has one. */
  private counted(operand: Typed, span: Span): Typed {
    if (operand.ty.t === 'unknown') return operand;
    const ir = operand.ir;
    if (ir.op === 'dateShift' && ir.sign === 1) return { ir: { ...ir, counting: 'civil' }, ty: operand.ty, span };
    const found = ir.op === 'dateShift' ? '“日期 − 期限”' : describeTy(operand.ty);
    return this.error(diagnostic('check.counted-civil', span, [found]));
  }

  private recordType(name: Name): RecordInfo | undefined {
    const key = this.symbols.records.has(name.text) ? name.text : this.symbols.recordLabels.get(name.text);
    const record = key === undefined ? undefined : this.symbols.records.get(key);
    if (!record) {
      const help = didYouMean(name.text, [...this.symbols.records.keys(), ...this.symbols.recordLabels.keys()]);
      this.diagnostics.push(diagnostic('check.unknown-name', name.span, ['记录类型', name.text], help ? { help } : {}));
    }
    return record;
  }

  resolveRecordType(name: Name): RecordInfo | undefined {
    return this.recordType(name);
  }

  /** Resolve a field of a record by key or label (built-ins included). */
  resolveField(record: RecordInfo, name: Name): { key: string; builtin: boolean; ty: Ty } | undefined {
    const key = record.fields.has(name.text) ? name.text : record.fieldLabels.get(name.text);
    const field = key === undefined ? undefined : record.fields.get(key);
    if (field) return { key: field.key, builtin: false, ty: fieldTy(field.type) };
    const builtin = name.text in BUILTIN_RECORD_FIELDS ? name.text : BUILTIN_LABELS[name.text];
    if (builtin !== undefined) {
      const typed = this.builtinField(builtin as keyof typeof BUILTIN_RECORD_FIELDS, record, name.span);
      return { key: builtin, builtin: true, ty: typed.ty };
    }
    const help = didYouMean(name.text, [...record.fields.keys(), ...record.fieldLabels.keys()]);
    this.diagnostics.push(diagnostic('check.unknown-field', name.span, [record.key, name.text], help ? { help } : {}));
    return undefined;
  }

  private aggregate(expr: Extract<Expr, { kind: 'aggregate' }>, scope: Scope): Typed {
    const span = expr.span;
    const record = this.recordType(expr.recordType);
    if (!record) return { ir: { op: 'lit', type: 'boolean', value: false }, ty: UNKNOWN, span };
    const inner: Scope = { record, outer: scope };
    const swallowed = expr.where === undefined ? undefined : orTakenAggregate(expr.where, expr.recordType.text);
    // `any A where X or any B where Y` parses as A's `where (X or any B …)`: say so, it is rarely what was meant.
    if (swallowed !== undefined)
      this.diagnostics.push(
        diagnostic('check.where-took-or', swallowed.span, [
          `${expr.op} ${expr.field === undefined ? '' : expr.field.text + ' of '}${expr.recordType.text}`,
          swallowed.recordType.text,
        ]),
      );
    const where = expr.where ? this.condition(expr.where, inner) : undefined;
    const within = expr.within ? this.literalDuration(expr.within) : undefined;
    let field: { key: string; builtin: boolean } | undefined;
    let ty: Ty = { t: 'boolean' };
    if (expr.op === 'count') ty = { t: 'number' };
    if (expr.op === 'sum' || expr.op === 'max' || expr.op === 'min') {
      if (!expr.field) return this.error(diagnostic('check.type-mismatch', span, ['字段', '无']));
      const resolved = this.resolveField(record, expr.field);
      if (!resolved) return { ir: { op: 'lit', type: 'null', value: null }, ty: UNKNOWN, span };
      field = { key: resolved.key, builtin: resolved.builtin };
      const allowed: readonly Ty['t'][] = expr.op === 'sum' ? ['number', 'money'] : ['number', 'money', 'date'];
      if (!allowed.includes(resolved.ty.t)) {
        return this.error(
          diagnostic('check.aggregate-field-type', expr.field.span, [
            expr.op,
            expr.field.text,
            describeTy(resolved.ty),
          ]),
        );
      }
      ty = resolved.ty;
    }
    return {
      ir: {
        op: 'agg',
        agg: expr.op,
        recordType: record.key,
        ...(field ? { field } : {}),
        ...(where ? { where } : {}),
        ...(within ? { within } : {}),
      },
      ty,
      span,
    };
  }
}

function compatible(a: Ty, b: Ty): boolean {
  const numeric = (t: Ty['t']): boolean => t === 'number' || t === 'money';
  if (numeric(a.t) && numeric(b.t)) return true;
  if ((a.t === 'enum' || a.t === 'list') && (b.t === 'enum' || b.t === 'string')) return true;
  if (a.t === 'string' && (b.t === 'enum' || b.t === 'string')) return true;
  return a.t === b.t;
}

/** An aggregate over another record type among the `or` operands of a `where` (see `check.where-took-or`). */
function orTakenAggregate(where: Expr, outerType: string): Extract<Expr, { kind: 'aggregate' }> | undefined {
  if (where.kind !== 'or') return undefined;
  for (const side of [where.left, where.right]) {
    if (side.kind === 'aggregate' && side.recordType.text !== outerType) return side;
    const deeper = orTakenAggregate(side, outerType);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}
