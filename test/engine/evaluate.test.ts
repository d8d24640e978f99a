// Table-driven cases of the compiled evaluator against the hand-built city fixture, one SEMANTICS rule per row.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/index.js';
import type { Decision, SubjectRecord } from '../../engine/index.js';
import { onList } from '../fixtures/ir/build.js';
import { CITY } from '../fixtures/ir/city.js';
import { compiled, decide, heavy, honor, light, listNames, measureNames, rec, subject } from './helpers.js';

interface Case {
  readonly note: string;
  readonly records: SubjectRecord[];
  readonly at: string;
  readonly matter?: string;
  readonly check: (d: Decision) => void;
}

const black = (d: Decision) => d.lists.find((l) => l.list === '严重违法失信名单');
const grey = (d: Decision) => d.lists.find((l) => l.list === '重点关注名单');
const measure = (d: Decision, name: string) => d.measures.find((m) => m.measure === name);

const listing: Case[] = [
  {
    note: 'for rule: since = record date; 3 years from 2022-03-01 ends Sat 2025-03-01, civil shift to Mon 2025-03-03 (民法典 第二百零三条)',
    records: [heavy('P1', '2022-03-01')],
    at: '2025-03-03',
    check: (d) => {
      expect(black(d)).toMatchObject({ since: '2022-03-01', until: '2025-03-03', repairFrom: '2023-03-02' });
      expect(black(d)!.because).toEqual([
        {
          rule: '较重行政处罚',
          label: '受到较重行政处罚',
          records: ['P1'],
          basis: ['《市场监督管理严重违法失信名单管理办法》第二条第二款'],
        },
      ]);
    },
  },
  {
    note: 'the day after the (shifted) last day the listing has ended by itself',
    records: [heavy('P1', '2022-03-01')],
    at: '2025-03-04',
    check: (d) => expect(black(d)).toBeUndefined(),
  },
  {
    note: 'a record dated after `at` is ignored entirely',
    records: [heavy('P1', '2022-03-01')],
    at: '2022-02-28',
    check: (d) => {
      expect(d.lists).toEqual([]);
      expect(d.grade).toMatchObject({ score: 1000, grade: 'B', by: 'score' });
    },
  },
  {
    note: 'penalty kinds `has any` triggers without a large fine',
    records: [light('P1', '2022-03-01', { attrs: { penaltyKinds: ['罚款', '责令停产停业'] } })],
    at: '2023-01-01',
    check: (d) => expect(black(d)?.since).toBe('2022-03-01'),
  },
  {
    note: 'unless (无主观故意) excludes the record (令44 第十二条第二款)',
    records: [heavy('P1', '2022-03-01', { attrs: { noIntent: true } })],
    at: '2023-01-01',
    check: (d) => expect(black(d)).toBeUndefined(),
  },
  {
    note: 'extend to: a later restriction end holds the listing past the 3 years',
    records: [heavy('P1', '2022-03-01', { attrs: { restrictionEnds: '2026-01-01' } })],
    at: '2025-12-31',
    check: (d) => expect(black(d)?.until).toBe('2026-01-01'),
  },
  {
    note: 'extend to: an earlier restriction end does not shorten the listing',
    records: [heavy('P1', '2022-03-01', { attrs: { restrictionEnds: '2023-01-01' } })],
    at: '2024-01-01',
    check: (d) => expect(black(d)?.until).toBe('2025-03-03'),
  },
  {
    note: 'repairedOn: the day before the repair the subject is still listed',
    records: [heavy('P1', '2022-03-01', { repairedOn: '2023-04-01' })],
    at: '2023-03-31',
    check: (d) => expect(listNames(d)).toContain('严重违法失信名单'),
  },
  {
    note: 'repairedOn ≤ at ends the listing and every measure it carried, even one with its own term',
    records: [heavy('P1', '2022-03-01', { repairedOn: '2023-04-01' })],
    at: '2023-04-01',
    check: (d) => {
      expect(black(d)).toBeUndefined();
      expect(measureNames(d)).not.toContain('限制参加政府采购');
      expect(measureNames(d)).not.toContain('禁止评优评先');
    },
  },
  {
    note: 'repairedOn also ends the own-term measure after the list expired (never past a granted repair)',
    records: [heavy('P1', '2022-03-01', { repairedOn: '2025-06-01' })],
    at: '2025-06-01',
    check: (d) => expect(measureNames(d)).not.toContain('禁止评优评先'),
  },
  {
    note: 'revokedOn ≤ at: the record never counts',
    records: [heavy('P1', '2022-03-01', { revokedOn: '2023-01-01' })],
    at: '2023-01-01',
    check: (d) => {
      expect(d.lists).toEqual([]);
      expect(d.grade?.score).toBe(1000);
    },
  },
  {
    note: 'revokedOn after at: still counts',
    records: [heavy('P1', '2022-03-01', { revokedOn: '2023-01-02' })],
    at: '2023-01-01',
    check: (d) => expect(listNames(d)).toContain('严重违法失信名单'),
  },
  {
    note: 'objection upheld: the record was found wrong and is ignored everywhere',
    records: [heavy('P1', '2022-03-01', { objection: 'upheld' })],
    at: '2023-01-01',
    check: (d) => {
      expect(d.lists).toEqual([]);
      expect(d.grade?.items).toEqual([]);
    },
  },
  {
    note: 'objection rejected: counts normally, not marked',
    records: [heavy('P1', '2022-03-01', { objection: 'rejected' })],
    at: '2023-01-01',
    check: (d) => expect(black(d)?.marked).toBeUndefined(),
  },
  {
    note: 'objection pending on a `mark` list: counts and is marked',
    records: [heavy('P1', '2022-03-01', { objection: 'pending' })],
    at: '2023-01-01',
    check: (d) => expect(black(d)?.marked).toEqual(['P1']),
  },
  {
    note: 'grey `when` rule: 3 penalties within 2 years; since = latest matched record; 1 year (version before 2024) calendar',
    records: [light('P1', '2022-01-10'), light('P2', '2022-06-01'), light('P3', '2023-02-01')],
    at: '2023-06-01',
    check: (d) => {
      expect(grey(d)).toMatchObject({ since: '2023-02-01', until: '2024-02-01', repairFrom: null });
      expect(grey(d)!.because[0]!.records).toEqual(['P1', 'P2', 'P3']);
      expect(d.notes).toEqual([]);
    },
  },
  {
    note: 'grey `when` rule: the param version in force at `at` (2 years from 2024) is used, and its transition is noted',
    records: [light('P1', '2022-06-10'), light('P2', '2022-08-01'), light('P3', '2023-02-01')],
    at: '2024-02-02',
    check: (d) => {
      expect(grey(d)).toMatchObject({ since: '2023-02-01', until: '2025-02-01' });
      expect(d.notes.some((n) => n.includes('重点关注名单期限') && n.includes('未作规定'))).toBe(true);
    },
  },
  {
    note: 'grey `when` rule: a record outside the 2-year window does not count (at − 2y ≤ date)',
    records: [light('P1', '2021-05-31'), light('P2', '2022-08-01'), light('P3', '2023-02-01')],
    at: '2023-06-01',
    check: (d) => expect(grey(d)).toBeUndefined(),
  },
  {
    note: 'within boundary: a record exactly at at − 2 years is in (民法典 第二百零二条: the corresponding day is the period’s last)',
    records: [light('P1', '2021-06-01'), light('P2', '2022-08-01'), light('P3', '2023-02-01')],
    at: '2023-06-01',
    check: (d) => expect(grey(d)?.because[0]!.records).toEqual(['P1', 'P2', 'P3']),
  },
  {
    note: 'objection pending on a `suspend` list: the pending record does not count for that list',
    records: [
      light('P1', '2022-06-10', { objection: 'pending' }),
      light('P2', '2022-08-01'),
      light('P3', '2023-02-01'),
    ],
    at: '2023-06-01',
    check: (d) => {
      expect(grey(d)).toBeUndefined();
      // outside lists a pending record counts: three 一般 penalties deduct 60
      expect(d.grade?.items.find((i) => i.item === '一般处罚')?.points).toBe(-60);
    },
  },
  {
    note: 'red list (`when` any honor within 3 years): since = honor date, 2 years civil (2025-05-01 holiday → 05-06)',
    records: [honor('H1', '2023-05-01')],
    at: '2025-05-06',
    check: (d) =>
      expect(d.lists.find((l) => l.list === '诚信典型')).toMatchObject({ since: '2023-05-01', until: '2025-05-06' }),
  },
  {
    note: 'red list is void while on a black list; an `allow black` red list stays',
    records: [honor('H1', '2023-05-01', '国家级'), heavy('P1', '2023-06-01')],
    at: '2023-07-01',
    check: (d) => expect(listNames(d)).toEqual(['严重违法失信名单', '国家级表彰名单']),
  },
  {
    note: 'without the black list both red lists hold',
    records: [honor('H1', '2023-05-01', '国家级')],
    at: '2023-07-01',
    check: (d) => expect(listNames(d)).toEqual(['国家级表彰名单', '诚信典型']),
  },
  {
    note: 'lists are sorted by name (code units)',
    records: [
      honor('H1', '2023-05-01', '国家级'),
      light('P1', '2022-06-10'),
      light('P2', '2022-08-01'),
      light('P3', '2023-02-01'),
    ],
    at: '2023-06-01',
    check: (d) => expect(listNames(d)).toEqual(['国家级表彰名单', '诚信典型', '重点关注名单']),
  },
];

