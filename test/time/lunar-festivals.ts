// The statutory festival days of a year per 《全国年节及纪念日放假办法》, computed with lunar-javascript: the
// independent source the shipped tables are checked against (and the generator of festivals.ts).
import { Lunar } from 'lunar-javascript';

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

function solarOf(lunar: { getSolar(): { toYmd(): string } }): string {
  return lunar.getSolar().toYmd();
}

export function festivalDaysOf(year: number): string[] {
  const newYear = Lunar.fromYmd(year, 1, 1);
  const days = [
    ymd(year, 1, 1),
    ...(year >= 2025 ? [solarOf(newYear.next(-1))] : []),
    solarOf(newYear),
    solarOf(newYear.next(1)),
    solarOf(newYear.next(2)),
    Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!.toYmd(),
    ymd(year, 5, 1),
    ...(year >= 2025 ? [ymd(year, 5, 2)] : []),
    solarOf(Lunar.fromYmd(year, 5, 5)),
    solarOf(Lunar.fromYmd(year, 8, 15)),
    ymd(year, 10, 1),
    ymd(year, 10, 2),
    ymd(year, 10, 3),
  ];
  return [...new Set(days)].sort();
}
