// Laws: fromYaml(toYaml(p)) ≡ p (declarations in YAML section order), and printing is a fixed point.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import type { PolicyAst } from '../../dsl/ast.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { canonicalDeclOrder, parsePolicyYaml, printPolicyYaml } from '../../dsl/yaml/index.js';
import { arbPolicyAst } from '../arbitraries/policy-ast.js';
import { arbYamlPolicyAst } from './arb-yaml-ast.js';
import { fixture } from './helpers.js';

function roundTrip(p: PolicyAst): void {
  const yaml = printPolicyYaml(p);
  const back = parsePolicyYaml(yaml, 'roundtrip.yaml');
  expect(back.diagnostics, yaml).toEqual([]);
  expect(stripSpans(back.value)).toEqual(stripSpans(canonicalDeclOrder(p)));
  // printing what was read gives the same text: the printer is canonical
  expect(back.value && printPolicyYaml(back.value)).toBe(yaml);
}

describe('fromYaml(toYaml(p)) ≡ p', { timeout: 120_000 }, () => {
  it('on the syntax arbitrary (every declaration kind, nested expressions, comments)', () => {
    fc.assert(fc.property(arbPolicyAst(), roundTrip), { numRuns: 300 });
  });

  it('on the YAML-focused arbitrary (repeated names, comments, awkward strings and numbers)', () => {
    fc.assert(fc.property(arbYamlPolicyAst(), roundTrip), { numRuns: 300 });
  });

  it('on the full fixture', () => {
    const p = parsePolicyYaml(fixture('full.yaml'), 'full.yaml').value;
    expect(p).toBeDefined();
    if (p) roundTrip(p);
  });

  it('on every policy of the repository that parses as text', () => {
    const root = new URL('../../policies/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xy'));
    let checked = 0;
    for (const f of files) {
      const r = parsePolicy(readFileSync(new URL(f, root), 'utf8'), f);
      if (r.value === undefined || r.diagnostics.some((d) => d.severity === 'error')) continue;
      roundTrip(r.value);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
