// A record that meets a condition only from a date on — `日期 + 10 workdays < at`, a notice that must have run before
// recognition (陕西条例 第三十三条) — counts from that day: the since of a `when` listing (its aggregates' candidates)
// and of a `for` listing is the day the record began to match, not its date (SEMANTICS §2, walk.ts `Start`).
import { describe, expect, it } from 'vitest';
import { startsOf, startsOfCondition } from '../../engine/compile/walk.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { bothEvaluators, layeredIr, testPolicyHead, validated } from './helpers.js';

const SOURCE = `${testPolicyHead(['第二十七条', '第三十三条'])}
record honor "表彰"
record evaluation "评价"
  field validUntil "有效期至" date

record sanction "处罚"

list 红名单 red "红名单"
  scope local
  rule 表彰 "表彰，公示期满" basis 条例 第二十七条, 条例 第三十三条
    when (any honor where 日期 + 30 days < at or 日期 + 10 workdays < at)
      and not (any sanction where 日期 + 1 year >= at)
  rule 评价 "最高等级，公示期满" basis 条例 第二十七条, 条例 第三十三条
    for evaluation
    where 日期 + 10 workdays < at and not validUntil < at
`;

const ir = layeredIr('t', { t: SOURCE });
const compiled = compilePolicy(ir, 'sha256:t');
const subjectOf = (records: unknown[]) => validated({ id: '91610100MA6TG0020E', kind: 'enterprise', records }, ir);
const sinceOf = (records: unknown[], at: string): string | undefined =>
  evaluate(compiled, subjectOf(records), { at, explain: false }).lists.find((l) => l.list === '红名单')?.since;

describe('since from the day a record began to match', () => {
  const honour = (date: string) => ({ id: 'H1', type: 'honor', date });

  it('a `when` listing holds from the day after the tenth working day, not from the record', () => {
    // 2024-09-09 (Mon): 09-14 (Sat) was a working day, 中秋 09-15..17 were not → the tenth is 09-24
    expect(sinceOf([honour('2024-09-09')], '2024-09-24')).toBeUndefined();
    expect(sinceOf([honour('2024-09-09')], '2024-09-25')).toBe('2024-09-25');
    expect(sinceOf([honour('2024-09-09')], '2025-06-01')).toBe('2024-09-25');
  });

  it('an `or` takes its earliest alternative that holds; one the calendar cannot count is passed over', () => {
    // A 2012 honour: thirty days are long past, and ten working days of 2012 cannot be counted (no 2012 calendar).
    expect(sinceOf([honour('2012-05-02')], '2024-01-02')).toBe('2012-06-02');
  });

  it('a stop that comes later still wins: the latest of the candidates', () => {
    const penalty = { id: 'P1', type: 'sanction', date: '2024-01-10' };
    // the penalty counts through 2025-01-10, so the listing holds from 2025-01-11
    expect(sinceOf([honour('2024-09-09'), penalty], '2025-06-01')).toBe('2025-01-11');
  });

  it('a `for` listing begins on the day its record began to match', () => {
    const ev = { id: 'E1', type: 'evaluation', date: '2023-04-10', attrs: { validUntil: '2025-04-09' } };
    // 2023-04-23 (Sun) was a working day (劳动节): the tenth working day, so the listing holds from 04-24
    expect(sinceOf([ev], '2023-04-23')).toBeUndefined();
    expect(sinceOf([ev], '2023-04-24')).toBe('2023-04-24');
    expect(sinceOf([ev], '2024-01-01')).toBe('2023-04-24');
  });

  it('the notice says why the listing holds from that day', () => {
    const notice = (records: unknown[], at: string): string =>
      renderExplanation(evaluate(compiled, subjectOf(records), { at, explain: true }), ir);
    expect(notice([honour('2024-09-09')], '2025-06-01')).toContain(
      '列入自2024年9月25日起算：记录 H1（2024年9月9日）所需期间届满，自该日起方满足条件。',
    );
    const ev = { id: 'E1', type: 'evaluation', date: '2023-04-10', attrs: { validUntil: '2025-04-09' } };
    expect(notice([ev], '2024-01-01')).toContain(
      '列入自2023年4月24日起算：记录 E1（2023年4月10日）所需期间届满，自该日起方满足条件。',
    );
  });

  it('the reference interpreter decides the same bytes', () => {
    const cases: [unknown[], string][] = [
      [[honour('2024-09-09')], '2024-09-25'],
      [[honour('2012-05-02')], '2024-01-02'],
      [[honour('2024-09-09'), { id: 'P1', type: 'sanction', date: '2024-01-10' }], '2025-06-01'],
      [[{ id: 'E1', type: 'evaluation', date: '2023-04-10', attrs: { validUntil: '2025-04-09' } }], '2024-01-01'],
    ];
    for (const [records, at] of cases) {
      const [fast, reference] = bothEvaluators(ir, 'sha256:t', compiled, subjectOf(records), at);
      expect(reference).toBe(fast);
    }
  });
});

describe('starts', () => {
  it('recognises `E < at`, `E <= at`, `not E >= at` and an `or` of them; not a stop, not `all`', () => {
    const list = ir.lists['红名单']!;
    const when = list.rules.find((r) => r.name === '表彰')!.when!;
    const honourAgg = when.op === 'and' ? when.args[0]! : when;
    if (honourAgg.op !== 'agg') throw new Error('agg expected');
    expect(startsOf(honourAgg).map((s) => s.kind)).toEqual(['any']);
    const forRule = list.rules.find((r) => r.name === '评价')!;
    expect(startsOfCondition(forRule.where).map((s) => s.kind)).toEqual(['after']);
    const penaltyAgg = when.op === 'and' && when.args[1]!.op === 'not' ? when.args[1]!.arg : null;
    if (penaltyAgg === null || penaltyAgg.op !== 'agg') throw new Error('agg expected');
    expect(startsOf(penaltyAgg)).toEqual([]);
    expect(startsOf({ ...honourAgg, agg: 'all' })).toEqual([]);
  });
});
