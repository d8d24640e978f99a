// Literal text ↔ value conversions shared by the lexer's visitor and the printer, exact in both directions.
import type { DurationUnit } from '../ast.js';

/** A finite number as a plain decimal string (never exponent notation), e.g. 1e-7 → `0.0000001`. */
export function toPlain(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  const negative = mantissa.startsWith('-');
  const digits = negative ? mantissa.slice(1) : mantissa;
  const shifted = shiftDecimal(digits, exp);
  return negative ? `-${shifted}` : shifted;
}

/** Move the decimal point of a plain non-negative decimal string by `places` (positive = multiply by 10^places). */
export function shiftDecimal(plain: string, places: number): string {
  const dot = plain.indexOf('.');
  let intPart = dot < 0 ? plain : plain.slice(0, dot);
  let frac = dot < 0 ? '' : plain.slice(dot + 1);
  if (places > 0) {
    frac = frac.padEnd(places, '0');
    intPart += frac.slice(0, places);
    frac = frac.slice(places);
  } else if (places < 0) {
    const k = -places;
    intPart = intPart.padStart(k + 1, '0');
    frac = intPart.slice(intPart.length - k) + frac;
    intPart = intPart.slice(0, intPart.length - k);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

/** `100万元` → 1000000, `1.5亿元` → 150000000, `3000元` → 3000 (decimal-exact). */
export function moneyValue(image: string): number {
  const m = /^(\d+(?:\.\d+)?)(万|亿)?元$/.exec(image);
  if (!m) return Number.NaN;
  const digits = m[1] ?? '0';
  const places = m[2] === '万' ? 4 : m[2] === '亿' ? 8 : 0;
  return Number(shiftDecimal(digits, places));
}

/** Canonical money text: the largest unit (亿元, 万元, 元) that keeps the amount an integer. */
export function formatMoney(value: number): string {
  if (Number.isInteger(value) && value > 0) {
    if (value % 1e8 === 0) return `${toPlain(value / 1e8)}亿元`;
    if (value % 1e4 === 0) return `${toPlain(value / 1e4)}万元`;
  }
  return `${toPlain(value)}元`;
}

/** `5%` → 0.05 (decimal-exact). */
export function percentValue(image: string): number {
  return Number(shiftDecimal(image.slice(0, -1), -2));
}

export function formatPercent(value: number): string {
  const plain = toPlain(value);
  return plain.startsWith('-') ? `-${shiftDecimal(plain.slice(1), 2)}%` : `${shiftDecimal(plain, 2)}%`;
}

const CHINESE_UNITS: Readonly<Record<string, DurationUnit>> = {
  年: 'year',
  个月: 'month',
  日: 'day',
  天: 'day',
  个工作日: 'workday',
};

/** `3年`, `6个月`, `7个工作日`, `3 years`, `1 workday` → amount and unit. */
export function durationValue(image: string): { amount: number; unit: DurationUnit } | undefined {
  const zh = /^(\d+)(年|个月|日|天|个工作日)$/.exec(image);
  if (zh) {
    const unit = CHINESE_UNITS[zh[2] ?? ''];
    return unit === undefined ? undefined : { amount: Number(zh[1]), unit };
  }
  const en = /^(\d+)[ \t]+(year|month|day|workday)s?$/.exec(image);
  if (en) return { amount: Number(en[1]), unit: en[2] as DurationUnit };
  return undefined;
}

/** A real proleptic Gregorian calendar date in `YYYY-MM-DD` form. */
export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

/** Body of a string literal (without quotes) → its value; `bad` lists the invalid escapes found. */
export function unescapeString(body: string): { value: string; bad: string[] } {
  let value = '';
  const bad: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (next === '"' || next === '\\') {
        value += next;
      } else {
        bad.push(`\\${next ?? ''}`);
        value += next ?? '';
      }
      i++;
    } else {
      value += c;
    }
  }
  return { value, bad };
}

export function quoteString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
