// Structural sanity of the holiday table: the kind of slip a hand-typed legal table makes.
import { describe, expect, it } from 'vitest';
import {
  COVERED_YEARS,
  dayOfWeek,
  HOLIDAY_ARRANGEMENTS,
  isRestDay,
  isWorkday,
  toDayNumber,
} from '../../engine/time/index.js';

describe('holiday arrangements 2019–2026', () => {
  it('has exactly one arrangement per covered year, in order', () => {
    const years = HOLIDAY_ARRANGEMENTS.map((y) => y.year);
    const expected: number[] = [];
    for (let y = COVERED_YEARS.from; y <= COVERED_YEARS.to; y++) expected.push(y);
    expect(years).toEqual(expected);
  });

  for (const year of HOLIDAY_ARRANGEMENTS) {
    describe(String(year.year), () => {
      it('cites a 国办发明电 notice', () => {
        expect(year.notice).toMatch(/国办发明电〔\d{4}〕\d+号/);
        expect(year.notice).toContain(`〔${year.year - 1}〕`);
      });

      it('every make-up working day is a Saturday or Sunday and a working day', () => {
        for (const d of year.makeUpWorkdays) {
          expect([0, 6], `${d} is not a weekend`).toContain(dayOfWeek(d));
          if (Number(d.slice(0, 4)) >= COVERED_YEARS.from) expect(isWorkday(d), d).toBe(true);
        }
      });

      it('blocks are well-formed: from ≤ to, length matches the notice count, no overlap, no make-up day inside', () => {
        let previousEnd = -Infinity;
        for (const block of year.blocks) {
          const from = toDayNumber(block.from);
          const to = toDayNumber(block.to);
          expect(to - from + 1, `${block.name} ${block.from}–${block.to}`).toBe(block.days);
          expect(block.days).toBeLessThanOrEqual(10);
          expect(from, `${block.name} overlaps the previous block`).toBeGreaterThan(previousEnd);
          previousEnd = to;
          for (const d of year.makeUpWorkdays) {
            const n = toDayNumber(d);
            expect(n < from || n > to, `${d} inside ${block.name}`).toBe(true);
          }
        }
      });

      it('every statutory festival day lies inside its block and is a rest day', () => {
        for (const block of year.blocks) {
          for (const festival of block.festivals) {
            for (const d of festival.days) {
              expect(d >= block.from && d <= block.to, `${festival.name} ${d} outside ${block.name}`).toBe(true);
              if (Number(d.slice(0, 4)) >= COVERED_YEARS.from) expect(isRestDay(d), d).toBe(true);
            }
          }
        }
      });

      it('has 春节 and 国庆节 and the seven festivals', () => {
        const names = new Set(year.blocks.flatMap((b) => b.festivals.map((f) => f.name)));
        expect([...names].sort()).toEqual(['中秋节', '元旦', '劳动节', '国庆节', '春节', '清明节', '端午节'].sort());
        const spring = year.blocks.find((b) => b.festivals.some((f) => f.name === '春节'));
        const national = year.blocks.find((b) => b.festivals.some((f) => f.name === '国庆节'));
        expect(spring?.days).toBeGreaterThanOrEqual(7);
        expect(
          national !== undefined && national.from <= `${year.year}-10-01` && national.to >= `${year.year}-10-06`,
        ).toBe(true);
      });

      it('statutory holiday days per 全国年节及纪念日放假办法: 11 before 2025, 13 from 2025', () => {
        const count = year.blocks.reduce((s, b) => s + b.festivals.reduce((t, f) => t + f.days.length, 0), 0);
        expect(count).toBe(year.year < 2025 ? 11 : 13);
        const festival = (name: string): number =>
          year.blocks.flatMap((b) => b.festivals).find((f) => f.name === name)?.days.length ?? 0;
        expect(festival('春节')).toBe(year.year < 2025 ? 3 : 4);
        expect(festival('劳动节')).toBe(year.year < 2025 ? 1 : 2);
        expect(festival('国庆节')).toBe(3);
      });
    });
  }

  it('spot checks against the notices', () => {
    const rows: [string, boolean, string][] = [
      ['2024-02-04', true, '2024 春节 make-up Sunday'],
      ['2024-02-18', true, '2024 春节 make-up Sunday'],
      ['2024-02-09', true, '2024 除夕 (Friday) was not yet a statutory holiday: a working day'],
      ['2024-02-17', false, '2024 春节 last rest day'],
      ['2025-01-28', false, '2025 除夕 became a statutory holiday'],
      ['2025-05-02', false, '2025 劳动节 second statutory day'],
      ['2025-10-08', false, '2025 国庆中秋 last rest day'],
      ['2025-10-11', true, '2025 make-up Saturday'],
      ['2020-02-01', false, '2020 make-up Saturday cancelled by the COVID extension'],
      ['2020-02-03', true, '2020 first working day after the extension'],
      ['2026-02-23', false, '2026 春节 runs to 正月初七 (Monday)'],
      ['2026-01-04', true, '2026 元旦 make-up Sunday'],
      ['2019-12-28', false, 'ordinary Saturday'],
      ['2019-12-30', true, 'ordinary Monday'],
    ];
    for (const [date, work, note] of rows) {
      expect(isWorkday(date), note).toBe(work);
    }
  });
});
