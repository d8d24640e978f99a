// The sample policy exercises every construct: it parses cleanly, to the expected shape, and formats stably.
import { describe, expect, it } from 'vitest';
import type { Decl, Expr, GradingDecl, ListDecl, MeasureDecl, ParamDecl, RecordDecl } from '../../dsl/ast.js';
import { stripSpans } from '../../dsl/ast-compare.js';
import { printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { SAMPLE } from './sample.js';

const parsed = parsePolicy(SAMPLE, 'policies/yulin/sample.xy');
const ast = parsed.value;
if (ast === undefined) throw new Error('sample did not parse');

function find<K extends Decl['kind']>(kind: K, id: string): Extract<Decl, { kind: K }> {
  const d = ast?.decls.find((x) => x.kind === kind && 'id' in x && x.id.text === id);
  if (d === undefined) throw new Error(`no ${kind} ${id}`);
  return d as Extract<Decl, { kind: K }>;
}

describe('sample policy', () => {
  it('parses without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  it('has the header, with the comments above it', () => {
    expect(ast.id.text).toBe('yulin_samr');
    expect(ast.title).toBe('榆林市市场监督管理信用策略');
    expect(ast.jurisdiction).toEqual({ level: 'city', code: '610800' });
    expect(ast.version).toBe('2024.1');
    expect(ast.effective).toBe('2024-01-01');
    expect(ast.until).toBe('2028-12-31');
    expect(ast.extends.map((e) => e.text)).toEqual(['national', 'samr_blacklist']);
    expect(ast.comments).toEqual(['# 榆林市 市场监管 示例策略', '// 第二行注释']);
  });

  it('has every declaration, in source order', () => {
    expect(ast.decls.map((d) => d.kind)).toEqual([
      'setting', 'setting', 'basis', 'basis', 'categories', 'categories', 'scale', 'scale', 'enum', 'record', 'record',
      'param', 'param', 'param', 'param', 'list', 'list', 'list', 'measure', 'measure', 'measure', 'narrow', 'grading',
    ]); // prettier-ignore
  });

  it('reads settings; a trailing comment belongs to its line', () => {
    const [leniency, cap] = ast.decls;
    expect(stripSpans(leniency)).toEqual({
      kind: 'setting',
      setting: 'leniencyCeiling',
      value: { text: '提示' },
      comments: ['# 初次轻微免罚'],
    });
    expect(stripSpans(cap)).toEqual({ kind: 'setting', setting: 'measuresPerRecordCap', value: 6 });
  });

  it('reads legal bases, category sets, scales and enums', () => {
    const l44 = find('basis', '令44');
    expect(l44.rank).toBe('部门规章');
    expect(l44.issuer).toBe('国家市场监督管理总局');
    expect(l44.number).toBe('市场监管总局令第44号');
    expect(l44.until).toBe('2030-12-31');
    expect(l44.articles.map((a) => a.text)).toEqual([
      '第二条',
      '第五条',
      '第十二条第二款',
      '第十五条',
      '第十六条',
      '第二十一条',
    ]);
    expect(l44.certainty).toBe('verified');
    expect(l44.comments).toEqual(['# 国家层面的规章']);
    const yl = find('basis', '榆林要点2019');
    expect(yl.sections.map((s) => s.text)).toEqual(['十', '十一']);
    expect(yl.certainty).toBe('recalled');
    const cat = find('categories', '严重失信范围');
    expect(cat.appliesTo).toBe('black lists');
    expect(cat.values).toHaveLength(3);
    expect(stripSpans(cat.basis)).toEqual([
      { basis: { text: '国办发49' }, section: '（六）' },
      { basis: { text: '国发33' } },
    ]);
    expect(find('categories', '全国基础清单').appliesTo).toBe('penalty measures');
    const scales = ast.decls.filter((d) => d.kind === 'scale');
    expect(scales.map((s) => [s.scale, s.values.map((v) => v.text).join('<')])).toEqual([
      ['severity', '轻微<一般<较重<严重'],
      ['level', '提示<约谈<加强监管<限制<禁入'],
    ]);
    expect(find('enum', '处罚种类').values).toHaveLength(6);
  });

  it('reads record vocabulary with every field type', () => {
    const rec: RecordDecl = find('record', 'administrative_penalty');
    expect(rec.label).toBe('行政处罚');
    expect(rec.hasSeverity).toBe(true);
    const byKey = Object.fromEntries(rec.fields.map((f) => [f.key.text, f]));
    expect(byKey['fineAmount']?.type).toEqual({ kind: 'money' });
    expect(byKey['fineAmount']?.comments).toEqual(['# 罚款以元计']);
    expect(stripSpans(byKey['penaltyKinds']?.type)).toEqual({ kind: 'list', ref: { text: '处罚种类' } });
    expect(byKey['penaltyKinds']?.required).toBe(true);
    expect(byKey['domain']?.required).toBe(false);
    expect(stripSpans(byKey['discretion']?.type)).toEqual({
      kind: 'enum',
      values: [{ text: '从轻' }, { text: '一般' }, { text: '从重' }, { text: '减轻' }],
    });
    expect(stripSpans(byKey['tags']?.type)).toEqual({ kind: 'list', values: [{ text: '甲' }, { text: '乙' }] });
    expect(stripSpans(byKey['类别']?.type)).toEqual({ kind: 'enum', ref: { text: '处罚种类' } });
    expect(['share', '期限值', 'years', 'publishedOn'].map((k) => byKey[k]?.type.kind)).toEqual([
      'decimal',
      'duration',
      'integer',
      'date',
    ]);
    expect(find('record', 'honor').fields).toEqual([]);
  });

  it('reads effective-dated parameters, money in 元', () => {
    const low: ParamDecl = find('param', '较低数额罚款');
    expect(low.type).toBe('money');
    expect(low.versions.map((v) => stripSpans(v))).toEqual([
      {
        value: { kind: 'money', value: 3000 },
        from: '2023-10-27',
        basis: [{ basis: { text: '宁夏细则' }, section: '二' }],
      },
      {
        value: { kind: 'money', value: 15000 },
        from: '2024-06-01',
        basis: [{ basis: { text: '宁夏细则' }, section: '三' }],
        transition: '过渡期内按旧标准',
      },
    ]);
    const period = find('param', '严重失信最短公示期');
    expect(period.versions.map((v) => stripSpans(v.value))).toEqual([
      { kind: 'duration', value: { amount: 6, unit: 'month' } },
      { kind: 'duration', value: { amount: 1, unit: 'year' } },
    ]);
    expect(stripSpans(find('param', '抽查比例上限').versions)).toEqual([{ basis: [] }]);
    expect(stripSpans(find('param', '大额罚款').versions[0]?.value)).toEqual({ kind: 'money', value: 1_000_000 });
  });

  it('reads a black list with every clause and its rules', () => {
    const list: ListDecl = find('list', '严重违法失信名单');
    expect(list.listKind).toBe('black');
    expect(list.scope).toBe('national');
    expect(stripSpans(list.categories)).toEqual([
      { set: { text: '严重失信范围' }, value: { text: '破坏市场秩序和社会秩序' } },
    ]);
    expect(list.maxLevel?.text).toBe('限制');
    expect(stripSpans(list.basis)).toEqual([{ basis: { text: '令44' }, article: '第二条' }]);
    expect(stripSpans(list.duration)).toEqual({
      period: { kind: 'duration', value: { amount: 3, unit: 'year' } },
      counting: 'calendar',
      basis: [{ basis: { text: '令44' }, article: '第二十一条' }],
    });
    expect(list.extendTo?.fields.map((f) => f.text)).toEqual(['restrictionEnds']);
    expect(list.endsAt?.fields.map((f) => f.text)).toEqual(['revokedOn']);
    expect(list.earlyRemoval?.when?.kind).toBe('and');
    expect(list.objectionPending).toBe('suspend');
    expect(list.allowBlack).toBe(false);
    const [r1, r2, r3] = list.rules;
    expect(r1?.comments).toEqual(['# 规则一']);
    expect(r1?.forType?.text).toBe('administrative_penalty');
    expect(r1?.fromField?.text).toBe('publishedOn');
    expect(r1?.where?.kind).toBe('or');
    expect(stripSpans(r1?.unless)).toEqual({
      kind: 'compare',
      op: '==',
      left: { kind: 'name', name: { text: 'noIntent' } },
      right: { kind: 'boolean', value: true },
    });
    expect(stripSpans(r1?.unlessBasis)).toEqual([{ basis: { text: '令44' }, article: '第十二条第二款' }]);
    expect(stripSpans(r2?.when)).toEqual({
      kind: 'compare',
      op: '>=',
      left: {
        kind: 'aggregate',
        op: 'count',
        recordType: { text: 'administrative_penalty' },
        within: { kind: 'duration', value: { amount: 2, unit: 'year' } },
      },
      right: { kind: 'number', value: 3 },
    });
    expect(stripSpans(r3?.basis)).toEqual([
      { basis: { text: '《市场监督管理严重违法失信名单管理办法》' }, article: '第十六条' },
    ]);
    const where = r3?.where as Expr;
    expect(where.kind).toBe('and');
  });

  it('reads Chinese durations, 评价日期 and built-in fields named by keywords', () => {
    const red = find('list', '守信激励名单');
    expect(red.listKind).toBe('red');
    expect(red.allowBlack).toBe(true);
    expect(red.scope).toBe('local');
    const when = stripSpans(red.rules[0]?.when);
    expect(when).toMatchObject({
      kind: 'and',
      left: {
        kind: 'not',
        operand: { kind: 'aggregate', op: 'any', within: { kind: 'duration', value: { amount: 3, unit: 'year' } } },
      },
      right: {
        kind: 'compare',
        left: { kind: 'gradeOf', grading: { text: '公共信用评价' } },
        right: { kind: 'string', value: 'A' },
      },
    });
    const grey = find('list', '重点关注名单');
    expect(stripSpans(grey.duration?.period)).toEqual({ kind: 'name', name: { text: '严重失信最短公示期' } });
    expect(grey.duration?.counting).toBe('civil');
    expect(stripSpans(grey.rules[0]?.where)).toEqual({
      kind: 'and',
      left: {
        kind: 'compare',
        op: '==',
        left: { kind: 'name', name: { text: 'objection' } },
        right: { kind: 'name', name: { text: 'pending' } },
      },
      right: {
        kind: 'compare',
        op: '<=',
        left: {
          kind: 'arith',
          op: '-',
          left: { kind: 'at' },
          right: { kind: 'duration', value: { amount: 6, unit: 'month' } },
        },
        right: { kind: 'name', name: { text: 'date' } },
      },
    });
  });

  it('reads measures and narrowing', () => {
    const m: MeasureDecl = find('measure', '限制参加政府采购');
    expect([m.measureKind, m.level?.text, m.action, m.mandatory, m.target]).toEqual([
      'penalty',
      '限制',
      'block',
      true,
      'subject',
    ]);
    expect(m.categories.map((c) => `${c.set.text}.${c.value.text}`)).toEqual([
      '全国基础清单.减损权益或增加义务',
      '陕西惩戒措施.限制公共资源交易',
    ]);
    expect(m.lists.map((l) => l.text)).toEqual(['严重违法失信名单', '失信被执行人名单']);
    expect(stripSpans(m.grades)).toEqual([
      { grading: { text: '公共信用评价' }, grades: [{ text: 'D' }, { text: 'C' }] },
    ]);
    expect(m.matters?.map((x) => x.text)).toEqual(['政府采购', '招标投标']);
    expect(m.department).toBe('财政部门');
    expect(stripSpans(m.term)).toEqual({ kind: 'duration', value: { amount: 3, unit: 'year' } });
    expect(m.termExact).toBe(true);
    expect(m.basis.map((c) => c.article)).toEqual(['第二十二条第一款第（五）项', '第十九条']);
    const reward = find('measure', '优先办理');
    expect([reward.measureKind, reward.action, reward.mandatory, reward.target]).toEqual([
      'reward',
      'prioritize',
      false,
      'legal_representative',
    ]);
    const mgmt = find('measure', '加强检查');
    expect([mgmt.measureKind, mgmt.level?.text, mgmt.action, mgmt.target]).toEqual([
      'management',
      '加强监管',
      'inspect',
      'third_party',
    ]);
    const narrow = ast.decls.find((d) => d.kind === 'narrow');
    expect(stripSpans(narrow)).toEqual({
      kind: 'narrow',
      measure: { text: '限制参加政府采购' },
      matters: [{ text: '政府采购' }],
      level: { text: '约谈' },
    });
  });

  it('reads a grading with items, bands, direct grades, caps and supervision', () => {
    const g: GradingDecl = find('grading', '公共信用评价');
    expect(g.grades.map((x) => x.text)).toEqual(['A', 'B', 'C', 'D']);
    expect([g.base, g.range]).toEqual([1000, { min: 0, max: 1200 }]);
    expect(stripSpans(g.basis)).toEqual([{ basis: { text: '榆林要点2019' }, section: '十' }]);
    const [general, , honor, promise, total] = g.items;
    expect(general?.comments).toEqual(['# 扣分项']);
    expect([general?.direction, general?.points, general?.cap]).toEqual(['deduct', 20, 100]);
    expect(stripSpans(general?.per)).toEqual({
      kind: 'aggregate',
      op: 'count',
      recordType: { text: 'administrative_penalty' },
      where: {
        kind: 'compare',
        op: '==',
        left: { kind: 'name', name: { text: 'severity' } },
        right: { kind: 'name', name: { text: '一般' } },
      },
      within: { kind: 'duration', value: { amount: 3, unit: 'year' } },
    });
    expect([honor?.direction, honor?.cap, honor?.basis]).toEqual(['add', 90, []]);
    expect(promise?.when?.kind).toBe('aggregate');
    expect(stripSpans(total?.when)).toMatchObject({
      kind: 'compare',
      left: { kind: 'aggregate', op: 'sum', field: { text: 'fineAmount' } },
      right: { kind: 'money', value: 100_000 },
    });
    expect(g.bands.map((b) => [b.grade.text, b.from])).toEqual([
      ['A', 900],
      ['B', 700],
      ['C', 400],
      ['D', 0],
    ]);
    expect(stripSpans(g.direct)).toEqual([
      {
        grade: { text: 'D' },
        when: { kind: 'onList', list: { text: '严重违法失信名单' } },
        basis: [{ basis: { text: '令44' } }],
      },
    ]);
    expect(g.caps.map((c) => c.grade.text)).toEqual(['B']);
    expect(stripSpans(g.supervision)).toEqual([
      {
        grade: { text: 'A' },
        ratioMin: 0,
        ratioMax: 0.05,
        frequency: '每年少于1次',
        basis: [{ basis: { text: '榆林要点2019' }, section: '十一' }],
      },
      { grade: { text: 'D' }, ratioMin: 0.5, ratioMax: 1, basis: [] },
    ]);
  });

  it('puts spans on names (1-based line and column)', () => {
    const list = find('list', '严重违法失信名单');
    const line = SAMPLE.split('\n').findIndex((l) => l.startsWith('list 严重违法失信名单')) + 1;
    expect(list.id.span).toMatchObject({
      file: 'policies/yulin/sample.xy',
      start: { line, column: 6 },
      end: { line, column: 14 },
    });
    expect(list.span.start).toMatchObject({ line, column: 1 });
    expect(SAMPLE.slice(list.id.span.start.offset, list.id.span.end.offset)).toBe('严重违法失信名单');
    const rule = list.rules[1];
    expect(rule && SAMPLE.slice(rule.span.start.offset, rule.span.end.offset)).toBe(
      'rule 多次处罚 "两年内三次以上行政处罚" basis 令44 第二条\n    when count administrative_penalty within 2 years >= 3',
    );
  });

  it('formats to a fixed point that parses back to the same AST', () => {
    const printed = printPolicy(ast);
    const again = parsePolicy(printed, 'printed.xy');
    expect(again.diagnostics).toEqual([]);
    expect(stripSpans(again.value)).toEqual(stripSpans(ast));
    expect(again.value && printPolicy(again.value)).toBe(printed);
  });
});
