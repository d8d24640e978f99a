// `latest per F` (SEMANTICS §1): of a record type's counting records, a later one with the same F supersedes an
// earlier one — a 复评 of a 纳税信用 year replaces the rating — as if the earlier were revoked on the later one's date.
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { SubjectRecord } from '../../engine/index.js';
import { contentHash } from '../../dsl/canonical.js';
import { bothEvaluators, checkLayered, layeredIr, validated } from './helpers.js';

const HEAD = `policy t "复评测试"
  jurisdiction national
  version "1"
  effective 2020-01-01

scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 限制

basis 测试办法 "测试办法"
  rank 部门规章
  issuer "测试机关"
  effective 2020-01-01
  articles 第一条
  certainty verified
`;

const POLICY =
  HEAD +
  `
record rating "评级"
  latest per ratingYear
  field ratingYear "评价年度" integer
  field grade2 "级别" enum [A, B, D]

list 低级别名单 grey "低级别名单"
  scope national
  max level 限制
  rule 评为D级 "评为D级" basis 测试办法 第一条
    for rating
    where grade2 == D
`;

const ir = layeredIr('t', { t: POLICY });
const hash = contentHash(ir);
const policy = compilePolicy(ir, hash);

const rating = (id: string, date: string, attrs: Record<string, unknown>, extra: Partial<SubjectRecord> = {}) => ({
  id,
  type: 'rating',
  date,
  attrs,
  ...extra,
});
const subjectOf = (records: object[]) =>
  validated({ id: '91610100MA6TG0050H', kind: 'enterprise', name: '测试市某某有限公司', records }, ir);
const listed = (records: object[], at: string): boolean => {
  const s = subjectOf(records);
  const [compiled, reference] = bothEvaluators(ir, hash, policy, s, at);
  expect(compiled).toBe(reference);
  return evaluate(policy, s, { at, explain: false }).lists.some((l) => l.list === '低级别名单');
};

describe('latest per', () => {
  const d2023 = rating('R1', '2024-04-15', { ratingYear: 2023, grade2: 'D' });
  const b2023 = rating('R2', '2024-06-20', { ratingYear: 2023, grade2: 'B' });

  it('a later record with the same value supersedes the earlier one from its date on', () => {
    expect(listed([d2023, b2023], '2024-06-19')).toBe(true);
    expect(listed([d2023, b2023], '2024-06-20')).toBe(false);
  });

  it('an earlier record never supersedes a later one, whatever the input order', () => {
    const b = rating('R1', '2024-04-15', { ratingYear: 2023, grade2: 'B' });
    const d = rating('R2', '2024-06-20', { ratingYear: 2023, grade2: 'D' });
    expect(listed([d, b], '2024-07-01')).toBe(true);
    expect(listed([b, d], '2024-07-01')).toBe(true);
  });

  it('records of other values, of one date, or without the field do not supersede', () => {
    const b2022 = rating('R2', '2024-06-20', { ratingYear: 2022, grade2: 'B' });
    expect(listed([d2023, b2022], '2024-07-01')).toBe(true);
    const sameDay = rating('R2', '2024-04-15', { ratingYear: 2023, grade2: 'B' });
    expect(listed([d2023, sameDay], '2024-07-01')).toBe(true);
    const noYear = rating('R2', '2024-06-20', { grade2: 'B' });
    expect(listed([d2023, noYear], '2024-07-01')).toBe(true);
    const dNoYear = rating('R1', '2024-04-15', { grade2: 'D' });
    expect(listed([dNoYear, b2023], '2024-07-01')).toBe(true);
  });

  it('a later record that does not count (revoked, upheld objection) supersedes nothing', () => {
    expect(listed([d2023, { ...b2023, revokedOn: '2024-09-01' }], '2024-10-01')).toBe(true);
    expect(listed([d2023, { ...b2023, revokedOn: '2024-09-01' }], '2024-08-01')).toBe(false);
    expect(listed([d2023, { ...b2023, objection: 'upheld' }], '2024-10-01')).toBe(true);
  });

  it('the explanation names the record that superseded, and the value', () => {
    const s = subjectOf([d2023, b2023]);
    const d = evaluate(policy, s, { at: '2024-07-01', explain: true });
    const node = d.explanation?.children?.find((c) => c.kind === 'record' && c.records?.[0] === 'R1');
    expect(node?.text).toBe(
      '记录 R1（2024年4月15日）已被评价年度同为 2023 的较晚记录 R2（2024年6月20日）取代，不予计入',
    );
    expect(node?.records).toEqual(['R1', 'R2']);
  });

  it('the notice tells the subject which records were left out and why, and counts the rest past twenty', () => {
    const few = renderExplanation(evaluate(policy, subjectOf([d2023, b2023]), { at: '2024-07-01', explain: true }), ir);
    expect(few).toContain(
      '、未计入的记录\n记录 R1（2024年4月15日）已被评价年度同为 2023 的较晚记录 R2（2024年6月20日）取代，不予计入。',
    );
    const many = Array.from({ length: 25 }, (_, i) =>
      rating(`F${i}`, '2024-08-01', { ratingYear: 2000 + i, grade2: 'D' }),
    );
    const text = renderExplanation(evaluate(policy, subjectOf(many), { at: '2024-07-01', explain: true }), ir);
    expect(text.match(/日期晚于评价日期，不予计入/g)?.length).toBe(20);
    expect(text).toContain('另有5条记录同样未予计入');
  });

  it('stays linear and agrees with the reference on a subject with many records of one type', () => {
    const records: object[] = [];
    // 2,000 ratings over 40 years, each year re-rated 50 times; only each year's last one counts
    for (let i = 0; i < 2000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
      const year = 2020 + Math.floor(i / 336);
      records.push(
        rating(`R${i}`, `${year}-${month}-${day}`, { ratingYear: 1980 + (i % 40), grade2: i >= 1960 ? 'B' : 'D' }),
      );
    }
    expect(listed(records, '2026-06-30')).toBe(false);
    records.push(rating('LATE', '2026-06-30', { ratingYear: 1999, grade2: 'D' }));
    expect(listed(records, '2026-06-30')).toBe(true);
  });
});

describe('latest per: the checker', () => {
  const errors = (record: string): string[] =>
    checkLayered('t', { t: HEAD + record })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column}`);

  it('names an unknown field, with the one meant', () => {
    expect(errors('\nrecord rating "评级"\n  latest per ratingYea\n  field ratingYear "评价年度" integer\n')).toEqual([
      'check.unknown-field 17:14',
    ]);
  });

  it('refuses a list or a duration field', () => {
    expect(
      errors('\nenum 种类 [甲, 乙]\n\nrecord rating "评级"\n  latest per kinds\n  field kinds "种类" list of 种类\n'),
    ).toEqual(['check.latest-per-type 19:14']);
  });

  it('refuses the clause twice', () => {
    const result = checkLayered('t', {
      t:
        HEAD +
        '\nrecord rating "评级"\n  latest per a\n  latest per b\n  field a "甲" integer\n  field b "乙" integer\n',
    });
    expect(result.diagnostics.map((d) => d.code)).toContain('syntax.duplicate-clause');
  });
});
