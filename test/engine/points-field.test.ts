// `add FIELD per TYPE …` (SEMANTICS §3): an item that adds each record's own figure — the tax authority's
// 年度评价指标得分 becomes the decision's score. Checked, printed, diffed; compiled and reference agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { parsePolicySource } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { printPolicyYaml } from '../../dsl/yaml/index.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { checkTexts, codes, header } from '../check/helpers.js';
import { compile, variant } from '../diff/base-policy.js';

const loaded = loadPolicy('policies/tax_credit/tax_credit.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const at = '2027-05-06';

// 2025: D by score (35); 2026: a score of 95 — 公告2020年第15号 deducts 11 the year after: 84, grade B.
const scoredD: Subject = {
  id: '91610800MA703XXX03',
  kind: 'enterprise',
  records: [
    { id: 'R25', type: 'tax_credit_rating', date: '2026-04-20', attrs: { ratingYear: 2025, rating: 'D', score: 35 } },
    { id: 'S26', type: 'tax_credit_score', date: '2027-04-20', attrs: { ratingYear: 2026, score: 95 } },
  ],
};
const ratedOnly: Subject = {
  id: '91610800MA703XXX03',
  kind: 'enterprise',
  records: [
    { id: 'R24', type: 'tax_credit_rating', date: '2025-04-21', attrs: { ratingYear: 2024, rating: 'B', score: 78.5 } },
  ],
};

describe('score item points from a record field', () => {
  it("makes the tax authority's score the decision's score, less the carry-over deduction", () => {
    const grade = evaluate(compiled, scoredD, { at, explain: false }).grade!;
    expect(grade.grade).toBe('B');
    expect(grade.score).toBe(84);
    expect(grade.items.map((i) => [i.item, i.points, i.records])).toEqual([
      ['年度评价指标得分', 95, ['S26']],
      ['得分D级次年加扣', -11, ['R25', 'S26']],
    ]);
    const rated = evaluate(compiled, ratedOnly, { at: '2025-06-30', explain: false }).grade!;
    expect([rated.grade, rated.score]).toEqual(['B', 78.5]);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const [s, when] of [
      [scoredD, at],
      [ratedOnly, '2025-06-30'],
    ] as const) {
      const a = canonicalJson(evaluate(compiled, s, { at: when, explain: false }));
      expect(canonicalJson(evaluateReference(ir, hash, s, { at: when, explain: false }))).toBe(a);
    }
  });

  it('the notice states the score item by item', () => {
    const root = evaluate(compiled, scoredD, { at }).explanation!;
    expect(JSON.stringify(root)).toContain('「上一年度因评价指标得分评为D级，本年度加扣11分」计-11分');
  });

  it('needs `per`, and a numeric field of that record type', () => {
    const grading = (item: string): string =>
      header(
        `grading 评价 "评价"\n  grades A > B\n  base 0\n  ${item} basis 法A 第一条\n  band A from 50\n  band B from 0\n`,
      );
    expect(codes(checkTexts(grading('item 罚款 add fineAmount per administrative_penalty')))).not.toContain(
      'check.points-field-needs-per',
    );
    expect(checkTexts(grading('item 罚款 add fineAmount per administrative_penalty')).ir).toBeDefined();
    expect(codes(checkTexts(grading('item 罚款 add fineAmount once when any administrative_penalty')))).toContain(
      'check.points-field-needs-per',
    );
    const notNumber = checkTexts(grading('item 裁量 add discretion per administrative_penalty'));
    expect(notNumber.ir).toBeUndefined();
    expect(notNumber.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(codes(notNumber)).toContain('check.aggregate-field-type');
  });

  it('prints and converts to the same policy', () => {
    const text = printPolicy(parsePolicySource(readFileSync('policies/tax_credit/tax_credit.xy', 'utf8'), 'x.xy').ast!);
    expect(text).toContain('add score per tax_credit_score');
    expect(printPolicyYaml(parsePolicySource(text, 'x.xy').ast!)).toContain('add: score');
  });

  it('a fixed number of points against a field is a change of unknown direction', () => {
    const field = [
      '  field honorRank "表彰级别" enum [国家级, 省级, 市级]\n',
      '  field honorRank "表彰级别" enum [国家级, 省级, 市级]\n  field honorPoints "表彰分值" integer\n',
    ] as const;
    const base = compile(variant(field));
    const next = compile(variant(field, ['add 30 per honor', 'add honorPoints per honor']));
    const changes = diffPolicies(base.ir, next.ir).filter((c) => c.aspect === 'points');
    expect(changes.map((c) => [c.direction, c.before, c.after])).toEqual([['不确定', '30分', '记录的「表彰分值」']]);
  });
});
