// Period ends under 民法典 第二百零一至二百零四条 (SEMANTICS.md §0), table-driven with a note per row.
import { describe, expect, it } from 'vitest';
import type { Counting } from '../../dsl/ast.js';
import type { Duration } from '../../dsl/ir.js';
import { CalendarCoverageError, lastDay, shiftDate, withinWindowStart } from '../../engine/time/index.js';

const y = (amount: number): Duration => ({ amount, unit: 'year' });
const m = (amount: number): Duration => ({ amount, unit: 'month' });
const d = (amount: number): Duration => ({ amount, unit: 'day' });
const w = (amount: number): Duration => ({ amount, unit: 'workday' });

interface Row {
  start: string;
  duration: Duration;
  counting: Counting;
  date: string;
  shifted: boolean;
  note: string;
}

const rows: Row[] = [
  {
    start: '2023-01-31',
    duration: m(1),
    counting: 'civil',
    date: '2023-02-28',
    shifted: false,
    note: 'no Feb 31: month end (第二百零二条); a Tuesday',
  },
  {
    start: '2024-01-31',
    duration: m(1),
    counting: 'calendar',
    date: '2024-02-29',
    shifted: false,
    note: 'leap February month end',
  },
  {
    start: '2024-02-29',
    duration: y(1),
    counting: 'civil',
    date: '2025-02-28',
    shifted: false,
    note: 'leap day + 1 year → Feb 28 (a Friday)',
  },
  {
    start: '2024-10-01',
    duration: y(1),
    counting: 'calendar',
    date: '2025-10-01',
    shifted: false,
    note: 'calendar counting never moves',
  },
  {
    start: '2024-10-01',
    duration: y(1),
    counting: 'civil',
    date: '2025-10-09',
    shifted: true,
    note: '2025-10-01 is 国庆; rest runs to 10-08 → Thursday 10-09 (第二百零三条)',
  },
  {
    start: '2025-09-21',
    duration: d(10),
    counting: 'civil',
    date: '2025-10-09',
    shifted: true,
    note: 'day period ending on 国庆 2025',
  },
  {
    start: '2018-10-01',
    duration: y(1),
    counting: 'civil',
    date: '2019-10-08',
    shifted: true,
    note: 'start before the calendar, end in it: 国庆 2019 → Tuesday 10-08',
  },
  {
    start: '2023-02-10',
    duration: y(1),
    counting: 'civil',
    date: '2024-02-18',
    shifted: true,
    note: '2024-02-10 is 春节; first working day is the make-up Sunday 02-18',
  },
  {
    start: '2024-01-28',
    duration: y(1),
    counting: 'civil',
    date: '2025-02-05',
    shifted: true,
    note: '2025 除夕 is a statutory holiday; 春节 rest to 02-04 → Wednesday 02-05',
  },
  {
    start: '2019-01-31',
    duration: y(1),
    counting: 'civil',
    date: '2020-02-03',
    shifted: true,
    note: '2020 春节 extended to 02-02 (国办发明电〔2020〕1号) → Monday 02-03',
  },
  {
    start: '2025-12-01',
    duration: m(1),
    counting: 'civil',
    date: '2026-01-04',
    shifted: true,
    note: '元旦 2026 rest 01-01..03; 01-04 is a make-up Sunday',
  },
  {
    start: '2024-03-01',
    duration: d(9),
    counting: 'civil',
    date: '2024-03-11',
    shifted: true,
    note: 'ordinary Sunday 03-10 → Monday',
  },
  {
    start: '2024-02-10',
    duration: m(1),
    counting: 'civil',
    date: '2024-03-11',
    shifted: true,
    note: 'ordinary Sunday by months → Monday',
  },
  {
    start: '2024-03-01',
    duration: d(8),
    counting: 'civil',
    date: '2024-03-11',
    shifted: true,
    note: 'ordinary Saturday 03-09 → Monday',
  },
  {
    start: '2024-03-01',
    duration: d(9),
    counting: 'calendar',
    date: '2024-03-10',
    shifted: false,
    note: 'calendar counting keeps the Sunday',
  },
  {
    start: '2025-09-11',
    duration: m(1),
    counting: 'civil',
    date: '2025-10-11',
    shifted: false,
    note: '2025-10-11 is a make-up Saturday: a working day, does not move',
  },
  {
    start: '2023-10-12',
    duration: y(1),
    counting: 'civil',
    date: '2024-10-12',
    shifted: false,
    note: '2024-10-12 is a make-up Saturday',
  },
  {
    start: '2021-09-30',
    duration: y(3),
    counting: 'civil',
    date: '2024-09-30',
    shifted: false,
    note: '3-year listing ending on the Monday before 国庆 2024',
  },
  {
    start: '2024-06-05',
    duration: d(0),
    counting: 'civil',
    date: '2024-06-05',
    shifted: false,
    note: 'zero-length period on a Wednesday',
  },
  {
    start: '2025-01-24',
    duration: w(7),
    counting: 'civil',
    date: '2025-02-10',
    shifted: false,
    note: '7 workdays across 春节 2025: 01-26(补班),01-27,02-05,02-06,02-07,02-08(补班),02-10',
  },
  {
    start: '2025-01-24',
    duration: w(7),
    counting: 'calendar',
    date: '2025-02-10',
    shifted: false,
    note: 'workday periods ignore counting',
  },
  {
    start: '2024-09-27',
    duration: w(1),
    counting: 'civil',
    date: '2024-09-29',
    shifted: false,
    note: 'the first working day after a Friday can be a make-up Sunday',
  },
  {
    start: '2025-06-06',
    duration: w(0),
    counting: 'civil',
    date: '2025-06-06',
    shifted: false,
    note: 'zero workdays is the start itself',
  },
];

