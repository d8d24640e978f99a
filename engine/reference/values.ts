// Plain helpers of the reference interpreter: record fields, truth, value comparison, citations.
import type { Duration, IrCitation, PolicyIr } from '../../dsl/ir.js';
import type { Subject, SubjectRecord } from '../contract.js';

/** What an expression evaluates to. Arrays come from list fields, list literals and `[a, b]`. */
export type Val = null | number | string | boolean | Duration | readonly Val[];

export function isDuration(v: unknown): v is Duration {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'amount' in v && 'unit' in v;
}

export function isTrue(v: Val): boolean {
  return v === true;
}

/** A field of a record: built-in fields are top level, the others are in `attrs`; absent → null. */
export function readField(record: SubjectRecord | null, key: string, builtin: boolean): Val {
  if (record === null) return null;
  if (builtin) {
    const value = (record as unknown as Record<string, unknown>)[key];
    return value === undefined ? null : (value as Val);
  }
  const value = record.attrs?.[key];
  return value === undefined ? null : (value as Val);
}

/** Whether a record is seen at all on `at` (SEMANTICS §1); `suspendPending` drops pending objections too. */
export function recordCounts(record: SubjectRecord, at: string, suspendPending: boolean): boolean {
  if (record.date > at) return false;
  if (record.revokedOn !== undefined && record.revokedOn !== null && record.revokedOn <= at) return false;
  if (record.objection === 'upheld') return false;
  if (suspendPending && record.objection === 'pending') return false;
  return true;
}

/**
 * The subject without the records SEMANTICS §1 `latest per F` leaves out: a record that counts, of a type declared
 * `latest per F`, with F set, when another counting record of that type has the same F and a later date.
 */
export function withoutSuperseded(ir: PolicyIr, subject: Subject, at: string): Subject {
  const superseded = (r: SubjectRecord): boolean => {
    const key = ir.records[r.type]?.latestPer;
    if (key === undefined || !recordCounts(r, at, false)) return false;
    const value = readField(r, key, false);
    return (
      value !== null &&
      subject.records.some(
        (o) => o.type === r.type && recordCounts(o, at, false) && o.date > r.date && readField(o, key, false) === value,
      )
    );
  };
  const gone = new Set(subject.records.filter(superseded));
  return gone.size === 0 ? subject : { ...subject, records: subject.records.filter((r) => !gone.has(r)) };
}

function sameValue(a: Val, b: Val): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const xs = a as readonly Val[];
    const ys = b as readonly Val[];
    return xs.length === ys.length && xs.every((x, i) => sameValue(x, ys[i] ?? null));
  }
  if (isDuration(a) || isDuration(b)) {
    return isDuration(a) && isDuration(b) && a.amount === b.amount && a.unit === b.unit;
  }
  return a === b;
}

/** Comparison with SEMANTICS §7: null operands make every comparison false; scales compare by position. */
export function compareValues(ir: PolicyIr, cmp: string, type: string, left: Val, right: Val): boolean {
  if (left === null || right === null) return false;
  let a: Val = left;
  let b: Val = right;
  if (type === 'severity' || type === 'level') {
    const scale = type === 'severity' ? ir.severity : ir.levels;
    const ia = typeof a === 'string' ? scale.indexOf(a) : -1;
    const ib = typeof b === 'string' ? scale.indexOf(b) : -1;
    if (ia < 0 || ib < 0) return false;
    a = ia;
    b = ib;
  }
  if (cmp === '==') return sameValue(a, b);
  if (cmp === '!=') return !sameValue(a, b);
  const ordered = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!ordered) return false;
  switch (cmp) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}

/** `《TITLE》ARTICLE`, `《TITLE》SECTION` or `《TITLE》` (SEMANTICS §6). */
export function renderCitation(ir: PolicyIr, c: IrCitation): string {
  const title = ir.bases[c.basis]?.title ?? c.basis;
  return `《${title}》${c.article ?? c.section ?? ''}`;
}

export function renderCitations(ir: PolicyIr, cs: readonly IrCitation[]): string[] {
  return cs.map((c) => renderCitation(ir, c));
}

export function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
