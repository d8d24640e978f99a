// Turns a start date and a duration into the last day of a period (民法典 第二百零一至二百零四条) or a shifted date.
import type { Counting } from '../../dsl/ast.js';
import type { Duration } from '../../dsl/ir.js';
import {
  COVERED_YEARS,
  isCoveredDayNumber,
  isProvisionalRestDayNumber,
  isWorkdayNumber,
  nthWorkdayNumber,
} from './calendar.js';
import { addDays, addMonths, fromDayNumber, toDayNumber } from './dates.js';

export interface LastDay {
  readonly date: string;
  /** true when 第二百零三条 moved the last day off a rest day */
  readonly shifted: boolean;
  /** set when the calendar could not decide the shift; Chinese, goes into the decision's notes */
  readonly note?: string;
}

function checkAmount(d: Duration): number {
  if (!Number.isInteger(d.amount) || d.amount < 0) {
    throw new RangeError(`duration amount must be a non-negative integer: ${String(d.amount)} ${d.unit}`);
  }
  return d.amount;
}

const PROVISIONAL_TAIL = '年节假日安排尚未收录，期间末日按周末和法定节日推定（未计调休），以国务院公布的放假安排为准';

function provisionalNote(year: number): string {
  return `${year}${PROVISIONAL_TAIL}`;
}

/** The year a presumed-calendar note (provisionalNote) is about, or null for any other note. */
export function provisionalNoteYear(note: string): string | null {
  return note.length === 4 + PROVISIONAL_TAIL.length && note.endsWith(PROVISIONAL_TAIL) ? note.slice(0, 4) : null;
}

/** date ± duration as plain arithmetic: corresponding day with month-end clamp, ±N days, or the N-th working day. */
export function shiftDate(date: string, sign: 1 | -1, duration: Duration): string {
  const n = checkAmount(duration);
  switch (duration.unit) {
    case 'year':
      return addMonths(date, sign * n * 12);
    case 'month':
      return addMonths(date, sign * n);
    case 'day':
      return fromDayNumber(toDayNumber(date) + sign * n);
    case 'workday':
      return fromDayNumber(nthWorkdayNumber(toDayNumber(date), sign, n));
  }
}

/** The exclusive lower bound of `within P` at `at`: a record counts when bound < date ≤ at. */
export function withinWindowStart(at: string, duration: Duration): string {
  return shiftDate(at, -1, duration);
}

const MEMO_LIMIT = 50_000;
const memo = new Map<string, LastDay>();

function computeLastDay(start: string, duration: Duration, counting: Counting): LastDay {
  // Start day not counted (第二百零一条): "+N" from the start already lands on the last day.
  const plain = shiftDate(start, 1, duration);
  if (counting === 'calendar' || duration.unit === 'workday') return { date: plain, shifted: false };
  // 第二百零三条: a last day that is a rest day moves to the day after the rest ends, i.e. the next working day.
  // Outside the published calendar the weekends and festival days still decide (a Saturday in July is a rest
  // day whatever the notice says); only bridging and make-up days are unknown, and the note says so.
  let n = toDayNumber(plain);
  let provisionalYear: number | null = null;
  for (;;) {
    let rest: boolean;
    if (isCoveredDayNumber(n)) rest = !isWorkdayNumber(n);
    else {
      provisionalYear ??= Number(fromDayNumber(n).slice(0, 4));
      rest = isProvisionalRestDayNumber(n);
    }
    if (!rest) break;
    n++;
  }
  const date = fromDayNumber(n);
  const shifted = date !== plain;
  return provisionalYear === null ? { date, shifted } : { date, shifted, note: provisionalNote(provisionalYear) };
}

/**
 * The last day of a period of `duration` starting on `start`. Civil counting moves a last day that falls on a
 * rest day to the next working day; workday periods end on the N-th working day after `start` (and throw
 * CalendarCoverageError outside the calendar). Results are frozen and may be shared.
 */
export function lastDay(start: string, duration: Duration, counting: Counting = 'civil'): LastDay {
  const key = `${start}|${duration.amount}|${duration.unit}|${counting}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const result = Object.freeze(computeLastDay(start, duration, counting));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

/**
 * The longest run of rest days in the published calendars (2020's extended 春节, ten days): a presumed working
 * day of an unpublished year that turns out a bridging rest day moves a last day on by at most about this much.
 */
export const LONGEST_REST_RUN = 10;

/**
 * The note of a civil last day (`date + P counted civil`) compared with `other`, when the comparison could come out
 * otherwise once the year's arrangement is published; undefined when it cannot. The real last day lies between the
 * corresponding day `plain` and the presumed one moved on by a rest run, so only an `other` after `plain` and not far
 * past the presumed day is uncertain, and only when a day the calendar lacks lies before `other`. Otherwise every
 * decision of a year ahead would carry a note about a period that ends years from then.
 */
export function comparedLastDayNote(plain: string, last: LastDay, other: string): string | undefined {
  if (last.note === undefined || other <= plain || other > addDays(last.date, LONGEST_REST_RUN)) return undefined;
  // Some day from `plain` to the day before `other` is outside the calendar.
  return plain < COVERED_FROM || other > DAY_AFTER_COVERED ? last.note : undefined;
}

const COVERED_FROM = `${COVERED_YEARS.from}-01-01`;
const DAY_AFTER_COVERED = `${COVERED_YEARS.to + 1}-01-01`;
