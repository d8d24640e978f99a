// Differential test: the compiled evaluator must give the reference interpreter's decision, byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbLayeredPolicyIr, arbPolicyIr } from '../arbitraries/ir.js';
import { arbCaseFor } from '../arbitraries/subject.js';
import { withoutSuperseded } from '../../engine/reference/values.js';
import { disagreement } from './differential.js';

const POLICIES = 500;
const LAYERED_POLICIES = 200;
const CASES_PER_POLICY = 20;

describe('compiled evaluator vs reference interpreter', () => {
  it(`agrees on ${POLICIES} generated policies × ${CASES_PER_POLICY} subjects`, () => {
    let superseding = 0;
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
          superseding += cases.filter((c) => withoutSuperseded(ir, c.subject, c.at) !== c.subject).length;
        },
      ),
      { numRuns: POLICIES, seed: 424242 },
    );
    // The generator must reach subjects where a `latest per` record supersedes another (SEMANTICS §1).
    expect(superseding).toBeGreaterThan(POLICIES / 2);
  });

  it(`agrees on ${LAYERED_POLICIES} generated policies with base layers in and out of force`, () => {
    let lapsed = 0;
    let replacing = 0;
    fc.assert(
      fc.property(
        arbLayeredPolicyIr().chain((ir) =>
          fc
            .array(arbCaseFor(ir), { minLength: CASES_PER_POLICY, maxLength: CASES_PER_POLICY })
            .map((cases) => ({ ir, cases })),
        ),
        ({ ir, cases }) => {
          const problem = disagreement(ir, cases);
          if (problem !== null) throw new Error(problem);
          lapsed += cases.filter((c) => ir.layers.some((l) => c.at < l.effective || (l.until ?? c.at) < c.at)).length;
          if (Object.values(ir.lists).some((l) => l.replaces !== undefined)) replacing++;
        },
      ),
      { numRuns: LAYERED_POLICIES, seed: 515151 },
    );
    // The generator must actually reach dates at which a base layer is out of force.
    expect(lapsed).toBeGreaterThan(LAYERED_POLICIES);
    // and policies where a list `replaces` a base layer's (about one in eleven)
    expect(replacing).toBeGreaterThan(LAYERED_POLICIES / 25);
  });
});
