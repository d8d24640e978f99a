// How a listing ends, in its instrument's words: a 名单 is 移出, a 信息公示 stops (令36 第十二条, 令45 第十三、十四条),
// a 令54 publication stops being published (第十七、十八、二十二条), a court deletes its entries (若干规定 第十条).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { exitStyle } from '../../engine/explain/exit-words.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { validateSubject } from '../../engine/subject/index.js';

const POLICIES = [
  'credit_repair',
  'samr_penalty_publicity',
  'tax_blacklist',
  'court_dishonest',
  'pingdingshan',
  'yulin',
  'ankang',
  'enterprise_publicity',
] as const;
const irs = new Map(POLICIES.map((p) => [p, loadPolicy(`policies/${p}/${p}.xy`).ir!]));

describe('exitStyle: every shipped list gets the words of its instrument', () => {
  const styles = new Map<string, string>();
  for (const ir of irs.values()) for (const name of Object.keys(ir.lists)) styles.set(name, exitStyle(ir, name));

  it('black lists an authority keeps and the grey lists of 名单 / 名录 are 移出', () => {
    for (const name of ['严重违法失信名单', '经营异常名录', '重点关注名单', '已确定未公布失信主体', '欠税未结清未担保'])
      expect(styles.get(name), name).toBe('list');
  });
  it('令54 publishes its 名单: 停止公布', () => {
    expect(styles.get('重大税收违法失信主体名单')).toBe('publication');
  });
  it('the court keeps its lists: 删除', () => {
    expect(styles.get('失信被执行人名单_有期限')).toBe('court');
    expect(styles.get('失信被执行人名单_无期限')).toBe('court');
  });
  it('a publication of information (…公示) stops: 停止公示', () => {
    for (const name of [
      '一般失信信息公示',
      '严重失信信息公示',
      '行政处罚信息公示',
      '较轻行政处罚信息公示',
      '违诺信息公示',
    ])
      expect(styles.get(name), name).toBe('publicity');
  });
  it('red lists keep the list words (they are never removed early)', () => {
    expect(styles.get('守信激励对象名单')).toBe('list');
  });
});

/** An enterprise with one 一般 penalty of 2026-04-16 (令36 第九条), published on 信用中国. */
const generalPenalty = (extra: Record<string, unknown>): unknown => ({
  id: '91610800MA703A240N',
  kind: 'enterprise',
  records: [
    {
      id: 'P1',
      type: 'administrative_penalty',
      date: '2026-04-16',
      severity: '一般',
      ...extra,
      attrs: { penaltyKinds: ['罚款'], fineAmount: 30000, procedure: '普通程序', sector: '交通运输' },
    },
  ],
});

describe('the notice and the explanation tree use them', () => {
  const notice = (
    policy: (typeof POLICIES)[number],
    subject: unknown,
    at = '2026-06-01',
  ): { text: string; tree: string } => {
    const ir = irs.get(policy)!;
    const v = validateSubject(subject, ir);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const d = evaluate(compilePolicy(ir, 'h'), v.subject as Subject, { at });
    return { text: renderExplanation(d, ir), tree: JSON.stringify(d.explanation) };
  };

  it('a 一般 penalty published on 信用中国: the information is published, then stops; repair stops it early', () => {
    const { text, tree } = notice('credit_repair', generalPenalty({ fulfilledOn: '2026-04-20' }));
    expect(text).toContain('你单位的相关信息自2026年4月16日起列入「“信用中国”一般失信信息公示」');
    expect(text).toMatch(/该信息公示至2027年4月16日届满，届满后自动停止公示；自2026年7月17日起可申请提前停止公示/);
    expect(text).not.toContain('移出');
    expect(tree).toContain('届满后自动停止公示');
    expect(tree).toContain('提前停止公示（信用修复）');
  });

  it('a court list: deleted by the court, never 信用修复 of an authority', () => {
    const subject = JSON.parse(readFileSync('test/fixtures/subject-court-evasion.json', 'utf8')) as unknown;
    const { text, tree } = notice('court_dishonest', subject, '2024-06-01');
    expect(text).toContain('该名单至2025年5月12日届满，届满后人民法院应当在三个工作日内删除失信信息');
    expect(tree).toContain('届满，届满后人民法院应当在三个工作日内删除失信信息');
    expect(text).not.toContain('提前移出');
    expect(tree).not.toContain('提前移出');
    expect(tree).not.toContain('删除失信信息（信用修复）');
  });

  it('a list without a term is left, not left early; a publication without measures has none to end', () => {
    const { text } = notice(
      'enterprise_publicity',
      {
        id: '91610800MA703A240N',
        kind: 'enterprise',
        records: [
          {
            id: 'A1',
            type: 'abnormal_operation',
            date: '2024-05-10',
            fulfilledOn: '2024-06-01',
            attrs: { reason: '未按期公示年度报告' },
          },
        ],
      },
      '2024-07-01',
    );
    expect(text).toContain('该名单无固定期限，符合条件的可以申请移出；现已可申请移出');
    expect(text).not.toContain('提前移出');
    expect(text).toContain('修复后相关措施同时终止');
    const publication = notice('credit_repair', generalPenalty({}));
    expect(publication.text).toContain('本次评价不适用任何措施');
    expect(publication.text).not.toContain('修复后相关措施同时终止');
  });

  it('a court listing without a term: once performed, the court must delete it (第十条), nothing to ask', () => {
    const subject = {
      id: '610802199002030416',
      kind: 'natural_person',
      records: [
        {
          id: 'C1',
          type: 'court_dishonest_debtor',
          date: '2025-03-12',
          fulfilledOn: '2025-05-30',
          attrs: { ground: '有履行能力而拒不履行' },
        },
      ],
    };
    const before = notice('court_dishonest', subject, '2025-05-01').text;
    expect(before).toContain(
      '该名单无固定期限，由人民法院依规定删除失信信息；履行义务后，人民法院应当在三个工作日内删除失信信息',
    );
    const after = notice('court_dishonest', subject, '2025-05-30').text;
    // performed on Friday 2025-05-30; 端午 (05-31 to 06-02) is not counted: the third working day is 06-05
    expect(after).toContain('义务已履行，人民法院应当在三个工作日内（至2025年6月5日）删除失信信息');
    expect(after).not.toContain('可以按上述日期申请人民法院删除失信信息');
  });
});
