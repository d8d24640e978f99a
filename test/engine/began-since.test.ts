// The since of a `when` listing is the day its condition began to hold, read part by part (SEMANTICS §2): an `or`
// from the earliest alternative that holds, an `any` from its earliest matched record, an `and` from its latest part.
// A second ground renews nothing already held (review R100: two grounds, the listing from the first); the
// listing's term still counts from the latest ground, so a later one renews it.
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { ListOutcome } from '../../engine/index.js';
import { bothEvaluators, layeredIr, testPolicyHead, validated } from './helpers.js';

const SOURCE = `${testPolicyHead(['第五条', '第六条', '第七条'])}
record honor "表彰"
record welfare "公益"
record sanction "处罚"

list 红名单 red "红名单"
  scope local
  rule 表彰或公益 "有表彰或公益记录，且一年内无处罚" basis 条例 第五条
    when (any honor or any welfare where 日期 + 10 workdays < at)
      and not (any sanction where 日期 + 1 year >= at)

list 典型 red "诚信典型"
  scope local
  duration 2 years basis 条例 第六条
  rule 近三年表彰 "近三年获表彰" basis 条例 第六条
    when any honor within 3 years

list 关注 grey "重点关注"
  scope local
  rule 两次处罚 "两次以上处罚" basis 条例 第七条
    when (count sanction) >= 2
`;

const ir = layeredIr('t', { t: SOURCE });
const compiled = compilePolicy(ir, 'sha256:t');
const subjectOf = (records: unknown[]) => validated({ id: '91610100MA6TG0020E', kind: 'enterprise', records }, ir);
const listOf = (records: unknown[], at: string, list: string): ListOutcome | undefined => {
  const s = subjectOf(records);
  const [mine, reference] = bothEvaluators(ir, 'sha256:t', compiled, s, at);
  expect(mine).toBe(reference);
  return evaluate(compiled, s, { at, explain: false }).lists.find((l) => l.list === list);
};
const rec = (id: string, type: string, date: string) => ({ id, type, date });

describe('since of a when listing, part by part', () => {
  it('an `any` holds from its earliest matched record', () => {
    const both = [rec('H1', 'honor', '2021-03-01'), rec('H2', 'honor', '2023-05-10')];
    expect(listOf(both, '2024-01-01', '红名单')?.since).toBe('2021-03-01');
    expect(listOf(both, '2024-01-01', '红名单')?.because[0]?.records).toEqual(['H1', 'H2']);
  });

  it('an `or` holds from the earliest alternative that holds, each counted from when it began to match', () => {
    // 2023-04-10 + ten working days (04-23, a Sunday, was a working day) → the welfare counts from 2023-04-24
    const records = [rec('W1', 'welfare', '2023-04-10'), rec('H1', 'honor', '2023-06-01')];
    expect(listOf(records, '2024-01-01', '红名单')?.since).toBe('2023-04-24');
    // before the welfare's notice has run, only the honour holds
    expect(
      listOf([rec('W1', 'welfare', '2023-06-01'), rec('H1', 'honor', '2023-06-05')], '2023-06-10', '红名单')?.since,
    ).toBe('2023-06-05');
  });

  it('an `and` holds from its latest part: a later stop still wins', () => {
    const records = [
      rec('H1', 'honor', '2021-03-01'),
      rec('H2', 'honor', '2023-05-10'),
      rec('P1', 'sanction', '2023-01-05'),
    ];
    // the sanction counts through 2024-01-05
    expect(listOf(records, '2024-03-01', '红名单')?.since).toBe('2024-01-06');
  });

  it('the term counts from the latest ground, which renews it; the listing is held since the first', () => {
    const records = [rec('H1', 'honor', '2022-03-01'), rec('H2', 'honor', '2023-09-01')];
    const l = listOf(records, '2024-06-01', '典型');
    expect(l?.since).toBe('2022-03-01');
    expect(l?.until).toBe('2025-09-01');
    // an honour out of the three-year window is no ground: from the one still inside it
    expect(listOf(records, '2025-03-05', '典型')?.since).toBe('2023-09-01');
  });

  it('a count holds from the record that made it true, the latest', () => {
    const records = [
      rec('P1', 'sanction', '2022-01-01'),
      rec('P2', 'sanction', '2022-06-01'),
      rec('P3', 'sanction', '2023-01-01'),
    ];
    expect(listOf(records, '2024-01-01', '关注')?.since).toBe('2023-01-01');
  });

  it('the notice names the record whose notice gave the day', () => {
    const records = [rec('W1', 'welfare', '2023-04-10'), rec('H1', 'honor', '2023-06-01')];
    const text = renderExplanation(evaluate(compiled, subjectOf(records), { at: '2024-01-01', explain: true }), ir);
    expect(text).toContain('列入自2023年4月24日起算：记录 W1（2023年4月10日）所需期间届满，自该日起方满足条件。');
  });
});
