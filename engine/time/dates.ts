// Turns 'YYYY-MM-DD' strings into integer day numbers and back, with calendar arithmetic and no time zones.

/** Day number of 1970-01-01 is 0; the range is 0001-01-01 … 9999-12-31. */
export const MIN_DAY = -719162;
export const MAX_DAY = 2932896;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil: exact integer arithmetic on the proleptic Gregorian calendar.
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Where civilInto leaves year, month and day: the hot path (fast.ts) reads them without a tuple per call. */
export const CIVIL = new Int32Array(3);

/** civil_from_days, the inverse of daysFromCivil, into CIVIL. */
export function civilInto(n: number): void {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  CIVIL[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  CIVIL[1] = m;
  CIVIL[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
}

function civilFromDays(n: number): [number, number, number] {
  civilInto(n);
  return [CIVIL[0]!, CIVIL[1]!, CIVIL[2]!];
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Year, month, day of a well-formed date string, or undefined when it is not a real date. */
export function parseDate(s: unknown): [number, number, number] | undefined {
  // Hand-rolled instead of a regex: this sits on the evaluator's hot path.
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const mo = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (!(y >= 1) || !(mo >= 1 && mo <= 12) || !(d >= 1) || d > daysInMonth(y, mo)) return undefined;
  return [y, mo, d];
}

export function isValidDate(s: unknown): s is string {
  return parseDate(s) !== undefined;
}

export function toDayNumber(s: string): number {
  const p = parseDate(s);
  if (p === undefined) throw new RangeError(`not a valid date: ${JSON.stringify(s)}`);
  return daysFromCivil(p[0], p[1], p[2]);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + String(n);

export function fromDayNumber(n: number): string {
  if (!Number.isInteger(n) || n < MIN_DAY || n > MAX_DAY) throw new RangeError(`day number out of range: ${n}`);
  const [y, m, d] = civilFromDays(n);
  return String(y).padStart(4, '0') + '-' + pad2(m) + '-' + pad2(d);
}

export function yearOf(s: string): number {
  return Number(s.slice(0, 4));
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** The corresponding day n months later (or earlier); the month's last day when there is none (民法典 第二百零二条). */
export function addMonths(date: string, n: number): string {
  const p = parseDate(date);
  if (p === undefined) throw new RangeError(`not a valid date: ${JSON.stringify(date)}`);
  if (!Number.isInteger(n)) throw new RangeError(`month count must be an integer: ${n}`);
  const total = p[0] * 12 + (p[1] - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1 || y > 9999) throw new RangeError(`date out of range: ${date} + ${n} months`);
  return String(y).padStart(4, '0') + '-' + pad2(m) + '-' + pad2(Math.min(p[2], daysInMonth(y, m)));
}

export function addYears(date: string, n: number): string {
  return addMonths(date, n * 12);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeekOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function dayOfWeek(date: string): number {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

/** Dates compare as strings because the format is fixed-width; this only adds a sign. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