describe('lastDay', () => {
  for (const r of rows) {
    it(`${r.start} + ${r.duration.amount} ${r.duration.unit} (${r.counting}) = ${r.date}: ${r.note}`, () => {
      const got = lastDay(r.start, r.duration, r.counting);
      expect(got.date).toBe(r.date);
      expect(got.shifted).toBe(r.shifted);
      expect(got.note).toBeUndefined();
    });
  }

  it('defaults to civil counting', () => {
    expect(lastDay('2024-10-01', y(1)).date).toBe('2025-10-09');
  });

  it('outside the published calendar shifts over weekends and festival days, and says the date is provisional', () => {
    const note = (y: number): string =>
      `${y}年节假日安排尚未收录，期间末日按周末和法定节日推定（未计调休），以国务院公布的放假安排为准`;
    // 2027-06-01 is a Tuesday: no shift, but the date is still provisional.
    expect(lastDay('2026-06-01', y(1), 'civil')).toEqual({ date: '2027-06-01', shifted: false, note: note(2027) });
    // 2027-07-03 is a Saturday (no holiday near): Monday.
    expect(lastDay('2024-07-03', y(3), 'civil')).toEqual({ date: '2027-07-05', shifted: true, note: note(2027) });
    // 2027-02-05 is 除夕 (a festival day from 2025), then 初一–初三 and no weekend gap: Tuesday 02-09.
    expect(lastDay('2024-02-05', y(3), 'civil')).toEqual({ date: '2027-02-09', shifted: true, note: note(2027) });
    // 2027-10-01..03 are 国庆 festival days and 10-02/03 a weekend: Monday 10-04.
    expect(lastDay('2026-10-01', y(1), 'civil').date).toBe('2027-10-04');
    // Before the calendar: 2016-03-06 is a Sunday.
    const before = lastDay('2015-03-06', y(1), 'civil');
    expect(before).toEqual({ date: '2016-03-07', shifted: true, note: note(2016) });
    // A covered last day needs no note even when the year after is not covered.
    expect(lastDay('2025-12-31', y(1), 'civil').note).toBeUndefined();
    expect(lastDay('2024-07-03', y(3), 'calendar')).toEqual({ date: '2027-07-03', shifted: false });
  });

  it('returns the same frozen object from the memo', () => {
    const a = lastDay('2024-10-01', y(1), 'civil');
    expect(lastDay('2024-10-01', y(1), 'civil')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('rejects negative and fractional amounts', () => {
    expect(() => lastDay('2024-01-01', y(-1))).toThrow(RangeError);
    expect(() => lastDay('2024-01-01', d(1.5))).toThrow(RangeError);
  });
});

describe('shiftDate and withinWindowStart', () => {
  const shifts: [string, 1 | -1, Duration, string, string][] = [
    ['2024-10-01', 1, y(1), '2025-10-01', 'plain arithmetic: no holiday shift in expressions'],
    ['2024-03-31', -1, m(1), '2024-02-29', 'backwards month-end clamp'],
    ['2025-03-01', -1, d(1), '2025-02-28', 'day before March 1'],
    ['2025-02-10', -1, w(7), '2025-01-24', '7 workdays back across 春节 2025'],
    ['2025-01-24', 1, w(7), '2025-02-10', '7 workdays forward across 春节 2025'],
    ['2024-10-08', -1, w(1), '2024-09-30', 'the working day before the first day after 国庆 2024'],
    ['2024-10-14', -1, w(1), '2024-10-12', 'a make-up Saturday counts going backwards'],
  ];
  for (const [date, sign, dur, want, note] of shifts) {
    it(`${date} ${sign > 0 ? '+' : '-'} ${dur.amount} ${dur.unit} = ${want}: ${note}`, () => {
      expect(shiftDate(date, sign, dur)).toBe(want);
    });
  }

  it('within P: exclusive lower bound is at − P', () => {
    expect(withinWindowStart('2025-06-30', y(1))).toBe('2024-06-30');
    expect(withinWindowStart('2025-03-31', m(1))).toBe('2025-02-28');
    expect(withinWindowStart('2025-06-30', d(30))).toBe('2025-05-31');
  });
});

describe('calendar coverage', () => {
  it('workday arithmetic outside 2019–2026 throws time.calendar-not-covered naming the year', () => {
    let caught: unknown;
    try {
      shiftDate('2026-12-25', 1, w(10));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarCoverageError);
    const err = caught as CalendarCoverageError;
    expect(err.code).toBe('time.calendar-not-covered');
    expect(err.year).toBe(2027);
    expect(err.messageZh).toContain('2027年');
    expect(err.messageZh).toContain('2017');
    expect(err.messageZh).toContain('2026');
    expect(err.messageEn).toContain('2027');
    expect(() => lastDay('2016-06-01', w(5))).toThrow(CalendarCoverageError);
    expect(() => shiftDate('2017-01-03', -1, w(5))).toThrow(CalendarCoverageError);
  });

  it('workday arithmetic right at the edges stays inside', () => {
    expect(shiftDate('2026-12-30', 1, w(1))).toBe('2026-12-31');
    expect(shiftDate('2019-01-03', -1, w(1))).toBe('2019-01-02');
  });
});
