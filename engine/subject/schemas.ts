// The public contract's JSON Schemas (draft-07) as data; schemas/*.schema.json are written from these.
import { CONTRACT_VERSION } from '../contract.js';
import { SUBJECT_KINDS } from '../../dsl/ir.js';

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
/** USCC charset plus nothing else: a resident id (digits and X) fits it too. */
export const SUBJECT_ID_PATTERN = '^[0-9A-HJ-NP-RTUWXY]{18}$';

export const SUBJECT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:xinyong:schema:subject:1',
  title: '信用主体 / credit subject',
  description:
    'The subject a business system sends for evaluation (design.md "Public contract"). Dates are YYYY-MM-DD calendar dates (China Standard Time) and must exist; amounts are in 元. Record types and attrs are declared by the policy\'s record vocabulary and checked against it in code.',
  type: 'object',
  required: ['id', 'kind', 'records'],
  additionalProperties: false,
  properties: {
    id: {
      description:
        '统一社会信用代码 (GB 32100-2015) for organisations, 居民身份证号码 (GB 11643-1999) for natural persons',
      type: 'string',
      pattern: SUBJECT_ID_PATTERN,
    },
    kind: { type: 'string', enum: Object.keys(SUBJECT_KINDS) },
    name: { type: 'string' },
    region: { description: '6-digit 行政区划代码', type: 'string', pattern: '^[0-9]{6}$' },
    records: { type: 'array', items: { $ref: '#/definitions/record' } },
  },
  definitions: {
    date: { type: 'string', pattern: DATE_PATTERN },
    nullableDate: { type: ['string', 'null'], pattern: DATE_PATTERN },
    attrValue: {
      type: ['string', 'number', 'boolean', 'null', 'array'],
      items: { type: ['string', 'number'] },
    },
    record: {
      type: 'object',
      required: ['id', 'type', 'date'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 },
        type: { type: 'string', minLength: 1 },
        date: { $ref: '#/definitions/date' },
        authority: { type: 'string' },
        severity: { type: ['string', 'null'] },
        attrs: { type: 'object', additionalProperties: { $ref: '#/definitions/attrValue' } },
        fulfilledOn: { $ref: '#/definitions/nullableDate' },
        repairedOn: { $ref: '#/definitions/nullableDate' },
        revokedOn: { $ref: '#/definitions/nullableDate' },
        objection: { enum: [null, 'pending', 'upheld', 'rejected'] },
      },
    },
  },
} as const;

const citations = { type: 'array', items: { type: 'string' } } as const;
const nullableDate = { type: ['string', 'null'], pattern: DATE_PATTERN } as const;
const date = { type: 'string', pattern: DATE_PATTERN } as const;
const attrValue = { $ref: '#/definitions/attrValue' } as const;

