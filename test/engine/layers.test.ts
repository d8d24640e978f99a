// A base layer applies only while it is in force (SEMANTICS §5): a city policy that extends an instrument
// taking effect after it, and one that has ended, evaluated on both sides of their dates.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { exportJsonRulesEngine } from '../../engine/export/json-rules-engine.js';
import { renderExplanation } from '../../engine/explain/render.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Decision, Subject, SubjectRecord } from '../../engine/index.js';
import { findNode, layeredIr } from './helpers.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { runJreListing } from '../../cli/run-json-rules-engine.js';

const NATIONAL = `
policy 全国 "全国基础" jurisdiction national version "1" effective 2020-01-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 警示 < 约谈 < 加强监管 < 限制 < 禁入
basis 法A "测试法" rank 法律 articles 第一条 第二条 第三条
record administrative_penalty "行政处罚"
  severity
  field fineAmount "罚款金额" money
list 严重失信名单 black "严重违法失信名单" scope national
  basis 法A 第一条
  duration 3 years basis 法A 第二条
  rule 严重处罚 basis 法A 第一条
    for administrative_penalty
    where severity >= 严重
`;

// Takes effect after the city policy that extends it (as 令54, 2022-02-01, under a city policy of 2021).
const TAX = `
policy 税务 "重大税收违法失信主体信息公布管理办法" jurisdiction national version "1" effective 2022-02-01
  extends 全国
basis 令54 "重大税收违法失信主体信息公布管理办法" rank 部门规章 articles 第六条 第十五条 第十七条
list 税务黑名单 black "重大税收违法失信主体名单" scope national
  basis 令54 第六条
  duration 3 years basis 令54 第十七条
  rule 偷税 basis 令54 第六条
    for administrative_penalty
    where fineAmount >= 100万元
measure 税务联合惩戒 "纳税信用级别判为D级"
  management level 限制 action restrict
  applies to 严重失信名单
  basis 令54 第十五条
grading 纳税信用 "纳税信用级别"
  grades A > B > C > D
  base 0
  band B from 0
  direct D when on 税务黑名单 basis 令54 第十五条
`;

// Ended while the city policy is still in force.
const CAMPAIGN = `
policy 专项 "失信问题专项治理" jurisdiction national version "1" effective 2020-06-01 until 2023-06-30
  extends 全国
basis 专项方案 "失信问题专项治理方案" rank 规范性文件 articles 第一条
list 专项治理名单 grey "专项治理对象名单" scope national
  basis 专项方案 第一条
  rule 较重处罚 basis 专项方案 第一条
    for administrative_penalty
    where severity >= 较重
`;

const CITY = `
policy 测试市 "测试城市" jurisdiction city 610800 version "1" effective 2021-01-01
  extends 全国, 税务, 专项
list 重点关注名单 grey "测试市重点关注名单" scope local
  basis 法A 第三条
  rule 一般处罚 basis 法A 第三条
    for administrative_penalty
    where severity >= 一般
    unless on 税务黑名单
measure 联合惩戒 "限制参加政府采购"
  penalty level 限制 action restrict
  applies to 税务黑名单
  basis 法A 第三条
`;

const TEXTS: Record<string, string> = { 全国: NATIONAL, 税务: TAX, 专项: CAMPAIGN };

const policyIr = (): PolicyIr => layeredIr('测试市', { ...TEXTS, 测试市: CITY });

const IR = policyIr();
const COMPILED = compilePolicy(IR, 'sha256:layers');

/** A 严重 penalty of 200万元, in 2021: before 令54, meets its rule; on the national list and in the campaign. */
const RECORD: SubjectRecord = {
  id: 'R1',
  type: 'administrative_penalty',
  date: '2021-06-01',
  severity: '严重',
  attrs: { fineAmount: 2_000_000 },
};
const SUBJECT: Subject = { id: '91610800MA703XXXX1', kind: 'enterprise', name: '测试某某公司', records: [RECORD] };

const decide = (at: string, explain = false): Decision => evaluate(COMPILED, SUBJECT, { at, explain });
const lists = (d: Decision): string[] => d.lists.map((l) => l.list);
const measures = (d: Decision): string[] => d.measures.map((m) => m.measure);

const TAX_NOTE =
  '评价日期2021年9月1日早于《重大税收违法失信主体信息公布管理办法》施行日期2022年2月1日，其名单、措施和评级不适用';
const CAMPAIGN_NOTE = '评价日期2023年9月1日晚于《失信问题专项治理》终止日期2023年6月30日，其名单、措施和评级已不再适用';

const find = findNode;

