// validateSubject: every problem listed with its JSON Pointer and code; valid subjects come back clean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubjectProblem } from '../../engine/subject/validate.js';
import { validateSubject } from '../../engine/subject/validate.js';
import { RESIDENT_ID, TEST_IR, USCC, validEnterprise } from './fixture.js';

type Json = Record<string, unknown>;

function problems(input: unknown, limits?: Parameters<typeof validateSubject>[2]): SubjectProblem[] {
  const r = validateSubject(input, TEST_IR, limits);
  return r.ok ? [] : [...r.problems];
}

function pairs(input: unknown, limits?: Parameters<typeof validateSubject>[2]): string[] {
  return problems(input, limits).map((p) => `${p.path} ${p.code}`);
}

/** The valid enterprise with one change applied to a deep copy. */
function mutate(change: (s: Json) => void): Json {
  const s = structuredClone(validEnterprise());
  change(s);
  return s;
}

const rec = (s: Json, i: number): Json => (s['records'] as Json[])[i] as Json;
const attrs = (s: Json, i: number): Json => rec(s, i)['attrs'] as Json;

describe('valid subjects', () => {
  it('the design.md example (with a valid code) passes and comes back as a clean copy', () => {
    const input = validEnterprise();
    const r = validateSubject(input, TEST_IR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.subject).toEqual(input);
    expect(r.subject).not.toBe(input);
    expect(r.subject.records[0]).not.toBe((input['records'] as unknown[])[0]);
  });

  it('a natural person with a resident id, no optional fields, no records', () => {
    expect(pairs({ id: RESIDENT_ID, kind: 'natural_person', records: [] })).toEqual([]);
    expect(pairs({ id: '11010519491231002X', kind: 'natural_person', records: [] })).toEqual([]);
  });

  it('every organisation kind accepts a USCC; 农户 also accepts a resident id', () => {
    for (const kind of [
      'government_agency',
      'public_institution',
      'enterprise',
      'individual_business',
      'social_group',
      'private_non_enterprise',
      'farmer_cooperative',
      'rural_household',
    ]) {
      expect(pairs({ id: USCC, kind, records: [] }), kind).toEqual([]);
    }
    expect(pairs({ id: RESIDENT_ID, kind: 'rural_household', records: [] })).toEqual([]);
  });

  it('attrs of every field type in their valid forms, nulls as unset', () => {
    const s = mutate((x) => {
      Object.assign(attrs(x, 0), {
        discretion: '从重',
        noIntent: false,
        publishedOn: '2024-02-29',
        years: 3,
        ratio: 0.05,
        term: '3年',
        fineAmount: 0,
        penaltyKinds: [],
      });
      Object.assign(attrs(x, 1), { court: null });
    });
    expect(pairs(s)).toEqual([]);
    for (const term of ['3 years', '1 year', '6个月', '15日', '15天', '7个工作日', '7 workdays']) {
      expect(pairs(mutate((x) => (attrs(x, 0)['term'] = term))), term).toEqual([]);
    }
  });
});

