// Differential test on the shipped policies: the compiled evaluator's folded comparisons, discriminated
// rules, hot-path date arithmetic and empty-type shortcuts must give the reference interpreter's bytes on real rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { arbCaseFor } from '../arbitraries/subject.js';
import { disagreement } from './differential.js';

// Every shipped policy with lists (national only declares the vocabulary).
const POLICIES = [
  'tax_blacklist',
  'samr_blacklist',
  'court_dishonest',
  'shaanxi',
  'yulin',
  'pingdingshan',
  'ankang',
  'fengxiang',
  'yulin_plan',
  'tax_credit',
  'tax_departure',
  'credit_repair',
  'samr_penalty_publicity',
  'enterprise_publicity',
  'government_procurement',
];
const CASES = 400;

describe('compiled evaluator vs reference interpreter on the shipped policies', () => {
  for (const id of POLICIES) {
    it(`${id}: ${CASES} generated subjects`, () => {
      const loaded = loadPolicy(`policies/${id}/${id}.xy`);
      const ir = loaded.ir!;
      const cases = fc.sample(arbCaseFor(ir), { numRuns: CASES, seed: 20261122 });
      expect(disagreement(ir, cases)).toBeNull();
      // Not vacuous: some of the generated subjects are listed.
      const compiled = compilePolicy(ir, loaded.hash!);
      const listed = cases.filter((c) => evaluate(compiled, c.subject, { at: c.at, explain: false }).lists.length > 0);
      expect(listed.length).toBeGreaterThan(0);
    });
  }

  it('令54 第六条: the tax list tells its rules apart by `ground`, read once per record', () => {
    const loaded = loadPolicy('policies/tax_blacklist/tax_blacklist.xy');
    const compiled = compilePolicy(loaded.ir!, loaded.hash!);
    const tax = compiled.plan.lists.find((l) => l.name === '重大税收违法失信主体名单')!;
    expect(tax.rules.filter((r) => r.discSlot >= 0).length).toBeGreaterThanOrEqual(6);
  });
});
