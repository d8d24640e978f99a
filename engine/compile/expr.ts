// Turns IR expressions into closures over the evaluation scratch (no eval, no per-call allocation on the common paths).
import { adultOn } from '../subject/derived.js';
import type { CompareOp } from '../../dsl/ast.js';
import { canonicalJson } from '../../dsl/canonical.js';
import type { Duration, IrExpr, IrParam, PolicyIr, SubjectField } from '../../dsl/ir.js';
import { formatDate } from '../explain/format.js';
import { readAgg, readCorrelated } from './aggregates.js';
import { addNote } from './notes.js';
import { addDays } from '../time/dates.js';
import { comparedLastDayNote, LONGEST_REST_RUN } from '../time/period.js';
import { isDuration, lastDayOf, reachingCivilFrom, reachingFrom, shiftOf } from './dates.js';
import { AGG_ALL, AGG_ANY, AGG_COUNT, AGG_MAX, AGG_MIN, AGG_SUM } from './types.js';
import type { AggSlot, Fn, Pred } from './types.js';
import {
  allParts,
  anyPart,
  attrCmpLeaf,
  ATTR_HAS_ALL,
  ATTR_HAS_ANY,
  ATTR_IN,
  FIELD_AT,
  FIELD_SET,
  hasTest,
  isMember,
  Leaf,
  membersOf,
  ON_LIST,
  scaleTest,
  SEVERITY,
} from './leaves.js';
import type { Members, Part } from './leaves.js';
import { readsOuter, startsOf } from './walk.js';

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
/** Readers hold nothing of a policy or an evaluation: one per field name, shared by every evaluator. */
export function fieldReader(key: string, builtin: boolean): Fn {
  return builtin
    ? sharedClosure('builtin ' + key, () => builtinReader(key))
    : sharedClosure('field ' + key, () => attrReader(key));
}

