// `early removal when … and not any T within P` (SEMANTICS §2 "repairFrom"): repair waits until the latest such
// record has left the `within` window — 令36 第二十五条 "原失信信息3年内不得申请信用修复".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../dsl/ir.js';
import { loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { quietFrom } from '../../engine/compile/repair-bounds.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { validateSubject } from '../../engine/subject/index.js';
import { addDays, fromDayNumber, toDayNumber } from '../../engine/time/dates.js';
import { repairAfterEndOf } from './helpers.js';
import { shiftDate } from '../../engine/time/period.js';

const arbDate = fc
  .integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2030-12-31') })
  .map((n) => fromDayNumber(n));
const arbWindow: fc.Arbitrary<Duration> = fc.record({
  amount: fc.integer({ min: 1, max: 40 }),
  unit: fc.constantFrom('day' as const, 'month' as const, 'year' as const),
});

describe('quiet period', () => {
  it('is the first day the window (at − P ≤ date) no longer holds the record', () => {
    fc.assert(
      fc.property(arbDate, arbWindow, (latest, p) => {
        let day = latest;
        while (shiftDate(day, -1, p) <= latest) day = addDays(day, 1);
        expect(quietFrom(latest, p)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  const loaded = loadPolicy('policies/credit_repair/credit_repair.xy');
  const ir = loaded.ir!;
  const compiled = compilePolicy(ir, loaded.hash!);
  const raw = {
    id: '91610100MA6TG01103',
    kind: 'enterprise',
    records: [
      {
        id: 'R1',
        type: 'administrative_penalty',
        date: '2026-04-15',
        severity: '严重',
        fulfilledOn: '2026-05-01',
        attrs: { penaltyKinds: ['吊销许可证件'] },
      },
      { id: 'C1', type: 'credit_commitment', date: '2026-05-02', attrs: { commitmentType: '信用修复型' } },
      { id: 'F1', type: 'repair_dishonesty', date: '2027-04-22', attrs: { conduct: '提供虚假材料' } },
    ],
  };
  const v = validateSubject(raw, ir);
  if (!v.ok) throw new Error(v.problems.map((p) => p.messageEn).join('; '));
  const subject = v.subject;

  it('令36 第二十五条: false material in a repair bars repair for three years, the last day included', () => {
    const list = (at: string) =>
      evaluate(compiled, subject, { at, explain: false }).lists.find((l) => l.list === '严重失信信息公示');
    // without the false material, repair from the day after the one-year minimum (2027-04-16)
    const clean = validateSubject({ ...raw, records: raw.records.slice(0, 2) }, ir);
    if (!clean.ok) throw new Error('clean subject');
    expect(
      evaluate(compiled, clean.subject, { at: '2027-06-01', explain: false }).lists.find(
        (l) => l.list === '严重失信信息公示',
      )?.repairFrom,
    ).toBe('2027-04-16');
    // with it: 2027-04-22 + 3 years ends on 2030-04-22, so from 2030-04-23 — after the listing's own end, so the
    // decision has no repairFrom and the explanation names the day
    expect(list('2027-06-01')?.repairFrom).toBeNull();
    expect(list('2027-06-01')?.until ?? '').toMatch(/^2029-/);
    const explained = evaluate(compiled, subject, { at: '2027-06-01', explain: true });
    expect(repairAfterEndOf(explained, '严重失信信息公示')).toBe('2030-04-23');
    for (const at of ['2027-06-01', '2029-04-15']) {
      expect(canonicalJson(evaluateReference(ir, loaded.hash!, subject, { at, explain: false }))).toBe(
        canonicalJson(evaluate(compiled, subject, { at, explain: false })),
      );
    }
  });
});
