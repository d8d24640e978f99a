// Turns repeated date arithmetic into map lookups keyed by object identity, so the hot path builds no key strings.
import type { Counting } from '../../dsl/ast.js';
import type { Duration } from '../../dsl/ir.js';
import { addDays, lastDay, shiftDate } from '../time/index.js';
import type { LastDay } from '../time/index.js';
import type { Periods } from './types.js';

const LIMIT = 20_000;

/**
 * Duration objects come from the IR (literals, parameter versions) or from a record (a duration attribute).
 * Weakly keyed: an editor recompiling on every keystroke, or a batch run reading each record's own term,
 * must not keep every duration object it ever saw, with its table, for the life of the process.
 */
class ByDuration<V> {
  private readonly maps = new WeakMap<Duration, Map<string, V>>();
  get(d: Duration, date: string): V | undefined {
    return this.maps.get(d)?.get(date);
  }
  set(d: Duration, date: string, v: V): void {
    let m = this.maps.get(d);
    if (m === undefined) {
      m = new Map();
      this.maps.set(d, m);
    }
    if (m.size >= LIMIT) m.clear();
    m.set(date, v);
  }
}

const civil = new ByDuration<LastDay>();
const calendar = new ByDuration<LastDay>();
const plus = new ByDuration<string>();
const minus = new ByDuration<string>();
const nextDay = new Map<string, string>();

export function lastDayOf(start: string, d: Duration, counting: Counting): LastDay {
  const cache = counting === 'calendar' ? calendar : civil;
  let v = cache.get(d, start);
  if (v === undefined) {
    v = lastDay(start, d, counting);
    cache.set(d, start, v);
  }
  return v;
}

export function shiftOf(date: string, sign: 1 | -1, d: Duration): string {
  const cache = sign === 1 ? plus : minus;
  let v = cache.get(d, date);
  if (v === undefined) {
    v = shiftDate(date, sign, d);
    cache.set(d, date, v);
  }
  return v;
}

export function dayAfter(date: string): string {
  let v = nextDay.get(date);
  if (v === undefined) {
    v = addDays(date, 1);
    if (nextDay.size >= LIMIT) nextDay.clear();
    nextDay.set(date, v);
  }
  return v;
}

/**
 * A table keyed by a YYYY-MM-DD date, stored by year and day-of-year slot: a lookup is two array reads and no
 * string hashing or comparison (a Map keyed by date strings spent more time comparing keys than anything else).
 */
export class DayTable<V> {
  private readonly years: (V | undefined)[][] = [];

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

  set(date: string, v: V): void {
    const y = DayTable.year(date);
    const slot = DayTable.slot(date);
    if (y < 0 || slot < 0 || slot >= 416) return;
    let days = this.years[y];
    if (days === undefined) {
      // 1..12 × 32 + 31: every slot of a year, allocated whole so the array stays packed
      days = new Array<V | undefined>(13 * 32).fill(undefined);
      this.years[y] = days;
    }
    days[slot] = v;
  }
}

const NONE = {};
// Weakly keyed by the IR's duration objects, for the same reason as ByDuration.
const periodTables = new WeakMap<object, WeakMap<object, Map<Counting, DayTable<Periods>>>>();

/**
 * The since → (until, repairFrom) table of a list whose periods are fixed. Keyed by the IR's duration objects,
 * so every evaluator compiled from one IR shares one table (it holds dates, not anything of an evaluation).
 */
export function periodTable(duration: Duration | null, after: Duration | null, counting: Counting): DayTable<Periods> {
  let byAfter = periodTables.get(duration ?? NONE);
  if (byAfter === undefined) periodTables.set(duration ?? NONE, (byAfter = new WeakMap()));
  let byCounting = byAfter.get(after ?? NONE);
  if (byCounting === undefined) byAfter.set(after ?? NONE, (byCounting = new Map()));
  let table = byCounting.get(counting);
  if (table === undefined) byCounting.set(counting, (table = new DayTable()));
  return table;
}

export function isDuration(v: unknown): v is Duration {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'unit' in v && 'amount' in v;
}
