// Laws and a table for the semantic diff: diff(p, p) = ∅ across forms, each kind of change found and classified,
// and diff(a, b) mirroring diff(b, a).
import { describe, expect, it } from 'vitest';
import { parsePolicySource } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { printPolicyYaml } from '../../dsl/yaml/index.js';
import type { ChangeAspect, Direction, PolicyChange } from '../../engine/diff/index.js';
import { diffPolicies, renderDiff } from '../../engine/diff/index.js';
import { BASE, compile, variant } from './base-policy.js';

const base = compile(BASE);
const diff = (text: string): PolicyChange[] => diffPolicies(base.ir, compile(text, 'new.xy').ir);

describe('diff(p, p) = ∅', () => {
  it('a policy against itself', () => {
    expect(diffPolicies(base.ir, base.ir)).toEqual([]);
  });

  it('a reformatted copy with comments and declarations reordered: same hash, no change', () => {
    const ast = parsePolicySource(BASE, 'base.xy').ast;
    if (!ast) throw new Error('BASE does not parse');
    const printed = printPolicy(ast);
    // Move the red list to the end and add comments: order and comments carry no meaning.
    const red = /\nlist 诚信典型[\s\S]*?(?=\nmeasure )/.exec(printed)?.[0] ?? '';
    expect(red).not.toBe('');
    const shuffled = '# 重新排版的副本\n' + printed.replace(red, '\n') + '\n# 末尾\n' + red + '\n';
    const copy = compile(shuffled, 'copy.xy');
    expect(copy.hash).toBe(base.hash);
    expect(diffPolicies(base.ir, copy.ir)).toEqual([]);
  });

  it('its YAML twin: same hash, no change', () => {
    const ast = parsePolicySource(BASE, 'base.xy').ast;
    if (!ast) throw new Error('BASE does not parse');
    const yaml = printPolicyYaml(ast);
    const twin = compile(yaml, 'twin.yaml');
    expect(twin.hash).toBe(base.hash);
    expect(diffPolicies(base.ir, twin.ir)).toEqual([]);
  });
});

interface Row {
  readonly note: string;
  readonly edits: readonly (readonly [string, string])[];
  /** every change expected, in report order: aspect, direction, and a phrase of the sentence */
  readonly expect: readonly (readonly [ChangeAspect, Direction, string])[];
}

const RULE_WHERE = 'where fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]';

