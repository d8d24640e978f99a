// schemas/policy.schema.json is the printout of dsl/yaml/schema.ts, and it accepts the fixtures on its own.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { POLICY_SCHEMA } from '../../dsl/yaml/schema.js';
import { fixture } from './helpers.js';

const file = JSON.parse(readFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), 'utf8')) as unknown;

describe('policy.schema.json', () => {
  it('is in sync with dsl/yaml/schema.ts (regenerate: node --import tsx test/yaml/write-schema.ts)', () => {
    expect(file).toEqual(POLICY_SCHEMA);
  });

  it('validates the full fixture with a plain ajv, as an outside tool would', () => {
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(file as object);
    const ok = validate(parse(fixture('full.yaml')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a typo an outside tool would also catch', () => {
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(file as object);
    const doc = parse(fixture('full.yaml').replace('objectionPending: mark', 'objectionPendng: mark'));
    expect(validate(doc)).toBe(false);
  });
});
