// Turns a date into working day / rest day under the official calendar, from a table precomputed once.
import { dayOfWeekOfDayNumber, fromDayNumber, toDayNumber } from './dates.js';
import { FESTIVAL_DAYS } from './festivals.js';
import { HOLIDAY_ARRANGEMENTS } from './holidays.js';

export const COVERED_YEARS = { from: 2017, to: 2026 } as const;

/** Thrown when working-day arithmetic needs a year whose holiday arrangement is not in the table. */
export class CalendarCoverageError extends Error {
  readonly code = 'time.calendar-not-covered';
  readonly year: number;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(year: number) {
    const zh = `${year}年节假日安排尚未收录（已收录${COVERED_YEARS.from}年至${COVERED_YEARS.to}年），无法按工作日计算`;
    const en = `the holiday arrangement for ${year} is not in the calendar (covered: ${COVERED_YEARS.from}–${COVERED_YEARS.to}); working days cannot be computed`;
    super(`${zh} / ${en}`);
    this.name = 'CalendarCoverageError';
    this.year = year;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

/** Day numbers of the first and last covered day. */
export const COVERED_FIRST_DAY = toDayNumber(`${COVERED_YEARS.from}-01-01`);
export const COVERED_LAST_DAY = toDayNumber(`${COVERED_YEARS.to}-12-31`);

const SIZE = COVERED_LAST_DAY - COVERED_FIRST_DAY + 1;
/** 1 = working day, 0 = rest day, indexed by day number − COVERED_FIRST_DAY. */
const WORK = new Uint8Array(SIZE);
/** WORKS_BEFORE[i] = number of working days at indexes < i, so counting is a subtraction. */
const WORKS_BEFORE = new Int32Array(SIZE + 1);

(function build(): void {
  for (let i = 0; i < SIZE; i++) {
    const dow = dayOfWeekOfDayNumber(COVERED_FIRST_DAY + i);
    WORK[i] = dow === 0 || dow === 6 ? 0 : 1;
  }
  const mark = (n: number, v: 0 | 1): void => {
    const i = n - COVERED_FIRST_DAY;
    if (i >= 0 && i < SIZE) WORK[i] = v;
  };
  for (const year of HOLIDAY_ARRANGEMENTS) {
    for (const block of year.blocks) {
      for (let n = toDayNumber(block.from); n <= toDayNumber(block.to); n++) mark(n, 0);
    }
    for (const d of year.makeUpWorkdays) mark(toDayNumber(d), 1);
  }
  for (let i = 0; i < SIZE; i++) WORKS_BEFORE[i + 1] = (WORKS_BEFORE[i] ?? 0) + (WORK[i] ?? 0);
})();

/** WORKDAY_INDEX[k] = index of the (k + 1)-th working day, so the N-th working day from a day is two reads. */
const WORKDAY_INDEX = ((): Int32Array => {
  const out = new Int32Array(WORKS_BEFORE[SIZE] ?? 0);
  for (let i = 0, k = 0; i < SIZE; i++) if (WORK[i] === 1) out[k++] = i;
  return out;
})();

/** Year of a day number, only for error messages (the slow path). */
function yearOfDayNumber(n: number): number {
  return Number(fromDayNumber(n).slice(0, 4));
}

export function isCoveredDayNumber(n: number): boolean {
  return n >= COVERED_FIRST_DAY && n <= COVERED_LAST_DAY;
}

export function isWorkdayNumber(n: number): boolean {
  if (!isCoveredDayNumber(n)) throw new CalendarCoverageError(yearOfDayNumber(n));
  return WORK[n - COVERED_FIRST_DAY] === 1;
}

export function isWorkday(date: string): boolean {
  return isWorkdayNumber(toDayNumber(date));
}

/** A weekend that is not a make-up working day, or a day of a holiday block. */
export function isRestDay(date: string): boolean {
  return !isWorkday(date);
}

/**
 * The count-th working day after (sign 1) or before (sign −1) day n, not counting n itself; null when that day, or
 * n, is outside the calendar.
 */
export function nthWorkdayNumberOrNull(n: number, sign: 1 | -1, count: number): number | null {
  if (count === 0) return n;
  if (!isCoveredDayNumber(n) || !Number.isInteger(count) || count < 0) return null;
  const i = n - COVERED_FIRST_DAY;
  // 1-based rank among the calendar's working days: after n, the working days up to and including n plus count;
  // before n, the working days strictly before it minus count plus one.
  const rank = sign === 1 ? (WORKS_BEFORE[i + 1] ?? 0) + count : (WORKS_BEFORE[i] ?? 0) - count + 1;
  if (rank < 1 || rank > WORKDAY_INDEX.length) return null;
  return COVERED_FIRST_DAY + WORKDAY_INDEX[rank - 1]!;
}

/**
 * The count-th working day after (sign 1) or before (sign −1) day n, not counting n itself.
 * Throws CalendarCoverageError when the walk needs a day outside the calendar.
 */
export function nthWorkdayNumber(n: number, sign: 1 | -1, count: number): number {
  const found = nthWorkdayNumberOrNull(n, sign, count);
  if (found !== null) return found;
  if (!isCoveredDayNumber(n)) throw new CalendarCoverageError(yearOfDayNumber(n));
  throw new CalendarCoverageError(sign === 1 ? COVERED_YEARS.to + 1 : COVERED_YEARS.from - 1);
}

const FESTIVAL_DAY_NUMBERS = new Set(Object.values(FESTIVAL_DAYS).flatMap((days) => days.map((d) => toDayNumber(d))));

/**
 * Rest day or not for a day outside the published calendar, as far as the law fixes it: weekends and the
 * statutory festival days of 《全国年节及纪念日放假办法》 (festivals.ts). The yearly notice's bridging days and
 * make-up working days are unknown there, so callers must say the answer is provisional.
 */
export function isProvisionalRestDayNumber(n: number): boolean {
  const dow = dayOfWeekOfDayNumber(n);
  return dow === 0 || dow === 6 || FESTIVAL_DAY_NUMBERS.has(n);
}

/**
 * The note of a decision whose listing end (`until` a date computed in working days) falls in a year the calendar
 * lacks: that end is not counted, so the listing stands without it (SEMANTICS §2).
 */
export function untilNotCoveredNote(list: string, year: number): string {
  return `“${list}”的截止日期需按${year}年节假日安排计算，该安排尚未收录，截止日期暂不确定，以国务院公布的放假安排为准`;
}
