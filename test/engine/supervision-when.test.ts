// `supervision when COND` (SEMANTICS §3): a grading's spot-check ratios for the subjects the table is for —
// 榆林's 林甸 ratios for market subjects, none for a 社会团体, which keeps the grade; and `applies when`: a natural
// person gets no 公共信用综合评价 grade at all (专栏1第3项 names eight kinds of organisation).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { checkTexts, codes, header } from '../check/helpers.js';

const loaded = loadPolicy('policies/yulin/yulin.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const at = '2025-06-30';
const evaluation = { id: 'E1', type: 'public_credit_evaluation', date: '2025-04-01', attrs: { evalGrade: 'C' } };
const enterprise: Subject = { id: '91610800MA70YL011L', kind: 'enterprise', records: [evaluation] };
const group: Subject = { id: '51610800MJ00000115', kind: 'social_group', records: [evaluation] };
const person: Subject = { id: '61080219900101123X', kind: 'natural_person', records: [evaluation] };

describe('supervision when', () => {
  it('gives the ratio to a market subject and none to a 社会团体, which keeps the grade', () => {
    const e = evaluate(compiled, enterprise, { at, explain: false });
    expect([e.grade?.grade, e.supervision?.spotCheckRange]).toEqual(['C', [0.21, 0.6]]);
    const g = evaluate(compiled, group, { at, explain: false });
    expect(g.grade?.grade).toBe('C');
    expect(g.supervision).toBeNull();
  });

  it('applies when: a natural person gets no city grade, the province grade stays, and the tree says why', () => {
    const p = evaluate(compiled, person, { at, explain: true });
    expect(p.grade).toBeNull();
    expect(p.supervision).toBeNull();
    expect(p.grades.map((x) => x.scale)).toEqual(['陕西分级分类监管']);
    const node = p.explanation?.children?.find((c) => c.kind === 'grade' && c.name === '公共信用综合评价');
    expect(node?.text).toBe(
      '「榆林市公共信用综合评价（分级分类监管）」不予评级：主体不在评价范围内（评价范围：主体类型不为自然人）',
    );
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const s of [enterprise, group, person]) {
      const a = canonicalJson(evaluate(compiled, s, { at, explain: false }));
      expect(canonicalJson(evaluateReference(ir, hash, s, { at, explain: false }))).toBe(a);
    }
  });

  it('reads the subject, not a record, and is written once', () => {
    const grading = (extra: string): string =>
      header(`grading 评价 "评价"\n  grades A > B\n  base 0\n  band A from 50\n  band B from 0\n${extra}`);
    const ok = checkTexts(
      grading('  supervision when kind == enterprise basis 法A 第一条\n  supervision A ratio 0% .. 5%\n'),
    );
    expect(ok.ir?.gradings['评价']?.supervisionWhen).toBeDefined();
    const field = checkTexts(grading('  supervision when fineAmount > 100\n  supervision A ratio 0% .. 5%\n'));
    expect(field.ir).toBeUndefined();
    const twice = checkTexts(
      grading(
        '  supervision when kind == enterprise\n  supervision when kind == natural_person\n  supervision A ratio 0% .. 5%\n',
      ),
    );
    expect(twice.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(codes(ok).filter((c) => c.startsWith('syntax'))).toEqual([]);
  });

  it('applies when: 纳税缴费信用 grades no natural person (not M for having no record)', () => {
    const tax = loadPolicy('policies/tax_credit/tax_credit.xy');
    const taxCompiled = compilePolicy(tax.ir!, tax.hash!);
    const d = evaluate(taxCompiled, { id: '61080219900101123X', kind: 'natural_person', records: [] }, { at });
    expect([d.grade, d.grades]).toEqual([null, []]);
    const node = d.explanation?.children?.find((c) => c.kind === 'grade');
    expect(node?.text).toBe(
      '「纳税缴费信用级别」不予评级：主体不在评价范围内（评价范围：主体类型不为自然人、农户、政府机关，且以下之一：评价日期不早于2025-07-01，或主体类型为企业）',
    );
    expect(renderExplanation(d, tax.ir!)).toContain(
      '三、信用等级\n「纳税缴费信用级别」不予评级：你不在评价范围内（评价范围：主体类型不为自然人、农户、政府机关，且以下之一：评价日期不早于2025-07-01，或主体类型为企业）。',
    );
    const firm = evaluate(taxCompiled, { id: '91610800MA70YL011L', kind: 'enterprise', records: [] }, { at });
    expect(firm.grade?.grade).toBe('M');
  });

  it('applies when reads the subject, is written once, and round-trips through the formatter and YAML', () => {
    const grading = (extra: string): string =>
      header(`grading 评价 "评价"\n  grades A > B\n  base 0\n${extra}  band A from 50\n  band B from 0\n`);
    const ok = checkTexts(grading('  applies when kind != natural_person basis 法A 第一条\n'));
    expect(ok.ir?.gradings['评价']?.appliesWhen?.when).toEqual({
      op: 'cmp',
      cmp: '!=',
      type: 'enum',
      left: { op: 'subject', key: 'kind' },
      right: { op: 'lit', type: 'enum', value: 'natural_person' },
    });
    expect(checkTexts(grading('  applies when fineAmount > 100\n')).ir).toBeUndefined();
    const twice = checkTexts(grading('  applies when kind == enterprise\n  applies when kind == social_group\n'));
    expect(twice.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('a change of whom the grading grades is named, with no one direction', () => {
    const without = { ...ir, gradings: { ...ir.gradings } };
    const { appliesWhen: _dropped, ...rest } = ir.gradings['公共信用综合评价']!;
    without.gradings['公共信用综合评价'] = rest;
    const changes = diffPolicies(without, ir).filter((c) => c.path.includes('appliesWhen'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.direction).toBe('不确定');
  });

  it('a change of whom the ratios are for has no one direction', () => {
    const without = { ...ir, gradings: { ...ir.gradings } };
    const g = ir.gradings['公共信用综合评价']!;
    const { supervisionWhen: _dropped, ...rest } = g;
    without.gradings['公共信用综合评价'] = rest;
    const changes = diffPolicies(without, ir).filter((c) => c.path.includes('supervisionWhen'));
    expect(changes.map((c) => [c.aspect, c.direction])).toEqual([['condition', '不确定']]);
  });
});
