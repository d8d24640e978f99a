// Turns IR expressions into closures over the evaluation scratch (no eval, no per-call allocation on the common paths).
import type { CompareOp } from '../../dsl/ast.js';
import type { Duration, IrExpr, IrParam, PolicyIr } from '../../dsl/ir.js';
import { formatDate } from '../explain/format.js';
import { readAgg } from './aggregates.js';
import { addNote } from './notes.js';
import { isDuration, shiftOf } from './dates.js';
import { AGG_ALL, AGG_ANY, AGG_COUNT, AGG_MAX, AGG_MIN, AGG_SUM } from './types.js';
import type { AggSlot, Ctx, Fn, Pred, Rec } from './types.js';

const AGG_KIND = { any: AGG_ANY, all: AGG_ALL, count: AGG_COUNT, sum: AGG_SUM, max: AGG_MAX, min: AGG_MIN } as const;

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

function builtinReader(key: string): Fn {
  switch (key) {
    case 'id':
      return (_c, r) => (r === null ? null : r.id);
    case 'date':
      return (_c, r) => (r === null ? null : r.date);
    case 'authority':
      return (_c, r) => r?.authority ?? null;
    case 'severity':
      return (_c, r) => r?.severity ?? null;
    case 'fulfilledOn':
      return (_c, r) => r?.fulfilledOn ?? null;
    case 'repairedOn':
      return (_c, r) => r?.repairedOn ?? null;
    case 'revokedOn':
      return (_c, r) => r?.revokedOn ?? null;
    case 'objection':
      return (_c, r) => r?.objection ?? null;
    default:
      return () => null;
  }
}

/** Reads a record field (built-in or attribute); null when unset or outside a record scope. */
export function fieldReader(key: string, builtin: boolean): Fn {
  if (builtin) return builtinReader(key);
  return (_c, r) => {
    if (r === null) return null;
    const attrs = r.attrs;
    if (attrs === undefined) return null;
    const v = attrs[key];
    return v === undefined ? null : v;
  };
}

function ordered(a: unknown, b: unknown): boolean {
  return !isNil(a) && !isNil(b) && typeof a === typeof b && (typeof a === 'number' || typeof a === 'string');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (isDuration(a) && isDuration(b)) return a.amount === b.amount && a.unit === b.unit;
  return false;
}

/** Comparison of two scalars already known comparable; the op is fixed at compile time. */
function orderedCmp(op: CompareOp, l: Fn, r: Fn): Pred {
  switch (op) {
    case '<':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return ordered(a, b) && (a as number) < (b as number);
      };
    case '<=':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return ordered(a, b) && (a as number) <= (b as number);
      };
    case '>':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return ordered(a, b) && (a as number) > (b as number);
      };
    case '>=':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return ordered(a, b) && (a as number) >= (b as number);
      };
    case '==':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return !isNil(a) && !isNil(b) && sameValue(a, b);
      };
    case '!=':
      return (c, x) => {
        const a = l(c, x);
        const b = r(c, x);
        return !isNil(a) && !isNil(b) && !sameValue(a, b);
      };
  }
}

/** Right side a literal: the most common shape (`fineAmount >= 1000000`), one closure call fewer. */
function constCmp(op: CompareOp, l: Fn, b: number | string): Pred {
  const t = typeof b;
  switch (op) {
    case '<':
      return (c, x) => {
        const a = l(c, x);
        return typeof a === t && (a as number) < (b as number);
      };
    case '<=':
      return (c, x) => {
        const a = l(c, x);
        return typeof a === t && (a as number) <= (b as number);
      };
    case '>':
      return (c, x) => {
        const a = l(c, x);
        return typeof a === t && (a as number) > (b as number);
      };
    case '>=':
      return (c, x) => {
        const a = l(c, x);
        return typeof a === t && (a as number) >= (b as number);
      };
    case '==':
      return (c, x) => l(c, x) === b;
    case '!=':
      return (c, x) => {
        const a = l(c, x);
        return !isNil(a) && a !== b;
      };
  }
}

