// Laws of the formatter: parse(print(p)) ≡ p, and print is idempotent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import { printExpr, printPolicy } from '../../dsl/print.js';
import { parseExpression, parsePolicy } from '../../dsl/syntax/index.js';
import { arbExpr, arbPolicyAst } from '../arbitraries/policy-ast.js';

const HEADER = 'policy p "t"\n  jurisdiction national\n  version "1"\n  effective 2021-09-01\n\n';

/** Source whose meaning depends on a printer decision: print must keep it. */
function stable(body: string): void {
  const first = parsePolicy(HEADER + body, 'a.xy');
  expect(first.diagnostics).toEqual([]);
  const ast = first.value;
  if (ast === undefined) throw new Error('no AST');
  const printed = printPolicy(ast);
  const second = parsePolicy(printed, 'b.xy');
  expect(second.diagnostics).toEqual([]);
  expect(stripSpans(second.value)).toEqual(stripSpans(ast));
}

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

  it('keeps the meaning of the known hazards', () => {
    // A bare version followed by a negative one must not become a subtraction.
    stable('param P integer\n  1\n  (-2) from 2022-01-01\n');
    const twoVersions = parsePolicy(`${HEADER}param P integer\n  1\n  (-2)\n`, 'a.xy').value;
    expect(twoVersions && printPolicy(twoVersions)).toContain('\n  (-2)\n');
    // A version `a` then a version `not b` is two versions, not `a not …`.
    const v = parsePolicy(`${HEADER}param P boolean\n  a\n  not b\n`, 'a.xy');
    expect(v.diagnostics).toEqual([]);
    expect(v.value?.decls[0]?.kind === 'param' && v.value.decls[0].versions.length).toBe(2);
    // List-level basis next to clauses that end in their own basis.
    stable(
      'list L black\n  duration 3 years basis A 第一条\n  basis B\n  rule r basis C\n    for T\n    unless x basis D\n',
    );
    // An item's `cap N` and the grading's `cap GRADE when`.
    stable('grading G\n  base 0\n  item i add 1 once when x cap 5\n  cap B when y\n');
    // An aggregate without `within` inside a `where` that has one.
    stable('list L black\n  rule r when any A where x == (count B) within 2 years\n');
    // A trailing `where` swallows operators unless parenthesised.
    stable('list L black\n  rule r when (count A where x > 1) >= 3 and y\n');
    // A string version after a cited one is the next version, not a declaration `basis A "B"`
    // (found by the generated round trip: an indented `basis` never declares).
    stable('param S string\n  "A" from 2020-01-01 basis A\n  "B" from 2021-01-01\n');
    stable('param S string\n  unset basis A\n  ""\n');
    // A basis declaration right after a clause that may take a citation.
    const b = parsePolicy(`${HEADER}list L black\n  duration 3 years basis A\nbasis B "b"\n`, 'a.xy');
    expect(b.diagnostics).toEqual([]);
    expect(b.value?.decls.map((d) => d.kind)).toEqual(['list', 'basis']);
  });

  it('formats every policy in policies/ to a fixed point with the same AST', () => {
    const files = readdirSync('policies', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.xy'))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const path = join('policies', f);
      const first = parsePolicy(readFileSync(path, 'utf8'), path);
      expect(first.diagnostics, path).toEqual([]);
      const ast = first.value;
      if (ast === undefined) continue;
      const printed = printPolicy(ast);
      const second = parsePolicy(printed, path);
      expect(second.diagnostics, path).toEqual([]);
      expect(stripSpans(second.value), path).toEqual(stripSpans(ast));
      expect(second.value && printPolicy(second.value), path).toBe(printed);
    }
  });
});
