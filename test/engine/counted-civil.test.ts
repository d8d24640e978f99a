// `date + P counted civil` (SEMANTICS §0): the last day of a period as 民法典 第二百零三条 counts it — a rest day moves
// it to the next working day — where plain `date + P` is the corresponding day. 陕西条例 第二十三条's five-year
// disclosure period is such a period: a record of 2020-06-01 is still public on 2025-06-03, after 端午.
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { contentHash } from '../../dsl/canonical.js';
import { printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { bothEvaluators, checkLayered, layeredIr, validated } from './helpers.js';

const HEAD = `policy t "期间末日测试"
  jurisdiction national
  version "1"
  effective 2015-01-01

scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 限制

basis 测试办法 "测试办法"
  rank 部门规章
  issuer "测试机关"
  effective 2015-01-01
  articles 第一条 第二条
  certainty verified

record sanction "行政处罚"
  field ended "期满日" date
`;

const POLICY =
  HEAD +
  `
list 守信名单 red "守信名单"
  scope national
  rule 无公开中的失信信息 "无公开期限内的失信信息" basis 测试办法 第一条
    when not any sanction where 日期 + 5 years counted civil >= at

list 限制名单 black "限制名单"
  scope national
  max level 限制
  until 日期 + 1 year counted civil basis 测试办法 第二条
  rule 受到处罚 "受到行政处罚" basis 测试办法 第二条
    for sanction
`;

const ir = layeredIr('t', { t: POLICY });
const hash = contentHash(ir);
const policy = compilePolicy(ir, hash);

const sanction = (id: string, date: string) => ({ id, type: 'sanction', date, attrs: {} });
const subjectOf = (records: object[]) =>
  validated({ id: '91610100MA6TG0050H', kind: 'enterprise', name: '测试市某某有限公司', records }, ir);

/** The decision at `at`, after checking that the reference interpreter gives the same bytes. */
function decide(records: object[], at: string) {
  const s = subjectOf(records);
  const [compiled, reference] = bothEvaluators(ir, hash, policy, s, at);
  expect(compiled).toBe(reference);
  return evaluate(policy, s, { at, explain: true });
}
const onList = (records: object[], at: string, list: string) => decide(records, at).lists.find((l) => l.list === list);

describe('counted civil', () => {
  // 2025-06-01 is a Sunday of 端午 (2025-05-31 to 2025-06-02): the period runs to Tuesday 2025-06-03.
  const dragonBoat = sanction('P1', '2020-06-01');

  it('keeps a record within its period through the working day after a holiday', () => {
    expect(onList([dragonBoat], '2025-06-03', '守信名单')).toBeUndefined();
    const red = onList([dragonBoat], '2025-06-04', '守信名单');
    expect(red?.since).toBe('2025-06-04');
  });

  it('is the corresponding day when that is a working day', () => {
    const monday = sanction('P1', '2020-06-08'); // 2025-06-09 is a Monday; 2025-06-08 a Sunday
    expect(onList([sanction('P2', '2020-06-09')], '2025-06-09', '守信名单')).toBeUndefined();
    expect(onList([sanction('P2', '2020-06-09')], '2025-06-10', '守信名单')?.since).toBe('2025-06-10');
    expect(onList([monday], '2025-06-09', '守信名单')).toBeUndefined();
    expect(onList([monday], '2025-06-10', '守信名单')?.since).toBe('2025-06-10');
  });

  it('ends a listing on the working day after 国庆 when the term is counted civil', () => {
    // 2025-10-01 to 2025-10-08 are 国庆 and 中秋: the year from 2024-10-01 ends on Thursday 2025-10-09.
    const black = onList([sanction('P1', '2024-10-01')], '2025-10-09', '限制名单');
    expect(black?.until).toBe('2025-10-09');
    expect(onList([sanction('P1', '2024-10-01')], '2025-10-10', '限制名单')).toBeUndefined();
  });

  it('explains the failing condition with the records that bar it and the last day each counts', () => {
    const before = decide([dragonBoat], '2025-06-03');
    const red = before.explanation?.children?.find((c) => c.text.startsWith('未列入「守信名单」'));
    expect(red?.text).toBe(
      '未列入「守信名单」：有符合条件的「行政处罚」记录：记录 P1（2020年6月1日，计入至2025年6月3日）' +
        '（条件：`any 行政处罚 where 日期 + 5 years counted civil >= 评价日期`）',
    );
    // Past three records the rest are counted; each keeps its own last day (2025-06-09 is a Monday).
    const many = ['2020-06-01', '2020-06-09', '2021-01-04', '2022-03-01'].map((d, i) => sanction(`P${i + 1}`, d));
    const text = decide(many, '2025-06-03').explanation?.children?.find((c) => c.text.startsWith('未列入「守信名单」'));
    expect(text?.text).toContain(
      '记录 P1（2020年6月1日，计入至2025年6月3日）、P2（2020年6月9日，计入至2025年6月9日）、P3（2021年1月4日，计入至2026年1月4日）等4条',
    );
    const after = renderExplanation(decide([dragonBoat], '2025-06-04'), ir);
    expect(after).toContain('自2025年6月4日起');
  });

  it('notes a presumed calendar only where the outcome depends on it', () => {
    // 2022-10-01 + 5 years is 国庆 2027 (Friday): presumed Monday 2027-10-04, the arrangement not yet published.
    const late = sanction('P1', '2022-10-01');
    const note = '2027年节假日安排尚未收录，期间末日按周末和法定节日推定（未计调休），以国务院公布的放假安排为准';
    expect(decide([late], '2027-10-04').notes).toContain(note);
    expect(onList([late], '2027-10-04', '守信名单')).toBeUndefined();
    expect(onList([late], '2027-10-05', '守信名单')?.since).toBe('2027-10-05');
    // Years before or well after: the answer does not depend on 2027's arrangement.
    expect(decide([late], '2026-06-30').notes).not.toContain(note);
    expect(decide([late], '2027-12-01').notes).not.toContain(note);
  });
});

describe('counted civil: the language', () => {
  const errors = (rule: string): string[] =>
    checkLayered('t', {
      t: `${HEAD}\nlist 名单 red "名单"\n  scope national\n  rule 规则 "规则" basis 测试办法 第一条\n    when ${rule}\n`,
    })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column}`);

  it('takes a date plus a duration only', () => {
    expect(errors('not any sanction where 日期 + 5 years counted civil >= at')).toEqual([]);
    expect(errors('not any sanction where 日期 - 5 years counted civil >= at')).toEqual(['check.counted-civil 22:33']);
    expect(errors('not any sanction where 日期 + 5 counted civil >= at')).toEqual(['check.bad-operands 22:33']);
    expect(errors('not any sanction where 日期 counted civil >= at')).toEqual(['syntax.unexpected-token 22:36']);
  });

  it('says how to write it when `counted` is misspelt or misplaced', () => {
    const diagnostics = checkLayered('t', {
      t: `${HEAD}\nlist 名单 red "名单"\n  scope national\n  rule 规则 "规则" basis 测试办法 第一条\n    when not any sanction where 日期 + 5 years counted civl >= at\n`,
    }).diagnostics.filter((d) => d.severity === 'error');
    expect(diagnostics[0]?.span?.start).toMatchObject({ line: 22, column: 46 });
    expect(diagnostics[0]?.help).toContain('`日期 + 5 years counted civil`');
  });

  it("leaves a list's own `counted calendar` / `counted civil` clause alone", () => {
    const list = (counting: string) =>
      `${HEAD}\nlist 名单 black "名单"\n  scope national\n  max level 限制\n  duration 3 years counted ${counting}\n` +
      `  rule 规则 "规则" basis 测试办法 第一条\n    for sanction\n`;
    expect(layeredIr('t', { t: list('calendar') }).lists['名单']?.duration?.counting).toBe('calendar');
    expect(layeredIr('t', { t: list('civil') }).lists['名单']?.duration?.counting).toBe('civil');
  });

  it('prints back to the same text', () => {
    const parsed = parsePolicy(POLICY, 't.xy');
    expect(parsed.diagnostics).toEqual([]);
    const printed = printPolicy(parsed.value!);
    expect(printed).toContain('when not any sanction where 日期 + 5 years counted civil >= at');
    expect(printed).toContain('until 日期 + 1 year counted civil basis 测试办法 第二条');
  });

  it('changes the policy hash, so a decision names which reading it took', () => {
    const plain = layeredIr('t', { t: POLICY.replaceAll(' counted civil', '') });
    expect(contentHash(plain)).not.toBe(hash);
  });
});
