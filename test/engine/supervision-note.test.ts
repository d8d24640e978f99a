// `supervision note "…"` (LANGUAGE.md "Graded supervision"): a ratio table a city took from elsewhere says so in every
// decision that gives its ratio, and in no other (SEMANTICS §3).
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import { compileSource, parsePolicySource } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';

const NOTE = '本市未公布抽查比例：所列比例参照他地做法，是本地选择';
const SOURCE = `
policy 城市 "城市分级分类监管" jurisdiction national version "1" effective 2020-01-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 警示 < 约谈 < 加强监管 < 限制 < 禁入
basis 他地办法 "他地企业信用风险分类监管" rank 规范性文件
record administrative_penalty "行政处罚"
  severity
grading 评价 "公共信用综合评价"
  grades A > B
  base 100
  item 处罚 deduct 60 per administrative_penalty basis 他地办法
  band A from 80
  band B from 0
  supervision when kind == enterprise basis 他地办法
  supervision A ratio 0% .. 5% basis 他地办法
  supervision B ratio 5% .. 20% basis 他地办法
  supervision note "${NOTE}"
`;

const checked = compileSource(SOURCE, 'city.xy', () => undefined);
const ir = checked.ir!;
const compiled = compilePolicy(ir, checked.hash!);
const enterprise: Subject = { id: '91610800MA703XXXX1', kind: 'enterprise', records: [] };
const person: Subject = { id: '610802199001011235', kind: 'natural_person', records: [] };

describe('supervision note', () => {
  it('is in the IR and survives formatting', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ir.gradings['评价']?.supervisionNote).toBe(NOTE);
    const parsed = parsePolicySource(SOURCE, 'city.xy');
    expect(printPolicy(parsed.ast!)).toContain(`supervision note "${NOTE}"`);
  });

  it('goes into the notes of a decision that gives a ratio, and of no other', () => {
    const d = evaluate(compiled, enterprise, { at: '2024-01-01', explain: false });
    expect(d.supervision?.spotCheckRange).toEqual([0, 0.05]);
    expect(d.notes).toContain(NOTE);
    // a natural person is graded but the ratios are for enterprises: no ratio, no note
    const p = evaluate(compiled, person, { at: '2024-01-01', explain: false });
    expect(p.supervision).toBeNull();
    expect(p.notes).not.toContain(NOTE);
  });

  it('the reference interpreter says the same', () => {
    for (const s of [enterprise, person]) {
      const fast = evaluate(compiled, s, { at: '2024-01-01', explain: false });
      expect(canonicalJson(evaluateReference(ir, checked.hash!, s, { at: '2024-01-01', explain: false }))).toBe(
        canonicalJson(fast),
      );
    }
  });
});
