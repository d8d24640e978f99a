// The part of lunar-javascript (no types of its own) the calendar tests use.
declare module 'lunar-javascript' {
  interface SolarDate {
    toYmd(): string;
  }
  export class Lunar {
    static fromYmd(year: number, month: number, day: number): Lunar;
    next(days: number): Lunar;
    getSolar(): SolarDate;
    getJieQiTable(): Record<string, SolarDate>;
  }
}
