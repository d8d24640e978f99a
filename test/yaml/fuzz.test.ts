// parsePolicyYaml never throws: random YAML-ish text and mutated fixtures only ever give diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../dsl/diagnostic.js';
import { parsePolicyYaml } from '../../dsl/yaml/index.js';
import { fixture } from './helpers.js';

const TOKENS = [
  'policy',
  'title',
  'lists',
  'rules',
  'where',
  'kind',
  'basis',
  'records',
  'fields',
  'type',
  '__proto__',
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '\n    ',
  ' ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '? ',
  '|',
  '>',
  '---',
  '...',
  '%YAML 1.1',
  '\t',
  '~',
  'null',
  'true',
  '1e309',
  '-.inf',
  '0x1F',
  '2021-09-01',
  '令44 第二条',
  '严重违法失信名单',
  '3 years',
  '==',
  'and',
  'or',
  '\\',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '😀',
];

const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''));

function checkResult(text: string): void {
  const r = parsePolicyYaml(text, 'fuzz.yaml');
  // an AST comes back exactly when there is no error
  expect(r.value === undefined).toBe(hasErrors(r.diagnostics));
  for (const d of r.diagnostics) {
    expect(typeof d.code).toBe('string');
    if (d.span) {
      expect(d.span.start.offset).toBeLessThanOrEqual(d.span.end.offset);
      expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('fuzz: never throws', { timeout: 60_000 }, () => {
  it('random YAML-ish token soup', () => {
    fc.assert(fc.property(yamlish, checkResult), { numRuns: 500 });
  });

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkResult), { numRuns: 300 });
  });

  it('mutated fixture: deletions, insertions and replacements', () => {
    const base = fixture('full.yaml');
    const edit = fc.record({
      at: fc.nat({ max: base.length }),
      del: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = base;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.del);
        }
        checkResult(text);
      }),
      { numRuns: 300 },
    );
  });
});
