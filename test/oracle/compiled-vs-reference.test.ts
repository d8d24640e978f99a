// Differential test: the compiled evaluator must give the reference interpreter's decision, byte for byte.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { arbPolicyIr } from '../arbitraries/ir.js';
import { arbCaseFor } from '../arbitraries/subject.js';
import { disagreement } from './differential.js';

const POLICIES = 500;
const CASES_PER_POLICY = 20;

describe('compiled evaluator vs reference interpreter', () => {
  it(`agrees on ${POLICIES} generated policies × ${CASES_PER_POLICY} subjects`, () => {
    fc.assert(
      fc.property(
        arbPolicyIr().chain((ir) =>
          fc
            .array(arbCaseFor(ir), { minLength: CASES_PER_POLICY, maxLength: CASES_PER_POLICY })
            .map((cases) => ({ ir, cases })),
        ),
        ({ ir, cases }) => {
          const problem = disagreement(ir, cases);
          if (problem !== null) throw new Error(problem);
        },
      ),
      { numRuns: POLICIES, seed: 424242 },
    );
  });
});
