// Turns dates, money, durations and values into the Chinese forms an explanation or a notice uses.
import type { Duration } from '../../dsl/ir.js';

// Month and day words by number ('03' reads as 3月), so a date is formatted without a regex or a memo lookup.
const MONTH_ZH = Array.from({ length: 100 }, (_, i) => `${i}月`);
const DAY_ZH = Array.from({ length: 100 }, (_, i) => `${i}日`);

/** The digit at `i` of `s`, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** '2024-03-01' → '2024年3月1日'; anything else is returned as is. */
export function formatDate(date: string): string {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return date;
  if (digitAt(date, 0) < 0 || digitAt(date, 1) < 0 || digitAt(date, 2) < 0 || digitAt(date, 3) < 0) return date;
  const m1 = digitAt(date, 5);
  const m2 = digitAt(date, 6);
  const d1 = digitAt(date, 8);
  const d2 = digitAt(date, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return date;
  return date.slice(0, 4) + '年' + MONTH_ZH[m1 * 10 + m2]! + DAY_ZH[d1 * 10 + d2]!;
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** 5000 → '5000元', 1000000 → '100万元', 150000000 → '1.5亿元' (the units of the policy language). */
export function formatMoney(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e8 && Number.isInteger((n / 1e8) * 100)) return `${trim(n / 1e8)}亿元`;
  if (abs >= 1e4 && Number.isInteger((n / 1e4) * 100)) return `${trim(n / 1e4)}万元`;
  return `${trim(n)}元`;
}

const UNIT_ZH = { year: '年', month: '个月', day: '日', workday: '个工作日' } as const;
const UNIT_DSL = { year: 'year', month: 'month', day: 'day', workday: 'workday' } as const;

export function formatDuration(d: Duration): string {
  return `${d.amount}${UNIT_ZH[d.unit]}`;
}

/** The policy-language spelling of a duration, for conditions quoted in backticks. */
export function durationDsl(d: Duration): string {
  return `${d.amount} ${UNIT_DSL[d.unit]}${d.amount === 1 ? '' : 's'}`;
}

export function formatPercent(x: number): string {
  return `${trim(x * 100)}%`;
}

/** Rounds away floating noise (0.1 + 0.2) to two decimals; integers stay integers. */
export function round2(x: number): number {
  if (Number.isInteger(x)) return x;
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * Masks a resident identity number (GB 11643: 17 digits and a check character): the first 6 and the last 4 stay,
 * as 个人信息保护法 asks for text shown to others.
 */
export function maskIdentity(id: string): string {
  if (!/^\d{17}[\dXx]$/.test(id)) return id;
  return id.slice(0, 6) + '*'.repeat(8) + id.slice(14);
}

/** Every identity number inside a text, masked. */
export function maskIdentitiesIn(text: string): string {
  return text.replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdentity(m));
}
