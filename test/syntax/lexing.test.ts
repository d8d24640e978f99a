// Tokens as users write them: Chinese names, Chinese and English durations, money, percentages, articles.
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import { printDuration, printExpr } from '../../dsl/print.js';
import { KEYWORDS, parseCitations, parseDuration, parseExpression } from '../../dsl/syntax/index.js';

function expr(text: string): unknown {
  const r = parseExpression(text, 't.xy');
  expect(r.diagnostics).toEqual([]);
  return stripSpans(r.value);
}

describe('lexing', () => {
  it('reads Chinese, mixed and ASCII identifiers', () => {
    expect(expr('严重失信主体名单 == 罚款金额')).toEqual({
      kind: 'compare',
      op: '==',
      left: { kind: 'name', name: { text: '严重失信主体名单' } },
      right: { kind: 'name', name: { text: '罚款金额' } },
    });
    expect(expr('令44')).toEqual({ kind: 'name', name: { text: '令44' } });
    expect(expr('_x1')).toEqual({ kind: 'name', name: { text: '_x1' } });
    expect(expr('Ωmega')).toEqual({ kind: 'name', name: { text: 'Ωmega' } });
  });

  it('tells keywords from identifiers that start with them', () => {
    expect(expr('inx in [integer_, notable]')).toEqual({
      kind: 'in',
      negated: false,
      left: { kind: 'name', name: { text: 'inx' } },
      right: {
        kind: 'array',
        items: [
          { kind: 'name', name: { text: 'integer_' } },
          { kind: 'name', name: { text: 'notable' } },
        ],
      },
    });
    expect(expr('评价日期')).toEqual({ kind: 'at' });
    expect(expr('评价日期前')).toEqual({ kind: 'name', name: { text: '评价日期前' } });
    expect(expr('at')).toEqual({ kind: 'at' });
    expect(KEYWORDS).toContain('评价日期');
    expect(KEYWORDS).toContain('policy');
  });

  it('reads money in 元, 万元 and 亿元, exactly', () => {
    const money = (t: string): unknown => (expr(t) as { value: number }).value;
    expect(money('100万元')).toBe(1_000_000);
    expect(money('3000元')).toBe(3000);
    expect(money('1.5亿元')).toBe(150_000_000);
    expect(money('0.1万元')).toBe(1000);
    expect(money('12.34元')).toBe(12.34);
    expect(expr('3000元')).toEqual({ kind: 'money', value: 3000 });
  });

  it('reads percentages as fractions, exactly', () => {
    expect(expr('5%')).toEqual({ kind: 'percent', value: 0.05 });
    expect(expr('12.5%')).toEqual({ kind: 'percent', value: 0.125 });
    expect(expr('0.1%')).toEqual({ kind: 'percent', value: 0.001 });
  });

  it('reads Chinese and English durations', () => {
    const cases: [string, number, string][] = [
      ['3年', 3, 'year'],
      ['6个月', 6, 'month'],
      ['15日', 15, 'day'],
      ['15天', 15, 'day'],
      ['7个工作日', 7, 'workday'],
      ['3 years', 3, 'year'],
      ['1 year', 1, 'year'],
      ['6 months', 6, 'month'],
      ['1 month', 1, 'month'],
      ['15 days', 15, 'day'],
      ['1 day', 1, 'day'],
      ['7 workdays', 7, 'workday'],
      ['1 workday', 1, 'workday'],
    ];
    for (const [text, amount, unit] of cases) {
      expect(expr(text), text).toEqual({ kind: 'duration', value: { amount, unit } });
      expect(stripSpans(parseDuration(text, 'd.yaml').value), text).toEqual({
        kind: 'duration',
        value: { amount, unit },
      });
    }
    // A unit word on the next line, or glued to more letters, is not part of a duration.
    expect(parseExpression('3\nyears', 't.xy').diagnostics.map((d) => d.code)).toEqual(['syntax.trailing-input']);
    expect(parseExpression('3 yearsx', 't.xy').diagnostics.map((d) => d.code)).toEqual(['syntax.trailing-input']);
  });

  it('prints durations canonically', () => {
    expect(printDuration({ amount: 3, unit: 'year' })).toBe('3 years');
    expect(printDuration({ amount: 1, unit: 'year' })).toBe('1 year');
    expect(printDuration({ amount: 6, unit: 'month' })).toBe('6 months');
    expect(printDuration({ amount: 15, unit: 'day' })).toBe('15 days');
    expect(printDuration({ amount: 7, unit: 'workday' })).toBe('7 workdays');
    const sum = parseExpression('6个月 + 7个工作日', 't').value;
    expect(sum && printExpr(sum)).toBe('6 months + 7 workdays');
  });

  it('reads dates before numbers, and minus with spaces as arithmetic', () => {
    expect(expr('2021-09-01')).toEqual({ kind: 'date', value: '2021-09-01' });
    expect(expr('2021 - 9')).toEqual({
      kind: 'arith',
      op: '-',
      left: { kind: 'number', value: 2021 },
      right: { kind: 'number', value: 9 },
    });
    expect(expr('-5')).toEqual({ kind: 'neg', operand: { kind: 'number', value: 5 } });
  });

  it('reads article citations as one token, with a full-width comma accepted', () => {
    const r = parseCitations(
      '令44 第二十二条第一款第（五）项, 令44 第3条，《管理办法》第十二条第二款, 榆林要点 section "十"',
      'c.yaml',
    );
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans(r.value)).toEqual([
      { basis: { text: '令44' }, article: '第二十二条第一款第（五）项' },
      { basis: { text: '令44' }, article: '第3条' },
      { basis: { text: '《管理办法》' }, article: '第十二条第二款' },
      { basis: { text: '榆林要点' }, section: '十' },
    ]);
  });

  it('reads strings with escapes', () => {
    expect(expr('"a\\"b\\\\c"')).toEqual({ kind: 'string', value: 'a"b\\c' });
  });

  it('applies the precedence of LANGUAGE.md', () => {
    expect(printExpr(parseExpression('not a == 1 and b or c', 't').value as never)).toBe('not a == 1 and b or c');
    expect(expr('a or b and c')).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(expr('not a == 1')).toMatchObject({ kind: 'not', operand: { kind: 'compare' } });
    expect(expr('1 + 2 * 3 - 4')).toMatchObject({
      kind: 'arith',
      op: '-',
      left: { kind: 'arith', op: '+', right: { kind: 'arith', op: '*' } },
    });
    expect(expr('x not in [a] and y is not set')).toMatchObject({
      kind: 'and',
      left: { kind: 'in', negated: true },
      right: { kind: 'isSet', negated: true },
    });
    expect(expr('tags has all [a, b]')).toMatchObject({ kind: 'has', mode: 'all' });
    expect(expr('count X within 2 years >= 3')).toMatchObject({
      kind: 'compare',
      left: { kind: 'aggregate', within: { kind: 'duration' } },
    });
    expect(expr('max date of X where severity == 严重')).toMatchObject({
      kind: 'aggregate',
      op: 'max',
      field: { text: 'date' },
      where: { kind: 'compare' },
    });
  });
});