describe('each kind of problem: path and code', () => {
  const rows: [string, (s: Json) => void, string[]][] = [
    ['missing kind', (s) => delete s['kind'], ['/kind subject.required']],
    ['unknown kind', (s) => (s['kind'] = 'company'), ['/kind subject.kind.unknown']],
    ['unknown top-level field', (s) => (s['score'] = 1), ['/score subject.unknown-field']],
    ['wrong USCC check character', (s) => (s['id'] = '91610800MA703XXXXX'), ['/id subject.id.check-char']],
    ['lower-case id', (s) => (s['id'] = USCC.toLowerCase()), ['/id subject.id.format']],
    ['an enterprise with a resident id', (s) => (s['id'] = RESIDENT_ID), ['/id subject.id.invalid']],
    [
      'a natural person with a USCC',
      (s) => {
        s['kind'] = 'natural_person';
      },
      ['/id subject.id.invalid'],
    ],
    [
      'a resident id with a wrong check digit',
      (s) => {
        s['kind'] = 'natural_person';
        s['id'] = '110105194912310021';
      },
      ['/id subject.id.check-char'],
    ],
    ['region not 6 digits', (s) => (s['region'] = '6108'), ['/region subject.region.format']],
    ['records not an array', (s) => (s['records'] = {}), ['/records subject.type']],
    ['record missing date', (s) => delete rec(s, 0)['date'], ['/records/0/date subject.required']],
    ['non-existent date', (s) => (rec(s, 0)['date'] = '2023-02-29'), ['/records/0/date record.date.invalid']],
    ['malformed date', (s) => (rec(s, 0)['date'] = '2024/03/01'), ['/records/0/date subject.date.format']],
    [
      'non-existent repairedOn',
      (s) => (rec(s, 0)['repairedOn'] = '2024-04-31'),
      ['/records/0/repairedOn record.date.invalid'],
    ],
    [
      'revoked before it was made',
      (s) => {
        rec(s, 0)['date'] = '2024-03-01';
        rec(s, 0)['revokedOn'] = '2024-02-29';
      },
      ['/records/0/revokedOn record.revoked.before-date'],
    ],
    [
      'resident id whose 地址码 names no province',
      (s) => {
        s['kind'] = 'natural_person';
        s['id'] = '00000019900101123X';
      },
      ['/id subject.id.invalid'],
    ],
    ['unknown record field', (s) => (rec(s, 1)['note'] = 'x'), ['/records/1/note subject.unknown-field']],
    ['objection value', (s) => (rec(s, 1)['objection'] = 'maybe'), ['/records/1/objection subject.enum']],
    ['unknown record type', (s) => (rec(s, 0)['type'] = 'tax_arrears'), ['/records/0/type record.type.unknown']],
    [
      'record type named like an Object.prototype member',
      (s) => (rec(s, 0)['type'] = 'toString'),
      ['/records/0/type record.type.unknown'],
    ],
    ['unknown attr', (s) => (attrs(s, 0)['fine'] = 1), ['/records/0/attrs/fine record.attr.unknown']],
    [
      'attr named like an Object.prototype member',
      (s) => (attrs(s, 0)['hasOwnProperty'] = 1),
      ['/records/0/attrs/hasOwnProperty record.attr.unknown'],
    ],
    ['negative money', (s) => (attrs(s, 0)['fineAmount'] = -5), ['/records/0/attrs/fineAmount record.attr.type']],
    [
      'money as a string',
      (s) => (attrs(s, 0)['fineAmount'] = '120万元'),
      ['/records/0/attrs/fineAmount record.attr.type'],
    ],
    ['integer with a fraction', (s) => (attrs(s, 0)['years'] = 1.5), ['/records/0/attrs/years record.attr.type']],
    ['decimal as a string', (s) => (attrs(s, 0)['ratio'] = '0.05'), ['/records/0/attrs/ratio record.attr.type']],
    ['string as a number', (s) => (attrs(s, 0)['domain'] = 12), ['/records/0/attrs/domain record.attr.type']],
    ['boolean as a string', (s) => (attrs(s, 0)['noIntent'] = 'true'), ['/records/0/attrs/noIntent record.attr.type']],
    [
      'date attr that does not exist',
      (s) => (attrs(s, 0)['publishedOn'] = '2023-02-29'),
      ['/records/0/attrs/publishedOn record.attr.type'],
    ],
    [
      'duration attr in an unknown form',
      (s) => (attrs(s, 0)['term'] = 'three years'),
      ['/records/0/attrs/term record.attr.type'],
    ],
    [
      'enum value not declared',
      (s) => (attrs(s, 0)['discretion'] = '特别从重'),
      ['/records/0/attrs/discretion record.attr.type'],
    ],
    [
      'list with an undeclared value',
      (s) => (attrs(s, 0)['penaltyKinds'] = ['罚款', '警告']),
      ['/records/0/attrs/penaltyKinds/1 record.attr.type'],
    ],
    [
      'list given as a string',
      (s) => (attrs(s, 0)['penaltyKinds'] = '罚款'),
      ['/records/0/attrs/penaltyKinds record.attr.type'],
    ],
    ['attr value an object', (s) => (attrs(s, 0)['domain'] = { a: 1 }), ['/records/0/attrs/domain subject.type']],
    ['missing required attr', (s) => delete attrs(s, 0)['domain'], ['/records/0/attrs/domain record.attr.missing']],
    [
      'required attr null',
      (s) => (attrs(s, 1)['caseNumber'] = null),
      ['/records/1/attrs/caseNumber record.attr.missing'],
    ],
    [
      'no attrs at all but one required',
      (s) => delete rec(s, 1)['attrs'],
      ['/records/1/attrs/caseNumber record.attr.missing'],
    ],
    [
      'severity not in the scale',
      (s) => (rec(s, 0)['severity'] = '特别严重'),
      ['/records/0/severity record.severity.unknown'],
    ],
    [
      'severity on a type without one',
      (s) => (rec(s, 1)['severity'] = '严重'),
      ['/records/1/severity record.severity.not-allowed'],
    ],
    ['duplicate record id', (s) => (rec(s, 1)['id'] = 'R-2024-0001'), ['/records/1/id record.id.duplicate']],
    ['empty record id', (s) => (rec(s, 1)['id'] = ''), ['/records/1/id subject.empty']],
  ];
  for (const [note, change, want] of rows) {
    it(note, () => {
      const got = problems(mutate(change));
      expect(got.map((p) => `${p.path} ${p.code}`)).toEqual(want);
      for (const p of got) {
        expect(p.message).toMatch(/[\u4e00-\u9fff]/);
        expect(p.messageEn).toMatch(/[a-z]/);
      }
    });
  }

  it('the check-character message names the right character', () => {
    const [p] = problems(mutate((s) => (s['id'] = '91610800MA703XXXXX')));
    expect(p?.message).toContain('W');
  });

  it('JSON Pointer escapes ~ and / in keys', () => {
    expect(pairs(mutate((s) => (attrs(s, 0)['a/b~c'] = 1)))).toEqual(['/records/0/attrs/a~1b~0c record.attr.unknown']);
  });
});

