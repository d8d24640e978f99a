// The time module's public face: dates, the official calendar and civil periods.
export * from './dates.js';
export * from './calendar.js';
export * from './period.js';
export * from './duration-text.js';
export { HOLIDAY_ARRANGEMENTS } from './holidays.js';
export type { Festival, HolidayBlock, YearArrangement } from './holidays.js';
