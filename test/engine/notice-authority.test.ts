// The notice names whom to object or apply to: the authority each record behind a listing names, a court's
// 执行法院 for the court's list (notice review N7 F07); without one it says 认定机关 / 人民法院 alone.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { validateSubject } from '../../engine/subject/index.js';

const loaded = loadPolicy('policies/yulin/yulin.xy');
const ir = loaded.ir!;
const compiled = compilePolicy(ir, loaded.hash!);

function notice(authority: boolean): string {
  const v = validateSubject(
    {
      id: '91610800MA703AAA0A',
      kind: 'enterprise',
      records: [
        {
          id: 'P1',
          type: 'administrative_penalty',
          date: '2024-03-01',
          severity: '较重',
          ...(authority ? { authority: '榆林市市场监督管理局' } : {}),
          attrs: {
            penaltyKinds: ['罚款', '责令停产停业'],
            fineAmount: 50000,
            procedure: '普通程序',
            sector: '市场监督管理',
            conductCategory: '食品安全违法',
          },
        },
        {
          id: 'C1',
          type: 'court_dishonest_debtor',
          date: '2024-05-10',
          attrs: { ground: '违反财产报告制度', ...(authority ? { courtName: '榆林市榆阳区人民法院' } : {}) },
        },
      ],
    },
    ir,
  );
  if (!v.ok) throw new Error(v.problems.map((p) => p.messageEn).join('; '));
  return renderExplanation(evaluate(compiled, v.subject, { at: '2024-06-01' }), ir);
}

describe('the notice names whom to apply to', () => {
  it('the deciding authority and the court, as the records name them', () => {
    const text = notice(true);
    expect(text).toContain('可以向认定机关（榆林市市场监督管理局）提出异议');
    expect(text).toContain('可以向人民法院（榆林市榆阳区人民法院）申请纠正');
  });

  it('records that name none: the generic words', () => {
    const text = notice(false);
    expect(text).toContain('可以向认定机关提出异议');
    expect(text).toContain('可以向人民法院申请纠正');
  });
});

describe('a pending objection in the notice', () => {
  it('on a court list is a request for correction, not a platform objection with its 标注', () => {
    const court = loadPolicy('policies/court_dishonest/court_dishonest.xy');
    const v = validateSubject(
      {
        id: '91610800MA703AAA0A',
        kind: 'enterprise',
        records: [
          {
            id: 'C1',
            type: 'court_dishonest_debtor',
            date: '2024-05-10',
            objection: 'pending',
            attrs: { ground: '违反财产报告制度' },
          },
        ],
      },
      court.ir!,
    );
    if (!v.ok) throw new Error('invalid');
    const d = evaluate(compilePolicy(court.ir!, court.hash!), v.subject, { at: '2024-06-01' });
    const text = renderExplanation(d, court.ir!);
    expect(text).toContain('记录 C1 的纠正申请正在处理中。');
    expect(text).not.toContain('已予标注');
  });
});
