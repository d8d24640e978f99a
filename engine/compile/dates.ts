// The evaluator's date arithmetic: inside the published calendar from the digits (time/fast.ts); outside it, and the
// `reachingFrom` thresholds, through bounded memo tables shared by every policy, so the hot path builds no key strings.
import type { Counting } from '../../dsl/ast.js';
import type { Duration } from '../../dsl/ir.js';
import { addDays, lastDay, shiftDate } from '../time/index.js';
import { dayAfterFast, lastDayFast, shiftFast } from '../time/fast.js';
import type { LastDay } from '../time/index.js';

/** Distinct duration values memoised at once; a record's own duration attribute can bring any value. */
const VALUE_LIMIT = 256;
/** Year arrays (3.3 kB each) over all the values of one memo; past it the memo starts again (hostile input stays bounded). */
const YEAR_BUDGET = 1_024;

const valueKey = (d: Duration): string => `${d.amount}${d.unit}`;

/**
 * A table keyed by a YYYY-MM-DD date, stored by year and day-of-year slot: a lookup is two array reads and no
 * string hashing or comparison (a Map keyed by date strings spent more time comparing keys than anything else).
 */
class DayTable<V> {
  /** Years held at once (3.3 kB each); past it the table starts again, so hostile dates cannot grow it. */
  private static readonly YEAR_LIMIT = 64;
  private years: (V | undefined)[][] = [];
  private yearCount = 0;

  private static slot(date: string): number {
    return (
      (date.charCodeAt(5) - 48) * 320 +
      (date.charCodeAt(6) - 48) * 32 +
      (date.charCodeAt(8) - 48) * 10 +
      (date.charCodeAt(9) - 48)
    );
  }

  private static year(date: string): number {
    if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
    const y =
      (date.charCodeAt(0) - 48) * 1000 +
      (date.charCodeAt(1) - 48) * 100 +
      (date.charCodeAt(2) - 48) * 10 +
      (date.charCodeAt(3) - 48);
    return y >= 1900 && y < 2300 ? y - 1900 : -1;
  }

  get(date: string): V | undefined {
    const y = DayTable.year(date);
    if (y < 0) return undefined;
    const slot = DayTable.slot(date);
    return slot >= 0 && slot < 416 ? this.years[y]?.[slot] : undefined;
  }

  /** Stores `v`; true when that took a new year array (the caller may keep a budget). */
  set(date: string, v: V): boolean {
    const y = DayTable.year(date);
    const slot = DayTable.slot(date);
    if (y < 0 || slot < 0 || slot >= 416) return false;
    let days = this.years[y];
    const fresh = days === undefined;
    if (days === undefined) {
      if (this.yearCount >= DayTable.YEAR_LIMIT) {
        this.years = [];
        this.yearCount = 0;
      }
      this.yearCount++;
      // 1..12 × 32 + 31: every slot of a year, allocated whole so the array stays packed
      days = new Array<V | undefined>(13 * 32).fill(undefined);
      this.years[y] = days;
    }
    days[slot] = v;
    return fresh;
  }
}

/**
 * Memo tables keyed by a duration's value (3 years is 3 years in every list and every policy), so the tables
 * are the process's, bounded, and no bigger for a thousand lists than for one. Duration objects come from an
 * IR (literals, parameter versions) or from a record (a duration attribute); a weak map from the object to its
 * value's table keeps the hot path free of key strings without holding any IR or record alive. Each value's
 * table is a DayTable: a record's date is looked up by its digits, not hashed and compared as a Map key would
 * be (the record's date string is a different object from the key that filled the entry).
 */
class ByDuration<V> {
  private readonly byValue = new Map<string, DayTable<V>>();
  private byObject = new WeakMap<Duration, DayTable<V>>();
  private years = 0;

  private clear(): void {
    this.byValue.clear();
    this.byObject = new WeakMap();
    this.years = 0;
    this.lastKey = null;
    this.lastTable = null;
  }

  // The duration asked last and its table: most calls repeat the one before (a list's term for each record).
  private lastKey: Duration | null = null;
  private lastTable: DayTable<V> | null = null;

  private table(d: Duration): DayTable<V> {
    if (d === this.lastKey) return this.lastTable!;
    let m = this.byObject.get(d);
    if (m === undefined) m = this.tableByValue(d);
    this.lastKey = d;
    this.lastTable = m;
    return m;
  }

