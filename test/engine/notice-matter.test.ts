// A notice for a matter says which of its measures concern every matter (重点监管, 约谈) rather than this one
// (notice review N7 F31), after saying that measures of other matters were left out.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { validateSubject } from '../../engine/subject/index.js';

const loaded = loadPolicy('policies/yulin/yulin.xy');
const ir = loaded.ir!;
const compiled = compilePolicy(ir, loaded.hash!);
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
        attrs: {
          penaltyKinds: ['罚款', '责令停产停业'],
          fineAmount: 50000,
          procedure: '普通程序',
          sector: '市场监督管理',
          conductCategory: '食品安全违法',
        },
      },
    ],
  },
  ir,
);
if (!v.ok) throw new Error(v.problems.map((p) => p.messageEn).join('; '));
const subject = v.subject;

describe('measures for a matter in the notice', () => {
  it('names the measures that concern every matter', () => {
    const d = evaluate(compiled, subject, { at: '2024-06-01', matter: '政府采购' });
    const general = d.measures.flatMap((m, i) => (m.matters === null ? [i] : []));
    expect(general.length).toBeGreaterThan(0);
    expect(general.length).toBeLessThan(d.measures.length);
    const text = renderExplanation(d, ir);
    expect(text).toContain('以上为办理「政府采购」事项适用的措施，其他事项适用的措施未列出。');
    expect(text).toMatch(/其中第（[一二三四五六七八九十]+）(、（[一二三四五六七八九十]+）)*项措施不限于特定事项/);
  });

  it('says nothing of the kind without a matter', () => {
    const text = renderExplanation(evaluate(compiled, subject, { at: '2024-06-01' }), ir);
    expect(text).not.toContain('不限于特定事项');
  });
});