export const DECISION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:xinyong:schema:decision:1',
  title: '评价结果 / decision',
  description:
    'The decision returned for a subject at a date (engine/contract.ts Decision), serialised as canonical JSON.',
  type: 'object',
  required: [
    'contract',
    'subject',
    'at',
    'matter',
    'policy',
    'inForce',
    'lists',
    'grade',
    'grades',
    'supervision',
    'measures',
    'notes',
  ],
  additionalProperties: false,
  properties: {
    contract: { const: CONTRACT_VERSION },
    subject: { type: 'string' },
    at: date,
    matter: { type: ['string', 'null'] },
    policy: {
      type: 'object',
      required: ['id', 'version', 'hash'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, version: { type: 'string' }, hash: { type: 'string' } },
    },
    inForce: { type: 'boolean' },
    lists: { type: 'array', items: { $ref: '#/definitions/listOutcome' } },
    grade: { anyOf: [{ $ref: '#/definitions/gradeOutcome' }, { type: 'null' }] },
    grades: { type: 'array', items: { $ref: '#/definitions/gradeOutcome' } },
    supervision: { anyOf: [{ $ref: '#/definitions/supervisionOutcome' }, { type: 'null' }] },
    measures: { type: 'array', items: { $ref: '#/definitions/measureOutcome' } },
    notes: { type: 'array', items: { type: 'string' } },
    explanation: { $ref: '#/definitions/explainNode' },
  },
  definitions: {
    attrValue: {
      type: ['string', 'number', 'boolean', 'null', 'array'],
      items: { type: ['string', 'number'] },
    },
    because: {
      type: 'object',
      required: ['rule', 'records', 'basis'],
      additionalProperties: false,
      properties: {
        rule: { type: 'string' },
        label: { type: 'string' },
        records: { type: 'array', items: { type: 'string' } },
        basis: citations,
      },
    },
    listOutcome: {
      type: 'object',
      required: ['list', 'kind', 'since', 'until', 'repairFrom', 'because'],
      additionalProperties: false,
      properties: {
        list: { type: 'string' },
        title: { type: 'string' },
        kind: { enum: ['red', 'black', 'grey'] },
        since: date,
        until: nullableDate,
        repairFrom: nullableDate,
        because: { type: 'array', items: { $ref: '#/definitions/because' } },
        marked: { type: 'array', items: { type: 'string' } },
      },
    },
    scoreItemOutcome: {
      type: 'object',
      required: ['item', 'points', 'records'],
      additionalProperties: false,
      properties: {
        item: { type: 'string' },
        label: { type: 'string' },
        points: { type: 'number' },
        records: { type: 'array', items: { type: 'string' } },
      },
    },
    gradeOutcome: {
      type: 'object',
      required: ['scale', 'score', 'grade', 'by', 'items'],
      additionalProperties: false,
      properties: {
        scale: { type: 'string' },
        score: { type: 'number' },
        grade: { type: 'string' },
        by: { enum: ['score', 'direct', 'cap'] },
        rule: { type: 'string' },
        items: { type: 'array', items: { $ref: '#/definitions/scoreItemOutcome' } },
      },
    },
    supervisionOutcome: {
      type: 'object',
      required: ['scale', 'grade', 'spotCheckRatio', 'spotCheckRange', 'basis'],
      additionalProperties: false,
      properties: {
        scale: { type: 'string' },
        grade: { type: 'string' },
        spotCheckRatio: { type: 'number', minimum: 0, maximum: 1 },
        spotCheckRange: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: { type: 'number', minimum: 0, maximum: 1 },
        },
        frequency: { type: 'string' },
        basis: citations,
      },
    },
    measureOutcome: {
      type: 'object',
      required: ['measure', 'kind', 'action', 'because', 'basis', 'mandatory', 'matters', 'since', 'until'],
      additionalProperties: false,
      properties: {
        measure: { type: 'string' },
        label: { type: 'string' },
        kind: { enum: ['reward', 'penalty', 'management'] },
        action: { enum: ['block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect'] },
        level: { type: 'string' },
        because: { type: 'array', items: { type: 'string' } },
        basis: citations,
        department: { type: 'string' },
        mandatory: { type: 'boolean' },
        matters: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] },
        since: date,
        until: nullableDate,
      },
    },
    explainNode: {
      type: 'object',
      required: ['kind', 'outcome', 'text'],
      additionalProperties: false,
      properties: {
        kind: {
          enum: [
            'decision',
            'list',
            'rule',
            'instance',
            'condition',
            'record',
            'grade',
            'item',
            'measure',
            'remedy',
            'note',
          ],
        },
        name: { type: 'string' },
        outcome: { enum: ['applies', 'not-applies', 'info'] },
        text: { type: 'string' },
        records: { type: 'array', items: { type: 'string' } },
        values: { type: 'object', additionalProperties: attrValue },
        basis: citations,
        dates: { type: 'object', additionalProperties: nullableDate },
        children: { type: 'array', items: { $ref: '#/definitions/explainNode' } },
      },
    },
  },
} as const;
