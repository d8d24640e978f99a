// Date arithmetic on 'YYYY-MM-DD' strings straight from the digits, for the evaluator's hot path: no memo table, no
// intermediate arrays, only the result string. A memo lookup is two or three dependent reads of memory that a
// subject seen for the first time rarely finds in the cache (measured on 榆林's population: the period memo was the
// evaluator's largest cost after touching the subject's own records); this arithmetic reads the date, which was
// just read, and the calendar's tables (3.7 kB of days, 10 kB of working-day ranks). Anything unusual (a year
// outside the calendar, a malformed string) answers null, and the caller takes the general path, which also gives
// the notes and errors.
import type { Duration } from '../../dsl/ir.js';
import { COVERED_FIRST_DAY, COVERED_LAST_DAY, isWorkdayNumber, nthWorkdayNumberOrNull } from './calendar.js';
import { CIVIL, civilInto, daysFromCivil, daysInMonth } from './dates.js';
import type { LastDay } from './period.js';

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? '0' : '') + String(i));

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/** Year, month and day of a well-formed date into CIVIL (dates.ts); false for anything else. */
function parseInto(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
  const m = digitAt(s, 5) * 10 + digitAt(s, 6);
  const d = digitAt(s, 8) * 10 + digitAt(s, 9);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
  CIVIL[0] = y;
  CIVIL[1] = m;
  CIVIL[2] = d;
  return true;
}

const dayNumber = (): number => daysFromCivil(CIVIL[0]!, CIVIL[1]!, CIVIL[2]!);

/** The date string of CIVIL; null outside 1000–9999 (four digits without padding). */
function formatCivil(): string | null {
  const y = CIVIL[0]!;
  if (y < 1000 || y > 9999) return null;
  return String(y) + '-' + TWO_DIGITS[CIVIL[1]!]! + '-' + TWO_DIGITS[CIVIL[2]!]!;
}

/**
 * `date ± duration` into CIVIL (corresponding day, month-end clamp; ±N days; the N-th working day); false for a
 * date that is not well formed, or a working-day walk that leaves the calendar.
 */
function shiftInto(date: string, sign: 1 | -1, d: Duration): boolean {
  const n = d.amount;
  if (!Number.isInteger(n) || n < 0 || !parseInto(date)) return false;
  if (d.unit === 'day') {
    civilInto(dayNumber() + sign * n);
    return true;
  }
  if (d.unit === 'workday') {
    const to = nthWorkdayNumberOrNull(dayNumber(), sign, n);
    if (to === null) return false;
    civilInto(to);
    return true;
  }
  if (d.unit !== 'year' && d.unit !== 'month') return false;
  const total = CIVIL[0]! * 12 + (CIVIL[1]! - 1) + sign * (d.unit === 'year' ? n * 12 : n);
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  CIVIL[0] = y;
  CIVIL[1] = m;
  CIVIL[2] = Math.min(CIVIL[2]!, daysInMonth(y, m));
  return true;
}

/** shiftDate (period.ts) for any duration inside the calendar's reach; null where that one must decide. */
export function shiftFast(date: string, sign: 1 | -1, d: Duration): string | null {
  return shiftInto(date, sign, d) ? formatCivil() : null;
}

/** The day after `date`; null where addDays must decide. */
export function dayAfterFast(date: string): string | null {
  if (!parseInto(date)) return null;
  civilInto(dayNumber() + 1);
  return formatCivil();
}

/**
 * lastDay (period.ts) for periods whose last day — moved off rest days under civil counting, the N-th working day
 * for a working-day period — stays inside the published calendar; null otherwise (a year the calendar lacks: the
 * general path gives its note or error).
 */
export function lastDayFast(start: string, d: Duration, calendarCounting: boolean): LastDay | null {
  if (!shiftInto(start, 1, d)) return null;
  // A working-day period ends on its N-th working day, which is never a rest day to move off.
  if (calendarCounting || d.unit === 'workday') {
    const date = formatCivil();
    return date === null ? null : { date, shifted: false };
  }
  const plain = dayNumber();
  let n = plain;
  // 第二百零三条: a last day on a rest day moves to the next working day.
  while (n >= COVERED_FIRST_DAY && n <= COVERED_LAST_DAY && !isWorkdayNumber(n)) n++;
  if (n < COVERED_FIRST_DAY || n > COVERED_LAST_DAY) return null;
  if (n !== plain) civilInto(n);
  const date = formatCivil();
  return date === null ? null : { date, shifted: n !== plain };
}
