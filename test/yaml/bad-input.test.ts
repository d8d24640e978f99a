// Every class of bad YAML input gives a diagnostic with the right code, line and column — and no AST.
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml } from '../../dsl/yaml/index.js';
import { HEADER, positionOf, where } from './helpers.js';

function only(text: string, code: string): ReturnType<typeof where> {
  const r = parsePolicyYaml(text, 'bad.yaml');
  expect(r.value).toBeUndefined();
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d, JSON.stringify(r.diagnostics, null, 1)).toBeDefined();
  expect(d?.span?.file).toBe('bad.yaml');
  expect(d?.message).not.toBe('');
  expect(d?.messageEn).toBeDefined();
  return where(d);
}

describe('YAML syntax', () => {
  it('an unclosed flow sequence is yaml.syntax at the place the parser stopped', () => {
    const text = `${HEADER}extends: [national\nlists: {}\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    expect(r.value).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'yaml.syntax');
    expect(d).toBeDefined();
    // the error is reported inside or right after the unclosed sequence, never at the top of the file
    expect(d?.span?.start.line).toBeGreaterThanOrEqual(positionOf(text, '[national').line);
    expect(d?.message).toMatch(/^YAML 语法错误/);
  });

  it('bad indentation points at the offending line', () => {
    const text = `${HEADER}enums:\n  甲: [a]\n    乙: [b]\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const d = r.diagnostics.find((x) => x.code === 'yaml.syntax');
    expect(d?.span?.start.line).toBe(positionOf(text, '乙').line);
  });

  it('a duplicate key is yaml.duplicate-key at the second occurrence', () => {
    const text = `${HEADER}enums:\n  甲: [a]\n  甲: [b]\n`;
    expect(only(text, 'yaml.duplicate-key')).toEqual({ code: 'yaml.duplicate-key', ...positionOf(text, '甲', 2) });
  });

  it('two documents in one file are refused', () => {
    const text = `${HEADER}---\n${HEADER}`;
    expect(only(text, 'yaml.syntax')?.code).toBe('yaml.syntax');
  });
});