function scaleCmp(op: CompareOp, l: Fn, r: Fn, scale: ReadonlyMap<string, number>, rightPos?: number): Pred {
  const pos = (v: unknown): number => (typeof v === 'string' ? (scale.get(v) ?? -1) : -1);
  const lc = (c: Ctx, x: Rec | null): number => pos(l(c, x));
  const rc: (c: Ctx, x: Rec | null) => number = rightPos === undefined ? (c, x) => pos(r(c, x)) : () => rightPos;
  const wrap = (f: (a: number, b: number) => boolean): Pred => {
    return (c, x) => {
      const a = lc(c, x);
      if (a < 0) return false;
      const b = rc(c, x);
      return b >= 0 && f(a, b);
    };
  };
  switch (op) {
    case '<':
      return wrap((a, b) => a < b);
    case '<=':
      return wrap((a, b) => a <= b);
    case '>':
      return wrap((a, b) => a > b);
    case '>=':
      return wrap((a, b) => a >= b);
    case '==':
      return wrap((a, b) => a === b);
    case '!=':
      return wrap((a, b) => a !== b);
  }
}

function constValue(e: IrExpr): { ok: true; v: unknown } | { ok: false } {
  if (e.op === 'lit') return { ok: true, v: e.value };
  if (e.op === 'array') {
    const out: unknown[] = [];
    for (const item of e.items) {
      const c = constValue(item);
      if (!c.ok) return { ok: false };
      out.push(c.v);
    }
    return { ok: true, v: Object.freeze(out) };
  }
  return { ok: false };
}

function asArray(v: unknown): readonly unknown[] | null {
  if (isNil(v)) return null;
  return Array.isArray(v) ? (v as readonly unknown[]) : [v];
}

export interface CompilerEnv {
  readonly ir: PolicyIr;
  readonly typeIndex: ReadonlyMap<string, number>;
  readonly listIndex: ReadonlyMap<string, number>;
  readonly gradingIndex: ReadonlyMap<string, number>;
  readonly slots: AggSlot[];
}

/** One compiler per policy; closures are cached by node identity and pending mode, so aggregates get one slot. */
export class ExprCompiler {
  private readonly cache = [new Map<IrExpr, Fn>(), new Map<IrExpr, Fn>()];
  private readonly slotCache = [new Map<IrExpr, number>(), new Map<IrExpr, number>()];
  private readonly severity: ReadonlyMap<string, number>;
  private readonly levels: ReadonlyMap<string, number>;

  constructor(private readonly env: CompilerEnv) {
    this.severity = new Map(env.ir.severity.map((s, i) => [s, i]));
    this.levels = new Map(env.ir.levels.map((s, i) => [s, i]));
  }

  fn(e: IrExpr, skipPending: boolean): Fn {
    const cache = this.cache[skipPending ? 1 : 0]!;
    let f = cache.get(e);
    if (f === undefined) {
      f = this.build(e, skipPending);
      cache.set(e, f);
    }
    return f;
  }

  pred(e: IrExpr, skipPending: boolean): Pred {
    const f = this.fn(e, skipPending);
    if (isBoolean(e)) return f as Pred;
    return (c, x) => f(c, x) === true;
  }

  /** The aggregate slot a node was given (compiling it if needed). */
  slotOf(e: Extract<IrExpr, { op: 'agg' }>, skipPending: boolean): number {
    this.fn(e, skipPending);
    return this.slotCache[skipPending ? 1 : 0]!.get(e)!;
  }

