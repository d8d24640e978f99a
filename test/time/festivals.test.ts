// The festival days the calendar falls back on outside the published arrangements, checked against the lunar
// calendar (lunar-javascript) and, where both exist, against the published notices.
import { describe, expect, it } from 'vitest';
import { FESTIVAL_DAYS } from '../../engine/time/festivals.js';
import { COVERED_YEARS, HOLIDAY_ARRANGEMENTS } from '../../engine/time/index.js';
import { festivalDaysOf } from './lunar-festivals.js';

describe('statutory festival days (《全国年节及纪念日放假办法》)', () => {
  it('the lunar computation gives the festival days of every published arrangement', () => {
    for (const arrangement of HOLIDAY_ARRANGEMENTS) {
      const year = arrangement.year;
      // A set: 中秋 fell on 国庆 in 2020, and the notice names the day under both.
      const published = [...new Set(arrangement.blocks.flatMap((b) => b.festivals.flatMap((f) => f.days)))]
        .filter((d) => d.startsWith(`${year}-`))
        .sort();
      expect(festivalDaysOf(year), String(year)).toEqual(published);
    }
  });

  it('the shipped table is what scripts/festival-days.ts computes, and only for years the calendar lacks', () => {
    const years = Object.keys(FESTIVAL_DAYS).map(Number);
    expect(years.length).toBeGreaterThan(20);
    for (const year of years) {
      expect(year < COVERED_YEARS.from || year > COVERED_YEARS.to, String(year)).toBe(true);
      expect(FESTIVAL_DAYS[year], String(year)).toEqual(festivalDaysOf(year));
    }
    expect(FESTIVAL_DAYS[COVERED_YEARS.to + 1]).toBeDefined();
  });

  it('counts 13 days a year from 2025 and 11 before (国务院令第795号)', () => {
    expect(FESTIVAL_DAYS[2016]).toHaveLength(11);
    expect(FESTIVAL_DAYS[2027]).toHaveLength(13);
    // 2027: 除夕 02-05, 春节 02-06..08, 清明 04-05, 端午 06-09, 中秋 09-15.
    expect(FESTIVAL_DAYS[2027]).toEqual(
      expect.arrayContaining(['2027-02-05', '2027-02-08', '2027-04-05', '2027-05-02', '2027-06-09', '2027-09-15']),
    );
  });
});
