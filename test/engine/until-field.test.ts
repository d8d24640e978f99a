// `until FIELD, …` (SEMANTICS §2): a date the record itself states — a designation's 有效期至 — ends its instance
// instead of the list's term; the decision, the reference interpreter and the notice all give that day.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, validated } from './helpers.js';
import { BASE, checkTexts, codes, header } from '../check/helpers.js';

const loaded = loadPolicy('policies/fengxiang/fengxiang.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const RED = '诚信主体红名单';

function designated(attrs: Record<string, unknown>): Subject {
  const subject = {
    id: '91610322MA6XFX0017',
    kind: 'enterprise',
    records: [
      { id: 'I1', type: 'integrity_designation', date: '2024-11-01', attrs: { designation: '诚信企业', ...attrs } },
    ],
  };
  return validated(subject, ir);
}

const listed = (s: Subject, at: string, list = RED): { until: string | null } | undefined =>
  evaluate(compiled, s, { at, explain: false }).lists.find((l) => l.list === list);

describe('until a date the record states', () => {
  it('ends the listing on that day, the day itself included, with no rest-day shift', () => {
    // 2025-10-31 is a Friday; 2025-11-01 (the day after) is off the list
    const s = designated({ validUntil: '2025-10-31' });
    expect(listed(s, '2025-06-01')?.until).toBe('2025-10-31');
    expect(listed(s, '2025-10-31')?.until).toBe('2025-10-31');
    expect(listed(s, '2025-11-01')).toBeUndefined();
    // the class list of the same designation ends with it
    expect(listed(s, '2025-06-01', '诚信企业红名单')?.until).toBe('2025-10-31');
  });

  it('without the date, the list’s own term decides (an unset term: no end)', () => {
    expect(listed(designated({}), '2030-01-01')?.until).toBeNull();
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const attrs of [{}, { validUntil: '2025-10-31' }, { validUntil: '2026-02-28' }]) {
      const s = designated(attrs);
      for (const at of ['2025-06-01', '2025-10-31', '2025-11-01', '2026-03-01']) {
        const [fast, reference] = bothEvaluators(ir, hash, compiled, s, at);
        expect(reference).toBe(fast);
      }
    }
  });

  it('the notice gives the end, not 无固定期限', () => {
    const s = designated({ validUntil: '2025-10-31' });
    const text = renderExplanation(evaluate(compiled, s, { at: '2025-06-01' }), ir);
    expect(text).toContain('该名单有效期至2025年10月31日。');
    expect(text).not.toContain('无固定期限');
  });

  it('the checker takes date fields only, and names any other', () => {
    const base = `${BASE}  field statedTerm "期限" duration\n`;
    const list = (fields: string): string =>
      header(
        `list 名单 grey "名单"\n  duration 2 years basis 法A 第一条\n  until ${fields} basis 法A 第一条\n` +
          '  rule 规则 "规则" basis 法A 第一条\n    for administrative_penalty\n',
      );
    const ok = checkTexts(list('publishedOn'), { 基础: base });
    expect(codes(ok)).toEqual([]);
    expect(ok.ir?.lists['名单']?.endsAt?.fields.map((f) => f.key)).toEqual(['publishedOn']);
    const bad = checkTexts(list('statedTerm'), { 基础: base });
    const diagnostic = bad.diagnostics.find((d) => d.code === 'check.until-field-type')!;
    expect([diagnostic.message, diagnostic.messageEn]).toEqual([
      '`until` 的字段 `statedTerm` 须为日期类型（列入至该日止）',
      'the `until` field `statedTerm` must be a date (the listing ends on that day)',
    ]);
  });

  it('a diff names an `until` added, its direction unknown (sooner or later than the term, by record)', () => {
    const list = ir.lists[RED]!;
    const { endsAt: _dropped, ...without } = list;
    const older = { ...ir, lists: { ...ir.lists, [RED]: without } };
    const changes = diffPolicies(older, ir).filter((c) => c.path.includes('endsAt'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.text).toContain('有效期至');
  });
});
