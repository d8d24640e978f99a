// `FIELD ± P op at` compiles to a comparison of FIELD with a threshold found once per `at` (expr.ts
// shiftedVsAtFn). Checked against the definition — shift the record's date, then compare — on dates that
// cross month ends, leap days and years, for every order operator, both signs and every calendar unit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Subject } from '../../engine/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { addDays, shiftDate } from '../../engine/time/index.js';
import { BASE, compile } from '../diff/base-policy.js';
import { disagreement } from '../oracle/differential.js';

const OPS = ['<', '<=', '>', '>='] as const;
const SHIFTS = [
  { sign: 1, amount: 5, unit: 'year', text: '5 years' },
  { sign: 1, amount: 1, unit: 'month', text: '1 month' },
  { sign: -1, amount: 13, unit: 'month', text: '13 months' },
  { sign: 1, amount: 30, unit: 'day', text: '30 days' },
  { sign: -1, amount: 1, unit: 'year', text: '1 year' },
] as const;

const cases = OPS.flatMap((op, i) => SHIFTS.map((s, j) => ({ op, s, list: `名单${i}${j}` })));
const lists = cases
  .map(
    (c) => `
list ${c.list} grey "移位比较${c.list}"
  scope local
  rule 比较 basis 评价办法 第五条
    for administrative_penalty
    where 日期 ${c.s.sign === 1 ? '+' : '-'} ${c.s.text} ${c.op} at
`,
  )
  .join('');
const { ir, hash } = compile(`${BASE}\n${lists}`);
const compiled = compilePolicy(ir, hash);

const day = fc.integer({ min: 0, max: 8 * 366 }).map((n) => addDays('2019-01-01', n));
// Month ends and leap days are where a threshold could be off by one.
const edgeDay = fc
  .tuple(fc.integer({ min: 2019, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(28, 29, 30, 31, 1))
  .map(([y, m, d]) => {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    const last = addDays(shiftDate(first, 1, { amount: 1, unit: 'month' }), -1);
    const want = `${first.slice(0, 8)}${String(d).padStart(2, '0')}`;
    return want <= last ? want : last;
  });
const date = fc.oneof(day, edgeDay);

function holds(op: (typeof OPS)[number], a: string, b: string): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

describe('FIELD ± P compared with at', () => {
  it('lists exactly the records whose shifted date compares as written', () => {
    fc.assert(
      fc.property(date, date, (recordDate, at) => {
        const subject: Subject = {
          id: '91610800MA703XXX1X',
          kind: 'enterprise',
          records: [{ id: 'R1', type: 'administrative_penalty', date: recordDate, attrs: {} }],
        };
        const on = new Set(evaluate(compiled, subject, { at, explain: false }).lists.map((l) => l.list));
        for (const c of cases) {
          const shifted = shiftDate(recordDate, c.s.sign, { amount: c.s.amount, unit: c.s.unit });
          // The test policy takes effect 2022-01-01; before, no list applies.
          const expected = at >= '2022-01-01' && recordDate <= at && holds(c.op, shifted, at);
          expect(on.has(c.list), `${recordDate} ${c.s.sign === 1 ? '+' : '-'} ${c.s.text} ${c.op} ${at}`).toBe(
            expected,
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference interpreter', () => {
    fc.assert(
      fc.property(fc.array(date, { minLength: 1, maxLength: 4 }), date, (dates, at) => {
        const subject: Subject = {
          id: '91610800MA703XXX1X',
          kind: 'enterprise',
          records: dates.map((d, i) => ({ id: `R${i}`, type: 'administrative_penalty', date: d, attrs: {} })),
        };
        expect(disagreement(ir, [{ subject, at }])).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
