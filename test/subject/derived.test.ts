// Subject fields a policy reads that the subject does not give: derived from its identity (engine/subject/derived.ts).
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../dsl/index.js';
import { adultOn, subjectField } from '../../engine/subject/derived.js';

describe('adultOn: the first day of 十八周岁', () => {
  it('is the day after the 18th birthday (周岁 from the day after the birthday)', () => {
    expect(adultOn({ id: '61080220070312041X', kind: 'natural_person' })).toBe('2025-03-13');
  });
  it('a 29 February birthday falls on 28 February in a common year (民法典 第二百零二条)', () => {
    expect(adultOn({ id: '610802200802290414', kind: 'natural_person' })).toBe('2026-03-01');
  });
  it('only a natural person has one', () => {
    expect(adultOn({ id: '91610800MA703A240N', kind: 'enterprise' })).toBeNull();
    expect(adultOn({ id: '61080220070312041X', kind: 'rural_household' })).toBeNull();
  });
  it('is read like the given fields', () => {
    const subject = { id: '61080220070312041X', kind: 'natural_person', region: '610802' };
    expect(subjectField(subject, 'adultOn')).toBe('2025-03-13');
    expect(subjectField(subject, 'region')).toBe('610802');
    expect(subjectField(subject, 'name')).toBeNull();
  });
});

describe('the checker types 成年日期 as a date', () => {
  const policy = (cond: string): string =>
    [
      'policy p "p"',
      '  jurisdiction national',
      '  version "1"',
      '  effective 2020-01-01',
      'record r "r"',
      'list l grey "l"',
      '  rule a "a"',
      '    for r',
      `    where ${cond}`,
      '',
    ].join('\n');
  const typeErrors = (cond: string): string[] =>
    compileSource(policy(cond), 'p.xy', () => undefined)
      .diagnostics.filter((d) => d.code === 'check.bad-operands')
      .map((d) => d.message);
  it('compares with a record date', () => {
    expect(typeErrors('日期 < 成年日期')).toEqual([]);
  });
  it('not with a number', () => {
    expect(typeErrors('成年日期 > 3')).toEqual(['运算 `>` 不能用于日期和数值']);
  });
});
