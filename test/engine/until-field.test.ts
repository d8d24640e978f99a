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

// `until DATE when C`: a date computed from the record — the court's deletion deadline after performance
// (若干规定 第十条第一款第（一）项: 应当在三个工作日内删除) — ends an item (一) listing, which has no term of its own.
describe('until a date computed from the record', () => {
  const court = loadPolicy('policies/court_dishonest/court_dishonest.xy');
  const courtIr = court.ir!;
  const courtHash = court.hash!;
  const courtCompiled = compilePolicy(courtIr, courtHash);
  const OPEN = '失信被执行人名单_无期限';
  const debtor = (fulfilledOn?: string): Subject =>
    validated(
      {
        id: '91610100MA6TG0020E',
        kind: 'enterprise',
        records: [
          {
            id: 'C1',
            type: 'court_dishonest_debtor',
            date: '2020-03-02',
            ...(fulfilledOn === undefined ? {} : { fulfilledOn }),
            attrs: { ground: '有履行能力而拒不履行' },
          },
        ],
      },
      courtIr,
    );
  const decide = (s: Subject, at: string) => evaluate(courtCompiled, s, { at, explain: false });

  it('ends on the third working day after performance, make-up working days counted', () => {
    // 2025-09-30 performed; 10-01 to 10-08 off; 10-09, 10-10 and 10-11 (a Saturday worked) are the three days
    const s = debtor('2025-09-30');
    expect(decide(s, '2025-10-08').lists.find((l) => l.list === OPEN)?.until).toBe('2025-10-11');
    expect(decide(s, '2025-10-11').lists.find((l) => l.list === OPEN)?.until).toBe('2025-10-11');
    expect(decide(s, '2025-10-12').lists.find((l) => l.list === OPEN)).toBeUndefined();
  });

  it('gives no end before its `when` holds: a performance after `at` is not yet known', () => {
    expect(decide(debtor('2025-07-15'), '2025-06-30').lists.find((l) => l.list === OPEN)?.until).toBeNull();
    expect(decide(debtor(), '2025-06-30').lists.find((l) => l.list === OPEN)?.until).toBeNull();
  });

  it('a deadline in a year the calendar lacks gives no end and says so, in both evaluators', () => {
    // performed 2026-12-30 (a Wednesday): the third working day after it falls in 2027
    const s = debtor('2026-12-30');
    const d = decide(s, '2026-12-31');
    expect(d.lists.find((l) => l.list === OPEN)?.until).toBeNull();
    expect(d.notes).toEqual([
      '“失信被执行人名单（第一条第一项，无纳入期限）”的截止日期需按2027年节假日安排计算，该安排尚未收录，截止日期暂不确定，以国务院公布的放假安排为准',
    ]);
    const [fast, reference] = bothEvaluators(courtIr, courtHash, courtCompiled, s, '2026-12-31');
    expect(reference).toBe(fast);
  });

  it('the reference interpreter decides the same bytes around the deadline', () => {
    for (const fulfilledOn of [undefined, '2024-01-05', '2025-09-30', '2025-07-15']) {
      const s = debtor(fulfilledOn);
      for (const at of ['2024-01-09', '2024-01-10', '2024-01-11', '2025-06-30', '2025-10-11', '2025-10-12']) {
        const [fast, reference] = bothEvaluators(courtIr, courtHash, courtCompiled, s, at);
        expect(reference).toBe(fast);
      }
    }
  });

  it('parses, prints and converts: a bare name is a field, anything else a computed date', () => {
    const base = `${BASE}  field statedEnd "截止日" date\n`;
    const text = header(
      `list 名单 grey "名单"\n  until statedEnd, fulfilledOn + 3 workdays when fulfilledOn <= at basis 法A 第一条\n` +
        '  rule 规则 "规则" basis 法A 第一条\n    for administrative_penalty\n',
    );
    const checked = checkTexts(text, { 基础: base });
    expect(codes(checked)).toEqual([]);
    const endsAt = checked.ir?.lists['名单']?.endsAt;
    expect(endsAt?.fields.map((f) => f.key)).toEqual(['statedEnd']);
    expect(endsAt?.dates).toEqual([
      {
        op: 'dateShift',
        sign: 1,
        date: { op: 'field', key: 'fulfilledOn', builtin: true },
        duration: { op: 'lit', type: 'duration', value: { amount: 3, unit: 'workday' } },
      },
    ]);
    expect(endsAt?.when).toEqual({
      op: 'cmp',
      cmp: '<=',
      type: 'date',
      left: { op: 'field', key: 'fulfilledOn', builtin: true },
      right: { op: 'at' },
    });
    // a computed end must be a date
    const bad = checkTexts(
      header(
        `list 名单 grey "名单"\n  until fulfilledOn + 3 workdays, 3 years basis 法A 第一条\n` +
          '  rule 规则 "规则" basis 法A 第一条\n    for administrative_penalty\n',
      ),
      { 基础: base },
    );
    expect(codes(bad)).toContain('check.type-mismatch');
  });

  it('a diff names the computed end and its condition', () => {
    const list = courtIr.lists[OPEN]!;
    const { endsAt: _dropped, ...without } = list;
    const older = { ...courtIr, lists: { ...courtIr.lists, [OPEN]: without } };
    const changes = diffPolicies(older, courtIr).filter((c) => c.path.includes('endsAt'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.text).toContain('履行');
    expect(changes[0]!.text).toContain('时）');
  });
});
