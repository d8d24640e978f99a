// Conditions written more than once compile once: equal aggregates share one slot (computed once per decision),
// equal conditions one closure; decisions and explanations stay those of the reference interpreter.
import { describe, expect, it } from 'vitest';
import type { ExplainNode, Subject, SubjectRecord } from '../../engine/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { compile, variant } from '../diff/base-policy.js';
import { disagreement } from '../oracle/differential.js';

const SECOND_LISTS = `
list 关注二 grey "第二重点关注名单"
  scope local
  duration 1 year basis 评价办法 第十条
  rule 同样次数 "两年内三次以上行政处罚（另一名单）" basis 评价办法 第五条
    when count administrative_penalty within 2 years >= 3

list 失信二 black "第二严重失信名单"
  scope national
  duration 2 years basis 令44 第二十一条
  rule 同样处罚 "受到较重行政处罚（另一名单）" basis 令44 第二条
    for administrative_penalty
    where fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]
`;

const { ir, hash } = compile(variant(['\nmeasure 限制参加政府采购', `${SECOND_LISTS}\nmeasure 限制参加政府采购`]));
const compiled = compilePolicy(ir, hash);
const plan = compiled.plan;

function penalty(id: string, date: string, fineAmount: number, kinds: string[] = ['罚款']): SubjectRecord {
  return { id, type: 'administrative_penalty', date, severity: '一般', attrs: { fineAmount, penaltyKinds: kinds } };
}

const subjects: Subject[] = [
  { id: '91610800MA703XXX1X', kind: 'enterprise', records: [] },
  {
    id: '91610800MA703XXX1X',
    kind: 'enterprise',
    records: [
      penalty('P1', '2024-01-10', 5_000),
      penalty('P2', '2024-06-01', 8_000),
      penalty('P3', '2025-02-03', 3_000),
    ],
  },
  {
    id: '91610800MA703XXX1X',
    kind: 'enterprise',
    records: [penalty('P4', '2024-03-01', 2_000_000), penalty('P5', '2024-05-01', 100, ['吊销许可证件'])],
  },
];

function rulesNamed(n: ExplainNode, name: string, into: ExplainNode[] = []): ExplainNode[] {
  if (n.kind === 'rule' && n.name === name) into.push(n);
  for (const c of n.children ?? []) rulesNamed(c, name, into);
  return into;
}

describe('conditions written twice', () => {
  it('share one aggregate slot and one where closure', () => {
    // The second lists add no aggregate: their count is the first list's.
    const base = compile(variant());
    expect(plan.slots.length).toBe(compilePolicy(base.ir, base.hash).plan.slots.length);
    const counts = plan.slots.filter((s) => s.expr.agg === 'count' && s.expr.within?.amount === 2);
    expect(counts).toHaveLength(1);
    const ruleOf = (list: string, rule: string) => {
      const lp = plan.lists.find((l) => l.name === list)!;
      return lp.rules.find((r) => r.ir.name === rule)!;
    };
    const a = ruleOf('严重失信名单', '较重处罚');
    const b = ruleOf('失信二', '同样处罚');
    expect(a.where).not.toBeNull();
    expect(a.where).toBe(b.where);
  });

  it('decide as the reference interpreter does', () => {
    const cases = subjects.flatMap((subject) => ['2024-12-31', '2025-06-30'].map((at) => ({ subject, at })));
    expect(disagreement(ir, cases)).toBeNull();
  });

  it('explain both rules with the records they read', () => {
    const d = evaluate(compiled, subjects[1]!, { at: '2025-06-30' });
    expect(d.lists.map((l) => l.list).sort()).toEqual(['关注二', '重点关注名单'].sort());
    for (const name of ['多次处罚', '同样次数']) {
      const [rule] = rulesNamed(d.explanation!, name);
      expect(rule?.outcome).toBe('applies');
      expect(JSON.stringify(rule)).toContain('P3');
    }
  });
});