describe('several problems are all listed, sorted by path (array indexes numerically)', () => {
  it('lists every problem of a badly wrong subject', () => {
    const got = pairs({
      id: '91610800MA703XXXXX',
      kind: 'enterprise',
      region: 'x',
      extra: true,
      records: [
        { id: 'A', type: 'administrative_penalty', date: '2023-02-29', severity: '很重', attrs: { fineAmount: -1 } },
        { id: 'A', type: 'nope', date: '2024-01-01' },
        { id: 'B', type: 'court_dishonest_debtor', date: '2024-01-01', attrs: { caseNumber: 1 }, objection: 'x' },
      ],
    });
    expect(got).toEqual([
      '/extra subject.unknown-field',
      '/id subject.id.check-char',
      '/records/0/attrs/domain record.attr.missing',
      '/records/0/attrs/fineAmount record.attr.type',
      '/records/0/date record.date.invalid',
      '/records/0/severity record.severity.unknown',
      '/records/1/id record.id.duplicate',
      '/records/1/type record.type.unknown',
      '/records/2/attrs/caseNumber record.attr.type',
      '/records/2/objection subject.enum',
      '/region subject.region.format',
    ]);
  });

  it('orders array indexes numerically', () => {
    const records = Array.from({ length: 12 }, (_, i) => ({ id: `R${i}`, type: 'nope', date: '2024-01-01' }));
    const got = problems({ id: USCC, kind: 'enterprise', records }).map((p) => p.path);
    expect(got).toEqual(records.map((_, i) => `/records/${i}/type`));
  });
});

