// A mistake in DSL text inside a YAML string is reported at its own line and column in the YAML file.
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml } from '../../dsl/yaml/index.js';
import { HEADER, positionOf, where } from './helpers.js';

function firstError(text: string): ReturnType<typeof where> {
  const r = parsePolicyYaml(text, 'bad.yaml');
  expect(r.value).toBeUndefined();
  const d = r.diagnostics.find((x) => x.severity === 'error');
  expect(d?.code, JSON.stringify(r.diagnostics)).toMatch(/^syntax\./);
  expect(d?.span?.file).toBe('bad.yaml');
  return where(d);
}

const rule = (line: string): string => `${HEADER}lists:\n  名单:\n    kind: black\n    rules:\n      r:\n${line}`;

describe('DSL errors inside YAML strings', () => {
  it('plain scalar: points at the bad token', () => {
    const text = rule('        where: fineAmount >= >= 100万元\n');
    expect(firstError(text)).toMatchObject(positionOf(text, '>= 100万元'));
  });

  it('double-quoted scalar: skips the quote', () => {
    const text = rule('        where: "fineAmount >= >= 100万元"\n');
    expect(firstError(text)).toMatchObject(positionOf(text, '>= 100万元'));
  });

  it('double-quoted scalar with an escape before the error: columns stay on the source text', () => {
    const text = rule('        where: "domain == \\"食品\\" and and x"\n');
    expect(firstError(text)).toMatchObject(positionOf(text, 'and x'));
  });

  it('single-quoted scalar with a doubled quote', () => {
    const text = rule("        where: 'domain == \"it''s\" or or x'\n");
    expect(firstError(text)).toMatchObject(positionOf(text, 'or x'));
  });

  it('literal block scalar: the error on its second line', () => {
    const text = rule(
      '        when: |\n          count administrative_penalty within 2 years >= 3\n          and and on 名单\n',
    );
    expect(firstError(text)).toMatchObject(positionOf(text, 'and on'));
  });

  it('folded plain scalar over two lines', () => {
    const text = rule('        when: count administrative_penalty\n          within 2 years >= >= 3\n');
    expect(firstError(text)).toMatchObject(positionOf(text, '>= 3'));
  });

  it('a citation inside a flow list', () => {
    const text = rule('        basis: [令44 第二条, 令44 section]\n        when: on 名单\n');
    const d = firstError(text);
    expect(d?.line).toBe(positionOf(text, '令44 section').line);
    expect(d?.column).toBeGreaterThan(positionOf(text, '令44 section').column);
  });

  it('a duration', () => {
    const text = `${HEADER}lists:\n  名单:\n    kind: black\n    duration: { period: 3 yearz }\n`;
    const d = firstError(text);
    expect(d?.line).toBe(positionOf(text, '3 yearz').line);
    expect(d?.column).toBeGreaterThanOrEqual(positionOf(text, '3 yearz').column);
  });

  it('a param value', () => {
    const text = `${HEADER}params:\n  p:\n    type: money\n    versions:\n      - { value: 3000元元 }\n`;
    const d = firstError(text);
    expect(d?.line).toBe(positionOf(text, '3000元元').line);
    expect(d?.column).toBeGreaterThanOrEqual(positionOf(text, '3000元元').column);
  });

  it('an expression error in a grading item, several errors reported', () => {
    const text = `${HEADER}gradings:\n  g:\n    grades: [A]\n    base: 0\n    items:\n      i: { add: 1, per: honor, where: (x == 1, within: 3 years }\n    caps:\n      - { grade: A, when: not }\n`;
    const r = parsePolicyYaml(text, 'bad.yaml');
    const lines = r.diagnostics.filter((d) => d.code.startsWith('syntax.')).map((d) => d.span?.start.line);
    expect(lines).toContain(positionOf(text, '(x == 1').line);
    expect(lines).toContain(positionOf(text, 'when: not').line);
  });
});
