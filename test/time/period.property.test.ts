// Properties of periods that must hold for every start date, not only the table's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../dsl/ir.js';
import {
  addMonths,
  addDays,
  fromDayNumber,
  isWorkday,
  lastDay,
  shiftDate,
  toDayNumber,
  COVERED_YEARS,
} from '../../engine/time/index.js';

const dateIn = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);

const civilDuration: fc.Arbitrary<Duration> = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((amount): Duration => ({ amount, unit: 'year' })),
  fc.integer({ min: 0, max: 60 }).map((amount): Duration => ({ amount, unit: 'month' })),
  fc.integer({ min: 0, max: 2000 }).map((amount): Duration => ({ amount, unit: 'day' })),
);

const covered = (date: string): boolean => {
  const year = Number(date.slice(0, 4));
  return year >= COVERED_YEARS.from && year <= COVERED_YEARS.to;
};

describe('period properties', () => {
  it('lastDay ≥ start, for civil and calendar counting', () => {
    fc.assert(
      fc.property(
        dateIn('2010-01-01', '2030-12-31'),
        civilDuration,
        fc.constantFrom('civil' as const, 'calendar' as const),
        (start, dur, counting) => {
          expect(lastDay(start, dur, counting).date >= start).toBe(true);
        },
      ),
    );
  });

  it('a calendar-counted period of N months from D ends on addMonths(D, N)', () => {
    fc.assert(
      fc.property(dateIn('1990-01-01', '2100-12-31'), fc.integer({ min: 0, max: 600 }), (start, n) => {
        expect(lastDay(start, { amount: n, unit: 'month' }, 'calendar').date).toBe(addMonths(start, n));
        expect(lastDay(start, { amount: n, unit: 'year' }, 'calendar').date).toBe(addMonths(start, 12 * n));
      }),
    );
  });

  it('shiftDate +N days then −N days is the identity', () => {
    fc.assert(
      fc.property(dateIn('1900-01-01', '2200-12-31'), fc.integer({ min: 0, max: 40000 }), (date, n) => {
        const dur: Duration = { amount: n, unit: 'day' };
        expect(shiftDate(shiftDate(date, 1, dur), -1, dur)).toBe(date);
      }),
    );
  });

  it('shiftDate +N workdays then −N workdays is the identity on a working day', () => {
    fc.assert(
      fc.property(dateIn('2019-03-01', '2025-12-31'), fc.integer({ min: 0, max: 200 }), (date, n) => {
        fc.pre(isWorkday(date));
        const dur: Duration = { amount: n, unit: 'workday' };
        expect(shiftDate(shiftDate(date, 1, dur), -1, dur)).toBe(date);
      }),
    );
  });

  it('the N-th working day after D is a working day with exactly N working days in (D, result]', () => {
    fc.assert(
      fc.property(dateIn('2019-01-01', '2025-12-31'), fc.integer({ min: 1, max: 60 }), (date, n) => {
        const end = shiftDate(date, 1, { amount: n, unit: 'workday' });
        expect(isWorkday(end)).toBe(true);
        let count = 0;
        for (let x = addDays(date, 1); x <= end; x = addDays(x, 1)) if (isWorkday(x)) count++;
        expect(count).toBe(n);
      }),
    );
  });

  it('every civil last day in a covered year is a working day, and the shift skips no working day', () => {
    fc.assert(
      fc.property(dateIn('2015-01-01', '2026-12-31'), civilDuration, (start, dur) => {
        const civil = lastDay(start, dur, 'civil');
        const plain = lastDay(start, dur, 'calendar').date;
        if (!covered(plain)) {
          expect(civil.note).toMatch(/^\d{4}年节假日安排尚未收录，期间末日按周末和法定节日推定/);
          // Outside the calendar: never on a weekend, and only weekends or festival days are skipped.
          const dow = (d: string): number => new Date(`${d}T00:00:00Z`).getUTCDay();
          expect([0, 6]).not.toContain(dow(civil.date));
          expect(civil.shifted).toBe(civil.date !== plain);
          expect(addDays(plain, 7) > civil.date).toBe(true);
          return;
        }
        expect(civil.note).toBeUndefined();
        expect(isWorkday(civil.date)).toBe(true);
        expect(civil.shifted).toBe(civil.date !== plain);
        for (let x = plain; x < civil.date; x = addDays(x, 1)) expect(isWorkday(x)).toBe(false);
      }),
    );
  });
});
