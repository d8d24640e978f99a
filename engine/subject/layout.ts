// The one object layout a validated record gets, whatever the input left out: shared by the full validation and
// its quick path, so that the copy handed on never depends on which path ran.
//
// Why: the evaluator's closures read record fields and attributes at a handful of sites. Records that carry
// different subsets of the optional fields are objects of different hidden classes, and with a few dozen of
// them per policy those reads go megamorphic. Every contract field present (undefined when not given) and
// every declared attribute of the type present, in declaration order, makes one layout per record type:
// 1.34–1.38× decisions/s on the 榆林 benchmark population (`npm run bench:ab`, two seeds). The serialised forms
// are unchanged: JSON.stringify and canonicalJson drop undefined members, and a record given without `attrs`
// still has none.
import type { AttrValue, SubjectRecord } from '../contract.js';
import type { IrRecordType } from '../../dsl/ir.js';
import { FORBIDDEN_KEYS } from './shape.js';

const layouts = new WeakMap<IrRecordType, readonly string[]>();

/** The declared attribute keys of a record type, in declaration order, without keys the guard forbids. */
export function attributeLayout(rt: IrRecordType): readonly string[] {
  let keys = layouts.get(rt);
  if (keys === undefined) {
    keys = Object.keys(rt.fields).filter((k) => !FORBIDDEN_KEYS.has(k));
    layouts.set(rt, keys);
  }
  return keys;
}

/**
 * A copy of checked attributes with every declared key present (undefined when not given); array values are
 * copied so the caller's input is never shared. The caller has checked that every given key is declared.
 */
export function laidOutAttrs(
  given: Readonly<Record<string, unknown>>,
  layout: readonly string[],
): Record<string, AttrValue> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < layout.length; i++) {
    const key = layout[i]!;
    const v = Object.prototype.hasOwnProperty.call(given, key) ? given[key] : undefined;
    out[key] = Array.isArray(v) ? v.slice() : v;
  }
  return out as Record<string, AttrValue>;
}

/** The fields of a checked record, each present or undefined. */
export interface RecordFields {
  readonly id: unknown;
  readonly type: unknown;
  readonly date: unknown;
  readonly authority: unknown;
  readonly severity: unknown;
  readonly fulfilledOn: unknown;
  readonly repairedOn: unknown;
  readonly revokedOn: unknown;
  readonly objection: unknown;
  readonly attrs: Record<string, AttrValue> | undefined;
}

/** Always the same keys in the same order: one hidden class for every validated record. */
export function laidOutRecord(f: RecordFields): SubjectRecord {
  const out = {
    id: f.id,
    type: f.type,
    date: f.date,
    authority: f.authority,
    severity: f.severity,
    fulfilledOn: f.fulfilledOn,
    repairedOn: f.repairedOn,
    revokedOn: f.revokedOn,
    objection: f.objection,
    attrs: f.attrs,
  };
  return out as unknown as SubjectRecord;
}
