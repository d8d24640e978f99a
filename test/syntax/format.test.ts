// The canonical layout: where comments go, how long clauses break, which declarations stay together.
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import { displayWidth, printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';

function format(text: string): string {
  const r = parsePolicy(text, 'f.xy');
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error('no AST');
  const out = printPolicy(r.value);
  const again = parsePolicy(out, 'g.xy');
  expect(stripSpans(again.value)).toEqual(stripSpans(r.value));
  return out;
}

/** A policy of one header and `text` laid out: the whole output, and the part after the five header lines. */
function laidOut(text: string): { out: string; body: string } {
  const out = format('policy p "t" jurisdiction national version "1" effective 2021-09-01\n' + text);
  return { out, body: out.split('\n').slice(5).join('\n') };
}

describe('canonical layout', () => {
  it('lays out a small policy exactly', () => {
    const messy = `# 头部注释
policy  p   "标题"   effective 2021-09-01 version "1" jurisdiction province 610000   # 省级
scale severity 轻微<一般
scale level 提示 < 限制
param 甲 decimal unset
param 乙 "乙" money 3000元 from 2023-01-01
list L black "名单" rule r1 basis A 第二条 for T where x == 1 // 行尾注释
  allow black
  scope local
measure M "措施" target third_party action warn
  management discretionary
`;
    expect(format(messy)).toBe(`# 头部注释
# 省级
policy p "标题"
  jurisdiction province 610000
  version "1"
  effective 2021-09-01

scale severity 轻微 < 一般
scale level 提示 < 限制

param 甲 decimal unset
param 乙 "乙" money 3000元 from 2023-01-01

list L black "名单"
  scope local
  allow black
  // 行尾注释
  rule r1 basis A 第二条
    for T
    where x == 1

measure M "措施"
  management action warn
  discretionary
  target third_party
`);
  });

  it('puts each comment above the node it belongs to', () => {
    const text = `policy p "t"
  jurisdiction national
  # 关于生效日期
  version "1"
  effective 2021-09-01

# 名单上方
list L black
  scope local   # 范围
  # 规则上方
  rule r
    for T
    # 条件内部
    where x == 1
# 下一条上方

enum E [a]
# 文件末尾
`;
    const ast = parsePolicy(text, 'c.xy').value;
    expect(ast?.comments).toEqual(['# 关于生效日期']);
    const [list, en] = ast?.decls ?? [];
    expect(list?.comments).toEqual(['# 名单上方', '# 范围']);
    expect(list?.kind === 'list' && list.rules[0]?.comments).toEqual(['# 规则上方', '# 条件内部']);
    expect(en?.comments).toEqual(['# 下一条上方', '# 文件末尾']);
  });

  it('keeps a trailing comment with the field it follows, not the record around it', () => {
    const text = `policy p "t"
  jurisdiction national
  version "1"
  effective 2021-09-01

record T "类型"
  field a "甲" money   # 第六条第（一）项
  field b "乙" boolean
`;
    const ast = parsePolicy(text, 'c.xy').value;
    const rec = ast?.decls[0];
    expect(rec?.comments).toBeUndefined();
    const fields = rec?.kind === 'record' ? rec.fields : [];
    expect(fields[0]?.comments).toEqual(['# 第六条第（一）项']);
    expect(fields[1]?.comments).toBeUndefined();
    expect(format(text)).toContain('record T "类型"\n  # 第六条第（一）项\n  field a "甲" money\n  field b');
  });

  it('breaks a parenthesised aggregate inside its parentheses when an operator follows it', () => {
    const { out, body } = laidOut(
      'list 某某严重失信主体名单 black\n' +
        '  rule 规则 when x == 1 or (count major_tax_violation where 日期 >= 2020-01-01 and (ground == 偷税 and ' +
        'evadedAmount >= 100万元 or ground == 逃避追缴欠税 and arrearsAmount >= 100万元)) >= 2\n',
    );
    expect(body).toBe(`list 某某严重失信主体名单 black
  rule 规则
    when x == 1
      or (count major_tax_violation
        where 日期 >= 2020-01-01
          and (ground == 偷税 and evadedAmount >= 100万元
              or ground == 逃避追缴欠税 and arrearsAmount >= 100万元)) >= 2
`);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it("breaks a score item's long `once when` like a clause, cap and basis on a line of their own", () => {
    const { body } = laidOut(
      'grading 评价 base 100\n' +
        '  item 加扣 "上一年度评为D级，本年度加扣" deduct 11 once when (any tax_credit_score where ratingYear == 2024 ' +
        'and score < 40) or (any tax_credit_rating where ratingYear == 2024 and rating == D) cap 11 basis 法A 第一条\n',
    );
    expect(body).toBe(`grading 评价
  base 100
  item 加扣 "上一年度评为D级，本年度加扣" deduct 11 once when (any tax_credit_score
      where ratingYear == 2024 and score < 40)
    or any tax_credit_rating where ratingYear == 2024 and rating == D
    cap 11 basis 法A 第一条
`);
  });

  it('breaks long conditions at and / or and before where, indented under their clause', () => {
    const { out, body } = laidOut(
      'list 某某严重失信主体名单 black\n' +
        '  rule 规则 when (any administrative_penalty where severity == 严重 and fineAmount >= 100万元) ' +
        'or on 失信被执行人名单 or count administrative_penalty within 2 years >= 3 ' +
        'unless on 另一个很长很长很长很长很长很长的名单名称 basis 令44 第十二条第二款, 令44 第十三条, 令44 第十四条\n' +
        '  rule 贪婪 when any A where x == 1 or on 名单甲名单甲名单甲名单甲 or on 名单乙名单乙名单乙名单乙名单乙名单乙\n',
    );
    expect(body).toBe(`list 某某严重失信主体名单 black
  rule 规则
    when (any administrative_penalty where severity == 严重 and fineAmount >= 100万元)
      or on 失信被执行人名单
      or count administrative_penalty within 2 years >= 3
    unless on 另一个很长很长很长很长很长很长的名单名称
      basis 令44 第十二条第二款, 令44 第十三条, 令44 第十四条
  rule 贪婪
    when any A
      where x == 1 or on 名单甲名单甲名单甲名单甲 or on 名单乙名单乙名单乙名单乙名单乙名单乙
`);
    // The layout shows that a trailing `where` took the rest of the condition.
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });
});

describe('a rule that runs from a computed date', () => {
  it('keeps a bare name as the field, an expression as an expression, and its where as its own', () => {
    const text = `policy p "标题" effective 2021-09-01 version "1" jurisdiction national
list L grey "名单"
  rule r1 basis A 第二条
    for T from 日期 + 7 workdays + 1 day
    where x == 1
  rule r2 basis A 第二条
    for T from publishedOn
  rule r3 basis A 第二条
    for T from max 日期 of U where y == 2
    where x == 1
`;
    const r = parsePolicy(text, 'f.xy');
    expect(r.diagnostics).toEqual([]);
    const list = r.value?.decls[0];
    if (list?.kind !== 'list') throw new Error('no list');
    const rules = list.rules;
    expect(rules[0]!.fromExpr?.kind).toBe('arith');
    expect(rules[1]!.fromField).toMatchObject({ text: 'publishedOn' });
    // The aggregate takes its own `where`; the next one, on its own line, is the rule's.
    expect(rules[2]!.fromExpr?.kind).toBe('aggregate');
    expect(rules[2]!.where).toBeDefined();
    const out = format(text);
    expect(out).toContain('for T from 日期 + 7 workdays + 1 day');
    expect(out).toContain('for T from publishedOn');
    expect(out).toContain('for T from (max 日期 of U where y == 2)');
  });
});
