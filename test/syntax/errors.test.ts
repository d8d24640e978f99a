// Syntax errors: several per file, each at the right line and column, with Chinese and English messages.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../dsl/diagnostic.js';
import { parseCitations, parseExpression, parsePolicy } from '../../dsl/syntax/index.js';

const HEADER = 'policy p "t"\n  jurisdiction national\n  version "1"\n  effective 2021-09-01\n';

function where(d: Diagnostic): string {
  return `${d.code} ${d.span?.start.line}:${d.span?.start.column}`;
}

describe('syntax errors', () => {
  const broken = [
    'policy p "t"',
    '  jurisdiction national',
    '  version "1"',
    '  effective 2021-13-01',
    'basis 令44 "t"',
    '  rank 部门规章X',
    'list L black',
    '  scope nationl',
    '  rule r for X where a == == b',
    'measure M "m"',
    '  penalty action blok',
    'grading G',
    '  base 1000',
    '  supervision A ratio 5% .. 20% frequency "x',
    'enum E [a, b]',
    'list L2 red “quoted”',
    '  allow black',
    '',
  ].join('\n');
  const result = parsePolicy(broken, 'broken.xy');

  it('reports every error in the file, in order, at its line and column', () => {
    expect(result.diagnostics.map(where)).toEqual([
      'syntax.invalid-date 4:13',
      'syntax.unknown-rank 6:8',
      'syntax.expected 8:9',
      'syntax.expected 9:27',
      'syntax.expected 11:18',
      'syntax.unterminated-string 14:43',
      'syntax.unexpected-character 16:13',
      'syntax.unexpected-token 16:14',
      'syntax.unexpected-character 16:20',
    ]);
    expect(result.diagnostics.every((d) => d.severity === 'error' && d.span?.file === 'broken.xy')).toBe(true);
  });

  it('words messages in Chinese with the user text in backticks and no final period, plus English', () => {
    const byCode = (code: string, line: number): Diagnostic | undefined =>
      result.diagnostics.find((d) => d.code === code && d.span?.start.line === line);
    expect(byCode('syntax.expected', 8)?.message).toBe('此处应为以下之一：`national`、`local`，却遇到 `nationl`');
    expect(byCode('syntax.expected', 8)?.messageEn).toBe('expected one of `national`, `local` but found `nationl`');
    expect(byCode('syntax.expected', 9)?.message).toBe('此处应为表达式，却遇到 `==`');
    expect(byCode('syntax.unknown-rank', 6)?.message).toBe('未知的效力层级 `部门规章X`');
    expect(byCode('syntax.unknown-rank', 6)?.help).toContain('部门规章');
    expect(byCode('syntax.unexpected-character', 16)?.help).toBe('字符串请使用半角双引号 `"`');
    for (const d of result.diagnostics) {
      expect(d.message).not.toMatch(/[。.]$/);
      expect(d.messageEn).toBeDefined();
    }
  });

  it('keeps every declaration that could be built', () => {
    const decls = result.value?.decls.map((d) => `${d.kind}:${'id' in d ? d.id.text : ''}`);
    expect(decls).toEqual(['basis:令44', 'list:L', 'measure:M', 'grading:G', 'enum:E', 'list:L2']);
    const l2 = result.value?.decls[5];
    expect(l2?.kind === 'list' && l2.allowBlack).toBe(true);
  });

  it('spans cover the offending text', () => {
    const d = result.diagnostics.find((x) => x.code === 'syntax.expected' && x.span?.start.line === 8);
    expect(d?.span && broken.slice(d.span.start.offset, d.span.end.offset)).toBe('nationl');
  });

  it('explains a reserved word used as a name', () => {
    const r = parsePolicy(`${HEADER}record r\n  field ratio "比例" decimal\n  field b string\n`, 'k.xy');
    expect(r.diagnostics.map(where)).toEqual(['syntax.expected 6:9']);
    expect(r.diagnostics[0]?.message).toBe('此处应为名称，却遇到 `ratio`');
    expect(r.diagnostics[0]?.help).toContain('保留字');
    const rec = r.value?.decls[0];
    expect(rec?.kind === 'record' && rec.fields.map((f) => f.key.text)).toEqual(['b']);
  });

  it('reports stray tokens once per run, with the clauses that would fit', () => {
    const r = parsePolicy(`${HEADER}list L black\n  scope local foo bar baz\n  allow black\n`, 's.xy');
    expect(r.diagnostics.map(where)).toEqual(['syntax.unexpected-token 6:15']);
    const d = r.diagnostics[0];
    expect(d?.span?.end.column).toBe(26);
    expect(d?.help).toContain('scope');
    const list = r.value?.decls[0];
    expect(list?.kind === 'list' && [list.scope, list.allowBlack]).toEqual(['local', true]);
  });

  it('reports duplicate and missing clauses', () => {
    const r = parsePolicy(`${HEADER}list L black\n  scope local\n  scope national\nmeasure M\n  level 限制\n`, 'd.xy');
    expect(r.diagnostics.map(where)).toEqual([
      'syntax.duplicate-clause 7:3',
      'syntax.missing-clause 8:9',
      'syntax.missing-clause 8:9',
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '`list` 中的 `scope` 子句重复',
      '`measure` 缺少 `reward|penalty|management` 子句',
      '`measure` 缺少 `action` 子句',
    ]);
  });

  it('reports a parameter version with two `from` or two `transition` clauses (the first was silently kept)', () => {
    const r = parsePolicy(
      `${HEADER}param P duration 1 year from 2020-01-01 transition "甲" from 2021-01-01 transition "乙"\n`,
      'p.xy',
    );
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'syntax.duplicate-clause `param` 中的 `from` 子句重复',
      'syntax.duplicate-clause `param` 中的 `transition` 子句重复',
    ]);
  });

  it('reports a header without its required clauses and a file without a header', () => {
    const r = parsePolicy('policy p "t"\n', 'h.xy');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '`policy` 缺少 `jurisdiction` 子句',
      '`policy` 缺少 `version` 子句',
      '`policy` 缺少 `effective` 子句',
    ]);
    const empty = parsePolicy('', 'e.xy');
    expect(empty.diagnostics.map((d) => d.message)).toEqual(['此处应为`policy`，却遇到 文件结尾']);
    const noHeader = parsePolicy('enum E [a]\n', 'n.xy');
    expect(noHeader.diagnostics.map(where)).toEqual(['syntax.expected 1:1']);
    expect(noHeader.value?.decls.map((d) => d.kind)).toEqual(['enum']);
  });

  it('reports invalid escapes', () => {
    const r = parsePolicy(`${HEADER}list L black "a\\nb"\n`, 'x.xy');
    expect(r.diagnostics.map(where)).toEqual(['syntax.invalid-escape 5:14']);
  });

  it('reports trailing input and positions relative to a base (YAML strings)', () => {
    const r = parseExpression('a == 1 b', 'p.yaml', { line: 10, column: 12, offset: 200 });
    expect(r.diagnostics.map((d) => [d.code, d.span?.start])).toEqual([
      ['syntax.trailing-input', { line: 10, column: 19, offset: 207 }],
    ]);
    expect(r.diagnostics[0]?.message).toBe('多余的内容：`b`');
    const c = parseCitations('令44 第二条,', 'p.yaml');
    expect(c.diagnostics.map((d) => d.code)).toEqual(['syntax.expected']);
  });

  it('reports unknown characters, with advice for full-width punctuation', () => {
    const r = parseExpression('a （b）', 'p.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([
      ['syntax.unexpected-character', '无法识别的字符 `（`', '括号请使用半角 `(` `)`（条款中的 `第（五）项` 除外）'],
      ['syntax.trailing-input', '多余的内容：`b`', undefined],
      ['syntax.unexpected-character', '无法识别的字符 `）`', '括号请使用半角 `(` `)`（条款中的 `第（五）项` 除外）'],
    ]);
  });
});