const TABLE: readonly Row[] = [
  {
    note: 'threshold lowered: more penalties qualify for the black list',
    edits: [[RULE_WHERE, 'where fineAmount >= 50万元 or penaltyKinds has any [吊销许可证件]']],
    expect: [['condition', '从严', '认定条件“罚款金额 ≥ 100万元”改为“罚款金额 ≥ 50万元”']],
  },
  {
    note: 'threshold raised',
    edits: [[RULE_WHERE, 'where fineAmount >= 200万元 or penaltyKinds has any [吊销许可证件]']],
    expect: [['condition', '从宽', '≥ 200万元']],
  },
  {
    note: 'strict comparison relaxed to inclusive (以上 includes the number)',
    edits: [[RULE_WHERE, 'where fineAmount > 100万元 or penaltyKinds has any [吊销许可证件]']],
    expect: [['condition', '从宽', '罚款金额 > 100万元']],
  },
  {
    note: 'more penalty kinds trigger listing',
    edits: [[RULE_WHERE, 'where fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件, 责令停产停业]']],
    expect: [['condition', '从严', '含任一']],
  },
  {
    note: 'an extra conjunct narrows the rule',
    edits: [[RULE_WHERE, 'where (fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]) and severity >= 较重']],
    expect: [['condition', '从宽', '严重程度 ≥ 较重']],
  },
  {
    note: 'count threshold lowered on a grey list',
    edits: [['within 2 years >= 3', 'within 2 years >= 2']],
    expect: [['condition', '从严', '≥ 2']],
  },
  {
    note: 'counting window widened',
    edits: [['within 2 years >= 3', 'within 3 years >= 3']],
    expect: [['condition', '从严', '近3年内']],
  },
  {
    note: 'exception removed',
    edits: [['    unless noIntent == true basis 令44 第十二条\n', '']],
    expect: [
      ['basis', '中性', '除外情形的依据'],
      ['exception', '从严', '除外情形“无主观故意 = 是”被删除'],
    ],
  },
  {
    note: 'listing period shortened',
    edits: [['  duration 3 years basis 令44 第二十一条', '  duration 2 years basis 令44 第二十一条']],
    expect: [['duration', '从宽', '公示期（列入期限）由3年改为2年']],
  },
  {
    note: 'listing period lengthened, in months',
    edits: [['  duration 3 years basis 令44 第二十一条', '  duration 48 months basis 令44 第二十一条']],
    expect: [['duration', '从严', '由3年改为48个月']],
  },
  {
    note: 'red list period shortened: fewer rewards',
    edits: [['  duration 2 years basis 评价办法 第五条', '  duration 1 year basis 评价办法 第五条']],
    expect: [['duration', '从严', '名单“诚信典型”的公示期']],
  },
  {
    note: 'longer wait before early removal',
    edits: [['early removal after 1 year', 'early removal after 2 years']],
    expect: [['earlyRemoval', '从严', '最短公示期由1年改为2年']],
  },
  {
    note: 'measure level raised',
    edits: [['  penalty level 限制 action block', '  penalty level 禁入 action block']],
    expect: [['level', '从严', '措施等级由“限制”改为“禁入”']],
  },
  {
    note: 'management measure softened from warn to nothing harsher: action warn → inspect is heavier',
    edits: [['  management level 提示 action warn', '  management level 提示 action inspect']],
    expect: [['action', '从严', '处理方式由“提示警示”改为“加大检查频次”']],
  },
  {
    note: 'matter added to a penalty',
    edits: [['  matters [政府采购]', '  matters [政府采购, 招标投标]']],
    expect: [['matters', '从严', '新增适用事项“招标投标”']],
  },
  {
    note: 'matter added to a reward',
    edits: [['  matters [行政审批]', '  matters [行政审批, 政府采购]']],
    expect: [['matters', '从宽', '新增适用事项“政府采购”']],
  },
  {
    note: 'matters removed: penalty now applies in every matter',
    edits: [['  matters [政府采购]\n', '']],
    expect: [['matters', '从严', '由“政府采购”改为“全部事项”']],
  },
  {
    note: 'matters swapped: one more, one fewer, no single direction',
    edits: [['  matters [政府采购]', '  matters [招标投标]']],
    expect: [['matters', '不确定', '新增适用事项“招标投标”，不再适用于事项“政府采购”']],
  },
  {
    note: 'penalty measure added',
    edits: [
      [
        'measure 重点关注提示',
        'measure 限制评优 "限制评优评先"\n  penalty level 约谈 action restrict\n  applies to 严重失信名单\n  basis 采购法 第二十二条\n\nmeasure 重点关注提示',
      ],
    ],
    expect: [['added', '从严', '新增措施“限制评优”']],
  },
  {
    note: 'reward measure removed',
    edits: [
      [
        'measure 容缺受理 "容缺受理"\n  reward action simplify\n  applies to 诚信典型\n  matters [行政审批]\n  basis 评价办法 第五条\n',
        '',
      ],
    ],
    expect: [['removed', '从严', '删除措施“容缺受理”']],
  },
  {
    note: 'measure applies to one more list',
    edits: [
      [
        '  applies to 严重失信名单\n  matters [政府采购]',
        '  applies to 严重失信名单, 重点关注名单\n  matters [政府采购]',
      ],
    ],
    expect: [['triggers', '从严', '新增适用于名单“重点关注名单”']],
  },
  {
    note: 'rule added to the black list',
    edits: [
      [
        'list 重点关注名单 grey',
        '  rule 多次处罚 "两年内五次以上行政处罚" basis 令44 第二条\n    when count administrative_penalty within 2 years >= 5\n\nlist 重点关注名单 grey',
      ],
    ],
    expect: [['added', '从严', '新增名单“严重失信名单”的认定规则“多次处罚”']],
  },
  {
    note: 'basis article changed',
    edits: [['  basis 采购法 第二十二条', '  basis 采购法 第二十三条']],
    expect: [
      ['basis', '中性', '依据由《中华人民共和国政府采购法》第二十二条改为《中华人民共和国政府采购法》第二十三条'],
    ],
  },
  {
    note: 'parameter version added: a longer grey-list period from 2024',
    edits: [
      [
        '  1 year from 2022-01-01 basis 评价办法 第十条',
        '  1 year from 2022-01-01 basis 评价办法 第十条\n  2 years from 2024-01-01 basis 评价办法 第十条',
      ],
    ],
    expect: [['added', '从严', '自2024年1月1日起新增版本，取值由1年改为2年']],
  },
  {
    note: 'grade band moved up',
    edits: [['  band B from 900', '  band B from 950']],
    expect: [['band', '从严', 'B级的分数线由900分以上改为950分以上']],
  },
  {
    note: 'deduction increased',
    edits: [['deduct 20 per administrative_penalty', 'deduct 30 per administrative_penalty']],
    expect: [['points', '从严', '分值由-20分改为-30分']],
  },
  {
    note: 'more inspections for grade D',
    edits: [['  supervision D ratio 50% .. 100%', '  supervision D ratio 60% .. 100%']],
    expect: [['supervision', '从严', '抽查比例50%–100%']],
  },
  {
    note: 'grey list made a black list',
    edits: [
      [
        'list 重点关注名单 grey "重点关注名单"\n  scope local',
        'list 重点关注名单 black "重点关注名单"\n  scope national',
      ],
    ],
    expect: [
      ['kind', '从严', '类别由重点关注名单改为严重失信主体名单'],
      ['scope', '中性', '设立范围由地方性改为全国性'],
    ],
  },
  {
    note: 'red list scope: does not change who is listed',
    edits: [['list 诚信典型 red "诚信典型名单"\n  scope local', 'list 诚信典型 red "诚信典型名单"\n  scope national']],
    expect: [['scope', '中性', '设立范围由地方性改为全国性']],
  },
  {
    note: 'department renamed: neutral',
    edits: [['  department "财政部门"', '  department "财政局"']],
    expect: [['department', '中性', '实施部门由“财政部门”改为“财政局”']],
  },
  {
    note: 'a penalty measure gains its own condition: fewer subjects bear it',
    edits: [['  department "财政部门"', '  department "财政部门"\n  when kind == enterprise']],
    expect: [['condition', '从宽', '措施“限制参加政府采购”的适用条件新增“主体类型 = 企业”']],
  },
];

