// The quick path of validateSubject accepts exactly what the full validation accepts, so neither the answer
// nor the copy handed on ever depends on which path ran.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbSubjectFromVocabulary } from '../../engine/generate/index.js';
import { quickValidCopy } from '../../engine/subject/quick.js';
import type { SubjectLimits } from '../../engine/subject/validate.js';
import { DEFAULT_SUBJECT_LIMITS, validateSubject, validateSubjectFully } from '../../engine/subject/validate.js';
import { RESIDENT_ID, TEST_IR, USCC, validEnterprise } from './fixture.js';

type Json = Record<string, unknown>;

function sameAnswer(input: unknown, limits?: SubjectLimits, strict = true): void {
  const quick = validateSubject(input, TEST_IR, limits);
  const full = validateSubjectFully(input, TEST_IR, limits);
  if (strict) expect(quick).toStrictEqual(full);
  else expect(quick.ok).toBe(full.ok);
  // key order too: decisions and logs are compared byte for byte
  expect(JSON.stringify(quick)).toBe(JSON.stringify(full));
}

const TRICKY: readonly unknown[] = [
  null,
  undefined,
  '',
  'x',
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  ['罚款'],
  ['罚款', 1],
  [Number.NaN],
  [null],
  {},
  { a: 1 },
  '2024-02-29',
  '2023-02-29',
  '2024/01/01',
  '3年',
  'three years',
  '从重',
  '较重',
  '特别严重',
  'pending',
  'maybe',
  USCC,
  RESIDENT_ID,
  '91610800MA703XXXXX',
  '610800',
  '6108',
  'x'.repeat(40),
  'toString',
  'administrative_penalty',
  'court_dishonest_debtor',
  'R-2024-0001',
  'natural_person',
  'rural_household',
  'rejected',
  '（2023）陕08执123号',
];
const tricky = fc.oneof(fc.constantFrom(...TRICKY), fc.jsonValue());

const KEYS = [
  'id',
  'kind',
  'name',
  'region',
  'records',
  'type',
  'date',
  'authority',
  'severity',
  'attrs',
  'fulfilledOn',
  'repairedOn',
  'revokedOn',
  'objection',
  'fineAmount',
  'penaltyKinds',
  'domain',
  'discretion',
  'noIntent',
  'publishedOn',
  'years',
  'ratio',
  'term',
  'court',
  'caseNumber',
  '__proto__',
  'constructor',
  'toString',
  'a/b',
];
const keys = fc.constantFrom(...KEYS);

const LIMITS: readonly (SubjectLimits | undefined)[] = [
  undefined,
  {},
  { maxStringLength: 7 },
  { maxStringLength: 22 },
  { maxStringLength: 18 },
  { maxDepth: 3 },
  { maxDepth: 4 },
  { maxRecords: 1 },
  { maxProblems: 1 },
];
const limits = fc.constantFrom(...LIMITS);

/** Sets an own, enumerable key (a plain assignment to __proto__ would set the prototype instead). */
function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function targetOf(s: Json, where: number): Json | undefined {
  const records = s['records'];
  if (where === 0 || !Array.isArray(records)) return s;
  const rec = records[(where - 1) % 2] as unknown;
  if (typeof rec !== 'object' || rec === null) return undefined;
  if (where <= 2) return rec as Json;
  const attrs = (rec as Json)['attrs'];
  return typeof attrs === 'object' && attrs !== null ? (attrs as Json) : undefined;
}

describe('quick path', () => {
  it('gives the full validation’s answer for every single change from the tricky values, under every limit', () => {
    // the limits a valid fixture subject can be near; the others are covered by the random runs below
    for (const lim of [undefined, { maxStringLength: 22 }, { maxDepth: 4 }]) {
      for (let where = 0; where <= 4; where++) {
        for (const key of KEYS) {
          const removed = validEnterprise();
          const target = targetOf(removed, where);
          if (target !== undefined) delete target[key];
          sameAnswer(removed, lim, false);
          for (const value of TRICKY) {
            const s = validEnterprise();
            const t = targetOf(s, where);
            if (t !== undefined) put(t, key, structuredClone(value));
            sameAnswer(s, lim, false);
          }
        }
      }
    }
  });

  it('gives the full validation’s answer on mutated subjects, under any limits', () => {
    const mutation = fc.tuple(
      fc.integer({ min: 0, max: 4 }),
      keys,
      fc.option(tricky, { nil: undefined }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 0, maxLength: 3 }), limits, (changes, lim) => {
        const s = validEnterprise();
        for (const [where, key, value, remove] of changes) {
          const target = targetOf(s, where);
          if (target === undefined) continue;
          if (remove) delete target[key];
          else put(target, key, value);
        }
        sameAnswer(s, lim);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every subject generated from the vocabulary, as parsed JSON, with the same copy', () => {
    fc.assert(
      fc.property(arbSubjectFromVocabulary(TEST_IR), (subject) => {
        const parsed = JSON.parse(JSON.stringify(subject)) as unknown;
        expect(validateSubjectFully(parsed, TEST_IR).ok).toBe(true);
        expect(quickValidCopy(parsed, TEST_IR, DEFAULT_SUBJECT_LIMITS)).toBeDefined();
        sameAnswer(parsed);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves hostile input to the full validation', () => {
    const s = validEnterprise();
    Object.defineProperty(s, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validateSubject(s, TEST_IR)).toStrictEqual(validateSubjectFully(s, TEST_IR));
    const inherited = Object.assign(Object.create({ score: 1 }) as Json, validEnterprise());
    expect(quickValidCopy(inherited, TEST_IR, DEFAULT_SUBJECT_LIMITS)).toBeUndefined();
    sameAnswer(inherited);
    const shared = validEnterprise();
    const records = shared['records'] as unknown[];
    records.push(records[0]);
    sameAnswer(shared);
  });
});
