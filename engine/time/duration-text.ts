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

/** null for anything that is not a duration text (the validation has refused those already). */
export function durationFromText(text: unknown): Duration | null {
  if (typeof text !== 'string') return null;
  const m = DURATION_TEXT.exec(text);
  if (m === null) return null;
  const amount = Number(m[1]);
  return Number.isSafeInteger(amount) ? { amount, unit: UNITS[m[2]!]! } : null;
}
