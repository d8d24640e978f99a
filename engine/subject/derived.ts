// Turns what a subject's identity already states into the subject fields a policy can read beside kind and region:
// a natural person's 成年日期 from the birth date in the 居民身份证号码.
import { addDays, shiftDate } from '../time/index.js';

const EIGHTEEN_YEARS = Object.freeze({ amount: 18, unit: 'year' as const });
const RESIDENT_ID = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

/**
 * The first day a natural person is 十八周岁 (民法典 第十七条): 周岁 are counted by the calendar and reached the day
 * after the birthday (最高人民法院 on 周岁: 从周岁生日的第二天起算), a 29 February birthday falling on 28 February
 * (民法典 第二百零二条). Null for anyone else, or an id that states no birth date (a validated natural person's
 * always does: GB 11643-1999).
 */
export function adultOn(subject: { readonly id: string; readonly kind: string }): string | null {
  if (subject.kind !== 'natural_person') return null;
  const m = RESIDENT_ID.exec(subject.id);
  if (m === null) return null;
  return addDays(shiftDate(`${m[1]}-${m[2]}-${m[3]}`, 1, EIGHTEEN_YEARS), 1);
}

/** A subject field as an expression reads it: given (id, kind, region, name) or derived (adultOn). */
export function subjectField(subject: Readonly<Record<string, unknown>>, key: string): string | null {
  if (key === 'adultOn') return adultOn(subject as { id: string; kind: string });
  const v = subject[key];
  return typeof v === 'string' ? v : null;
}
