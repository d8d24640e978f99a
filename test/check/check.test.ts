import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../dsl/index.js';
import { BASE, checkTexts, codes, header } from './helpers.js';

const BLACK = `
list 严重失信名单 black "测试名单" scope local
  basis 法A 第一条
  duration 3 years basis 法A 第二条
  rule 较重处罚 basis 法A 第一条
    for administrative_penalty
    where severity >= 较重 and 罚款金额 >= 100万元
`;

describe('checkPolicy', () => {
  it('lowers a clean policy to an IR with a stable hash', () => {
    const result = checkTexts(header(BLACK));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ir?.lists['严重失信名单']?.rules[0]?.where).toEqual({
      op: 'and',
      args: [
        {
          op: 'cmp',
          cmp: '>=',
          type: 'severity',
          left: { op: 'field', key: 'severity', builtin: true },
          right: { op: 'lit', type: 'severity', value: '较重' },
        },
        {
          op: 'cmp',
          cmp: '>=',
          type: 'number',
          left: { op: 'field', key: 'fineAmount', builtin: false },
          right: { op: 'lit', type: 'money', value: 1000000 },
        },
      ],
    });
    expect(result.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(checkTexts(header(BLACK)).hash).toBe(result.hash);
  });

  it('ignores formatting and comments in the hash', () => {
    const a = checkTexts(header(BLACK));
    const b = checkTexts(header('# 注释\n' + BLACK.replace(/\n {2,4}/g, '\n ')));
    expect(b.hash).toBe(a.hash);
  });

  it('refers to fields by key or by Chinese label alike', () => {
    const byLabel = checkTexts(header(BLACK));
    const byKey = checkTexts(header(BLACK.replace('罚款金额', 'fineAmount')));
    expect(byKey.hash).toBe(byLabel.hash);
  });

  it('reports an unknown field with did-you-mean', () => {
    const result = checkTexts(header(BLACK.replace('罚款金额 >=', '罚款金頟 >=')));
    const d = result.diagnostics.find((x) => x.code === 'check.unknown-field');
    expect(d?.message).toBe('记录类型 `行政处罚` 没有字段 `罚款金頟`');
    expect(d?.help).toContain('罚款金额');
    expect(d?.span?.start.line).toBeGreaterThan(1);
  });

  it('warns when the aggregate ending a `from` expression took the where meant for the rule', () => {
    const from = (tail: string) =>
      codes(
        checkTexts(
          header(`
list 逾期名单 grey "测试名单" scope local
  basis 法A 第一条
  rule 逾期 basis 法A 第一条
    for administrative_penalty from ${tail}
`),
        ),
      );
    // On its own line the where reads as the rule's, but the aggregate takes it and the rule has none.
    expect(from('max 日期 of administrative_penalty\n    where 罚款金额 >= 1万元')).toContain('check.from-took-where');
    expect(from('(max 日期 of administrative_penalty)\n    where 罚款金额 >= 1万元')).not.toContain(
      'check.from-took-where',
    );
    expect(from('日期 + 10 workdays\n    where 罚款金额 >= 1万元')).toEqual([]);
  });

  it('warns when a where takes the or after it and an aggregate over another type', () => {
    const base = `${BASE}record honor "表彰"\n  field refused "拒绝公开" boolean\n`;
    const when = (cond: string): CheckResult =>
      checkTexts(
        header(`
list 红名单 red "测试红名单" scope local
  basis 法A 第一条
  rule 表彰 basis 法A 第一条
    when ${cond}
`),
        { 基础: base },
      );
    const swallowed = when('any honor where refused == true or any administrative_penalty where 罚款金额 >= 1万元');
    expect(codes(swallowed)).toEqual(['check.where-took-or']);
    expect(swallowed.diagnostics[0]!.message).toContain('请给前一个汇总加括号：`(any honor where …) or …`');
    expect(
      codes(when('(any honor where refused == true) or any administrative_penalty where 罚款金额 >= 1万元')),
    ).toEqual([]);
    // an or inside the where over the same type is the where's own
    expect(codes(when('any honor where refused == true or refused == false'))).toEqual([]);
  });

  it('requires a basis on every rule and measure', () => {
    const result = checkTexts(header(BLACK.replace('rule 较重处罚 basis 法A 第一条', 'rule 较重处罚')));
    expect(codes(result)).toContain('check.missing-basis');
    expect(result.ir).toBeUndefined();
  });

  it('warns about an article the basis does not declare', () => {
    const result = checkTexts(
      header(BLACK.replace('duration 3 years basis 法A 第二条', 'duration 3 years basis 法A 第九条')),
    );
    const d = result.diagnostics.find((x) => x.code === 'check.undeclared-article');
    expect(d?.severity).toBe('warning');
    expect(result.ir).toBeDefined();
  });

  it('rejects comparing money with a date', () => {
    const result = checkTexts(header(BLACK.replace('罚款金额 >= 100万元', '罚款金额 >= 2020-01-01')));
    expect(codes(result)).toContain('check.bad-operands');
  });

  it('rejects an enum value the field does not allow', () => {
    const result = checkTexts(header(BLACK.replace('罚款金额 >= 100万元', '裁量 == 从严')));
    expect(codes(result)).toContain('check.unknown-enum-value');
  });

  it('rejects an undeclared severity level', () => {
    const result = checkTexts(header(BLACK.replace('severity >= 较重', 'severity >= 很重')));
    expect(codes(result)).toContain('check.unknown-scale-level');
  });

  it('reports a duplicate list', () => {
    const result = checkTexts(header(BLACK + BLACK.replace('"测试名单"', '"另一个"')));
    expect(codes(result)).toContain('check.duplicate');
  });

  it('reports cyclic extends and unknown bases', () => {
    const cyclic = checkTexts(header(), {
      基础: 'policy 基础 "b" jurisdiction national version "1" effective 2020-01-01 extends 测试市\n',
      测试市: header(),
    });
    expect(codes(cyclic)).toContain('check.extends-cycle');
    const missing = checkTexts(header().replace('extends 基础', 'extends nowhere'));
    expect(codes(missing)).toContain('check.unknown-policy');
  });

  it('refuses a city list that claims national scope', () => {
    const result = checkTexts(header(BLACK.replace('scope local', 'scope national')));
    expect(codes(result)).toContain('check.widen-scope');
  });

  it('refuses narrowing that widens matters or raises the level', () => {
    const base = `policy 基础 "b" jurisdiction national version "1" effective 2020-01-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 警示 < 限制
basis 法A "测试法" rank 法律 articles 第一条
record administrative_penalty "行政处罚" severity
list 黑 black basis 法A 第一条
  rule r basis 法A 第一条 for administrative_penalty where severity == 严重
measure 限制招投标 penalty level 警示 action restrict applies to 黑 matters [招标投标] basis 法A 第一条
`;
    const widened = checkTexts(header('narrow measure 限制招投标 matters [招标投标, 政府采购] level 限制'), {
      基础: base,
    });
    expect(codes(widened).filter((c) => c === 'check.widen-scope')).toHaveLength(2);
    const narrowed = checkTexts(header('narrow measure 限制招投标 level 提示'), { 基础: base });
    expect(narrowed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(narrowed.ir?.measures['限制招投标']?.level).toBe('提示');
  });

  it('finds lists that refer to each other in a cycle', () => {
    const result = checkTexts(
      header(`
list 甲 grey basis 法A 第一条
  rule r basis 法A 第一条 when on 乙
list 乙 grey basis 法A 第一条
  rule r basis 法A 第一条 when on 甲
`),
    );
    expect(codes(result)).toContain('check.list-cycle');
  });

  it('warns about a condition that can never hold', () => {
    const result = checkTexts(
      header(BLACK.replace('罚款金额 >= 100万元', '罚款金额 >= 100万元 and 罚款金额 < 50万元')),
    );
    expect(codes(result)).toContain('check.unsatisfiable');
  });

  it('flags an unset parameter as a warning for the office to fill', () => {
    const result = checkTexts(header('param 较低数额罚款 "较低数额罚款" money unset\n' + BLACK));
    const d = result.diagnostics.find((x) => x.code === 'check.unset-param');
    expect(d?.severity).toBe('warning');
  });

  it('picks up records by their Chinese label in aggregates', () => {
    const result = checkTexts(
      header(`
list 关注 grey basis 法A 第一条
  rule 多次 basis 法A 第一条 when count 行政处罚 within 2 years >= 3
`),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ir?.lists['关注']?.rules[0]?.when).toMatchObject({
      op: 'cmp',
      left: { op: 'agg', agg: 'count', recordType: 'administrative_penalty' },
    });
  });
});

describe('early removal of a list whose rules range over several record types', () => {
  const policy = (when: string): string =>
    header(
      'record listing_decision "列入决定"\n  field publishedOn "公示日期" string\n  field effects "已消除影响" boolean\n' +
        `list 名单 black "名单"\n  duration 3 years basis 法A 第一条\n  early removal after 1 year when ${when} basis 法A 第一条\n` +
        '  rule 处罚 "处罚" basis 法A 第一条\n    for administrative_penalty\n' +
        '  rule 决定 "决定" basis 法A 第一条\n    for listing_decision\n',
    );

  it('reads an attribute of any of them (unset on a record of a type without it)', () => {
    const ok = checkTexts(policy('effects == true and fineAmount < 100万元 and fulfilledOn <= at'));
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(JSON.stringify(ok.ir?.lists['名单']?.earlyRemoval?.when)).toContain('"key":"effects"');
  });

  it('leaves out an attribute two of them declare with different types', () => {
    const clash = checkTexts(policy('publishedOn < at')).diagnostics.find((d) => d.code === 'check.unknown-field');
    expect(clash?.message).toBe('记录类型 `列入决定、行政处罚` 没有字段 `publishedOn`');
  });
});
