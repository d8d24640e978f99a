// The full YAML fixture parses cleanly, every construct lands in the AST, and spans point into the YAML text.
import { describe, expect, it } from 'vitest';
import type { Expr, ListDecl, PolicyAst } from '../../dsl/ast.js';
import type { Span } from '../../dsl/span.js';
import { parsePolicyYaml } from '../../dsl/yaml/index.js';
import { fixture, positionOf } from './helpers.js';

const text = fixture('full.yaml');
const parsed = parsePolicyYaml(text, 'full.yaml');

function policy(): PolicyAst {
  if (parsed.value === undefined) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.value;
}

function decl<K extends PolicyAst['decls'][number]['kind']>(
  kind: K,
  id: string,
): Extract<PolicyAst['decls'][number], { kind: K }> {
  const d = policy().decls.find(
    (x) => x.kind === kind && ('id' in x ? x.id.text === id : 'measure' in x ? x.measure.text === id : true),
  );
  if (d === undefined) throw new Error(`no ${kind} ${id}`);
  return d as Extract<PolicyAst['decls'][number], { kind: K }>;
}

function at(span: Span | undefined): { line: number; column: number } {
  return { line: span?.start.line ?? 0, column: span?.start.column ?? 0 };
}

function textOf(span: Span): string {
  return text.slice(span.start.offset, span.end.offset);
}

describe('full.yaml', () => {
  it('parses with no diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toBeDefined();
  });

  it('has the header', () => {
    const p = policy();
    expect(p.id.text).toBe('yulin_demo');
    expect(p.jurisdiction).toEqual({ level: 'city', code: '610800' });
    expect(p.version).toBe('2025.1');
    expect(p.effective).toBe('2025-01-01');
    expect(p.until).toBe('2030-12-31');
    expect(p.extends.map((e) => e.text)).toEqual(['national', 'samr_blacklist']);
    expect(p.comments).toEqual(['# 榆林示例政策: every construct of the YAML form once.']);
  });

  it('yields declarations grouped in section order', () => {
    const kinds = policy().decls.map((d) => d.kind);
    expect([...new Set(kinds)]).toEqual([
      'setting',
      'basis',
      'categories',
      'scale',
      'enum',
      'record',
      'param',
      'fill',
      'list',
      'measure',
      'narrow',
      'grading',
    ]);
    expect(kinds.length).toBe(2 + 3 + 2 + 2 + 1 + 2 + 5 + 1 + 2 + 2 + 1 + 1);
  });

  it('reads settings, with the comment above', () => {
    const [lenient, cap] = policy().decls.filter((d) => d.kind === 'setting');
    expect(lenient).toMatchObject({
      setting: 'leniencyCeiling',
      value: { text: '提示' },
      comments: ['# 初次轻微免罚'],
    });
    expect(cap).toMatchObject({ setting: 'measuresPerRecordCap', value: 6 });
  });

  it('reads field types in all their shapes', () => {
    const r = decl('record', 'administrative_penalty');
    const types = Object.fromEntries(r.fields.map((f) => [f.key.text, f.type]));
    expect(types.penaltyKinds).toMatchObject({ kind: 'list', ref: { text: '处罚种类' } });
    expect(types.discretion).toMatchObject({ kind: 'enum', values: [{ text: '从轻' }, {}, {}, {}] });
    expect(types.tags).toMatchObject({ kind: 'list', values: [{ text: '甲' }, { text: '乙' }] });
    expect(types.kind).toMatchObject({ kind: 'enum', ref: { text: '处罚种类' } });
    expect(r.fields[0]?.comments).toEqual(['# 以元计']);
    expect(r.fields.find((f) => f.key.text === 'penaltyKinds')?.required).toBe(true);
  });

  it('reads params: DSL values, plain numbers and booleans, unset, transition', () => {
    expect(decl('param', '较低数额罚款').versions[0]?.value).toMatchObject({ kind: 'money', value: 3000 });
    const period = decl('param', '最短公示期');
    expect(period.versions.map((v) => v.value)).toMatchObject([
      { kind: 'duration', value: { amount: 6, unit: 'month' } },
      { kind: 'duration', value: { amount: 1, unit: 'year' } },
    ]);
    expect(period.versions[1]?.transition).toBe('过渡期由各地确定');
    expect(decl('param', '抽查比例上限').versions).toMatchObject([{ basis: [] }]);
    expect(decl('param', '抽查比例上限').versions[0]?.value).toBeUndefined();
    expect(decl('param', '门槛').versions[0]?.value).toMatchObject({ kind: 'number', value: 3 });
    expect(decl('param', '启用').versions[0]?.value).toMatchObject({ kind: 'boolean', value: true });
  });

  it('reads a list with every clause', () => {
    const l: ListDecl = decl('list', '严重违法失信名单');
    expect(l.listKind).toBe('black');
    expect(l.categories.map((c) => [c.set.text, c.value.text])).toEqual([['严重失信范围', '破坏市场秩序和社会秩序']]);
    expect(l.duration).toMatchObject({
      period: { kind: 'duration' },
      counting: 'civil',
      basis: [{ article: '第二十一条' }],
    });
    expect(l.extendTo?.fields.map((f) => f.text)).toEqual(['restrictionEnds']);
    expect(l.endsAt?.fields.map((f) => f.text)).toEqual(['revokedOn']);
    expect(l.earlyRemoval?.when?.kind).toBe('and');
    expect(l.objectionPending).toBe('mark');
    const [heavy, many] = l.rules;
    expect(heavy).toMatchObject({
      name: { text: '较重行政处罚' },
      forType: { text: 'administrative_penalty' },
      fromField: { text: 'publishedOn' },
      where: { kind: 'or' },
      unless: { kind: 'compare' },
      unlessBasis: [{ basis: { text: '令44' }, article: '第十二条第二款' }],
      comments: ['# 较重处罚'],
    });
    // `basis: 令44 第二条` (a plain string) is the same as a one-element list
    expect(many?.basis).toMatchObject([{ basis: { text: '令44' }, article: '第二条' }]);
    const red = decl('list', '守信激励名单');
    expect(red).toMatchObject({ allowBlack: true, objectionPending: 'suspend', duration: { counting: 'calendar' } });
    expect(red.rules[0]?.name.text).toBe('表彰');
  });

  it('reads measures with defaults and overrides', () => {
    const m = decl('measure', '限制参加政府采购');
    expect(m).toMatchObject({
      measureKind: 'penalty',
      action: 'block',
      mandatory: false,
      target: 'legal_representative',
    });
    expect(m.grades).toMatchObject([{ grading: { text: '公共信用评价' }, grades: [{ text: 'D' }, { text: 'C' }] }]);
    expect(m.matters?.map((x) => x.text)).toEqual(['政府采购', '招标投标']);
    const g = decl('measure', '绿色通道');
    expect(g).toMatchObject({ mandatory: true, target: 'subject', grades: [], categories: [] });
    expect(g.matters).toBeUndefined();
    expect(decl('narrow', '限制参加政府采购')).toMatchObject({
      matters: [{ text: '政府采购' }],
      level: { text: '约谈' },
    });
  });

  it('reads a fill: the versions of a param, the comment above, spans into the YAML', () => {
    const f = policy().decls.find((d) => d.kind === 'fill');
    if (f?.kind !== 'fill') throw new Error('no fill');
    expect(f.param.text).toBe('较大数额罚款');
    expect(f.comments).toEqual(['# 政府采购条例 较大数额罚款: delegated, filled here']);
    expect(f.versions.map((v) => [v.value?.kind === 'money' && v.value.value, v.from])).toEqual([
      [100_000, '2024-01-01'],
      [200_000, '2026-04-01'],
    ]);
    expect(at(f.param.span)).toEqual(positionOf(text, '较大数额罚款:', 2));
    expect(at(f.versions[1]?.basis[0]?.span)).toEqual(positionOf(text, '榆林要点 section "十一"', 3));
  });

  it('reads a grading: items, bands, direct, caps, supervision ratios', () => {
    const g = decl('grading', '公共信用评价');
    expect(g.range).toEqual({ min: 0, max: 1200 });
    const [general, honor, clean] = g.items;
    expect(general).toMatchObject({
      direction: 'deduct',
      points: 20,
      cap: 100,
      per: {
        kind: 'aggregate',
        op: 'count',
        recordType: { text: 'administrative_penalty' },
        where: { kind: 'compare' },
      },
    });
    expect(honor?.per?.within).toMatchObject({ kind: 'duration', value: { amount: 3, unit: 'year' } });
    expect(clean).toMatchObject({ direction: 'add', points: 10, when: { kind: 'not' } });
    expect(clean?.per).toBeUndefined();
    expect(g.bands.map((b) => [b.grade.text, b.from])).toEqual([
      ['A', 900],
      ['B', 700],
      ['C', 400],
      ['D', 0],
    ]);
    expect(g.supervision.map((s) => [s.grade.text, s.ratioMin, s.ratioMax])).toEqual([
      ['A', 0, 0.05],
      ['D', 0.5, 1],
    ]);
    expect(g.direct[0]?.when).toMatchObject({ kind: 'onList', list: { text: '严重违法失信名单' } });
    expect(g.caps[0]?.grade.text).toBe('B');
  });
});