describe('layers in force (SEMANTICS §5)', () => {
  it('compiles the policy as layered; the shipped shape (bases no later than the policy) is not', () => {
    expect(COMPILED.plan.layered).toBe(true);
    const settled: PolicyIr = {
      ...IR,
      layers: IR.layers.map((l) => ({
        id: l.id,
        title: l.title,
        version: l.version,
        jurisdiction: l.jurisdiction,
        effective: '2020-01-01',
      })),
    };
    expect(compilePolicy(settled, 'h').plan.layered).toBe(false);
  });

  it('keeps a base list off before its layer takes effect, and on after', () => {
    const before = decide('2021-09-01');
    expect(before.inForce).toBe(true);
    expect(lists(before)).not.toContain('税务黑名单');
    const after = decide('2022-03-01');
    expect(lists(after)).toContain('税务黑名单');
    // The 2021 record counts once 令54 is in force: only `at` decides, not the record's date.
    expect(after.lists.find((l) => l.list === '税务黑名单')?.because[0]?.records).toEqual(['R1']);
  });

  it('reads `on LIST` of a list not in force as false in another layer’s rule', () => {
    expect(lists(decide('2021-09-01'))).toContain('重点关注名单');
    expect(lists(decide('2022-03-01'))).not.toContain('重点关注名单');
  });

  it('does not apply a measure of a layer not in force, though its list is on', () => {
    const before = decide('2021-09-01');
    expect(lists(before)).toContain('严重失信名单');
    expect(measures(before)).not.toContain('税务联合惩戒');
    expect(measures(decide('2022-03-01'))).toContain('税务联合惩戒');
  });

  it('does not trigger a measure of the city through a list not in force', () => {
    expect(measures(decide('2021-09-01'))).not.toContain('联合惩戒');
    expect(measures(decide('2022-03-01'))).toContain('联合惩戒');
  });

  it('gives no grade from a grading of a layer not in force, primary or not', () => {
    const before = decide('2021-09-01');
    expect(before.grades).toEqual([]);
    expect(before.grade).toBeNull();
    expect(before.supervision).toBeNull();
    const after = decide('2022-03-01');
    expect(after.grade?.scale).toBe('纳税信用');
    expect(after.grade?.grade).toBe('D');
  });

  it('notes each layer not in force, before its effective date and after its end', () => {
    expect(decide('2021-09-01').notes).toEqual([TAX_NOTE]);
    expect(decide('2022-03-01').notes).toEqual([]);
    const ended = decide('2023-09-01');
    expect(ended.notes).toEqual([CAMPAIGN_NOTE]);
    expect(lists(ended)).not.toContain('专项治理名单');
    expect(lists(decide('2023-06-30'))).toContain('专项治理名单');
  });

  it('leaves the policy’s own not-in-force decision as it was', () => {
    const d = decide('2020-12-31');
    expect(d.inForce).toBe(false);
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]).toContain('本政策尚未施行');
  });

  it('explains each list, measure and grading of a layer not in force by its layer', () => {
    const e = decide('2021-09-01', true).explanation!;
    const list = find(e, 'list', '税务黑名单')!;
    expect(list.outcome).toBe('not-applies');
    expect(list.text).toBe(
      '未列入「重大税收违法失信主体名单」：所属《重大税收违法失信主体信息公布管理办法》尚未施行（施行日期2022年2月1日），本名单不适用',
    );
    expect(list.children).toBeUndefined();
    const measure = find(e, 'measure', '税务联合惩戒')!;
    expect(measure.outcome).toBe('not-applies');
    expect(measure.text).toBe(
      '不适用「纳税信用级别判为D级」：所属《重大税收违法失信主体信息公布管理办法》尚未施行（施行日期2022年2月1日）',
    );
    const grading = find(e, 'grade', '纳税信用')!;
    expect(grading.outcome).toBe('not-applies');
    expect(grading.text).toContain('「纳税信用级别」不予评级：所属《重大税收违法失信主体信息公布管理办法》尚未施行');
    const ended = find(decide('2023-09-01', true).explanation!, 'list', '专项治理名单')!;
    expect(ended.text).toContain('所属《失信问题专项治理》已终止（终止日期2023年6月30日）');
    // In force: the usual reasons.
    expect(find(decide('2022-03-01', true).explanation!, 'list', '税务黑名单')!.outcome).toBe('applies');
  });

  it('writes a notice that carries the layer note and no grade section', () => {
    const text = renderExplanation(decide('2021-09-01', true), IR);
    // the notice names a layer as it names a policy, in 「」: it is not a published instrument
    expect(text).toContain(
      TAX_NOTE.replace('《重大税收违法失信主体信息公布管理办法》', '「重大税收违法失信主体信息公布管理办法」'),
    );
    expect(text).not.toContain('信用等级');
    expect(text).toContain('测试市重点关注名单');
  });

  it('gives the reference interpreter’s bytes on both sides of every layer date', () => {
    for (const at of [
      '2021-01-01',
      '2021-09-01',
      '2022-01-31',
      '2022-02-01',
      '2023-06-30',
      '2023-07-01',
      '2024-06-01',
    ]) {
      const ref = evaluateReference(IR, 'sha256:layers', SUBJECT, { at });
      expect(canonicalJson(decide(at)), at).toBe(canonicalJson(ref));
    }
  });

  it('lists in json-rules-engine what the evaluator lists', async () => {
    const exported = exportJsonRulesEngine(IR);
    for (const at of ['2021-09-01', '2022-03-01', '2023-09-01']) {
      const jre = await runJreListing(exported, SUBJECT, at);
      expect([...jre].sort(), at).toEqual(lists(decide(at)));
    }
  });

  it('one evaluator over dates with and without every layer in force decides as a fresh one does', () => {
    // The plain path is taken while every layer is in force, remembered for that date: moving between dates
    // must not carry a lapsed layer's state over, nor the other way round.
    const dates = ['2022-03-01', '2021-09-01', '2022-03-01', '2022-03-01', '2024-01-01', '2022-03-01', '2021-09-01'];
    for (const at of dates) {
      const fresh = evaluate(compilePolicy(IR, 'sha256:layers'), SUBJECT, { at, explain: true });
      expect(canonicalJson(decide(at, true))).toBe(canonicalJson(fresh));
    }
  });
});
