// The JSON Schema of the YAML policy form, built from small helpers; schemas/policy.schema.json is its printout.

/** Identifier: Unicode letters, digits, `_`; not starting with a digit (same rule as the text lexer). */
export const NAME_PATTERN = '^[\\p{L}_][\\p{L}\\p{Nd}_]*$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
/** `SET.VALUE` — a place in a declared category set. */
export const CATEGORY_REF_PATTERN = '^[\\p{L}_][\\p{L}\\p{Nd}_]*\\.[\\p{L}_][\\p{L}\\p{Nd}_]*$';
/** `第二条`, `第二十二条第一款第（五）项`, `第3条`. */
export const ARTICLE_PATTERN = '^第[^\\s]+$';

type Schema = Record<string, unknown>;

const name: Schema = { type: 'string', pattern: NAME_PATTERN };
const names: Schema = { type: 'array', items: name };
const text: Schema = { type: 'string' };
const date: Schema = { type: 'string', pattern: DATE_PATTERN };
/** A DSL expression, parsed by the text grammar. */
const condition: Schema = { type: 'string', minLength: 1 };
/** A DSL duration such as `3 years` or `6个月`. */
const duration: Schema = { type: 'string', minLength: 1 };
/** One citation string (`令44 第二条, 令44 第五条` is allowed too) or a list of them. */
const citations: Schema = { type: ['array', 'string'], items: { type: 'string', minLength: 1 } };
const categoryRefs: Schema = { type: 'array', items: { type: 'string', pattern: CATEGORY_REF_PATTERN } };
/** A percentage `5%` or a fraction `0.05`. */
const ratio: Schema = { type: ['string', 'number'], pattern: '^[0-9]+(\\.[0-9]+)?%$' };

function object(properties: Record<string, Schema>, required: readonly string[] = []): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required: [...required] } : {}),
    properties,
  };
}

/** `until` and `extendTo` of a list: `field: F` or `fields: [F, G]`, not both, with an optional basis. */
const fieldsClause: Schema = {
  ...object({ field: name, fields: { ...names, minItems: 1 }, basis: citations }),
  oneOf: [
    { properties: { field: name }, required: ['field'] },
    { properties: { fields: names }, required: ['fields'] },
  ],
};

/**
 * A list's `until`: date fields (`field` or `fields`, not both) and dates computed from the record (`dates`), at
 * least one of them, with an optional `when` and basis.
 */
const untilClause: Schema = {
  ...object({
    field: name,
    fields: { ...names, minItems: 1 },
    dates: { type: 'array', items: condition, minItems: 1 },
    when: condition,
    basis: citations,
  }),
  // Each branch restates the properties it requires (ajv's strictRequired).
  anyOf: [
    { properties: { field: name }, required: ['field'] },
    { properties: { fields: names }, required: ['fields'] },
    { properties: { dates: { type: 'array' } }, required: ['dates'] },
  ],
  not: { properties: { field: name, fields: names }, required: ['field', 'fields'] },
};

/**
 * A collection of named things: a map keyed by name (`lists: { 名单A: {...} }`, the printed form) or a list of
 * objects carrying the name under `keyProp` (`lists: [{ id: 名单A, ... }]`, needed when names repeat). With
 * `short`, the map value is that one property directly (`enums: { 处罚种类: [警告, 罚款] }`).
 */
function keyed(
  keyProp: string,
  keySchema: Schema,
  body: { properties: Record<string, Schema>; required?: readonly string[] },
  short?: string,
): Schema {
  const required = body.required ?? [];
  const shortSchema = short === undefined ? undefined : body.properties[short];
  return {
    if: { type: 'array' },
    then: { type: 'array', items: object({ [keyProp]: keySchema, ...body.properties }, [keyProp, ...required]) },
    else: {
      type: 'object',
      propertyNames: keySchema,
      additionalProperties: shortSchema ?? object(body.properties, required),
    },
  };
}

const field = {
  properties: {
    label: text,
    type: { enum: ['string', 'integer', 'decimal', 'money', 'date', 'boolean', 'duration', 'enum', 'list'] },
    /** `enum`/`list` only: the enum declaring the values */
    of: name,
    /** `enum`/`list` only: inline values */
    values: names,
    required: { type: 'boolean' },
  },
  required: ['type'],
};

const rule = {
  properties: {
    label: text,
    basis: citations,
    for: name,
    /** a date field, or an expression computing the date the listing runs from */
    from: condition,
    where: condition,
    when: condition,
    unless: condition,
    unlessBasis: citations,
  },
};

const scoreItem = {
  properties: {
    label: text,
    // a number of points per record, or the name of the record's numeric field whose values are summed
    add: { anyOf: [{ type: 'number' }, name] },
    deduct: { anyOf: [{ type: 'number' }, name] },
    per: name,
    where: condition,
    within: duration,
    when: condition,
    cap: { type: 'number' },
    basis: citations,
  },
};

const paramVersion = object({
  /** a DSL value (`3000元`, `6 months`, `2023-10-27`, `"文本"`) or a plain number / boolean */
  value: { type: ['string', 'number', 'boolean'] },
  /** no value yet: the office must fill it */
  unset: { const: true },
  from: date,
  basis: citations,
  transition: text,
});

const gradeRule = object({ grade: name, when: condition, basis: citations }, ['grade', 'when']);

