// Turns a subject that is certainly valid for a policy into its clean copy, in one pass that builds no paths and
// no problem list; every other subject gets undefined, and the full validation then lists what is wrong with it.
import type { Subject, SubjectRecord } from '../contract.js';
import type { IrField, IrRecordType, PolicyIr } from '../../dsl/ir.js';
import { SUBJECT_KINDS } from '../../dsl/ir.js';
import { isValidDate } from '../time/dates.js';
import { isValidResidentId, isValidUscc } from './identity.js';
import { attributeLayout, laidOutAttrs, laidOutRecord } from './layout.js';
import { attrMatches } from './shape.js';

export interface QuickLimits {
  readonly maxRecords: number;
  readonly maxStringLength: number;
  readonly maxDepth: number;
}

// The deepest container a valid subject holds is a list attribute: subject → records → record → attrs → list.
const DEEPEST_CONTAINER = 4;
// Up to this many records, duplicate ids are found by comparing pairs: cheaper than filling a Set.
const PAIRWISE_IDS = 16;

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * A JSON-like object: plain prototype, so that for-in sees exactly its own keys (the schema validator walks
 * keys with for-in, the structural guard with Object.keys: on such objects they agree).
 */
function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Object.prototype has no enumerable keys of its own (nobody polluted it), so plain objects inherit none. */
function pristinePrototype(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

interface Vocabulary {
  /** declared fields by key, without keys the guard forbids (those never pass) */
  readonly fields: ReadonlyMap<string, IrField>;
  readonly required: readonly string[];
}

const vocabularies = new WeakMap<IrRecordType, Vocabulary>();

function vocabularyOf(rt: IrRecordType): Vocabulary {
  let v = vocabularies.get(rt);
  if (v === undefined) {
    // The same declared keys, in the same order, as the copy's layout.
    const keys = attributeLayout(rt);
    v = {
      fields: new Map(keys.map((k) => [k, rt.fields[k] as IrField])),
      required: keys.filter((k) => rt.fields[k]?.required === true),
    };
    vocabularies.set(rt, v);
  }
  return v;
}

function isSixDigits(s: string): boolean {
  if (s.length !== 6) return false;
  for (let i = 0; i < 6; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function idFitsKind(id: string, kind: string): boolean {
  if (kind === 'natural_person') return isValidResidentId(id);
  // 农户 may be registered by the household head's resident id as well as by a code.
  return isValidUscc(id) || (kind === 'rural_household' && isValidResidentId(id));
}

class Walk {
  constructor(
    private readonly ir: PolicyIr,
    private readonly maxString: number,
  ) {}

  str(v: unknown): v is string {
    return typeof v === 'string' && v.length <= this.maxString;
  }

  /** absent, null, or a real date */
  optionalDate(v: unknown): boolean {
    return v === undefined || v === null || (isValidDate(v) && v.length <= this.maxString);
  }

  /** the contract's attribute value shapes: a string, a finite number, a boolean, an array of strings and numbers */
  attrValue(v: unknown): boolean {
    if (typeof v === 'string') return v.length <= this.maxString;
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v === 'boolean') return true;
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (!(typeof x === 'string' ? x.length <= this.maxString : typeof x === 'number' && Number.isFinite(x)))
        return false;
    }
    return true;
  }

  /** Whether the given attributes fit the record type: every required one set, every given one declared and of its type. */
  attrsFit(attrs: Record<string, unknown> | undefined, rt: IrRecordType): boolean {
    const vocabulary = vocabularyOf(rt);
    for (const key of vocabulary.required) {
      const v = attrs?.[key];
      if (v === undefined || v === null) return false;
    }
    if (attrs === undefined) return true;
    for (const key in attrs) {
      const field = vocabulary.fields.get(key);
      if (field === undefined) return false;
      const v = attrs[key];
      if (v === null) continue;
      if (!this.attrValue(v) || !attrMatches(field, v)) return false;
    }
    return true;
  }

  record(r: unknown): SubjectRecord | undefined {
    if (!isPlain(r)) return undefined;
    for (const key in r) {
      switch (key) {
        case 'id':
        case 'type':
        case 'date':
        case 'authority':
        case 'severity':
        case 'attrs':
        case 'fulfilledOn':
        case 'repairedOn':
        case 'revokedOn':
        case 'objection':
          continue;
        default:
          return undefined;
      }
    }
    const { id, type, date, authority, severity, attrs, fulfilledOn, repairedOn, revokedOn, objection } = r;
    if (!this.str(id) || id === '' || !this.str(type) || !hasOwn(this.ir.records, type)) return undefined;
    if (!isValidDate(date) || date.length > this.maxString) return undefined;
    if (authority !== undefined && !this.str(authority)) return undefined;
    if (!this.optionalDate(fulfilledOn) || !this.optionalDate(repairedOn) || !this.optionalDate(revokedOn))
      return undefined;
    // revoked before it was made: the full validation says so
    if (typeof revokedOn === 'string' && revokedOn < date) return undefined;
    if (objection !== undefined && objection !== null) {
      if (objection !== 'pending' && objection !== 'upheld' && objection !== 'rejected') return undefined;
      if (objection.length > this.maxString) return undefined;
    }
    const rt = this.ir.records[type] as IrRecordType;
    if (severity !== undefined && severity !== null) {
      if (!this.str(severity) || !rt.hasSeverity || !this.ir.severity.includes(severity)) return undefined;
    }
    if (attrs !== undefined && !isPlain(attrs)) return undefined;
    if (!this.attrsFit(attrs, rt)) return undefined;
    return laidOutRecord({
      id,
      type,
      date,
      authority,
      severity,
      fulfilledOn,
      repairedOn,
      revokedOn,
      objection,
      attrs: attrs === undefined ? undefined : laidOutAttrs(attrs, attributeLayout(rt)),
    });
  }
}

function distinctIds(records: readonly SubjectRecord[]): boolean {
  if (records.length <= PAIRWISE_IDS) {
    for (let i = 1; i < records.length; i++) {
      const x = (records[i] as SubjectRecord).id;
      for (let j = 0; j < i; j++) if ((records[j] as SubjectRecord).id === x) return false;
    }
    return true;
  }
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
  }
  return true;
}

