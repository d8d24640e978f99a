// `extend to FIELD, …` with a duration field (SEMANTICS §2): a term the deciding authority stated — a court's
// 纳入期限 under 失信被执行人规定 第二条第一款 (二年, 可以延长一至三年) — counted from the listing day like the
// list's own duration; with a date field beside it, the latest end wins.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, validated } from './helpers.js';
import { BASE, checkTexts, codes, header } from '../check/helpers.js';

const loaded = loadPolicy('policies/court_dishonest/court_dishonest.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const LIST = '失信被执行人名单_有期限';

function debtor(attrs: Record<string, unknown>): Subject {
  const subject = {
    id: '91610800MA70YL011L',
    kind: 'enterprise',
    records: [
      { id: 'C1', type: 'court_dishonest_debtor', date: '2020-03-16', attrs: { ground: '妨碍抗拒执行', ...attrs } },
    ],
  };
  return validated(subject, ir);
}

const untilOf = (s: Subject, at: string): string | null | undefined =>
  evaluate(compiled, s, { at, explain: false }).lists.find((l) => l.list === LIST)?.until;

describe('extend to a duration field', () => {
  it('holds the listing for the stated term, civil counting with the rest-day shift', () => {
    // two years from 2020-03-16: 2022-03-16 (a Wednesday)
    expect(untilOf(debtor({}), '2022-01-01')).toBe('2022-03-16');
    // five years (延长三年): 2025-03-16 is a Sunday → 2025-03-17 (民法典 第二百零三条)
    const five = debtor({ extended: true, listingTerm: '5年' });
    expect(untilOf(five, '2025-03-17')).toBe('2025-03-17');
    expect(untilOf(five, '2025-03-18')).toBeUndefined();
    // English forms are the same term
    expect(untilOf(debtor({ listingTerm: '5 years' }), '2024-01-01')).toBe('2025-03-17');
  });

  it('never shortens: a stated term shorter than the list’s own keeps the list’s end', () => {
    expect(untilOf(debtor({ listingTerm: '1年' }), '2022-01-01')).toBe('2022-03-16');
  });

  it('with a date field beside it, the latest end wins', () => {
    expect(untilOf(debtor({ listingTerm: '3年', termEnds: '2024-06-30' }), '2024-01-01')).toBe('2024-06-30');
    expect(untilOf(debtor({ listingTerm: '3年', termEnds: '2022-06-30' }), '2023-01-01')).toBe('2023-03-16');
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const attrs of [{}, { listingTerm: '5年' }, { listingTerm: '3年', termEnds: '2024-06-30' }]) {
      const s = debtor(attrs);
      for (const at of ['2022-03-16', '2023-03-17', '2025-03-17']) {
        const [fast, reference] = bothEvaluators(ir, hash, compiled, s, at);
        expect(reference).toBe(fast);
      }
    }
  });

  it('the checker takes date and duration fields, and names any other', () => {
    const base = `${BASE}  field statedTerm "期限" duration\n  field summary "说明" string\n`;
    const list = (fields: string): string =>
      header(
        `list 名单 grey "名单"\n  duration 2 years basis 法A 第一条\n  extend to ${fields} basis 法A 第一条\n` +
          '  rule 规则 "规则" basis 法A 第一条\n    for administrative_penalty\n',
      );
    const ok = checkTexts(list('publishedOn, statedTerm'), { 基础: base });
    expect(codes(ok)).toEqual([]);
    expect(ok.ir?.lists['名单']?.extendTo?.fields.map((f) => f.key)).toEqual(['publishedOn', 'statedTerm']);
    const bad = checkTexts(list('statedTerm, summary'), { 基础: base });
    expect(codes(bad)).toContain('check.extend-field-type');
    const diagnostic = bad.diagnostics.find((d) => d.code === 'check.extend-field-type')!;
    expect([diagnostic.message, diagnostic.messageEn]).toEqual([
      '`extend to` 的字段 `summary` 须为日期（延至该日）或期间（自列入之日起算的期限）类型',
      'the `extend to` field `summary` must be a date (held to that day) or a duration (a term counted from the listing day)',
    ]);
  });

  it('a field added to `extend to` can only hold listings longer', () => {
    const list = ir.lists[LIST]!;
    const older = {
      ...ir,
      lists: { ...ir.lists, [LIST]: { ...list, extendTo: { ...list.extendTo!, fields: [list.extendTo!.fields[0]!] } } },
    };
    const changes = diffPolicies(older, ir).filter((c) => c.path.includes('extendTo'));
    expect(changes.map((c) => [c.aspect, c.direction])).toEqual([['extension', '从严']]);
    expect(changes[0]!.text).toContain('纳入期限');
  });
});
