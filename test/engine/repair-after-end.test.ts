// An early removal that could be asked only after the listing has ended by itself is none: the decision's repairFrom
// is null, and the explanation names the day it would have been (SEMANTICS §2; 令44 第十六条第二款 with a restriction
// that outlasts the three years, 第二十一条 "按照实际限制期限执行"; independent reviews R90–R102).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { bothEvaluators, repairAfterEndOf, validated } from './helpers.js';

const loaded = loadPolicy('policies/samr_blacklist/samr_blacklist.xy');
const ir = loaded.ir!;
const compiled = compilePolicy(ir, loaded.hash!);
const LIST = '严重违法失信名单';
const withRestriction = (restrictionEnds: string) =>
  validated(
    {
      id: '91610800MA703XXX03',
      kind: 'enterprise',
      records: [
        {
          id: 'P1',
          type: 'administrative_penalty',
          date: '2023-06-30',
          severity: '较重',
          attrs: {
            penaltyKinds: ['罚款', '限制从业'],
            sector: '市场监督管理',
            conductCategory: '质量安全违法',
            restrictionEnds,
          },
        },
      ],
    },
    ir,
  );

describe('repairFrom after the listing ends', () => {
  it('a restriction that outlasts the three years: listed to its end, no early removal', () => {
    const s = withRestriction('2028-06-29');
    const d = evaluate(compiled, s, { at: '2027-12-01', explain: true });
    const l = d.lists.find((x) => x.list === LIST)!;
    expect(l.until).toBe('2028-06-29');
    expect(l.repairFrom).toBeNull();
    expect(repairAfterEndOf(d, LIST)).toBe('2028-06-30');
    expect(renderExplanation(d, ir)).toContain('该名单至2028年6月29日届满自动移出；届满前不能申请提前移出。');
    const [mine, reference] = bothEvaluators(ir, loaded.hash!, compiled, s, '2027-12-01');
    expect(mine).toBe(reference);
  });

  it('a restriction that ends inside the three years: early removal from the day after it', () => {
    const s = withRestriction('2025-06-29');
    const d = evaluate(compiled, s, { at: '2025-12-01', explain: true });
    const l = d.lists.find((x) => x.list === LIST)!;
    expect(l.repairFrom).toBe('2025-06-30');
    expect(repairAfterEndOf(d, LIST)).toBeUndefined();
  });
});
