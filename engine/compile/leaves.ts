// Turns the simplest tests (an attribute or field against a constant or the evaluation date, `in`, `has`,
// `is set`, `on LIST`) into data run by one interpreter, so a conjunction or disjunction of them is one closure over a table instead of
// a closure and a context per test. A closure with its context costs about 110 bytes of heap, a leaf about 60;
// these tests are most of a policy's `where`s. Standalone tests keep their own closures (expr.ts): the
// semantics below are theirs, and test/engine/leaves.test.ts holds the two to each other.
import type { CompareOp } from '../../dsl/ast.js';
import type { Ctx, Pred, Rec } from './types.js';

export const ATTR_LT = 0;
export const ATTR_LE = 1;
export const ATTR_GT = 2;
export const ATTR_GE = 3;
export const ATTR_EQ = 4;
export const ATTR_NE = 5;
/** `severity op 较重`: key is the operator, v the right side's scale position, w the scale */
export const SEVERITY = 6;
/** `attribute [not] in [..]`: v the values (`Members`), w the IR's `not in` */
export const ATTR_IN = 7;
export const ATTR_HAS_ANY = 8;
export const ATTR_HAS_ALL = 9;
/** a built-in field (w: true) or an attribute against `at`, ordered comparison; v is the operator */
export const FIELD_AT = 10;
/** `on LIST`: v is the list's index (the list is decided earlier in the evaluation order) */
export const ON_LIST = 11;
/** `field is [not] set`: w true for a built-in field, v the IR's `is not set` */
export const FIELD_SET = 12;

/** The values of a constant `[..]`: the frozen array itself while short (a scan beats hashing), a Set beyond. */
export type Members = readonly unknown[] | ReadonlySet<unknown>;

const SCAN_LIMIT = 8;

export function membersOf(values: readonly unknown[]): Members {
  return values.length <= SCAN_LIMIT ? values : new Set<unknown>(values);
}

/** SameValueZero membership, as both `includes` and `has` test it. */
export function isMember(m: Members, v: unknown): boolean {
  return m instanceof Set ? m.has(v) : (m as readonly unknown[]).includes(v);
}

export class Leaf {
  constructor(
    readonly kind: number,
    readonly key: string,
    readonly v: unknown,
    readonly w: unknown,
    /** `not` folded in */
    readonly neg: boolean,
  ) {}

  negated(): Leaf {
    return new Leaf(this.kind, this.key, this.v, this.w, !this.neg);
  }
}

const ATTR_CMP: Record<CompareOp, number> = {
  '<': ATTR_LT,
  '<=': ATTR_LE,
  '>': ATTR_GT,
  '>=': ATTR_GE,
  '==': ATTR_EQ,
  '!=': ATTR_NE,
};

export function attrCmpLeaf(op: CompareOp, key: string, b: number | string | boolean): Leaf {
  return new Leaf(ATTR_CMP[op], key, b, null, false);
}

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

function attrOf(x: Rec | null, key: string): unknown {
  if (x === null) return undefined;
  const attrs = x.attrs;
  return attrs === undefined ? undefined : attrs[key];
}

/** `a op b` on scale positions, or on two date strings (any two values of one type `<` orders). */
export function scaleTest<T extends number | string>(op: CompareOp, a: T, b: T): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function ordered(a: unknown, b: unknown): boolean {
  return !isNil(a) && !isNil(b) && typeof a === typeof b && (typeof a === 'number' || typeof a === 'string');
}

function fieldVsAt(op: CompareOp, a: unknown, at: string): boolean {
  switch (op) {
    case '==':
      return !isNil(a) && a === at;
    case '!=':
      return !isNil(a) && a !== at;
    default:
      return ordered(a, at) && scaleTest(op, a as never, at as never);
  }
}

