// A policy written as DSL text and as YAML gives the same AST (spans aside), and each prints into the other.
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import type { PolicyAst } from '../../dsl/ast.js';
import { printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { canonicalDeclOrder, parsePolicyYaml, printPolicyYaml } from '../../dsl/yaml/index.js';
import { fixture } from './helpers.js';

function fromText(text: string): PolicyAst {
  const r = parsePolicy(text, 'full.xy');
  expect(r.diagnostics).toEqual([]);
  if (!r.value) throw new Error('no AST');
  return r.value;
}

function fromYaml(text: string): PolicyAst {
  const r = parsePolicyYaml(text, 'full.yaml');
  expect(r.diagnostics).toEqual([]);
  if (!r.value) throw new Error('no AST');
  return r.value;
}

describe('full.xy ≡ full.yaml', () => {
  const text = fromText(fixture('full.xy'));
  const yaml = fromYaml(fixture('full.yaml'));

  it('the hand-written twins give equal ASTs, comments included', () => {
    expect(stripSpans(yaml)).toEqual(stripSpans(canonicalDeclOrder(text)));
  });

  it('the twin is already in YAML section order, so no reordering was needed', () => {
    expect(stripSpans(text)).toEqual(stripSpans(canonicalDeclOrder(text)));
  });

  it('DSL → YAML: printing the text AST as YAML reads back to it', () => {
    expect(stripSpans(fromYaml(printPolicyYaml(text)))).toEqual(stripSpans(text));
  });

  it('YAML → DSL: printing the YAML AST as text reads back to it', () => {
    expect(stripSpans(fromText(printPolicy(yaml)))).toEqual(stripSpans(yaml));
  });

  it('a text policy that interleaves declaration kinds comes back grouped, nothing lost', () => {
    const shuffled = { ...text, decls: [...text.decls].reverse() };
    expect(stripSpans(fromYaml(printPolicyYaml(shuffled)))).toEqual(stripSpans(canonicalDeclOrder(shuffled)));
  });
});