  private build(e: IrExpr, sp: boolean): Fn {
    switch (e.op) {
      case 'lit': {
        const v = e.value;
        return () => v;
      }
      case 'field':
        return fieldReader(e.key, e.builtin);
      case 'subject': {
        const key = e.key;
        return (c) => c.subject[key] ?? null;
      }
      case 'at':
        return (c) => c.at;
      case 'param':
        return this.param(e.param, e.recordDate);
      case 'not': {
        const a = this.pred(e.arg, sp);
        return (c, x) => !a(c, x);
      }
      case 'neg': {
        const a = this.fn(e.arg, sp);
        return (c, x) => {
          const v = a(c, x);
          return typeof v === 'number' ? -v : null;
        };
      }
      case 'and': {
        const args = e.args.map((a) => this.pred(a, sp));
        if (args.length === 2) {
          const [p, q] = args as [Pred, Pred];
          return (c, x) => p(c, x) && q(c, x);
        }
        return (c, x) => {
          for (let i = 0; i < args.length; i++) if (!args[i]!(c, x)) return false;
          return true;
        };
      }
      case 'or': {
        const args = e.args.map((a) => this.pred(a, sp));
        if (args.length === 2) {
          const [p, q] = args as [Pred, Pred];
          return (c, x) => p(c, x) || q(c, x);
        }
        return (c, x) => {
          for (let i = 0; i < args.length; i++) if (args[i]!(c, x)) return true;
          return false;
        };
      }
      case 'cmp': {
        const l = this.fn(e.left, sp);
        if (e.type === 'severity' || e.type === 'level') {
          const scale = e.type === 'severity' ? this.severity : this.levels;
          const lit = constValue(e.right);
          // A literal scale value becomes its position once, at compile time.
          const pos = lit.ok && typeof lit.v === 'string' ? scale.get(lit.v) : undefined;
          const right: Fn = pos === undefined ? this.fn(e.right, sp) : () => lit.ok && lit.v;
          return scaleCmp(e.cmp, l, right, scale, pos);
        }
        const rc = constValue(e.right);
        if (rc.ok) {
          if (rc.v === null) return () => false;
          if (typeof rc.v === 'number' || typeof rc.v === 'string') return constCmp(e.cmp, l, rc.v);
        }
        return orderedCmp(e.cmp, l, this.fn(e.right, sp));
      }
      case 'arith': {
        const l = this.fn(e.left, sp);
        const r = this.fn(e.right, sp);
        const op = e.arith;
        return (c, x) => {
          const a = l(c, x);
          const b = r(c, x);
          if (typeof a !== 'number' || typeof b !== 'number') return null;
          switch (op) {
            case '+':
              return a + b;
            case '-':
              return a - b;
            case '*':
              return a * b;
            case '/':
              return b === 0 ? null : a / b;
          }
        };
      }
      case 'dateShift':
        return this.dateShift(e, sp);
      case 'in': {
        const l = this.fn(e.left, sp);
        const neg = e.negated;
        const cv = constValue(e.values);
        if (cv.ok && Array.isArray(cv.v)) {
          const set = new Set<unknown>(cv.v);
          return (c, x) => {
            const v = l(c, x);
            if (isNil(v) || Array.isArray(v)) return false;
            return set.has(v) !== neg;
          };
        }
        const vals = this.fn(e.values, sp);
        return (c, x) => {
          const v = l(c, x);
          const arr = asArray(vals(c, x));
          if (isNil(v) || Array.isArray(v) || arr === null) return false;
          return arr.includes(v) !== neg;
        };
      }
      case 'has': {
        const l = this.fn(e.left, sp);
        const vals = this.fn(e.values, sp);
        const all = e.mode === 'all';
        return (c, x) => {
          const left = asArray(l(c, x));
          const want = asArray(vals(c, x));
          if (left === null || want === null) return false;
          if (all) {
            for (let i = 0; i < want.length; i++) if (!left.includes(want[i])) return false;
            return true;
          }
          for (let i = 0; i < want.length; i++) if (left.includes(want[i])) return true;
          return false;
        };
      }
      case 'isSet': {
        const a = this.fn(e.arg, sp);
        const neg = e.negated;
        return (c, x) => isNil(a(c, x)) === neg;
      }
      case 'array': {
        const cv = constValue(e);
        if (cv.ok) {
          const v = cv.v;
          return () => v;
        }
        const items = e.items.map((i) => this.fn(i, sp));
        return (c, x) => items.map((f) => f(c, x));
      }
      case 'agg':
        return this.agg(e, sp);
      case 'onList': {
        const i = this.env.listIndex.get(e.list);
        if (i === undefined) return () => false;
        return (c) => c.listOn[i] === 1;
      }
      case 'grade': {
        const i = this.env.gradingIndex.get(e.grading);
        if (i === undefined) return () => null;
        return (c) => c.gradeOf[i] ?? null;
      }
    }
  }