/** `has any|all [..]`: a single value counts as a list of one; unset has nothing. */
export function hasTest(v: unknown, want: readonly unknown[], all: boolean): boolean {
  if (isNil(v)) return false;
  if (!Array.isArray(v)) {
    if (all) {
      for (let i = 0; i < want.length; i++) if (want[i] !== v) return false;
      return true;
    }
    return want.includes(v);
  }
  if (all) {
    for (let i = 0; i < want.length; i++) if (!v.includes(want[i])) return false;
    return true;
  }
  for (let i = 0; i < want.length; i++) if (v.includes(want[i])) return true;
  return false;
}

function attrOrder(l: Leaf, x: Rec | null): boolean {
  const v = attrOf(x, l.key);
  const b = l.v;
  if (typeof v !== typeof b) return false;
  switch (l.kind) {
    case ATTR_LT:
      return (v as number) < (b as number);
    case ATTR_LE:
      return (v as number) <= (b as number);
    case ATTR_GT:
      return (v as number) > (b as number);
    default:
      return (v as number) >= (b as number);
  }
}

function severityTest(l: Leaf, x: Rec | null): boolean {
  if (x === null) return false;
  const s = x.severity;
  const a = typeof s === 'string' ? ((l.w as ReadonlyMap<string, number>).get(s) ?? -1) : -1;
  return a >= 0 && scaleTest(l.key as CompareOp, a, l.v as number);
}

function inTest(l: Leaf, x: Rec | null): boolean {
  const v = attrOf(x, l.key);
  if (isNil(v) || Array.isArray(v)) return false;
  return isMember(l.v as Members, v) !== l.w;
}

/** The field a FIELD_AT / FIELD_SET leaf names: built-in (w true, a known key) or attribute. */
function fieldOf(l: Leaf, x: Rec | null): unknown {
  if (l.w !== true) return attrOf(x, l.key);
  return x === null ? null : (x as unknown as Record<string, unknown>)[l.key];
}

function fieldAtTest(l: Leaf, c: Ctx, x: Rec | null): boolean {
  return fieldVsAt(l.v as CompareOp, fieldOf(l, x), c.at);
}

// A small dispatcher over small functions, so that each stays within what the optimiser inlines.
function test(l: Leaf, c: Ctx, x: Rec | null): boolean {
  const kind = l.kind;
  if (kind === ATTR_EQ) return attrOf(x, l.key) === l.v;
  if (kind === FIELD_AT) return fieldAtTest(l, c, x);
  if (kind < ATTR_EQ) return attrOrder(l, x);
  if (kind === ATTR_NE) {
    const v = attrOf(x, l.key);
    return !isNil(v) && v !== l.v;
  }
  if (kind === ON_LIST) return c.listOn[l.v as number] === 1;
  if (kind === FIELD_SET) return isNil(fieldOf(l, x)) === l.v;
  if (kind === SEVERITY) return severityTest(l, x);
  if (kind === ATTR_IN) return inTest(l, x);
  return hasTest(attrOf(x, l.key), l.v as readonly unknown[], kind === ATTR_HAS_ALL);
}

/** One leaf's verdict, its `not` applied. */
export function runLeaf(l: Leaf, c: Ctx, x: Rec | null): boolean {
  return test(l, c, x) !== l.neg;
}

/** A part of a conjunction or disjunction: a leaf (data) or any other compiled condition. */
export type Part = Leaf | Pred;

const runPart = (p: Part, c: Ctx, x: Rec | null): boolean => (typeof p === 'function' ? p(c, x) : runLeaf(p, c, x));

export function allParts(parts: readonly Part[]): Pred {
  return (c, x) => {
    for (let i = 0; i < parts.length; i++) if (!runPart(parts[i]!, c, x)) return false;
    return true;
  };
}

export function anyPart(parts: readonly Part[]): Pred {
  return (c, x) => {
    for (let i = 0; i < parts.length; i++) if (runPart(parts[i]!, c, x)) return true;
    return false;
  };
}