function attrReader(key: string): Fn {
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

/** `attribute op literal` with the attribute read inline: the commonest comparison in a `where`. */
function attrConstCmp(op: CompareOp, key: string, b: number | string | boolean): Pred {
  const t = typeof b;
  switch (op) {
    case '<':
      return (_c, x) => {
        const v = x === null || x.attrs === undefined ? undefined : x.attrs[key];
        return typeof v === t && (v as number) < (b as number);
      };
    case '<=':
      return (_c, x) => {
        const v = x === null || x.attrs === undefined ? undefined : x.attrs[key];
        return typeof v === t && (v as number) <= (b as number);
      };
    case '>':
      return (_c, x) => {
        const v = x === null || x.attrs === undefined ? undefined : x.attrs[key];
        return typeof v === t && (v as number) > (b as number);
      };
    case '>=':
      return (_c, x) => {
        const v = x === null || x.attrs === undefined ? undefined : x.attrs[key];
        return typeof v === t && (v as number) >= (b as number);
      };
    case '==':
      return (_c, x) => x !== null && x.attrs !== undefined && x.attrs[key] === b;
    case '!=':
      return (_c, x) => {
        const v = x === null || x.attrs === undefined ? undefined : x.attrs[key];
        return v !== undefined && v !== null && v !== b;
      };
  }
}

function scalePos(scale: ReadonlyMap<string, number>, v: unknown): number {
  return typeof v === 'string' ? (scale.get(v) ?? -1) : -1;
}

/** `severity op 较重`: the record's severity read inline, the right side already a scale position. */
function severityCmp(op: CompareOp, scale: ReadonlyMap<string, number>, rightPos: number): Pred {
  return (_c, x) => {
    if (x === null) return false;
    const a = scalePos(scale, x.severity);
    return a >= 0 && scaleTest(op, a, rightPos);
  };
}

/** `attribute has any|all [..]` with the attribute read inline; a single value counts as a list of one. */
function attrHasFn(key: string, want: readonly unknown[], all: boolean): Pred {
  return (_c, x) => hasTest(x === null || x.attrs === undefined ? undefined : x.attrs[key], want, all);
}

/** Comparison on an ordered scale (severity, level): both sides must be values of the scale. */
function scaleCmp(op: CompareOp, l: Fn, r: Fn, scale: ReadonlyMap<string, number>, rightPos?: number): Pred {
  if (rightPos !== undefined) {
    return (c, x) => {
      const a = scalePos(scale, l(c, x));
      return a >= 0 && scaleTest(op, a, rightPos);
    };
  }
  return (c, x) => {
    const a = scalePos(scale, l(c, x));
    if (a < 0) return false;
    const b = scalePos(scale, r(c, x));
    return b >= 0 && scaleTest(op, a, b);
  };
}

function constValue(e: IrExpr): { ok: true; v: unknown } | { ok: false } {
  if (e.op === 'lit') return { ok: true, v: e.value };
  if (e.op === 'array') {
    // Sized up front: a pushed-into array keeps spare capacity, and every `in [..]` holds one.
    const out = new Array<unknown>(e.items.length);
    for (let i = 0; i < e.items.length; i++) {
      const c = constValue(e.items[i]!);
      if (!c.ok) return { ok: false };
      out[i] = c.v;
    }
    return { ok: true, v: Object.freeze(out) };
  }
  return { ok: false };
}

function asArray(v: unknown): readonly unknown[] | null {
  if (isNil(v)) return null;
  return Array.isArray(v) ? (v as readonly unknown[]) : [v];
}

// Closure factories live outside the compiler class on purpose: a closure made inside a method that also
// refers to `this` keeps the whole compiler (and its caches) alive through its context. Made here, each
// closure's context holds only what it reads.

const constFn =
  (v: unknown): Fn =>
  () =>
    v;
const notFn =
  (a: Pred): Pred =>
  (c, x) =>
    !a(c, x);
const truthyFn =
  (f: Fn): Pred =>
  (c, x) =>
    f(c, x) === true;

function negFn(a: Fn): Fn {
  return (c, x) => {
    const v = a(c, x);
    return typeof v === 'number' ? -v : null;
  };
}

// Two-term and n-term forms are separate functions: closures made in one function share its context, so a
// two-term closure made next to the n-term one would keep the `args` array alive for nothing.
const and2 =
  (p: Pred, q: Pred): Pred =>
  (c, x) =>
    p(c, x) && q(c, x);
const or2 =
  (p: Pred, q: Pred): Pred =>
  (c, x) =>
    p(c, x) || q(c, x);

function andN(args: readonly Pred[]): Pred {
  return (c, x) => {
    for (let i = 0; i < args.length; i++) if (!args[i]!(c, x)) return false;
    return true;
  };
}

function orN(args: readonly Pred[]): Pred {
  return (c, x) => {
    for (let i = 0; i < args.length; i++) if (args[i]!(c, x)) return true;
    return false;
  };
}

/** A conjunction of compiled conditions (also for the compiler's passes that build one from parts). */
export function andFn(args: readonly Pred[]): Pred {
  return args.length === 2 ? and2(args[0]!, args[1]!) : andN(args);
}

function orFn(args: readonly Pred[]): Pred {
  return args.length === 2 ? or2(args[0]!, args[1]!) : orN(args);
}

function arithFn(op: '+' | '-' | '*' | '/', l: Fn, r: Fn): Fn {
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

/** `x in [..]` against constant values. */
function inConstFn(l: Fn, members: Members, neg: boolean): Pred {
  return (c, x) => {
    const v = l(c, x);
    if (isNil(v) || Array.isArray(v)) return false;
    return isMember(members, v) !== neg;
  };
}

/** `attribute in [..]`, the attribute read inline (one closure instead of two on the commonest `where`). */
function attrInConstFn(key: string, members: Members, neg: boolean): Pred {
  return (_c, x) => {
    if (x === null) return false;
    const attrs = x.attrs;
    if (attrs === undefined) return false;
    const v = attrs[key];
    if (v === undefined || v === null || Array.isArray(v)) return false;
    return isMember(members, v) !== neg;
  };
}

function inListFn(l: Fn, vals: Fn, neg: boolean): Pred {
  return (c, x) => {
    const v = l(c, x);
    const arr = asArray(vals(c, x));
    if (isNil(v) || Array.isArray(v) || arr === null) return false;
    return arr.includes(v) !== neg;
  };
}

function hasFn(l: Fn, vals: Fn, all: boolean): Pred {
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

function isSetFn(a: Fn, neg: boolean): Pred {
  return (c, x) => isNil(a(c, x)) === neg;
}

function arrayFn(items: readonly Fn[]): Fn {
  return (c, x) => items.map((f) => f(c, x));
}

/** The subject's adultOn, derived once per evaluation (an id parsed and shifted 18 years; read once per record). */
const adultOnFn: Fn = (c) => {
  if (c.adultGen !== c.gen) {
    c.adult = adultOn(c.subject);
    c.adultGen = c.gen;
  }
  return c.adult;
};

/**
 * Closures that capture only a name or a plan index read nothing of a policy but through the `ctx` they are given:
 * one per (kind, key), shared by every evaluator in the process (bounded), rather than one per evaluator.
 */
const sharedClosures = new Map<string, Fn>();
/** Entries the table holds at most; past it the table starts again (hostile policies cannot grow it). */
const SHARED_LIMIT = 4096;
function sharedClosure<F extends Fn>(key: string, make: () => F): F {
  let f = sharedClosures.get(key);
  if (f === undefined) {
    if (sharedClosures.size >= SHARED_LIMIT) sharedClosures.clear();
    f = make();
    sharedClosures.set(key, f);
  }
  return f as F;
}

const subjectFn = (key: SubjectField): Fn =>
  key === 'adultOn' ? adultOnFn : sharedClosure('subject ' + key, (): Fn => (c) => c.subject[key] ?? null);
const atFn: Fn = (c) => c.at;
const onListFn = (i: number): Pred => sharedClosure('on ' + i, (): Pred => (c) => c.listOn[i] === 1);
const gradeFn = (i: number): Fn => sharedClosure('grade ' + i, (): Fn => (c) => c.gradeOf[i] ?? null);
const aggTruthyFn = (index: number, want: boolean): Pred =>
  sharedClosure(`agg ${index} ${want}`, (): Pred => (c) => (readAgg(c, index) === true) === want);
const aggFn = (index: number): Fn => sharedClosure('agg ' + index, (): Fn => (c) => readAgg(c, index));
const correlatedTruthyFn = (index: number, want: boolean): Pred =>
  sharedClosure(`correlated ${index} ${want}`, (): Pred => (c, x) => (readCorrelated(c, index, x) === true) === want);
const correlatedFn = (index: number): Fn =>
  sharedClosure('correlated ' + index, (): Fn => (c, x) => readCorrelated(c, index, x));
/** `outer F`: the field of the record the correlated aggregate being computed was reached from. */
const outerFieldFn =
  (read: Fn): Fn =>
  (c) =>
    read(c, c.outer);

function paramFn(versions: IrParam['versions'], notes: readonly (string | null)[], recordDate: boolean): Fn {
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

/** `at ± P` is the same for every record of an evaluation: recomputed only when `at` changes. */
function atShiftFn(sign: 1 | -1, d: Duration): Fn {
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

/**
 * `FIELD ± P op at` (op one of < <= > >=) as `FIELD` against a threshold computed once per `at`: shifting by
 * years, months or days is non-decreasing in the date (the month-end clamp only flattens it), so the dates
 * whose shift is ≥ at (or > at) are exactly those from the first such date on. Saves a date shift and a memo
 * lookup per record (陕西条例 第二十三条's `日期 + 5 years >= at` over every adverse record).
 */
function shiftedVsAtFn(op: '<' | '<=' | '>' | '>=', read: Fn, sign: 1 | -1, d: Duration): Pred {
  const strict = op === '>' || op === '<=';
  let lastAt = '';
  let from = '';
  const upward = op === '>' || op === '>=';
  return (c, x) => {
    const v = read(c, x);
    if (typeof v !== 'string') return false;
    if (c.at !== lastAt) {
      from = reachingFrom(c.at, sign, d, strict);
      lastAt = c.at;
    }
    return upward ? v >= from : v < from;
  };
}

/**
 * `FIELD + P counted civil op at`: as shiftedVsAtFn, against the first date whose civil last day reaches `at`. A
 * record whose last day an unpublished year's calendar decides near `at` puts the presumed-calendar note in the
 * decision (comparedLastDayNote): those lie from the first date whose last day reaches `at` less a rest run to the
 * first whose plain shift does, a few days of dates.
 */
function civilVsAtFn(op: '<' | '<=' | '>' | '>=', read: Fn, d: Duration): Pred {
  const strict = op === '>' || op === '<=';
  const upward = op === '>' || op === '>=';
  let lastAt = '';
  let from = '';
  let bandFrom = '';
  let bandTo = '';
  return (c, x) => {
    const v = read(c, x);
    if (typeof v !== 'string') return false;
    if (c.at !== lastAt) {
      from = reachingCivilFrom(c.at, d, strict);
      bandFrom = reachingCivilFrom(addDays(c.at, -LONGEST_REST_RUN), d, false);
      bandTo = reachingFrom(c.at, 1, d, false);
      lastAt = c.at;
    }
    if (v >= bandFrom && v < bandTo) {
      const note = comparedLastDayNote(shiftOf(v, 1, d), lastDayOf(v, d, 'civil'), c.at);
      if (note !== undefined) addNote(c, note);
    }
    return upward ? v >= from : v < from;
  };
}

/** A civil last day against any other date: the general form of civilVsAtFn (`shifted` the last day's side). */
function civilCmpFn(op: CompareOp, date: Fn, dur: Fn, other: Fn, shiftedLeft: boolean): Pred {
  return (c, x) => {
    const a = date(c, x);
    const d = dur(c, x);
    const o = other(c, x);
    if (typeof a !== 'string' || !isDuration(d) || typeof o !== 'string') return false;
    const last = lastDayOf(a, d, 'civil');
    const note = comparedLastDayNote(shiftOf(a, 1, d), last, o);
    if (note !== undefined) addNote(c, note);
    return scaleTest(op, shiftedLeft ? last.date : o, shiftedLeft ? o : last.date);
  };
}

/** `date + P counted civil` as a value (an `until` date): its presumed-calendar note goes with it, as a term's does. */
function civilShiftFn(date: Fn, dur: Fn): Fn {
  return (c, x) => {
    const a = date(c, x);
    const d = dur(c, x);
    if (typeof a !== 'string' || !isDuration(d)) return null;
    const last = lastDayOf(a, d, 'civil');
    if (last.note !== undefined) addNote(c, last.note);
    return last.date;
  };
}

function dateShiftFn(sign: 1 | -1, date: Fn, dur: Fn): Fn {
  return (c, x) => {
    const a = date(c, x);
    const d = dur(c, x);
    if (typeof a !== 'string' || !isDuration(d)) return null;
    return shiftOf(a, sign, d);
  };
}

export interface CompilerEnv {
  readonly ir: PolicyIr;
  readonly typeIndex: ReadonlyMap<string, number>;
  readonly listIndex: ReadonlyMap<string, number>;
  readonly gradingIndex: ReadonlyMap<string, number>;
  readonly slots: AggSlot[];
}

/** Built-in record fields that hold dates (the ones a leaf may compare with `at`). */
const DATE_FIELDS: ReadonlySet<string> = new Set(['date', 'fulfilledOn', 'repairedOn', 'revokedOn']);
/** Built-in record fields a leaf may read directly (builtinReader's; any other reads as null). */
const BUILTIN_FIELDS: ReadonlySet<string> = new Set([...DATE_FIELDS, 'id', 'authority', 'severity', 'objection']);

const isExpr = (v: unknown): v is IrExpr =>
  typeof v === 'object' && v !== null && typeof (v as { op?: unknown }).op === 'string';

/**
 * One compiler per policy. While compiling, closures are shared by structure: two nodes that read the same
 * (`severity >= 较重`, `any 行政处罚 where … within 1 year`) get one closure, and two equal aggregates one slot,
 * so an evaluator's size and its work grow with the policy's distinct conditions, not with how often they are
 * written. Pending mode is part of the key (a suspended list skips pending records).
 * Once the policy is compiled, `seal()` keeps only what the explanation needs: the slot of every aggregate node
 * (by identity); it then compiles the few sub-expressions it probes again, on demand, onto the same slots.
 */
export class ExprCompiler {
  /** structure classes: a node's id is that of the first node seen with the same op, fields and child ids */
  private classOf: Map<IrExpr, number> | null = new Map();
  private classes: Map<string, number> | null = new Map();
  private fnCache = [new Map<number, Fn>(), new Map<number, Fn>()];
  private predCache = [new Map<number, Pred>(), new Map<number, Pred>()];
  private slotOfClass = [new Map<number, number>(), new Map<number, number>()];
  private leafCache: Map<number, Leaf | null> | null = new Map();
  /** after `seal()`: closures by node identity, built on demand for the explanation (most evaluators never do) */
  private sealedCache: Map<IrExpr, Fn>[] | null = null;
  /** after `seal()`: slots found by searchSlot, by node identity (the search compares canonical texts) */
  private sealedSlots: Map<IrExpr, number>[] | null = null;
  private readonly severity: ReadonlyMap<string, number>;
  private readonly levels: ReadonlyMap<string, number>;
  private sealed = false;

  constructor(private readonly env: CompilerEnv) {
    this.severity = new Map(env.ir.severity.map((s, i) => [s, i]));
    this.levels = new Map(env.ir.levels.map((s, i) => [s, i]));
  }

  /** No new aggregate slots from now on; the structure tables and closure caches are dropped. */
  seal(): void {
    this.sealed = true;
    this.classOf = null;
    this.classes = null;
    this.fnCache = [];
    this.predCache = [];
    this.slotOfClass = [];
    this.leafCache = null;
  }

  /**
   * The structure class of a node: its op and scalar fields, with its children replaced by their classes. Fields
   * are taken in the node's own order (the checker builds every node of a kind the same way); two equal nodes
   * built in another order would merely not share, and sorting the names cost a quarter of the compile time.
   */
  private classIdOf(e: IrExpr): number {
    const classOf = this.classOf!;
    let id = classOf.get(e);
    if (id !== undefined) return id;
    let key = '';
    const fields = e as unknown as Record<string, unknown>;
    for (const name of Object.keys(fields)) {
      const v = fields[name];
      let part: string;
      if (isExpr(v)) part = '#' + this.classIdOf(v);
      else if (Array.isArray(v) && v.length > 0 && isExpr(v[0])) {
        part = '[' + (v as IrExpr[]).map((x) => this.classIdOf(x)).join(',') + ']';
      } else part = JSON.stringify(v) ?? 'undefined';
      key += name + '=' + part + ';';
    }
    const classes = this.classes!;
    id = classes.get(key);
    if (id === undefined) classes.set(key, (id = classes.size));
    classOf.set(e, id);
    return id;
  }

  fn(e: IrExpr, skipPending: boolean): Fn {
    const sp = skipPending ? 1 : 0;
    if (this.sealed) {
      this.sealedCache ??= [new Map(), new Map()];
      const cache = this.sealedCache[sp]!;
      let f = cache.get(e);
      if (f === undefined) cache.set(e, (f = this.build(e, skipPending)));
      return f;
    }
    const id = this.classIdOf(e);
    const cache = this.fnCache[sp]!;
    let f = cache.get(id);
    if (f === undefined) {
      f = this.build(e, skipPending);
      cache.set(id, f);
    }
    return f;
  }

  pred(e: IrExpr, skipPending: boolean): Pred {
    if (this.sealed) return this.predOf(e, skipPending);
    const id = this.classIdOf(e);
    const cache = this.predCache[skipPending ? 1 : 0]!;
    let p = cache.get(id);
    if (p === undefined) cache.set(id, (p = this.predOf(e, skipPending)));
    return p;
  }

  private predOf(e: IrExpr, skipPending: boolean): Pred {
    if (e.op === 'agg') return this.aggTruthy(e, skipPending, true);
    const f = this.fn(e, skipPending);
    if (isBoolean(e)) return f as Pred;
    return truthyFn(f);
  }

  /** The aggregate slot a node was given (compiling it if needed). */
  slotOf(e: Extract<IrExpr, { op: 'agg' }>, skipPending: boolean): number {
    const sp = skipPending ? 1 : 0;
    // After sealing, a search, remembered by node: only evaluators that explain ever fill the table.
    if (this.sealed) {
      const found = (this.sealedSlots ??= [new Map(), new Map()])[sp]!;
      let slot = found.get(e);
      if (slot === undefined) found.set(e, (slot = this.searchSlot(e, skipPending)));
      return slot;
    }
    this.fn(e, skipPending);
    return this.slotOfClass[sp]!.get(this.classIdOf(e))!;
  }

  /**
   * The slot compiled for `e` or for a node of the same structure (slots are shared by structure): a linear search,
   * for the rare paths that ask after sealing, instead of a node table every evaluator would keep (7 % of 榆林's).
   */
  private searchSlot(e: Extract<IrExpr, { op: 'agg' }>, skipPending: boolean): number {
    const slots = this.env.slots;
    let text: string | null = null;
    for (const slot of slots) {
      if (slot.skipPending !== skipPending) continue;
      if (slot.expr === e) return slot.index;
      if (slot.expr.agg !== e.agg || slot.expr.recordType !== e.recordType) continue;
      text ??= canonicalJson(e);
      if (canonicalJson(slot.expr) === text) return slot.index;
    }
    // Every aggregate of the policy got its slot while compiling; a node from elsewhere has none to read.
    throw new Error(`internal: aggregate ${e.agg} of ${e.recordType} was not compiled with the policy`);
  }

  private build(e: IrExpr, sp: boolean): Fn {
    switch (e.op) {
      case 'lit':
        return constFn(e.value);
      case 'field':
        return fieldReader(e.key, e.builtin);
      case 'outerField':
        return outerFieldFn(fieldReader(e.key, e.builtin));
      case 'subject':
        return subjectFn(e.key);
      case 'at':
        return atFn;
      case 'param':
        return this.param(e.param, e.recordDate);
      case 'not':
        // `not any …`: one closure reading the slot, not two (the commonest shape of a red-list condition)
        if (e.arg.op === 'agg') return this.aggTruthy(e.arg, sp, false);
        return notFn(this.pred(e.arg, sp));
      case 'neg':
        return negFn(this.fn(e.arg, sp));
      case 'and':
        return this.junction(e.args, sp, true);
      case 'or':
        return this.junction(e.args, sp, false);
      case 'cmp':
        return this.cmp(e, sp);
      case 'arith':
        return arithFn(e.arith, this.fn(e.left, sp), this.fn(e.right, sp));
      case 'dateShift': {
        if (e.counting === 'civil') return civilShiftFn(this.fn(e.date, sp), this.fn(e.duration, sp));
        const cd = constValue(e.duration);
        if (e.date.op === 'at' && cd.ok && isDuration(cd.v)) return atShiftFn(e.sign, cd.v);
        return dateShiftFn(e.sign, this.fn(e.date, sp), this.fn(e.duration, sp));
      }
      case 'in': {
        const cv = constValue(e.values);
        if (cv.ok && Array.isArray(cv.v)) {
          const members = membersOf(cv.v as readonly unknown[]);
          if (e.left.op === 'field' && !e.left.builtin) return attrInConstFn(e.left.key, members, e.negated);
          return inConstFn(this.fn(e.left, sp), members, e.negated);
        }
        return inListFn(this.fn(e.left, sp), this.fn(e.values, sp), e.negated);
      }
      case 'has': {
        const cv = constValue(e.values);
        if (cv.ok && e.left.op === 'field' && !e.left.builtin) {
          const want = asArray(cv.v);
          return want === null ? (constFn(false) as Pred) : attrHasFn(e.left.key, want, e.mode === 'all');
        }
        return hasFn(this.fn(e.left, sp), this.fn(e.values, sp), e.mode === 'all');
      }
      case 'isSet':
        return isSetFn(this.fn(e.arg, sp), e.negated);
      case 'array': {
        const cv = constValue(e);
        if (cv.ok) return constFn(cv.v);
        return arrayFn(e.items.map((i) => this.fn(i, sp)));
      }
      case 'agg':
        return this.agg(e, sp);
      case 'onList': {
        const i = this.env.listIndex.get(e.list);
        return i === undefined ? constFn(false) : onListFn(i);
      }
      case 'grade': {
        const i = this.env.gradingIndex.get(e.grading);
        return i === undefined ? constFn(null) : gradeFn(i);
      }
    }
  }

  /** A literal, or a parameter that has one value for good: either can be folded into the comparison. */
  /** `and` / `or`: the simple record tests among the terms become leaves of one table (leaves.ts). */
  private junction(args: readonly IrExpr[], sp: boolean, all: boolean): Pred {
    const leaves = args.map((a) => this.leafOf(a));
    if (leaves.every((l) => l === null)) {
      const preds = args.map((a) => this.pred(a, sp));
      return all ? andFn(preds) : orFn(preds);
    }
    const parts: Part[] = args.map((a, i) => leaves[i] ?? this.pred(a, sp));
    return all ? allParts(parts) : anyPart(parts);
  }

  /** The node as a leaf test of the record in scope, or null; shared by structure like closures. */
  private leafOf(e: IrExpr): Leaf | null {
    if (this.sealed) return this.buildLeaf(e);
    const id = this.classIdOf(e);
    const cache = this.leafCache!;
    let l = cache.get(id);
    if (l === undefined) cache.set(id, (l = this.buildLeaf(e)));
    return l;
  }

  private buildLeaf(e: IrExpr): Leaf | null {
    switch (e.op) {
      case 'not': {
        const l = this.leafOf(e.arg);
        return l === null ? null : l.negated();
      }
      case 'cmp':
        return this.cmpLeaf(e);
      case 'onList': {
        const i = this.env.listIndex.get(e.list);
        return i === undefined ? null : new Leaf(ON_LIST, e.list, i, null, false);
      }
      case 'isSet': {
        const f = e.arg;
        if (f.op !== 'field' || (f.builtin && !BUILTIN_FIELDS.has(f.key))) return null;
        return new Leaf(FIELD_SET, f.key, e.negated, f.builtin, false);
      }
      case 'in': {
        if (e.left.op !== 'field' || e.left.builtin) return null;
        const cv = constValue(e.values);
        if (!cv.ok || !Array.isArray(cv.v)) return null;
        return new Leaf(ATTR_IN, e.left.key, membersOf(cv.v as readonly unknown[]), e.negated, false);
      }
      case 'has': {
        if (e.left.op !== 'field' || e.left.builtin) return null;
        const cv = constValue(e.values);
        const want = cv.ok ? asArray(cv.v) : null;
        if (want === null) return null;
        return new Leaf(e.mode === 'all' ? ATTR_HAS_ALL : ATTR_HAS_ANY, e.left.key, want, null, false);
      }
      default:
        return null;
    }
  }

  /** The comparisons `cmp` compiles to attrConstCmp, severityCmp, or a date field against `at`. */
  private cmpLeaf(e: Extract<IrExpr, { op: 'cmp' }>): Leaf | null {
    if (e.left.op !== 'field') return null;
    if (e.type === 'severity' || e.type === 'level') {
      const scale = e.type === 'severity' ? this.severity : this.levels;
      const lit = constValue(e.right);
      const pos = lit.ok && typeof lit.v === 'string' ? scale.get(lit.v) : undefined;
      if (pos === undefined || !e.left.builtin || e.left.key !== 'severity') return null;
      return new Leaf(SEVERITY, e.cmp, pos, scale, false);
    }
    if (e.right.op === 'at') {
      if (e.left.builtin && !DATE_FIELDS.has(e.left.key)) return null;
      return new Leaf(FIELD_AT, e.left.key, e.cmp, e.left.builtin, false);
    }
    if (e.left.builtin) return null;
    const rc = this.constant(e.right);
    if (!rc.ok) return null;
    if (typeof rc.v === 'number' || typeof rc.v === 'string') return attrCmpLeaf(e.cmp, e.left.key, rc.v);
    if (typeof rc.v === 'boolean' && (e.cmp === '==' || e.cmp === '!=')) return attrCmpLeaf(e.cmp, e.left.key, rc.v);
    return null;
  }

  private constant(e: IrExpr): { ok: true; v: unknown } | { ok: false } {
    const c = constValue(e);
    if (c.ok) return c;
    const f = fixedValue(e, this.env.ir);
    return f === undefined ? { ok: false } : { ok: true, v: f.v };
  }

  private cmp(e: Extract<IrExpr, { op: 'cmp' }>, sp: boolean): Pred {
    if (e.type === 'severity' || e.type === 'level') {
      const scale = e.type === 'severity' ? this.severity : this.levels;
      const lit = constValue(e.right);
      // A literal scale value becomes its position once, at compile time.
      const pos = lit.ok && typeof lit.v === 'string' ? scale.get(lit.v) : undefined;
      if (pos !== undefined && e.left.op === 'field' && e.left.builtin && e.left.key === 'severity') {
        return severityCmp(e.cmp, scale, pos);
      }
      const l = this.fn(e.left, sp);
      return pos === undefined ? scaleCmp(e.cmp, l, this.fn(e.right, sp), scale) : scaleCmp(e.cmp, l, l, scale, pos);
    }
    if (
      e.right.op === 'at' &&
      e.left.op === 'dateShift' &&
      e.left.date.op === 'field' &&
      e.cmp !== '==' &&
      e.cmp !== '!='
    ) {
      const cd = constValue(e.left.duration);
      if (cd.ok && isDuration(cd.v) && cd.v.unit !== 'workday') {
        const read = fieldReader(e.left.date.key, e.left.date.builtin);
        if (e.left.counting === 'civil') return civilVsAtFn(e.cmp, read, cd.v);
        return shiftedVsAtFn(e.cmp, read, e.left.sign, cd.v);
      }
    }
    for (const [shifted, other, left] of [
      [e.left, e.right, true],
      [e.right, e.left, false],
    ] as const) {
      if (shifted.op !== 'dateShift' || shifted.counting !== 'civil') continue;
      const dur = this.fn(shifted.duration, sp);
      return civilCmpFn(e.cmp, this.fn(shifted.date, sp), dur, this.fn(other, sp), left);
    }
    const rc = this.constant(e.right);
    if (rc.ok) {
      if (rc.v === null) return constFn(false) as Pred;
      const attr = e.left.op === 'field' && !e.left.builtin ? e.left.key : null;
      if (typeof rc.v === 'number' || typeof rc.v === 'string') {
        if (attr !== null) return attrConstCmp(e.cmp, attr, rc.v);
        return constCmp(e.cmp, this.fn(e.left, sp), rc.v);
      }
      // `flag == true`: equality with a boolean is identity (ordering a boolean is never true, SEMANTICS §7)
      if (typeof rc.v === 'boolean' && attr !== null && (e.cmp === '==' || e.cmp === '!=')) {
        return attrConstCmp(e.cmp, attr, rc.v);
      }
    }
    return orderedCmp(e.cmp, this.fn(e.left, sp), this.fn(e.right, sp));
  }

  private param(name: string, recordDate: boolean): Fn {
    const p: IrParam | undefined = this.env.ir.params[name];
    if (p === undefined || p.versions.length === 0) return constFn(null);
    const versions = p.versions;
    const label = p.label ?? p.name;
    const notes = versions.map((v) =>
      v.transition === undefined
        ? null
        : `参数「${label}」适用${v.from === null ? '' : formatDate(v.from) + '起施行的'}版本：${v.transition}`,
    );
    const first = versions[0]!;
    if (versions.length === 1 && first.from === null && notes[0] === null) return constFn(first.value);
    return paramFn(versions, notes, recordDate);
  }

  /** An aggregate as a truth value (`any …`, `not any …`), read as its slot's kind requires. */
  private aggTruthy(e: Extract<IrExpr, { op: 'agg' }>, sp: boolean, want: boolean): Pred {
    const index = this.slotOf(e, sp);
    return this.env.slots[index]!.correlated ? correlatedTruthyFn(index, want) : aggTruthyFn(index, want);
  }

  private agg(e: Extract<IrExpr, { op: 'agg' }>, sp: boolean): Fn {
    if (this.sealed) return this.reader(this.slotOf(e, sp));
    const slots = this.env.slots;
    const index = slots.length;
    const found = startsOf(e);
    const starts = found.length === 0 ? null : found;
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
      collect: starts !== null,
      starts,
      correlated: readsOuter(e.where),
      lowAt: '',
      low: null,
    };
    slots.push(slot);
    this.slotOfClass[sp ? 1 : 0]!.set(this.classIdOf(e), index);
    // The where is compiled after the slot is registered so nested aggregates get later slots.
    (slot as { where: Pred | null }).where = e.where === undefined ? null : this.pred(e.where, sp);
    return this.reader(index);
  }

  /** The value of slot `index`: per use for a correlated aggregate, once per evaluation for the others. */
  private reader(index: number): Fn {
    return this.env.slots[index]!.correlated ? correlatedFn(index) : aggFn(index);
  }
}

/**
 * The value of a lifecycle period that cannot vary between evaluations (a literal, or a parameter with one
 * version in force from the start and no transition note); undefined when it can.
 */
export function fixedValue(e: IrExpr, ir: PolicyIr): { readonly v: unknown } | undefined {
  const c = constValue(e);
  if (c.ok) return { v: c.v };
  if (e.op !== 'param') return undefined;
  const p = ir.params[e.param];
  if (p === undefined || p.versions.length === 0) return { v: null };
  const first = p.versions[0]!;
  if (p.versions.length === 1 && first.from === null && first.transition === undefined) return { v: first.value };
  return undefined;
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
