// Laws: the same input gives the same bytes, and the order of the records never changes the decision.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { CITY } from '../fixtures/ir/city.js';
import { bytes, compiled, heavy, honor, light, rec, subject } from './helpers.js';

const RECORDS = [
  heavy('P1', '2022-03-01', { objection: 'pending' }),
  light('P2', '2022-06-10'),
  light('P3', '2022-08-01', { repairedOn: '2023-01-01' }),
  light('P4', '2023-02-01', { objection: 'pending' }),
  honor('H1', '2023-05-01', '国家级'),
  honor('H2', '2023-05-01'),
  rec('C1', 'credit_commitment', '2023-01-01', { attrs: { kept: true } }),
  heavy('P5', '2024-03-01', { revokedOn: '2024-05-01' }),
  rec('X1', 'unknown_type', '2023-01-01'),
];

describe('determinism', () => {
  it('the same input twice gives identical canonical bytes (explanation on and off)', () => {
    for (const explain of [true, false]) {
      const a = bytes(evaluate(compiled(), subject(RECORDS), { at: '2024-02-02', explain }));
      const b = bytes(evaluate(compiled(), subject(RECORDS), { at: '2024-02-02', explain }));
      expect(a).toBe(b);
    }
  });

  it('a fresh compilation gives identical bytes', () => {
    const fresh = compilePolicy(CITY, 'sha256:fixture');
    const at = '2024-02-02';
    expect(bytes(evaluate(fresh, subject(RECORDS), { at }))).toBe(
      bytes(evaluate(compiled(), subject(RECORDS), { at })),
    );
  });

  it('an evaluation in between does not leak into the next one (shared scratch is reset)', () => {
    const at = '2023-06-01';
    const before = bytes(evaluate(compiled(), subject(RECORDS), { at }));
    evaluate(compiled(), subject([heavy('Z', '2023-01-01')]), { at: '2025-01-01', matter: '政府采购' });
    expect(bytes(evaluate(compiled(), subject(RECORDS), { at }))).toBe(before);
  });

  it('shuffled record order gives an identical decision', () => {
    const dates = ['2022-03-02', '2023-06-01', '2024-02-02', '2025-03-04', '2026-01-01'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(RECORDS, { minLength: 0 }),
        fc.constantFrom(...dates),
        fc.boolean(),
        (recs, at, explain) => {
          const sorted = [...recs].sort((a, b) => (a.id < b.id ? -1 : 1));
          const reversed = [...sorted].reverse();
          expect(bytes(evaluate(compiled(), subject(recs), { at, explain }))).toBe(
            bytes(evaluate(compiled(), subject(reversed), { at, explain })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('explain: false omits the explanation key', () => {
    const d = evaluate(compiled(), subject(RECORDS), { at: '2024-02-02', explain: false });
    expect('explanation' in d).toBe(false);
    expect(evaluate(compiled(), subject(RECORDS), { at: '2024-02-02' }).explanation).toBeDefined();
  });
});
