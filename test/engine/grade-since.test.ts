// The day a grade began (SEMANTICS §3 "Since of a grade") dates what it triggers: a 纳税信用 D issued on a day is
// the grade from that day, so the D-level measures (公告2025年第12号 第三十四条, 2014 办法 第三十二条) and the
// D级纳税人名单 run from it, not from the evaluation date; a grade from the score has no day of its own.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, validated } from './helpers.js';

const tax = loadPolicy('policies/tax_credit/tax_credit.xy');
const taxCompiled = compilePolicy(tax.ir!, tax.hash!);
const subjectOf = (records: unknown[], ir = tax.ir!): Subject =>
  validated({ id: '91610100MA6TG0020E', kind: 'enterprise', records }, ir);
const rating = (id: string, date: string, grade: string, year: number): unknown => ({
  id,
  type: 'tax_credit_rating',
  date,
  attrs: { rating: grade, ratingYear: year },
});

describe('since of a grade', () => {
  it('a D rating dates the D-level measures and the D级纳税人名单 from its own day', () => {
    const d = evaluate(taxCompiled, subjectOf([rating('T1', '2024-04-10', 'D', 2023)]), {
      at: '2025-06-30',
      explain: false,
    });
    expect(d.grade?.grade).toBe('D');
    expect(d.lists.find((l) => l.list === 'D级纳税人名单_2014')?.since).toBe('2024-04-10');
    const onGrade = d.measures.filter((m) => m.because.some((b) => b.startsWith('纳税缴费信用:')));
    expect(onGrade.length).toBeGreaterThan(0);
    for (const m of onGrade) expect(m.since).toBe('2024-04-10');
  });

  it('the latest rating decides, so its day is the since', () => {
    const s = subjectOf([rating('T1', '2023-04-10', 'D', 2022), rating('T2', '2024-04-12', 'D', 2023)]);
    const d = evaluate(taxCompiled, s, { at: '2025-06-30', explain: false });
    expect(d.lists.find((l) => l.list === 'D级纳税人名单_2014')?.since).toBe('2024-04-12');
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const records of [[rating('T1', '2024-04-10', 'D', 2023)], [rating('T1', '2024-04-10', 'A', 2023)]]) {
      const [fast, reference] = bothEvaluators(tax.ir!, tax.hash!, taxCompiled, subjectOf(records), '2025-06-30');
      expect(reference).toBe(fast);
    }
  });

  it('no grade begins before its instrument took effect (平顶山 第8项, 2021-02-03; R67)', () => {
    const pds = loadPolicy('policies/pingdingshan/pingdingshan.xy');
    const compiled = compilePolicy(pds.ir!, pds.hash!);
    const s = subjectOf(
      [{ id: 'C1', type: 'court_dishonest_debtor', date: '2020-06-01', attrs: { ground: '规避执行' } }],
      pds.ir!,
    );
    const d = evaluate(compiled, s, { at: '2021-03-01', explain: false });
    expect(d.grade).toMatchObject({ grade: 'D', by: 'direct' });
    // the listing itself keeps its own day; the grade and what it triggers, the instrument's
    expect(d.lists.find((l) => l.list === '失信被执行人名单_有期限')?.since).toBe('2020-06-01');
    const onGrade = d.measures.filter((m) => m.because.some((b) => b.startsWith('公共信用综合评价:')));
    expect(onGrade.length).toBeGreaterThan(0);
    for (const m of onGrade) expect(m.since).toBe('2021-02-03');
    const [fast, reference] = bothEvaluators(pds.ir!, pds.hash!, compiled, s, '2021-03-01');
    expect(reference).toBe(fast);
  });

  it('a 陕西 D from a 行业信用评价 begins on that evaluation; after it runs out, the older result grades from then', () => {
    const yulin = loadPolicy('policies/yulin/yulin.xy');
    const compiled = compilePolicy(yulin.ir!, yulin.hash!);
    const evaluation = (date: string, riskClass: string, validUntil: string): unknown => ({
      id: 'E' + date,
      type: 'credit_evaluation',
      date,
      attrs: { evaluationKind: '行业信用评价', riskClass, validUntil },
    });
    const public_ = { id: 'P1', type: 'public_credit_evaluation', date: '2023-02-01', attrs: { evalGrade: 'D' } };
    const onProvince = (d: ReturnType<typeof evaluate>): string[] =>
      d.measures.filter((m) => m.because.some((b) => b.startsWith('陕西分级分类监管:'))).map((m) => m.since);
    const high = subjectOf([evaluation('2024-05-06', '高风险', '2026-05-05')], yulin.ir!);
    const d1 = evaluate(compiled, high, { at: '2025-01-01', explain: false });
    expect(d1.grades.find((g) => g.scale === '陕西分级分类监管')).toMatchObject({ grade: 'D', by: 'direct' });
    expect(onProvince(d1).length).toBeGreaterThan(0);
    for (const since of onProvince(d1)) expect(since).toBe('2024-05-06');
    // The 行业 evaluation ran out on 2024-12-31: the 2023 public result is the grade from 2025-01-01 on.
    const lapsed = subjectOf([evaluation('2024-05-06', '低风险', '2024-12-31'), public_], yulin.ir!);
    const d2 = evaluate(compiled, lapsed, { at: '2025-03-01', explain: false });
    expect(d2.grades.find((g) => g.scale === '陕西分级分类监管')).toMatchObject({ grade: 'D', by: 'direct' });
    expect(onProvince(d2).length).toBeGreaterThan(0);
    for (const since of onProvince(d2)) expect(since).toBe('2025-01-01');
    for (const [s, at] of [
      [high, '2025-01-01'],
      [lapsed, '2025-03-01'],
    ] as const) {
      const [fast, reference] = bothEvaluators(yulin.ir!, yulin.hash!, compiled, s, at);
      expect(reference).toBe(fast);
    }
  });
});