describe('schema', () => {
  it('an unknown key deep in the tree points at the key and suggests the right one', () => {
    const text = `${HEADER}lists:\n  名单:\n    kind: black\n    rules:\n      r1:\n        for: administrative_penalty\n        wher: x == 1\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const d = r.diagnostics.find((x) => x.code === 'yaml.schema');
    expect(where(d)).toEqual({ code: 'yaml.schema', ...positionOf(text, 'wher') });
    expect(d?.message).toBe('`lists.名单.rules.r1` 有未知字段 `wher`');
    expect(d?.messageEn).toBe('`lists.名单.rules.r1` has unknown field `wher`');
    expect(d?.help).toContain('`where`');
  });

  it('a missing required field points at the key of the object that lacks it', () => {
    const text = `${HEADER}lists:\n  - id: 甲\n    title: 无种类\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const d = r.diagnostics.find((x) => x.code === 'yaml.schema');
    expect(d?.message).toBe('`lists[0]` 缺少必填字段 `kind`');
    expect(d?.messageEn).toBe('`lists[0]` is missing required field `kind`');
    expect(where(d)).toEqual({ code: 'yaml.schema', ...positionOf(text, 'id: 甲') });
  });

  it('a wrong enum value names the allowed ones and points at the value', () => {
    const text = `${HEADER}measures:\n  m:\n    kind: penalty\n    action: blok\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const d = r.diagnostics.find((x) => x.code === 'yaml.schema');
    expect(where(d)).toEqual({ code: 'yaml.schema', ...positionOf(text, 'blok') });
    expect(d?.message).toContain('`block`');
  });

  it('a name that is not an identifier (map key) points at the key', () => {
    const text = `${HEADER}enums:\n  1甲: [a]\n`;
    expect(only(text, 'yaml.schema')).toEqual({ code: 'yaml.schema', ...positionOf(text, '1甲') });
  });

  it('a keyword of the text form used as a name is yaml.reserved-name at the name', () => {
    const text = `${HEADER}records:\n  r:\n    fields:\n      ratio: { type: decimal }\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map(where)).toEqual([{ code: 'yaml.reserved-name', ...positionOf(text, 'ratio') }]);
  });

  it('`national` is accepted where the text form accepts it (policy id, extends), `severity` as a referenced field', () => {
    const text = `${HEADER.replace('policy: p', 'policy: national')}extends: [national]\nlists:\n  l:\n    kind: black\n    extendTo: { field: severity }\n`;
    expect(parsePolicyYaml(text, 'ok.yaml').diagnostics).toEqual([]);
  });

  it('`extendTo` with both `field` and `fields`, or neither, is one error naming the two alternatives', () => {
    for (const body of ['{ field: a, fields: [b] }', '{ basis: [] }']) {
      const text = `${HEADER}lists:\n  l:\n    kind: black\n    extendTo: ${body}\n`;
      const r = parsePolicyYaml(text, 'bad.yaml');
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
        ['yaml.schema', '`lists.l.extendTo` 须写且只写以下字段之一：`field`、`fields`'],
      ]);
      expect(where(r.diagnostics[0])).toMatchObject(positionOf(text, body));
    }
  });

  it('`until` needs a field, fields or dates, and never both `field` and `fields`: one error each, at the value', () => {
    const cases: [string, string][] = [
      ['{ when: a, basis: [] }', '`lists.l.until` 须至少写以下字段之一：`field`、`fields`、`dates`'],
      ['{ field: a, fields: [b] }', '`lists.l.until` 不能同时写 `field`、`fields`'],
    ];
    for (const [body, message] of cases) {
      const text = `${HEADER}lists:\n  l:\n    kind: black\n    until: ${body}\n`;
      const r = parsePolicyYaml(text, 'bad.yaml');
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['yaml.schema', message]]);
      expect(where(r.diagnostics[0])).toMatchObject(positionOf(text, body));
    }
    // a computed date alone, or with a field, is well-formed
    for (const body of [
      '{ dates: [fulfilledOn + 3 workdays] }',
      '{ field: a, dates: [日期 + 1 year], when: a <= at }',
    ]) {
      const text = `${HEADER}lists:\n  l:\n    kind: black\n    until: ${body}\n`;
      expect(parsePolicyYaml(text, 'ok.yaml').diagnostics).toEqual([]);
    }
  });

  it('a malformed date points at the value', () => {
    const text = HEADER.replace('2021-09-01', '2021/09/01');
    expect(only(text, 'yaml.schema')).toEqual({ code: 'yaml.schema', ...positionOf(text, '2021/09/01') });
  });

  it('a number where a condition is expected is a type error at the value', () => {
    const text = `${HEADER}lists:\n  名单:\n    kind: grey\n    rules:\n      r:\n        when: 3\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const d = r.diagnostics.find((x) => x.code === 'yaml.schema');
    expect(where(d)).toEqual({
      code: 'yaml.schema',
      line: positionOf(text, 'when: 3').line,
      column: positionOf(text, 'when: 3').column + 6,
    });
    expect(d?.message).toBe('`lists.名单.rules.r.when` 应为字符串');
    expect(d?.help).toContain('"3"');
  });

  it('an unquoted version number asks for quotes', () => {
    const text = HEADER.replace('version: "1"', 'version: 2021');
    const r = parsePolicyYaml(text, 'bad.yaml');
    expect(where(r.diagnostics[0])).toEqual({ code: 'yaml.schema', ...positionOf(text, '2021\n') });
    expect(r.diagnostics[0]?.help).toContain('"2021"');
  });

  it('a mapping where a condition is expected is a type error too', () => {
    const text = `${HEADER}gradings:\n  g:\n    grades: [A]\n    base: 0\n    direct:\n      - { grade: A, when: { on: x } }\n`;
    expect(only(text, 'yaml.schema')).toEqual({ code: 'yaml.schema', ...positionOf(text, '{ on: x }') });
  });

  it('a score item with both add and deduct is refused', () => {
    const text = `${HEADER}gradings:\n  g:\n    grades: [A]\n    base: 0\n    items:\n      i: { add: 1, deduct: 2 }\n`;
    expect(only(text, 'yaml.schema')).toEqual({ code: 'yaml.schema', ...positionOf(text, 'i: {') });
  });

  it('a param version with neither value nor unset is refused', () => {
    const text = `${HEADER}params:\n  x:\n    type: integer\n    versions:\n      - { from: 2021-01-01 }\n`;
    expect(only(text, 'yaml.schema')).toEqual({ code: 'yaml.schema', ...positionOf(text, '{ from') });
  });

  it('an empty file says the document must be a mapping', () => {
    const r = parsePolicyYaml('', 'bad.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('yaml.schema');
  });

  it('reports every error, not only the first', () => {
    const text = `${HEADER}enums:\n  甲: a\nmeasures:\n  m: { kind: x, action: y }\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    expect(r.diagnostics.filter((d) => d.code === 'yaml.schema').length).toBeGreaterThanOrEqual(3);
  });
});

