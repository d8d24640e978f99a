// The explanation tree: what applied and why, what did not and the first failing condition, remedies and notes.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { ExplainNode, SubjectRecord } from '../../engine/index.js';
import { compiled, heavy, honor, light, rec, subject, validated } from './helpers.js';

function explain(records: SubjectRecord[], at: string, matter?: string, extra = {}): ExplainNode {
  const d = evaluate(compiled(), subject(records, extra), { at, ...(matter === undefined ? {} : { matter }) });
  return d.explanation!;
}

function all(n: ExplainNode): ExplainNode[] {
  return [n, ...(n.children ?? []).flatMap(all)];
}
const find = (root: ExplainNode, kind: ExplainNode['kind'], name: string) =>
  root.children!.find((c) => c.kind === kind && c.name === name)!;

interface Case {
  readonly note: string;
  readonly records: SubjectRecord[];
  readonly at: string;
  readonly matter?: string;
  readonly check: (root: ExplainNode) => void;
}

const cases: Case[] = [
  {
    note: 'a list that did not apply names the first failing condition and the value that failed it',
    records: [light('P1', '2023-03-01')],
    at: '2023-06-01',
    check: (root) => {
      const list = find(root, 'list', '严重违法失信名单');
      expect(list.outcome).toBe('not-applies');
      expect(list.text).toContain('罚款金额 = 5000元，未达到 `>= 100万元`');
      const recNode = all(list).find((n) => n.kind === 'record' && n.records?.[0] === 'P1')!;
      expect(recNode.values).toMatchObject({ 罚款金额: 5000 });
    },
  },
  {
    note: 'a list that applied carries its instance with the record, the values read, the dates and the basis',
    records: [heavy('P1', '2022-03-01')],
    at: '2023-06-01',
    check: (root) => {
      const list = find(root, 'list', '严重违法失信名单');
      expect(list.outcome).toBe('applies');
      expect(list.dates).toEqual({ since: '2022-03-01', until: '2025-03-03', repairFrom: '2023-03-02' });
      const inst = all(list).find((n) => n.kind === 'instance')!;
      expect(inst).toMatchObject({ outcome: 'applies', records: ['P1'], values: { 罚款金额: 1200000 } });
      expect(inst.basis).toContain('《市场监督管理严重违法失信名单管理办法》第二条第二款');
    },
  },
  {
    note: 'an `unless` that held is shown with its basis',
    records: [heavy('P1', '2022-03-01', { attrs: { noIntent: true } })],
    at: '2023-06-01',
    check: (root) => {
      const r = all(find(root, 'list', '严重违法失信名单')).find((n) => n.kind === 'record')!;
      expect(r.text).toContain('排除情形成立');
      expect(r.basis).toEqual(['《市场监督管理严重违法失信名单管理办法》第十二条第二款']);
    },
  },
  {
    note: 'a `when` rule that did not hold shows the aggregate value',
    records: [light('P1', '2023-03-01'), light('P2', '2023-04-01')],
    at: '2023-06-01',
    check: (root) =>
      expect(find(root, 'list', '重点关注名单').text).toContain('count 行政处罚 within 2 years = 2，未达到 `>= 3`'),
  },
  {
    note: 'an expired instance says when it ended; a repaired one says when it was repaired',
    records: [heavy('P1', '2020-01-10'), heavy('P2', '2022-03-01', { repairedOn: '2023-04-01' })],
    at: '2023-06-01',
    check: (root) => {
      const texts = all(find(root, 'list', '严重违法失信名单')).map((n) => n.text);
      expect(texts.some((t) => t.includes('P1') && t.includes('届满'))).toBe(true);
      expect(texts.some((t) => t.includes('P2') && t.includes('2023年4月1日信用修复'))).toBe(true);
    },
  },
  {
    note: 'remedies: the date the listing ends by itself, the earliest repair date and the unmet early-removal conditions',
    records: [heavy('P1', '2022-03-01', { attrs: { discretion: '从重' } })],
    at: '2022-06-01',
    check: (root) => {
      const remedy = find(root, 'remedy', '严重违法失信名单');
      const texts = all(remedy).map((n) => n.text);
      expect(texts).toContain('「市场监督管理严重违法失信名单」至2025年3月3日届满，届满后自动移出');
      expect(texts).toContain('自2023年3月2日起可申请提前移出（信用修复）');
      expect(texts.some((t) => t.startsWith('尚需满足：履行日期已登记'))).toBe(true);
      expect(texts.some((t) => t.startsWith('尚需满足：裁量不为从重'))).toBe(true);
    },
  },
  {
    note: 'remedies: when every early-removal condition holds the explanation says so',
    // discretion must be recorded: `裁量 != 从重` on an unset field is false (null comparisons are false)
    records: [heavy('P1', '2022-03-01', { fulfilledOn: '2022-05-01', attrs: { discretion: '一般' } })],
    at: '2023-06-01',
    check: (root) => {
      const texts = all(find(root, 'remedy', '严重违法失信名单')).map((n) => n.text);
      expect(texts).toContain('现已可申请提前移出（信用修复），提前移出的条件已满足');
    },
  },
  {
    note: 'a red list void under a black list says why',
    records: [honor('H1', '2023-05-01'), heavy('P1', '2023-01-01')],
    at: '2023-06-01',
    check: (root) => {
      const list = find(root, 'list', '诚信典型');
      expect(list.outcome).toBe('not-applies');
      expect(list.text).toContain('红名单不予适用');
    },
  },
  {
    note: 'measures not applied say why: matter not covered, reward excluded by a black list, list not held',
    records: [honor('H1', '2023-05-01', '国家级'), heavy('P1', '2023-01-01')],
    at: '2023-06-01',
    matter: '政府采购',
    check: (root) => {
      expect(find(root, 'measure', '禁止评优评先').text).toContain('事项「政府采购」不在本措施的适用事项');
      expect(find(root, 'measure', '重点关注提示').text).toContain('主体未被列入「重点关注名单」');
      expect(find(root, 'measure', '限制参加政府采购').outcome).toBe('applies');
    },
  },
  {
    note: 'a reward measure under a black list',
    records: [honor('H1', '2023-05-01', '国家级'), heavy('P1', '2023-01-01')],
    at: '2023-06-01',
    matter: '行政审批',
    check: (root) => expect(find(root, 'measure', '容缺受理').text).toContain('守信激励措施不予适用'),
  },
  {
    note: 'a measure held by its own term after the list ended says so',
    records: [heavy('P1', '2022-03-01')],
    at: '2025-06-01',
    check: (root) =>
      expect(find(root, 'measure', '禁止评优评先').text).toContain('名单已届满，但本措施期限（5年）尚未届满'),
  },
  {
    note: 'grade: items with points and records, and the direct / cap rules that fired',
    records: [heavy('P1', '2023-01-01'), light('P2', '2023-02-01')],
    at: '2023-06-01',
    check: (root) => {
      const g = find(root, 'grade', '公共信用评价');
      expect(g.values).toMatchObject({ score: 830, grade: 'D' });
      const items = g.children!.filter((c) => c.kind === 'item' && c.outcome === 'applies');
      expect(items.map((i) => [i.name, i.values?.['points'], i.records])).toEqual([
        ['一般处罚', -20, ['P2']],
        ['较重处罚', -150, ['P1']],
      ]);
      expect(g.children!.filter((c) => c.kind === 'rule').map((c) => c.name)).toEqual(['direct D', 'cap B']);
    },
  },
  {
    note: 'records left out are listed with the reason',
    records: [
      heavy('F1', '2024-01-01'),
      heavy('R1', '2022-01-01', { revokedOn: '2022-06-01' }),
      heavy('U1', '2022-01-01', { objection: 'upheld' }),
      rec('X1', 'no_such_type', '2022-01-01'),
    ],
    at: '2023-06-01',
    check: (root) => {
      const texts = root.children!.filter((c) => c.kind === 'record').map((c) => c.text);
      expect(texts).toEqual([
        '记录 R1（2022年1月1日）已被撤销，不予计入',
        '记录 U1（2022年1月1日）异议成立，不予计入',
        '记录 X1（2022年1月1日）记录类型不在本政策的记录目录中，不予计入',
        '记录 F1（2024年1月1日）日期晚于评价日期，不予计入',
      ]);
    },
  },
  {
    note: 'a pending record on a `suspend` list is named as not counted',
    records: [
      rec('P1', 'administrative_penalty', '2022-06-01', { severity: '一般', objection: 'pending' }),
      light('P2', '2022-08-01'),
      light('P3', '2023-02-01'),
    ],
    at: '2023-06-01',
    check: (root) => expect(find(root, 'list', '重点关注名单').outcome).toBe('not-applies'),
  },
  {
    note: 'not in force: the decision node carries the note',
    records: [heavy('P1', '2021-01-01')],
    at: '2021-08-01',
    check: (root) => {
      expect(root.text).toContain('本政策不适用');
      expect(root.children![0]).toMatchObject({ kind: 'note' });
    },
  },
  {
    note: 'notes appear as note nodes',
    records: [heavy('P1', '2024-03-01')],
    at: '2024-06-01',
    check: (root) => expect(root.children!.some((c) => c.kind === 'note' && c.text.includes('2027年'))).toBe(true),
  },
];

