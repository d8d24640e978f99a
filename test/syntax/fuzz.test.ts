// Robustness: no input makes the parser throw, hang or blow the stack; limits give their own diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printPolicy } from '../../dsl/print.js';
import { KEYWORDS, MAX_INPUT_CHARS, parseCitations, parseExpression, parsePolicy } from '../../dsl/syntax/index.js';
import { SAMPLE } from './sample.js';

/** Generous per-input bound: the point is "terminates promptly", not a benchmark. */
const BOUND_MS = 2000;

function parsesPromptly(text: string): void {
  const t0 = performance.now();
  const r = parsePolicy(text, 'fuzz.xy');
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(BOUND_MS);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^syntax\./);
    expect(typeof d.message).toBe('string');
  }
  // Whatever partial AST came back must itself print without throwing.
  if (r.value !== undefined) expect(typeof printPolicy(r.value)).toBe('string');
}

const LINES = SAMPLE.split('\n');
const PIECES = [...KEYWORDS, '(', ')', '[', ']', ',', '.', '..', '==', '<', '>=', '+', '-', '*', '/', '"s"', '3 years',
  '6个月', '100万元', '5%', '2021-09-01', '第二条', '《办法》', 'x', '名单', '# c\n', '\n', '"', '《', '（', '3', 'basis 令 "t"']; // prettier-ignore

describe('fuzz', () => {
  it('survives random ASCII and random Unicode', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), parsesPromptly), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parsesPromptly), { numRuns: 500 });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(() => parseExpression(s, 'f.yaml')).not.toThrow();
        expect(() => parseCitations(s, 'f.yaml')).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('survives token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }), (ps) => parsesPromptly(ps.join(' '))),
      { numRuns: 500 },
    );
  });

  it('survives mutations of the sample: deleted, duplicated, swapped lines and inserted characters', () => {
    const mutation = fc.oneof(
      fc.nat(LINES.length - 1).map((i) => (ls: string[]) => ls.filter((_, j) => j !== i)),
      fc.nat(LINES.length - 1).map((i) => (ls: string[]) => [...ls.slice(0, i + 1), ...ls.slice(i)]),
      fc.tuple(fc.nat(LINES.length - 1), fc.nat(LINES.length - 1)).map(([a, b]) => (ls: string[]) => {
        const out = [...ls];
        const x = out[a] ?? '';
        out[a] = out[b] ?? '';
        out[b] = x;
        return out;
      }),
      fc.tuple(fc.nat(LINES.length - 1), fc.nat(80), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(
        ([i, col, s]) =>
          (ls: string[]) =>
            ls.map((l, j) => (j === i ? l.slice(0, col) + s + l.slice(col) : l)),
      ),
      fc.tuple(fc.nat(LINES.length - 1), fc.nat(80)).map(
        ([i, col]) =>
          (ls: string[]) =>
            ls.map((l, j) => (j === i ? l.slice(0, col) + l.slice(col + 1) : l)),
      ),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        parsesPromptly(ms.reduce((ls, m) => m(ls), LINES).join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses deep nesting with syntax.too-deep instead of overflowing the stack', () => {
    const deep = (text: string): string[] => {
      const t0 = performance.now();
      const r = parseExpression(text, 'deep.yaml');
      expect(performance.now() - t0).toBeLessThan(BOUND_MS);
      return r.diagnostics.map((d) => d.code);
    };
    expect(deep(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toEqual(['syntax.too-deep']);
    expect(deep(`${'['.repeat(100_000)}a`)).toEqual(['syntax.too-deep']);
    expect(deep(`${'not '.repeat(100_000)}a`)).toEqual(['syntax.too-deep']);
    expect(deep(`${'-'.repeat(100_000)}a`)).toEqual(['syntax.too-deep']);
    // Aggregates nest without brackets: the parser's own depth guard stops them.
    expect(deep(`${'any A where '.repeat(5_000)}a`)).toEqual(['syntax.too-deep']);
    expect(deep(`${'any A where ('.repeat(5_000)}a`)).toEqual(['syntax.too-deep']);
    // Moderate nesting is fine.
    expect(deep(`${'('.repeat(60)}a${')'.repeat(60)}`)).toEqual([]);
    expect(deep(`${'any A where '.repeat(40)}a`)).toEqual([]);
    const inPolicy = parsePolicy(`policy p "t"\nlist L black\n  rule r when ${'('.repeat(100_000)}`, 'deep.xy');
    expect(inPolicy.diagnostics.map((d) => [d.code, d.span?.start.line])).toEqual([['syntax.too-deep', 3]]);
    expect(inPolicy.diagnostics[0]?.message).toBe('嵌套过深：括号、`not`、`-` 与聚合的嵌套不得超过 64 层');
  });

  it('refuses inputs over the size limit, naming it', () => {
    const big = `policy p "t"\n${'# padding line of a huge file\n'.repeat(Math.ceil((25 * 1024 * 1024) / 30))}`;
    expect(big.length).toBeGreaterThan(MAX_INPUT_CHARS);
    const t0 = performance.now();
    const r = parsePolicy(big, 'big.xy');
    expect(performance.now() - t0).toBeLessThan(BOUND_MS);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax.too-large']);
    expect(r.diagnostics[0]?.message).toContain('20 MB');
  });
});