describe('limits', { timeout: 60_000 }, () => {
  it('an alias bomb stops at the alias limit', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `${HEADER}enums:\n  bomb: *i\nx:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const r = parsePolicyYaml(text.replace('enums:\n  bomb: *i\n', ''), 'bad.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('yaml.alias-limit');
  });

  it('a few aliases are fine', () => {
    const text = `${HEADER}bases:\n  甲: &b { title: 甲法 }\n  乙: *b\n`;
    const r = parsePolicyYaml(text, 'ok.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.decls.map((d) => d.kind)).toEqual(['basis', 'basis']);
  });

  it('deep nesting is yaml.too-deep at the first level past the limit', () => {
    const text = `${HEADER}extends: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    const d = only(text, 'yaml.too-deep');
    // the root map is depth 0, `extends` value is depth 1: the 64th bracket is the first refused
    const first = positionOf(text, '[');
    expect(d).toEqual({ code: 'yaml.too-deep', line: first.line, column: first.column + 63 });
  });

  it('extreme nesting never crashes', () => {
    const text = `${HEADER}extends: ${'['.repeat(200_000)}\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('__proto__ is yaml.forbidden-key at the key', () => {
    const text = `${HEADER}__proto__: { polluted: true }\n`;
    expect(only(text, 'yaml.forbidden-key')).toEqual({ code: 'yaml.forbidden-key', ...positionOf(text, '__proto__') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('constructor and prototype deep in the tree are refused too', () => {
    const text = `${HEADER}records:\n  r:\n    fields:\n      constructor: { type: string }\n      prototype: { type: string }\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const found = r.diagnostics.filter((d) => d.code === 'yaml.forbidden-key').map(where);
    expect(found).toEqual([
      { code: 'yaml.forbidden-key', ...positionOf(text, 'constructor') },
      { code: 'yaml.forbidden-key', ...positionOf(text, 'prototype') },
    ]);
  });

  it('a map with 20 000 keys parses in linear time (the duplicate check of the yaml library is quadratic)', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  值${i}: [a]`).join('\n');
    const started = performance.now();
    const r = parsePolicyYaml(`${HEADER}enums:\n${keys}\n  值7: [b]\n`, 'big.yaml');
    expect(performance.now() - started).toBeLessThan(12_000);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml.duplicate-key']);
  });

  it('a 25 MB file is yaml.too-large without being parsed', () => {
    const text = `${HEADER}title: ${'长'.repeat(25 * 1024 * 1024)}\n`;
    const started = performance.now();
    expect(only(text, 'yaml.too-large')).toEqual({ code: 'yaml.too-large', line: 1, column: 1 });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