describe('explanation', () => {
  it.each(cases.map((c) => [c.note, c] as const))('%s', (_n, c) => c.check(explain(c.records, c.at, c.matter)));

  it('every node has a kind, an outcome and a non-empty Chinese text, and the tree is canonical-serialisable', () => {
    const root = explain(
      [heavy('P1', '2022-03-01'), light('P2', '2023-01-01'), honor('H1', '2023-01-01')],
      '2023-06-01',
    );
    for (const n of all(root)) {
      expect(n.text.length).toBeGreaterThan(0);
      expect(['applies', 'not-applies', 'info']).toContain(n.outcome);
    }
    expect(() => canonicalJson(root)).not.toThrow();
  });

  it('a condition on a literal set reads as what it asks, subject kinds by their Chinese names', () => {
    const loaded = loadPolicy('policies/tax_departure/tax_departure.xy');
    const policy = compilePolicy(loaded.ir!, loaded.hash!);
    const arrears = { id: 'T1', type: 'tax_arrears', date: '2023-05-01', attrs: { arrearsAmount: 500000 } };
    const s = validated(
      { id: '91610900MA7000037M', kind: 'enterprise', name: '某某公司', records: [arrears] },
      loaded.ir!,
    );
    const root = evaluate(policy, s, { at: '2023-06-01', matter: '出境', explain: true }).explanation!;
    expect(find(root, 'measure', '阻止出境').text).toBe(
      '不适用「通知出境管理机关阻止出境」：本措施的适用条件不满足：主体类型 = 企业（enterprise），不满足“主体类型为自然人、个体工商户、农户之一”',
    );
  });

  it('a natural person identity number is masked in the explanation text', () => {
    const root = explain([heavy('P1', '2022-03-01')], '2023-06-01', undefined, {
      id: '610802199001011234',
      kind: 'natural_person',
      name: '张三',
    });
    expect(root.text).toContain('610802********1234');
    expect(root.text).not.toContain('610802199001011234');
  });
});
