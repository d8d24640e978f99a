// What a valid attribute value looks like for a declared field, and which keys are never accepted: shared by
// the full validation (which explains) and its quick path (which only accepts).
import type { IrField } from '../../dsl/ir.js';
import { isValidDate } from '../time/dates.js';
import { DURATION_TEXT } from '../time/duration-text.js';

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function attrMatches(field: IrField, v: unknown): boolean {
  const t = field.type;
  switch (t.t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v);
    case 'money':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'date':
      return isValidDate(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'duration':
      return typeof v === 'string' && DURATION_TEXT.test(v);
    case 'enum':
      return typeof v === 'string' && t.values.includes(v);
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && t.values.includes(x));
  }
}
