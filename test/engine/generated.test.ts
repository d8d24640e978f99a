// Laws on generated policies: the explanation never changes the decision, and explaining / rendering never fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { arbPolicyIr } from '../arbitraries/ir.js';
import { arbCaseFor } from '../arbitraries/subject.js';

describe('generated policies', () => {
  it('decision with explanation = decision without it, plus a tree; the notice renders', () => {
    fc.assert(
      fc.property(
        arbPolicyIr().chain((ir) =>
          fc.array(arbCaseFor(ir), { minLength: 5, maxLength: 5 }).map((cases) => ({ ir, cases })),
        ),
        ({ ir, cases }) => {
          const compiled = compilePolicy(ir, 'sha256:gen');
          for (const c of cases) {
            const opts = { at: c.at, ...(c.matter === undefined ? {} : { matter: c.matter }) };
            let off: string;
            try {
              off = canonicalJson(evaluate(compiled, c.subject, { ...opts, explain: false }));
            } catch (e) {
              // a calendar-coverage error: the explained run must fail the same way
              expect(() => evaluate(compiled, c.subject, opts)).toThrow((e as Error).message);
              continue;
            }
            const on = evaluate(compiled, c.subject, opts);
            expect(on.explanation?.kind).toBe('decision');
            const { explanation: _e, ...rest } = on;
            expect(canonicalJson(rest)).toBe(off);
            expect(renderExplanation(on, ir).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