  private tableByValue(d: Duration): DayTable<V> {
    const key = valueKey(d);
    let m = this.byValue.get(key);
    if (m === undefined) {
      if (this.byValue.size >= VALUE_LIMIT) this.clear();
      m = new DayTable();
      this.byValue.set(key, m);
    }
    this.byObject.set(d, m);
    return m;
  }

  get(d: Duration, date: string): V | undefined {
    return this.table(d).get(date);
  }

  set(d: Duration, date: string, v: V): void {
    if (this.years >= YEAR_BUDGET) this.clear();
    if (this.table(d).set(date, v)) this.years++;
  }
}

// What the fast path leaves: last days and working-day shifts in years the calendar lacks (every term that ends
// after its last year, so common).
const civil = new ByDuration<LastDay>();
const calendar = new ByDuration<LastDay>();
const plus = new ByDuration<string>();
const minus = new ByDuration<string>();

export function lastDayOf(start: string, d: Duration, counting: Counting): LastDay {
  const fast = lastDayFast(start, d, counting === 'calendar');
  if (fast !== null) return fast;
  const cache = counting === 'calendar' ? calendar : civil;
  let v = cache.get(d, start);
  if (v === undefined) {
    v = lastDay(start, d, counting);
    cache.set(d, start, v);
  }
  return v;
}

export function shiftOf(date: string, sign: 1 | -1, d: Duration): string {
  const fast = shiftFast(date, sign, d);
  if (fast !== null) return fast;
  const cache = sign === 1 ? plus : minus;
  let v = cache.get(d, date);
  if (v === undefined) {
    v = shiftDate(date, sign, d);
    cache.set(d, date, v);
  }
  return v;
}

const reachFrom = [
  new ByDuration<string>(),
  new ByDuration<string>(),
  new ByDuration<string>(),
  new ByDuration<string>(),
];

/**
 * The first date whose shift by `sign` `d` reaches `at` (is > at when `strict`, ≥ at otherwise). Shifting is
 * non-decreasing in the date (the month-end clamp only flattens it), so these dates are exactly the ones from it
 * on. Memoised by `at`: a `where` asked on each record's own day (a lapse) asks it for many days in a row.
 */
export function reachingFrom(at: string, sign: 1 | -1, d: Duration, strict: boolean): string {
  const cache = reachFrom[(sign === 1 ? 0 : 2) + (strict ? 1 : 0)]!;
  let t = cache.get(d, at);
  if (t !== undefined) return t;
  const reaches = (date: string): boolean => {
    const v = shiftOf(date, sign, d);
    return strict ? v > at : v >= at;
  };
  // Start at the inverse shift, then step to the first date that reaches `at`: a few days at most.
  t = shiftDate(at, sign === 1 ? -1 : 1, d);
  for (let k = 0; k < 64 && !reaches(t); k++) t = addDays(t, 1);
  for (let k = 0; k < 64 && reaches(addDays(t, -1)); k++) t = addDays(t, -1);
  cache.set(d, at, t);
  return t;
}

const reachCivil = [new ByDuration<string>(), new ByDuration<string>()];

/**
 * reachingFrom for a civil last day (`date + P counted civil`): the first date whose last day is > at (`strict`) or
 * ≥ at. A last day is non-decreasing in its start too (the next working day after a non-decreasing date), and never
 * before the plain shift, so the search starts at the plain one's threshold and steps back over a rest run.
 */
export function reachingCivilFrom(at: string, d: Duration, strict: boolean): string {
  const cache = reachCivil[strict ? 1 : 0]!;
  let t = cache.get(d, at);
  if (t !== undefined) return t;
  const reaches = (date: string): boolean => {
    const v = lastDayOf(date, d, 'civil').date;
    return strict ? v > at : v >= at;
  };
  t = reachingFrom(at, 1, d, strict);
  for (let k = 0; k < 64 && reaches(addDays(t, -1)); k++) t = addDays(t, -1);
  cache.set(d, at, t);
  return t;
}

/** The fast path answers every well-formed date from year 1000 on; addDays the rest (and throws on a malformed one). */
export function dayAfter(date: string): string {
  return dayAfterFast(date) ?? addDays(date, 1);
}

export function isDuration(v: unknown): v is Duration {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'unit' in v && 'amount' in v;
}