const measures: Case[] = [
  {
    note: 'no matter: every measure of the list applies; since/until follow the list',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    check: (d) => {
      expect(measure(d, '限制参加政府采购')).toMatchObject({
        since: '2022-03-01',
        until: '2025-03-03',
        because: ['严重违法失信名单'],
        department: '财政部门',
        action: 'block',
      });
    },
  },
  {
    note: 'matter filter: 政府采购 keeps the procurement ban and drops 评优评先',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    matter: '政府采购',
    check: (d) => {
      expect(measureNames(d)).toEqual(['加强检查', '限制参加政府采购']);
      expect(d.matter).toBe('政府采购');
    },
  },
  {
    note: 'matter filter: 评优评先 keeps only the measures covering it (and measures without matters)',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    matter: '评优评先',
    check: (d) => expect(measureNames(d)).toEqual(['加强检查', '禁止评优评先']),
  },
  {
    note: 'own term: 5 years from the listing since, longer than the list (until = 2027-03-01)',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    check: (d) => expect(measure(d, '禁止评优评先')?.until).toBe('2027-03-01'),
  },
  {
    note: 'own term holds past the list end: the list is not reported, the measure is, naming the list',
    records: [heavy('P1', '2022-03-01')],
    at: '2025-03-04',
    check: (d) => {
      expect(black(d)).toBeUndefined();
      expect(measure(d, '禁止评优评先')).toMatchObject({
        because: ['严重违法失信名单'],
        since: '2022-03-01',
        until: '2027-03-01',
      });
      expect(measure(d, '限制参加政府采购')).toBeUndefined();
    },
  },
  {
    note: 'own term over: nothing left',
    records: [heavy('P1', '2022-03-01')],
    at: '2027-03-02',
    check: (d) => expect(measure(d, '禁止评优评先')).toBeUndefined(),
  },
  {
    note: 'reward measures do not apply while on a black list (even via an `allow black` red list)',
    records: [honor('H1', '2023-05-01', '国家级'), heavy('P1', '2023-06-01')],
    at: '2023-07-01',
    check: (d) => expect(measure(d, '容缺受理')).toBeUndefined(),
  },
  {
    note: 'reward applies without a black list; because names both red lists, sorted; indefinite list → until null',
    records: [honor('H1', '2023-05-01', '国家级')],
    at: '2023-07-01',
    check: (d) =>
      expect(measure(d, '容缺受理')).toMatchObject({
        because: ['国家级表彰名单', '诚信典型'],
        since: '2023-05-01',
        until: null,
        kind: 'reward',
        mandatory: false,
      }),
  },
  {
    note: 'grade-triggered measure: because GRADING:GRADE, since the day the grade began (direct D on the listing), until null',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    check: (d) =>
      expect(measure(d, '加强检查')).toMatchObject({ because: ['公共信用评价:D'], since: '2022-03-01', until: null }),
  },
  {
    note: 'measures are sorted by name',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-01-01',
    check: (d) => expect(measureNames(d)).toEqual(['加强检查', '禁止评优评先', '限制参加政府采购']),
  },
];

