// Writes schemas/policy.schema.json from dsl/yaml/schema.ts (run: node --import tsx test/yaml/write-schema.ts).
import { writeFileSync } from 'node:fs';
import { POLICY_SCHEMA } from '../../dsl/yaml/schema.js';

writeFileSync(
  new URL('../../schemas/policy.schema.json', import.meta.url),
  `${JSON.stringify(POLICY_SCHEMA, null, 2)}\n`,
);
