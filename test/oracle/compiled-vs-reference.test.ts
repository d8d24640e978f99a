// Differential test: the compiled evaluator must give the reference interpreter's decision, byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbLayeredPolicyIr, arbPolicyIr } from '../arbitraries/ir.js';
import { arbCaseFor } from '../arbitraries/subject.js';
import { canonicalJson, contentHash } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { withoutSuperseded } from '../../engine/reference/values.js';
import type { Case } from '../arbitraries/subject.js';
import { disagreement } from './differential.js';

/** How many of `cases` decide otherwise when the policy's `counted civil` shifts are read as plain ones. */
function civilDecides(ir: PolicyIr, cases: readonly Case[]): number {
  const text = JSON.stringify(ir);
  if (!text.includes('"counting":"civil"')) return 0;
  const plain = JSON.parse(text.replaceAll(',"counting":"civil"', '')) as PolicyIr;
  const [a, b] = [ir, plain].map((x) => compilePolicy(x, contentHash(x)));
  const outcome = (p: typeof a, c: Case): string => {
    try {
      const d = evaluate(p!, c.subject, { at: c.at, explain: false });
      return canonicalJson([d.lists, d.grades, d.measures, d.notes]);
    } catch (e) {
      return String(e);
    }
  };
  return cases.filter((c) => outcome(a, c) !== outcome(b, c)).length;
}

const POLICIES = 500;
const LAYERED_POLICIES = 200;
const CASES_PER_POLICY = 20;

describe('compiled evaluator vs reference interpreter', () => {
  it(`agrees on ${POLICIES} generated policies × ${CASES_PER_POLICY} subjects`, () => {
    let superseding = 0;
    let civil = 0;
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
          civil += civilDecides(ir, cases);
        },
      ),
      { numRuns: POLICIES, seed: 424242 },
    );
    // The generator must reach subjects where a `latest per` record supersedes another (SEMANTICS §1).
    expect(superseding).toBeGreaterThan(POLICIES / 2);
    // and subjects whose decision a `counted civil` last day (第二百零三条) changes (56 of the 10,000 with this seed)
    expect(civil).toBeGreaterThan(POLICIES / 20);
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
