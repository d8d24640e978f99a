// The hot path's date arithmetic (engine/time/fast.ts) against the general one it stands in for: where the fast
// one answers, it answers exactly what the general one does; where it declines, the general one decides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../dsl/ir.js';
import { dayAfterFast, lastDayFast, shiftFast } from '../../engine/time/fast.js';
import { addDays, fromDayNumber, lastDay, shiftDate, toDayNumber } from '../../engine/time/index.js';

const day = fc.integer({ min: toDayNumber('1995-01-01'), max: toDayNumber('2032-12-31') }).map(fromDayNumber);
const duration: fc.Arbitrary<Duration> = fc.record({
  amount: fc.integer({ min: 0, max: 40 }),
  unit: fc.constantFrom('year', 'month', 'day', 'workday') as fc.Arbitrary<Duration['unit']>,
});

describe('fast date arithmetic', () => {
  it('gives the civil and calendar last day lastDay gives, or declines (a workday period, a year the calendar lacks)', () => {
    fc.assert(
      fc.property(day, duration, fc.boolean(), (start, d, calendar) => {
        const fast = lastDayFast(start, d, calendar);
        if (d.unit === 'workday') expect(fast).toBeNull();
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

  it('shifts as shiftDate does, and declines workdays and malformed dates', () => {
    fc.assert(
      fc.property(day, duration, fc.constantFrom(1 as const, -1 as const), (date, d, sign) => {
        const fast = shiftFast(date, sign, d);
        if (d.unit === 'workday') expect(fast).toBeNull();
        else expect(fast).toBe(shiftDate(date, sign, d));
      }),
      { numRuns: 20_000 },
    );
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