describe('spans point into the YAML file', () => {
  it('a name from a map key spans the key', () => {
    const l = decl('list', '严重违法失信名单');
    expect(at(l.id.span)).toEqual(positionOf(text, '严重违法失信名单:'));
    expect(textOf(l.id.span)).toBe('严重违法失信名单');
  });

  it('expressions inside plain scalars map character for character', () => {
    const where = decl('list', '严重违法失信名单').rules[0]?.where as Extract<Expr, { kind: 'or' }>;
    expect(at(where.span)).toEqual(positionOf(text, 'discretion == 从重'));
    expect(textOf(where.right.span)).toBe('penaltyKinds has any [吊销许可证件, 责令停产停业]');
    const left = where.left as Extract<Expr, { kind: 'compare' }>;
    expect(at(left.right.span)).toEqual(positionOf(text, '从重 or'));
  });

  it('citations and category parts map too', () => {
    const l = decl('list', '严重违法失信名单');
    const c = l.rules[0]?.unlessBasis[0];
    expect(c && textOf(c.span)).toBe('令44 第十二条第二款');
    const cat = l.categories[0];
    expect(cat && textOf(cat.value.span)).toBe('破坏市场秩序和社会秩序');
    expect(cat && at(cat.set.span)).toEqual(positionOf(text, '严重失信范围.'));
  });

  it('a declaration spans from its key to the end of its value', () => {
    const n = decl('narrow', '限制参加政府采购');
    expect(textOf(n.span)).toBe('限制参加政府采购:\n    matters: [政府采购]\n    level: 约谈');
  });
});

describe('the example in docs/LANGUAGE.md', () => {
  it('parses with no diagnostics', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/LANGUAGE.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## YAML form'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const r = parsePolicyYaml(block ?? '', 'LANGUAGE.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.decls.length).toBeGreaterThan(10);
  });
});
