// Second oracle for the listing rules: json-rules-engine, fed the exported rules, lists the subject where we do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJreListing } from '../../cli/run-json-rules-engine.js';
import { exportJsonRulesEngine } from '../../engine/export/json-rules-engine.js';
import { evaluateReference } from '../../engine/reference/index.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { arbLayeredPolicyIr, arbPolicyIr } from '../arbitraries/ir.js';
import { arbPolicyIrAndSubjects } from '../arbitraries/subject.js';

describe('json-rules-engine export', () => {
  /** Runs the exported rules on generated cases; returns how many in-force decisions were compared. */
  async function agreeOn(policies: fc.Arbitrary<PolicyIr>, numRuns: number, seed: number): Promise<number> {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbPolicyIrAndSubjects(5, policies), async ({ ir, cases }) => {
        const exported = exportJsonRulesEngine(ir);
        for (const c of cases) {
          const d = evaluateReference(ir, 'h', c.subject, { at: c.at });
          if (!d.inForce) continue;
          const jre = await runJreListing(exported, c.subject, c.at);
          expect([...jre].sort()).toEqual(d.lists.map((l) => l.list));
          compared++;
        }
      }),
      { numRuns, seed },
    );
    return compared;
  }

  it('gives the lists of the reference decision on generated policies and subjects', async () => {
    expect(await agreeOn(arbPolicyIr(), 80, 7)).toBeGreaterThan(100);
  });

  it('keeps the lists of a base layer not in force off, as the reference does', async () => {
    expect(await agreeOn(arbLayeredPolicyIr(), 60, 9)).toBeGreaterThan(80);
  });

  it('exports plain JSON: every rule survives a JSON round trip', () => {
    fc.assert(
      fc.property(arbPolicyIrAndSubjects(1), ({ ir }) => {
        const { rules } = exportJsonRulesEngine(ir);
        expect(JSON.parse(JSON.stringify(rules))).toEqual(rules);
        const ruleCount = Object.values(ir.lists).reduce((n, l) => n + l.rules.length, 0);
        expect(rules).toHaveLength(ruleCount);
      }),
      { numRuns: 50, seed: 8 },
    );
  });
});