const grading: Case[] = [
  {
    note: 'by score: base 1000 + 3 honors capped at 90 → 1090 → A; supervision A takes the upper ratio bound',
    records: [
      honor('H1', '2023-01-01'),
      honor('H2', '2023-02-01'),
      honor('H3', '2023-03-01'),
      honor('H4', '2023-04-01'),
    ],
    at: '2023-06-01',
    check: (d) => {
      // 4 honors → 诚信典型 too; grade is about the score only
      expect(d.grade).toMatchObject({ scale: '公共信用评价', score: 1090, grade: 'A', by: 'score' });
      expect(d.grade!.items).toEqual([{ item: '表彰', points: 90, records: ['H1', 'H2', 'H3', 'H4'] }]);
      expect(d.supervision).toEqual({
        scale: '公共信用评价',
        grade: 'A',
        spotCheckRatio: 0.05,
        spotCheckRange: [0, 0.05],
        frequency: '每年少于1次',
        basis: ['《测试市公共信用综合评价办法》三'],
      });
    },
  },
  {
    note: 'per-record deduction capped in absolute value: 6 × −20 → −100',
    records: ['a', 'b', 'c', 'd', 'e', 'f'].map((x, i) => light(x, `2023-0${i + 1}-10`)),
    at: '2024-08-01',
    check: (d) => {
      expect(d.grade?.items.find((i) => i.item === '一般处罚')?.points).toBe(-100);
      expect(d.grade?.score).toBe(900);
    },
  },
  {
    note: 'severity compared by scale position: 较重 and 严重 both ≥ 较重',
    records: [rec('S1', 'administrative_penalty', '2023-01-01', { severity: '严重', attrs: { fineAmount: 10 } })],
    at: '2024-06-01',
    check: (d) => expect(d.grade?.items).toEqual([{ item: '较重处罚', points: -150, records: ['S1'] }]),
  },
  {
    note: 'once item: a kept commitment adds 10 once, naming the records its condition matched',
    records: [
      rec('C1', 'credit_commitment', '2023-01-01', { attrs: { kept: true } }),
      rec('C2', 'credit_commitment', '2023-02-01', { attrs: { kept: false } }),
    ],
    at: '2023-06-01',
    check: (d) => expect(d.grade?.items).toEqual([{ item: '承诺履约', points: 10, records: ['C1'] }]),
  },
  {
    note: 'cap B: a penalty within 1 year caps an A score at B',
    records: [
      honor('H1', '2023-01-01'),
      honor('H2', '2023-02-01'),
      honor('H3', '2023-03-01'),
      light('P1', '2023-05-01'),
    ],
    at: '2023-06-01',
    check: (d) => expect(d.grade).toMatchObject({ score: 1070, grade: 'B', by: 'cap', rule: 'cap B' }),
  },
  {
    note: 'cap B does not fire for a penalty older than 1 year',
    records: [
      honor('H1', '2023-01-01'),
      honor('H2', '2023-02-01'),
      honor('H3', '2023-03-01'),
      light('P1', '2022-05-01'),
    ],
    at: '2023-06-01',
    check: (d) => expect(d.grade).toMatchObject({ score: 1070, grade: 'A', by: 'score' }),
  },
  {
    note: 'direct D while on the black list overrides the score',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-06-01',
    check: (d) => {
      expect(d.grade).toMatchObject({ score: 850, grade: 'D', by: 'direct', rule: 'direct D' });
      expect(d.supervision).toMatchObject({ grade: 'D', spotCheckRatio: 1, spotCheckRange: [0.5, 1] });
      expect(d.grades).toEqual([d.grade]);
    },
  },
];

