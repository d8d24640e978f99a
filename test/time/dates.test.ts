// Date arithmetic on 'YYYY-MM-DD' strings: validity, day numbers, month-end clamping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  fromDayNumber,
  isValidDate,
  toDayNumber,
} from '../../engine/time/index.js';

describe('isValidDate', () => {
  const rows: [unknown, boolean, string][] = [
    ['2024-02-29', true, 'leap day'],
    ['2023-02-29', false, 'no leap day in 2023'],
    ['1900-02-29', false, 'century not divisible by 400'],
    ['2000-02-29', true, 'century divisible by 400'],
    ['2024-04-31', false, 'April has 30 days'],
    ['2024-13-01', false, 'month 13'],
    ['2024-00-10', false, 'month 0'],
    ['2024-01-00', false, 'day 0'],
    ['2024-1-01', false, 'not zero-padded'],
    ['2024-01-01T00:00', false, 'a timestamp is not a date'],
    [' 2024-01-01', false, 'leading space'],
    ['0000-01-01', false, 'year 0'],
    ['9999-12-31', true, 'last representable day'],
    [20240101, false, 'a number'],
    [null, false, 'null'],
    ['２０２４-01-01', false, 'full-width digits'],
  ];
  for (const [input, ok, note] of rows)
    it(`${JSON.stringify(input)}: ${note}`, () => expect(isValidDate(input)).toBe(ok));
});

describe('day numbers and weekdays', () => {
  it('epoch and known weekdays', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(toDayNumber('2000-03-01') - toDayNumber('2000-02-28')).toBe(2);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2024-02-18')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(dayOfWeek('1949-10-01')).toBe(6);
  });

  it('agrees with UTC Date arithmetic (used here only as an oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700000, max: 2900000 }), (n) => {
        const iso = new Date(n * 86400000).toISOString().slice(0, 10);
        if (!iso.startsWith('-') && !iso.startsWith('+')) expect(fromDayNumber(n)).toBe(iso);
        expect(toDayNumber(fromDayNumber(n))).toBe(n);
        expect(dayOfWeek(fromDayNumber(n))).toBe(new Date(n * 86400000).getUTCDay());
      }),
    );
  });

  it('rejects invalid input loudly', () => {
    expect(() => toDayNumber('2023-02-29')).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => fromDayNumber(1e9)).toThrow(RangeError);
  });
});

describe('addMonths / addYears (民法典 第二百零二条 corresponding day)', () => {
  const rows: [string, number, string, string][] = [
    ['2023-01-31', 1, '2023-02-28', 'no Feb 31: month end'],
    ['2024-01-31', 1, '2024-02-29', 'leap February'],
    ['2024-03-31', -1, '2024-02-29', 'backwards into leap February'],
    ['2024-05-31', 1, '2024-06-30', '30-day month'],
    ['2024-08-31', 6, '2025-02-28', 'across a year into a short February'],
    ['2024-12-15', 1, '2025-01-15', 'across the year end'],
    ['2025-01-15', -1, '2024-12-15', 'backwards across the year end'],
    ['2024-02-29', 12, '2025-02-28', 'leap day + 1 year'],
    ['2024-02-29', 48, '2028-02-29', 'leap day + 4 years'],
    ['2024-06-30', 0, '2024-06-30', 'zero months'],
  ];
  for (const [d, n, want, note] of rows)
    it(`${d} ${n >= 0 ? '+' : ''}${n}m = ${want}: ${note}`, () => {
      expect(addMonths(d, n)).toBe(want);
    });
  it('addYears is 12 months', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2020-02-29', -4)).toBe('2016-02-29');
  });
  it('addDays and compareDates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(compareDates('2024-01-02', '2024-01-10')).toBe(-1);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
  });
});
