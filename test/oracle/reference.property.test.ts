// Self-consistency of the reference interpreter on generated policies and subjects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import type { Decision, Subject, SubjectRecord } from '../../engine/contract.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { addDays } from '../../engine/time/dates.js';
import { arbPolicyIrAndSubjects, type Case } from '../arbitraries/subject.js';

function run(ir: PolicyIr, subject: Subject, c: Case): Decision {
  return evaluateReference(
    ir,
    contentHash(ir),
    subject,
    c.matter === undefined ? { at: c.at } : { at: c.at, matter: c.matter },
  );
}

function withRecords(subject: Subject, records: readonly SubjectRecord[]): Subject {
  return { ...subject, records };
}

const cfg = { numRuns: 150, seed: 20250601 };

describe('reference interpreter: self-consistency', () => {
  it('is deterministic and independent of record order', () => {
    fc.assert(
      fc.property(arbPolicyIrAndSubjects(4), ({ ir, cases }) => {
        for (const c of cases) {
          const a = canonicalJson(run(ir, c.subject, c));
          expect(canonicalJson(run(ir, c.subject, c))).toBe(a);
          expect(canonicalJson(run(ir, withRecords(c.subject, [...c.subject.records].reverse()), c))).toBe(a);
        }
      }),
      cfg,
    );
  });

  it('ignores records dated after `at`, revoked ones and upheld objections', () => {
    fc.assert(
      fc.property(arbPolicyIrAndSubjects(4), ({ ir, cases }) => {
        for (const c of cases) {
          const seen = c.subject.records.filter(
            (r) =>
              r.date <= c.at &&
              !(r.revokedOn !== undefined && r.revokedOn !== null && r.revokedOn <= c.at) &&
              r.objection !== 'upheld',
          );
          const extra = c.subject.records.map((r) => ({ ...r, id: `F${r.id}`, date: addDays(c.at, 1) }));
          const a = canonicalJson(run(ir, withRecords(c.subject, seen), c));
          expect(canonicalJson(run(ir, c.subject, c))).toBe(a);
          expect(canonicalJson(run(ir, withRecords(c.subject, [...seen, ...extra]), c))).toBe(a);
        }
      }),
      cfg,
    );
  });

  it('applies nothing before the effective date', () => {
    fc.assert(
      fc.property(arbPolicyIrAndSubjects(2), ({ ir, cases }) => {
        for (const c of cases) {
          const at = addDays(ir.effective, -1);
          const d = run(ir, c.subject, { ...c, at });
          expect(d.inForce).toBe(false);
          expect(d.lists).toEqual([]);
          expect(d.measures).toEqual([]);
          expect(d.grade).toBeNull();
          expect(d.notes).toHaveLength(1);
        }
      }),
      cfg,
    );
  });

  it('reports only active listings, sorted, and measures whose triggers exist', () => {
    fc.assert(
      fc.property(arbPolicyIrAndSubjects(4), ({ ir, cases }) => {
        for (const c of cases) {
          const d = run(ir, c.subject, c);
          const names = d.lists.map((l) => l.list);
          expect(names).toEqual([...names].sort());
          for (const l of d.lists) {
            expect(l.since <= c.at).toBe(true);
            if (l.until !== null) expect(c.at <= l.until).toBe(true);
            expect(l.because.length).toBeGreaterThan(0);
          }
          if (d.lists.some((l) => l.kind === 'black')) {
            expect(d.measures.filter((m) => m.kind === 'reward')).toEqual([]);
            expect(d.lists.filter((l) => l.kind === 'red' && ir.lists[l.list]?.allowBlack !== true)).toEqual([]);
          }
          for (const m of d.measures) {
            expect(m.because.length).toBeGreaterThan(0);
            if (c.matter !== undefined && m.matters !== null) expect(m.matters).toContain(c.matter);
          }
        }
      }),
      cfg,
    );
  });
});