export const POLICY_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:xinyong:schema:policy:1',
  title: '信用政策 YAML / xinyong policy (YAML form)',
  description: 'The YAML form of a xinyong policy; conditions, citations and durations are strings in the DSL forms.',
  ...object(
    {
      policy: name,
      title: text,
      jurisdiction: {
        if: { type: 'string' },
        then: { const: 'national' },
        else: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          properties: Object.fromEntries(
            ['province', 'city', 'county'].map((k) => [
              k,
              { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 0 },
            ]),
          ),
        },
      },
      version: text,
      effective: date,
      until: date,
      extends: { type: ['array', 'string'], items: name, pattern: NAME_PATTERN },
      settings: {
        if: { type: 'array' },
        then: {
          type: 'array',
          items: object(
            { setting: { enum: ['leniencyCeiling', 'measuresPerRecordCap'] }, value: { type: ['string', 'integer'] } },
            ['setting', 'value'],
          ),
        },
        else: object({ leniencyCeiling: name, measuresPerRecordCap: { type: 'integer', minimum: 0 } }),
      },
      bases: keyed('id', name, {
        properties: {
          title: text,
          rank: {
            enum: [
              '法律',
              '行政法规',
              '司法解释',
              '地方性法规',
              '国务院政策文件',
              '部门规章',
              '地方政府规章',
              '规范性文件',
            ],
          },
          issuer: text,
          number: text,
          effective: date,
          until: date,
          articles: { type: 'array', items: { type: 'string', pattern: ARTICLE_PATTERN } },
          sections: { type: 'array', items: text },
          certainty: { enum: ['verified', 'paraphrase', 'recalled'] },
        },
        required: ['title'],
      }),
      categories: keyed('id', name, {
        properties: {
          for: { enum: ['lists', 'black lists', 'measures', 'penalty measures'] },
          values: names,
          basis: citations,
        },
        required: ['for', 'values'],
      }),
      scales: keyed(
        'scale',
        { enum: ['severity', 'level'] },
        { properties: { values: names }, required: ['values'] },
        'values',
      ),
      enums: keyed('id', name, { properties: { values: names }, required: ['values'] }, 'values'),
      records: keyed('id', name, {
        properties: {
          label: text,
          severity: { type: 'boolean' },
          latestPer: name,
          fields: keyed('key', name, field),
        },
      }),
      params: keyed('id', name, {
        properties: {
          label: text,
          type: { enum: ['integer', 'decimal', 'money', 'date', 'duration', 'string', 'boolean'] },
          versions: { type: 'array', items: paramVersion },
        },
        required: ['type', 'versions'],
      }),
      fill: keyed(
        'param',
        name,
        { properties: { versions: { type: 'array', items: paramVersion, minItems: 1 } }, required: ['versions'] },
        'versions',
      ),
      lists: keyed('id', name, {
        properties: {
          kind: { enum: ['red', 'black', 'grey'] },
          title: text,
          scope: { enum: ['national', 'local'] },
          categories: categoryRefs,
          maxLevel: name,
          // the id of a list of an extended layer this list takes the place of while its own layer is in force
          replaces: name,
          // kept by another authority: triggers this policy's measures, not reported among a decision's lists
          external: { type: 'boolean' },
          duration: object({ period: duration, counting: { enum: ['civil', 'calendar'] }, basis: citations }, [
            'period',
          ]),
          // `field: F` or `fields: [F, G]`, and/or `dates: [EXPR]` (the latest date ends the listing)
          until: untilClause,
          // `field: F` or `fields: [F, G]` (the latest end wins), not both
          extendTo: fieldsClause,
          earlyRemoval: object({ after: duration, when: condition, unless: condition, basis: citations }, ['after']),
          objectionPending: { enum: ['mark', 'suspend'] },
          allowBlack: { type: 'boolean' },
          basis: citations,
          rules: keyed('name', name, rule),
        },
        required: ['kind'],
      }),
      measures: keyed('id', name, {
        properties: {
          label: text,
          kind: { enum: ['reward', 'penalty', 'management'] },
          level: name,
          action: { enum: ['block', 'restrict', 'warn', 'prioritize', 'simplify', 'inspect'] },
          categories: categoryRefs,
          appliesTo: names,
          appliesToGrades: keyed('grading', name, { properties: { grades: names }, required: ['grades'] }, 'grades'),
          matters: names,
          department: text,
          mandatory: { type: 'boolean' },
          target: { enum: ['subject', 'legal_representative', 'third_party'] },
          term: duration,
          termExact: { type: 'boolean' },
          when: condition,
          basis: citations,
        },
        required: ['kind', 'action'],
      }),
      narrow: keyed('measure', name, { properties: { matters: names, level: name } }),
      gradings: keyed('id', name, {
        properties: {
          title: text,
          grades: names,
          base: { type: 'number' },
          range: object({ min: { type: 'number' }, max: { type: 'number' } }, ['min', 'max']),
          items: keyed('name', name, scoreItem),
          bands: keyed('grade', name, { properties: { from: { type: 'number' } }, required: ['from'] }, 'from'),
          direct: { type: 'array', items: gradeRule },
          caps: { type: 'array', items: gradeRule },
          supervisionWhen: object({ when: condition, basis: citations }, ['when']),
          supervisionNote: text,
          appliesWhen: object({ when: condition, basis: citations }, ['when']),
          supervision: keyed('grade', name, {
            properties: {
              ratio: { type: 'array', items: ratio, minItems: 2, maxItems: 2 },
              frequency: text,
              basis: citations,
            },
            required: ['ratio'],
          }),
          basis: citations,
        },
        required: ['grades', 'base'],
      }),
    },
    ['policy', 'title', 'jurisdiction', 'version', 'effective'],
  ),
};
