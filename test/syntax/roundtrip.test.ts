// Laws of the formatter: parse(print(p)) ≡ p, and print is idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import { printExpr, printPolicy } from '../../dsl/print.js';
import { parseExpression, parsePolicy } from '../../dsl/syntax/index.js';
import { arbExpr, arbPolicyAst } from '../arbitraries/policy-ast.js';

describe('round trip', () => {
  it('parse(print(p)) ≡ p for generated policies', () => {
    fc.assert(
      fc.property(arbPolicyAst(), (ast) => {
        const text = printPolicy(ast);
        const parsed = parsePolicy(text, 'gen.xy');
        expect(parsed.diagnostics).toEqual([]);
        expect(stripSpans(parsed.value)).toEqual(stripSpans(ast));
      }),
      { numRuns: 400 },
    );
  });

  it('parseExpression(printExpr(e)) ≡ e for generated expressions', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const parsed = parseExpression(printExpr(e), 'gen.xy');
        expect(parsed.diagnostics).toEqual([]);
        expect(stripSpans(parsed.value)).toEqual(stripSpans(e));
      }),
      { numRuns: 1000 },
    );
  });

  it('print is idempotent: print(parse(print(p))) === print(p)', () => {
    fc.assert(
      fc.property(arbPolicyAst(), (ast) => {
        const once = printPolicy(ast);
        const parsed = parsePolicy(once, 'gen.xy').value;
        expect(parsed).toBeDefined();
        if (parsed !== undefined) expect(printPolicy(parsed)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
