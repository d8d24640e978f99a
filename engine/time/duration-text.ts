// Turns a duration attribute as subjects write it ("3年", "6 months", "7个工作日") into a Duration. Subjects carry
// durations as text (the contract is JSON); the evaluators read them where the policy uses the attribute as a
// period, e.g. `extend to listingTerm` (a court's stated 纳入期限).
import type { DurationUnit } from '../../dsl/ast.js';
import type { Duration } from '../../dsl/ir.js';

export const DURATION_TEXT = /^([0-9]+) ?(years?|months?|days?|workdays?|年|个月|日|天|个工作日)$/;

const UNITS: Readonly<Record<string, DurationUnit>> = {
  year: 'year',
  years: 'year',
  年: 'year',
  month: 'month',
  months: 'month',
  个月: 'month',
  day: 'day',
  days: 'day',
  日: 'day',
  天: 'day',
  workday: 'workday',
  workdays: 'workday',
  个工作日: 'workday',
};

/**
 * Durations by text, frozen and shared: a court's 纳入期限 is one of a few texts, and the same Duration object for
 * the same text lets the date memo tables find their table by identity (a new object per record cost a weak-map
 * insertion each). Bounded: hostile input cannot grow it past LIMIT.
 */
const parsed = new Map<string, Duration | null>();
const LIMIT = 256;

/** null for anything that is not a duration text (the validation has refused those already). */
export function durationFromText(text: unknown): Duration | null {
  if (typeof text !== 'string') return null;
  let d = parsed.get(text);
  if (d !== undefined) return d;
  const m = DURATION_TEXT.exec(text);
  const amount = m === null ? NaN : Number(m[1]);
  d = m !== null && Number.isSafeInteger(amount) ? Object.freeze({ amount, unit: UNITS[m[2]!]! }) : null;
  if (parsed.size >= LIMIT) parsed.clear();
  parsed.set(text, d);
  return d;
}