/**
 * The clean copy the full validation would hand on, when it would find nothing wrong: same contract, same
 * vocabulary, same limits. Anything unusual (another prototype, a value of another type, a limit below what a
 * valid subject needs) is undefined, never a guess. May throw on hostile input (a throwing getter); the
 * caller then validates fully.
 */
export function quickValidCopy(input: unknown, ir: PolicyIr, limits: QuickLimits): Subject | undefined {
  if (limits.maxDepth < DEEPEST_CONTAINER || !isPlain(input) || !pristinePrototype()) return undefined;
  for (const key in input) {
    if (key !== 'id' && key !== 'kind' && key !== 'name' && key !== 'region' && key !== 'records') return undefined;
  }
  const { id, kind, name, region, records } = input;
  const walk = new Walk(ir, limits.maxStringLength);
  if (!walk.str(id) || !walk.str(kind) || !hasOwn(SUBJECT_KINDS, kind) || !idFitsKind(id, kind)) return undefined;
  if (name !== undefined && !walk.str(name)) return undefined;
  if (region !== undefined && !(walk.str(region) && isSixDigits(region))) return undefined;
  if (!Array.isArray(records) || records.length > limits.maxRecords) return undefined;
  const copies: SubjectRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const copy = walk.record(records[i]);
    if (copy === undefined) return undefined;
    copies.push(copy);
  }
  if (!distinctIds(copies)) return undefined;
  const out: Record<string, unknown> = { id, kind };
  if (name !== undefined) out['name'] = name;
  if (region !== undefined) out['region'] = region;
  out['records'] = copies;
  return out as unknown as Subject;
}