const inForce: Case[] = [
  {
    note: 'before the policy is effective nothing applies, with a note',
    records: [heavy('P1', '2021-03-01')],
    at: '2021-08-31',
    check: (d) => {
      expect(d).toMatchObject({ inForce: false, lists: [], measures: [], grade: null, grades: [], supervision: null });
      expect(d.notes[0]).toContain('2021年9月1日');
    },
  },
  {
    note: 'on the effective date it applies (and records before it count)',
    records: [heavy('P1', '2021-03-01')],
    at: '2021-09-01',
    check: (d) => {
      expect(d.inForce).toBe(true);
      expect(listNames(d)).toContain('严重违法失信名单');
    },
  },
  {
    note: 'a civil last day in a year the calendar does not cover is not shifted and carries a note',
    records: [heavy('P1', '2024-03-01')],
    at: '2024-06-01',
    check: (d) => {
      expect(black(d)?.until).toBe('2027-03-01');
      expect(d.notes.some((n) => n.includes('2027年节假日安排尚未收录'))).toBe(true);
    },
  },
];

describe.each([
  ['lists', listing],
  ['measures', measures],
  ['grading', grading],
  ['policy in force', inForce],
])('%s', (_group, cases) => {
  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    c.check(decide(c.records, c.at, c.matter));
  });
});