describe('each kind of change is found and classified', () => {
  it.each(TABLE)('$note', (row) => {
    const changes = diff(variant(...row.edits));
    expect(changes.map((c) => [c.aspect, c.direction])).toEqual(row.expect.map(([a, d]) => [a, d]));
    row.expect.forEach(([, , phrase], i) => expect(changes[i]?.text).toContain(phrase));
  });

  it('points at both source locations', () => {
    const next = compile(
      variant([RULE_WHERE, 'where fineAmount >= 50万元 or penaltyKinds has any [吊销许可证件]']),
      'new.xy',
    );
    const [change] = diffPolicies(base.ir, next.ir, { old: base.sources, new: next.sources });
    expect(change?.key).toBe('rule:严重失信名单/较重处罚');
    expect(change?.spans.old?.file).toBe('test.xy');
    expect(change?.spans.new?.file).toBe('new.xy');
    expect(change?.spans.new?.start.line).toBeGreaterThan(1);
  });
});

const mirrorAspect = (a: ChangeAspect): ChangeAspect => (a === 'added' ? 'removed' : a === 'removed' ? 'added' : a);
const mirrorDirection = (d: Direction): Direction => (d === '从严' ? '从宽' : d === '从宽' ? '从严' : d);

describe('diff(a, b) mirrors diff(b, a)', () => {
  it.each(TABLE)('$note', (row) => {
    const next = compile(variant(...row.edits)).ir;
    const forward = diffPolicies(base.ir, next);
    const backward = diffPolicies(next, base.ir);
    const key = (c: PolicyChange): string => c.path.join('/');
    const back = new Map(backward.map((c) => [key(c) + ':' + mirrorAspect(c.aspect), c]));
    expect(backward).toHaveLength(forward.length);
    for (const c of forward) {
      const m = back.get(key(c) + ':' + c.aspect);
      expect(m, `mirror of ${c.text}`).toBeDefined();
      expect(m?.direction).toBe(mirrorDirection(c.direction));
      expect([m?.before, m?.after]).toEqual([c.after, c.before]);
    }
  });
});

describe('renderers', () => {
  const next = compile(variant(['  penalty level 限制 action block', '  penalty level 禁入 action block']), 'new.xy');
  const report = {
    old: { id: '测试市', version: '2024', hash: base.hash },
    new: { id: '测试市', version: '2024', hash: next.hash },
    changes: diffPolicies(base.ir, next.ir, { old: base.sources, new: next.sources }),
  };
  it('text, markdown and html name the change and its direction; json round-trips', () => {
    for (const format of ['text', 'md', 'html'] as const) {
      const out = renderDiff(report, format);
      expect(out).toContain('措施“限制参加政府采购”的措施等级由“限制”改为“禁入”');
      expect(out).toContain('从严');
    }
    expect(renderDiff(report, 'html')).toContain('<table>');
    const json = JSON.parse(renderDiff(report, 'json')) as { equal: boolean; changes: PolicyChange[] };
    expect(json.equal).toBe(false);
    expect(json.changes[0]?.direction).toBe('从严');
  });
  it('equal hashes say no change in effect', () => {
    const same = { ...report, new: report.old, changes: [] };
    expect(renderDiff(same, 'text')).toContain('no change in effect');
  });
});

describe('a declaration moved to another layer', () => {
  const moved = (effective: string): PolicyChange[] => {
    const old = base.ir;
    const own = old.layers[old.layers.length - 1]!;
    const layer = { ...own, id: '新层', title: '新层', effective };
    const list = old.lists['严重失信名单']!;
    const next = {
      ...old,
      layers: [layer, ...old.layers],
      lists: { ...old.lists, 严重失信名单: { ...list, layer: '新层' } },
    };
    return diffPolicies(old, next).filter((c) => c.aspect === 'layer' && c.entity === 'list');
  };

  it('to a layer in force over the same dates: neutral', () => {
    const [change] = moved(base.ir.layers[base.ir.layers.length - 1]!.effective);
    expect(change?.direction).toBe('中性');
  });

  it('to a layer in force from another date: it now applies over other dates', () => {
    const [change] = moved('2023-06-01');
    expect(change?.direction).toBe('不确定');
    expect(change?.text).toContain('2023年6月1日起适用');
  });
});
