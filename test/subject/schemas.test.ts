// The published JSON Schemas: in sync with the engine's copy, compilable, and accepting what the contract says.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../../engine/contract.js';
import type { Decision } from '../../engine/contract.js';
import { DECISION_SCHEMA, SUBJECT_SCHEMA } from '../../engine/subject/schemas.js';
import { validEnterprise } from './fixture.js';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as unknown;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });

const decision: Decision = {
  contract: CONTRACT_VERSION,
  subject: '91610800MA703XXXXW',
  at: '2025-06-30',
  matter: '政府采购',
  policy: { id: '榆林', version: '2025', hash: 'abc' },
  inForce: true,
  lists: [
    {
      list: '严重违法失信名单',
      kind: 'black',
      since: '2024-03-01',
      until: '2027-03-01',
      repairFrom: '2025-03-04',
      because: [
        { rule: '较重行政处罚', records: ['R-2024-0001'], basis: ['《市场监督管理严重违法失信名单管理办法》第二条'] },
      ],
      marked: [],
    },
  ],
  grade: {
    scale: '信用风险分类',
    score: 60,
    grade: 'D',
    by: 'direct',
    rule: 'd1',
    items: [{ item: 'x', points: -40, records: ['R-2024-0001'] }],
  },
  grades: [],
  supervision: { scale: '信用风险分类', grade: 'D', spotCheckRatio: 0.5, spotCheckRange: [0.3, 0.5], basis: [] },
  measures: [
    {
      measure: '限制参加政府采购',
      kind: 'penalty',
      action: 'block',
      because: ['严重违法失信名单'],
      basis: [],
      mandatory: true,
      matters: ['政府采购'],
      since: '2024-03-01',
      until: null,
    },
  ],
  notes: ['2027年节假日安排尚未收录，期间末日按周末和法定节日推定（未计调休），以国务院公布的放假安排为准'],
  explanation: {
    kind: 'decision',
    outcome: 'info',
    text: '评价结果',
    children: [
      {
        kind: 'list',
        name: '严重违法失信名单',
        outcome: 'applies',
        text: '列入',
        dates: { since: '2024-03-01', until: null },
      },
      { kind: 'condition', outcome: 'not-applies', text: '未满足', values: { fineAmount: 1200000, kinds: ['罚款'] } },
    ],
  },
};

describe('published schemas', () => {
  it('schemas/*.schema.json are exactly the engine copies', () => {
    expect(read('subject.schema.json')).toEqual(SUBJECT_SCHEMA);
    expect(read('decision.schema.json')).toEqual(DECISION_SCHEMA);
  });

  it('the subject schema accepts the contract example and rejects an extra field', () => {
    const check = ajv.compile(read('subject.schema.json') as object);
    expect(check(validEnterprise())).toBe(true);
    expect(check({ ...validEnterprise(), extra: 1 })).toBe(false);
  });

  it('the decision schema accepts a full decision and rejects broken ones', () => {
    const check = ajv.compile(read('decision.schema.json') as object);
    expect(check(decision), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...decision, contract: 'other/1' })).toBe(false);
    expect(check({ ...decision, at: '2025-6-30' })).toBe(false);
    expect(check({ ...decision, grade: { ...decision.grade, by: 'vote' } })).toBe(false);
    const deepBad = {
      ...decision,
      explanation: {
        kind: 'decision',
        outcome: 'info',
        text: 't',
        children: [{ kind: 'bogus', outcome: 'info', text: 't' }],
      },
    };
    expect(check(deepBad)).toBe(false);
    const { notes: _notes, ...missing } = decision;
    expect(check(missing)).toBe(false);
  });
});