describe('clarifications (SEMANTICS §7)', () => {
  it('a measure term end is computed (and its calendar note kept) even when the matter filters the measure out', () => {
    const d = decide([heavy('P1', '2024-03-01')], '2024-06-01', '政府采购');
    expect(measureNames(d)).not.toContain('禁止评优评先');
    expect(d.notes.some((n) => n.startsWith('2029年'))).toBe(true);
  });

  it('a list trigger and a grade trigger together: earliest since, until null (a grade has no end)', () => {
    const ir = {
      ...CITY,
      measures: {
        ...CITY.measures,
        加强检查: { ...CITY.measures['加强检查']!, lists: ['严重违法失信名单'] },
      },
    };
    const d = evaluate(compiled(ir), subject([heavy('P1', '2022-03-01')]), { at: '2023-01-01', explain: false });
    expect(d.measures.find((m) => m.measure === '加强检查')).toMatchObject({
      because: ['严重违法失信名单', '公共信用评价:D'],
      since: '2022-03-01',
      until: null,
    });
  });

  it('an item with `per` and `when` counts only while the `when` holds; an item with neither always applies', () => {
    const g = CITY.gradings['公共信用评价']!;
    const ir = {
      ...CITY,
      gradings: {
        公共信用评价: {
          ...g,
          items: [
            { name: '基础加分', points: 5, basis: [] },
            { ...g.items[2]!, when: onList('严重违法失信名单') },
          ],
        },
      },
    };
    const c = compiled(ir);
    const plain = evaluate(c, subject([honor('H1', '2023-01-01')]), { at: '2023-06-01', explain: false });
    expect(plain.grade?.items).toEqual([{ item: '基础加分', points: 5, records: [] }]);
    const both = evaluate(c, subject([honor('H1', '2023-01-01'), heavy('P1', '2023-02-01')]), {
      at: '2023-06-01',
      explain: false,
    });
    expect(both.grade?.items.map((i) => [i.item, i.points])).toEqual([
      ['基础加分', 5],
      ['表彰', 30],
    ]);
  });
});
