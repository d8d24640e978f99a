// The hot path's date arithmetic (engine/time/fast.ts) against the general one it stands in for: where the fast
// one answers, it answers exactly what the general one does; where it declines, the general one decides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../dsl/ir.js';
import { dayAfterFast, lastDayFast, shiftFast } from '../../engine/time/fast.js';
import {
  CalendarCoverageError,
  COVERED_FIRST_DAY,
  COVERED_LAST_DAY,
  isCoveredDayNumber,
  isWorkdayNumber,
  nthWorkdayNumberOrNull,
} from '../../engine/time/calendar.js';
import { addDays, fromDayNumber, lastDay, shiftDate, toDayNumber } from '../../engine/time/index.js';

const day = fc.integer({ min: toDayNumber('1995-01-01'), max: toDayNumber('2032-12-31') }).map(fromDayNumber);
const duration: fc.Arbitrary<Duration> = fc.record({
  amount: fc.integer({ min: 0, max: 40 }),
  unit: fc.constantFrom('year', 'month', 'day', 'workday') as fc.Arbitrary<Duration['unit']>,
});

describe('fast date arithmetic', () => {
  it('gives the civil and calendar last day lastDay gives, or declines (a year the calendar lacks)', () => {
    fc.assert(
      fc.property(day, duration, fc.boolean(), (start, d, calendar) => {
        const fast = lastDayFast(start, d, calendar);
        if (fast === null) return;
        const general = lastDay(start, d, calendar ? 'calendar' : 'civil');
        expect(fast).toEqual({ date: general.date, shifted: general.shifted });
        expect(general.note).toBeUndefined();
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers every civil year, month and day period that ends inside the published calendar', () => {
    // 2024-02-29 + 1 year: no such day, the month's last (2025-02-28, a Friday); 2024-09-30 + 1 day: 国庆 → 10-08.
    expect(lastDayFast('2024-02-29', { amount: 1, unit: 'year' }, false)).toEqual({
      date: '2025-02-28',
      shifted: false,
    });
    expect(lastDayFast('2024-09-30', { amount: 1, unit: 'day' }, false)).toEqual({ date: '2024-10-08', shifted: true });
    expect(lastDayFast('2024-09-30', { amount: 1, unit: 'day' }, true)).toEqual({ date: '2024-10-01', shifted: false });
    // 2026-12-31 + 2 days lands in 2027, which the calendar lacks: the general path gives its note.
    expect(lastDayFast('2026-12-31', { amount: 2, unit: 'day' }, false)).toBeNull();
  });

  it('shifts as shiftDate does; declines only working days outside the calendar, and malformed dates', () => {
    fc.assert(
      fc.property(day, duration, fc.constantFrom(1 as const, -1 as const), (date, d, sign) => {
        const fast = shiftFast(date, sign, d);
        let general: string | unknown;
        try {
          general = shiftDate(date, sign, d);
        } catch (e) {
          general = e;
        }
        if (fast !== null) expect(fast).toBe(general);
        else expect(d.unit === 'workday' && general instanceof CalendarCoverageError).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // 10 working days from 2024-09-27 (a Friday): make-up Sunday 09-29 and 09-30, 国庆 10-01…10-07 off, then 10-08 to
    // 10-12 (a make-up Saturday), 10-14, 10-15, 10-16.
    expect(shiftFast('2024-09-27', 1, { amount: 10, unit: 'workday' })).toBe('2024-10-16');
    expect(shiftFast('2026-12-25', 1, { amount: 10, unit: 'workday' })).toBeNull();
    expect(shiftFast('2024-02-30', 1, { amount: 1, unit: 'day' })).toBeNull();
    expect(shiftFast('2024-1-01', 1, { amount: 1, unit: 'day' })).toBeNull();
    // Years before 1000 would need padding the fast path does not do: shiftDate decides them.
    expect(shiftFast('1000-01-01', -1, { amount: 1, unit: 'day' })).toBeNull();
  });

  it('gives the day after as addDays does', () => {
    fc.assert(
      fc.property(day, (date) => {
        expect(dayAfterFast(date)).toBe(addDays(date, 1));
      }),
      { numRuns: 5_000 },
    );
    expect(dayAfterFast('2024-12-31')).toBe('2025-01-01');
    expect(dayAfterFast('2024-02-28')).toBe('2024-02-29');
    expect(dayAfterFast('not a date')).toBeNull();
  });
});

describe('working-day ranks', () => {
  // The obvious walk: one day at a time, counting the calendar's working days.
  const walk = (n: number, sign: 1 | -1, count: number): number | null => {
    let d = n;
    for (let left = count; left > 0;) {
      d += sign;
      if (!isCoveredDayNumber(d)) return null;
      if (isWorkdayNumber(d)) left--;
    }
    return d;
  };
  const covered = fc.integer({ min: COVERED_FIRST_DAY - 30, max: COVERED_LAST_DAY + 30 });

  it('finds the N-th working day before or after a day as a walk over the calendar does', () => {
    fc.assert(
      fc.property(covered, fc.constantFrom(1 as const, -1 as const), fc.integer({ min: 0, max: 400 }), (n, sign, k) => {
        const expected = !isCoveredDayNumber(n) ? (k === 0 ? n : null) : walk(n, sign, k);
        expect(nthWorkdayNumberOrNull(n, sign, k)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reaches the calendar’s first and last working days and no further', () => {
    let lastWork = COVERED_LAST_DAY;
    while (!isWorkdayNumber(lastWork)) lastWork--;
    let firstWork = COVERED_FIRST_DAY;
    while (!isWorkdayNumber(firstWork)) firstWork++;
    expect(nthWorkdayNumberOrNull(lastWork - 1, 1, 1)).toBe(lastWork);
    expect(nthWorkdayNumberOrNull(lastWork, 1, 1)).toBeNull();
    expect(nthWorkdayNumberOrNull(firstWork + 1, -1, 1)).toBe(firstWork);
    expect(nthWorkdayNumberOrNull(firstWork, -1, 1)).toBeNull();
  });
});