  private param(name: string, recordDate: boolean): Fn {
    const p: IrParam | undefined = this.env.ir.params[name];
    if (p === undefined || p.versions.length === 0) return () => null;
    const versions = p.versions;
    const label = p.label ?? p.name;
    const notes = versions.map((v) =>
      v.transition === undefined
        ? null
        : `参数「${label}」适用${v.from === null ? '' : formatDate(v.from) + '起施行的'}版本：${v.transition}`,
    );
    const first = versions[0]!;
    if (versions.length === 1 && first.from === null && notes[0] === null) {
      const v = first.value;
      return () => v;
    }
    return (c, x) => {
      const date = recordDate && x !== null ? x.date : c.at;
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i]!;
        if (v.from === null || v.from <= date) {
          const note = notes[i];
          if (note !== null && note !== undefined) addNote(c, note);
          return v.value;
        }
      }
      return null;
    };
  }

  private dateShift(e: Extract<IrExpr, { op: 'dateShift' }>, sp: boolean): Fn {
    const sign = e.sign;
    const cd = constValue(e.duration);
    if (e.date.op === 'at' && cd.ok && isDuration(cd.v)) {
      // Hoisted: `at ± P` is the same for every record of an evaluation; recomputed only when `at` changes.
      const d: Duration = cd.v;
      let lastAt = '';
      let last = '';
      return (c) => {
        if (c.at !== lastAt) {
          last = shiftOf(c.at, sign, d);
          lastAt = c.at;
        }
        return last;
      };
    }
    const date = this.fn(e.date, sp);
    const dur = this.fn(e.duration, sp);
    return (c, x) => {
      const a = date(c, x);
      const d = dur(c, x);
      if (typeof a !== 'string' || !isDuration(d)) return null;
      return shiftOf(a, sign, d);
    };
  }

  private agg(e: Extract<IrExpr, { op: 'agg' }>, sp: boolean): Fn {
    const slots = this.env.slots;
    const index = slots.length;
    const slot: AggSlot = {
      index,
      expr: e,
      kind: AGG_KIND[e.agg],
      typeIndex: this.env.typeIndex.get(e.recordType) ?? -1,
      skipPending: sp,
      where: null,
      field: e.field === undefined ? null : fieldReader(e.field.key, e.field.builtin),
      within: e.within ?? null,
      group: -1,
      collect: false,
      lowAt: '',
      low: null,
    };
    slots.push(slot);
    this.slotCache[sp ? 1 : 0]!.set(e, index);
    // The where is compiled after the slot is registered so nested aggregates get later slots.
    (slot as { where: Pred | null }).where = e.where === undefined ? null : this.pred(e.where, sp);
    return (c) => readAgg(c, index);
  }
}

/** Nodes whose closure already returns a boolean (so `pred` need not wrap it). */
function isBoolean(e: IrExpr): boolean {
  switch (e.op) {
    case 'not':
    case 'and':
    case 'or':
    case 'cmp':
    case 'in':
    case 'has':
    case 'isSet':
    case 'onList':
      return true;
    case 'agg':
      return false;
    default:
      return false;
  }
}
