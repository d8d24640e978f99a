// The day a record began to meet a condition that holds only from a date on (walk.ts `Start`): read from the record
// as data — a date field, or one shifted by a literal duration — so an evaluator keeps no closure for it.
import type { Duration, IrExpr } from '../../dsl/ir.js';
import { CalendarCoverageError } from '../time/calendar.js';
import { dayAfter, lastDayOf, shiftOf } from './dates.js';
import type { Ctx, Rec } from './types.js';
import { startedOn } from './walk.js';
import type { Start } from './walk.js';

function fieldOf(rec: Rec, e: Extract<IrExpr, { op: 'field' }>): unknown {
  return e.builtin ? (rec as unknown as Record<string, unknown>)[e.key] : rec.attrs?.[e.key];
}

/**
 * The date a start or a stop (walk.ts) reads from `rec`: a date field, or one shifted by a literal duration (a civil
 * last day with `counted civil`); null when unset. Throws CalendarCoverageError for a year the calendar lacks.
 */
export function dateOnRecord(rec: Rec, e: IrExpr): unknown {
  if (e.op === 'field') return fieldOf(rec, e);
  if (e.op !== 'dateShift' || e.date.op !== 'field' || e.duration.op !== 'lit') return null;
  const v = fieldOf(rec, e.date);
  if (typeof v !== 'string') return null;
  const d = e.duration.value as Duration;
  return e.counting === 'civil' ? lastDayOf(v, d, 'civil').date : shiftOf(v, e.sign, d);
}

/** The date a start reads; null when unset, or when it needs a year the holiday calendar lacks (passed over). */
function startDate(rec: Rec, e: IrExpr): unknown {
  try {
    return dateOnRecord(rec, e);
  } catch (error) {
    if (error instanceof CalendarCoverageError) return null;
    throw error;
  }
}

/** The day `rec` began to meet a condition with these starts, not before `base` (its date, or a rule's `from`). */
export function startedOnRecord(ctx: Ctx, starts: readonly Start[], rec: Rec, base: string): string {
  return startedOn(starts, base, ctx.at, (e) => startDate(rec, e), dayAfter);
}