describe('hostile input', () => {
  it('rejects __proto__, constructor and prototype keys anywhere, without assigning through them', () => {
    const parsed = JSON.parse(
      `{"id":"${USCC}","kind":"enterprise","__proto__":{"polluted":1},"records":[{"id":"R","type":"administrative_penalty","date":"2024-01-01","attrs":{"domain":"x","constructor":{"prototype":1}}}]}`,
    ) as unknown;
    const got = pairs(parsed);
    expect(got).toContain('/__proto__ subject.forbidden-key');
    expect(got).toContain('/records/0/attrs/constructor subject.forbidden-key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(pairs(mutate((s) => (attrs(s, 0)['prototype'] = 1)))).toEqual([
      '/records/0/attrs/prototype subject.forbidden-key',
    ]);
  });

  it('not an object', () => {
    for (const v of [null, undefined, 42, 'subject', [], true]) {
      expect(pairs(v)).toEqual([' subject.type']);
    }
  });

  it('too many records: one problem naming the limit, nothing else looked at', () => {
    const records = Array.from({ length: 11 }, () => null);
    const got = problems({ id: USCC, kind: 'enterprise', records }, { maxRecords: 10 });
    expect(got.map((p) => `${p.path} ${p.code}`)).toEqual(['/records subject.limit.records']);
    expect(got[0]?.message).toContain('maxRecords = 10');
  });

  it('default limit is 100,000 records', () => {
    const records = { length: 100_001 };
    const arr = Array.from(records, () => 0);
    const got = problems({ id: USCC, kind: 'enterprise', records: arr });
    expect(got.map((p) => p.code)).toEqual(['subject.limit.records']);
    expect(got[0]?.message).toContain('100000');
  });

  it('string too long and nesting too deep name their limits', () => {
    const long = problems(
      mutate((s) => (s['name'] = 'x'.repeat(101))),
      { maxStringLength: 100 },
    );
    expect(long.map((p) => `${p.path} ${p.code}`)).toEqual(['/name subject.limit.string-length']);
    expect(long[0]?.message).toContain('maxStringLength = 100');
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = [deep];
    const got = problems(mutate((s) => (attrs(s, 0)['domain'] = deep)));
    expect(got.some((p) => p.code === 'subject.limit.depth' && p.message.includes('maxDepth = 8'))).toBe(true);
  });

  it('a value nested too deeply is cut out, and every other problem of the subject is still listed', () => {
    const s = validEnterprise();
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = [deep];
    attrs(s, 0)['domain'] = deep;
    (s as { records: Record<string, unknown>[] }).records[0]!['date'] = '2024-02-30';
    (s as Record<string, unknown>)['id'] = '91610800MA703XXXX0';
    const got = pairs(s);
    // the guard cuts where the limit is crossed, inside the value; nothing else is said at or below that place (its
    // placeholder is no wrong type), and the rest of the subject is still checked (the value itself is no string)
    const depth = got.filter((p) => p.endsWith(' subject.limit.depth'));
    expect(depth).toHaveLength(1);
    const cut = depth[0]!.split(' ')[0]!;
    expect(cut).toMatch(/^\/records\/0\/attrs\/domain(\/0)+$/);
    expect(got.filter((p) => p.startsWith(cut + ' ') || p.startsWith(cut + '/'))).toEqual(depth);
    expect(got).toContain('/records/0/attrs/domain/0 subject.type');
    expect(got).toContain('/records/0/date record.date.invalid');
    expect(got).toContain('/id subject.id.check-char');
  });

  it('a cycle is reported, not followed, and the rest is still checked', () => {
    const s = validEnterprise();
    (attrs(s, 0) as Record<string, unknown>)['self'] = s;
    (s as Record<string, unknown>)['kind'] = 'company';
    const got = pairs(s);
    expect(got).toContain('/records/0/attrs/self subject.cyclic');
    expect(got).toContain('/kind subject.kind.unknown');
  });

  it('a cycle is reported, not followed', () => {
    const s = validEnterprise();
    (attrs(s, 0) as Record<string, unknown>)['self'] = s;
    expect(pairs(s)).toContain('/records/0/attrs/self subject.cyclic');
  });

  it('a throwing getter becomes a problem, not an exception', () => {
    const s = validEnterprise();
    Object.defineProperty(s, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(pairs(s)).toEqual([' subject.unreadable']);
  });

  it('caps the number of problems and says how many were left out', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ id: `R${i}`, type: 'nope', date: '2024-01-01' }));
    const got = problems({ id: USCC, kind: 'enterprise', records }, { maxProblems: 10 });
    expect(got).toHaveLength(11);
    expect(got[10]?.code).toBe('subject.too-many-problems');
    expect(got[10]?.message).toContain('20');
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = validateSubject(v, TEST_IR);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON, nor on mutated valid subjects', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = validateSubject(JSON.parse(text), TEST_IR);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    const anyJsonValue = fc.jsonValue();
    fc.assert(
      fc.property(
        fc.constantFrom('id', 'kind', 'region', 'name', 'records', 'date', 'type', 'attrs', 'severity', 'objection'),
        anyJsonValue,
        fc.integer({ min: 0, max: 2 }),
        (key, value, where) => {
          const s = validEnterprise();
          const target: Json = where === 0 ? s : where === 1 ? rec(s, 0) : attrs(s, 0);
          target[key] = value;
          const r = validateSubject(s, TEST_IR);
          if (!r.ok) for (const p of r.problems) expect(p.path.startsWith('/') || p.path === '').toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
