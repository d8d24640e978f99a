// The explanation's per-plan caches: dates formatted without a memo, and fixed nodes shared between decisions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import { evaluate } from '../../engine/index.js';
import type { ExplainNode } from '../../engine/index.js';
import { formatDate } from '../../engine/explain/format.js';
import { compiled, subject } from './helpers.js';

/** The definition formatDate is an optimisation of. */
function byRegex(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m === null ? date : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

describe('formatDate', () => {
  it('reads like the regex definition on edge cases', () => {
    for (const s of [
      '2024-03-01',
      '0000-00-00',
      '9999-99-99',
      '2024-3-01',
      '2024-03-01\n',
      '２０２４-03-01',
      '',
      '2024/03/01',
    ]) {
      expect(formatDate(s)).toBe(byRegex(s));
    }
  });

  it('reads like the regex definition on any short string of digits and separators', () => {
    const ch = fc.constantFrom(...'0123456789-/a '.split(''));
    fc.assert(
      fc.property(fc.array(ch, { minLength: 8, maxLength: 12 }), (cs) => {
        const s = cs.join('');
        expect(formatDate(s)).toBe(byRegex(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('shared explanation nodes', () => {
  it('are frozen, and a later decision leaves an earlier one unchanged', () => {
    const first = evaluate(compiled(), subject([]), { at: '2025-06-30' });
    const bytes = canonicalJson(first);
    evaluate(compiled(), subject([]), { at: '2025-06-30', matter: '不存在的事项' });
    expect(canonicalJson(first)).toBe(bytes);
    const frozen = (n: ExplainNode): number =>
      (Object.isFrozen(n) ? 1 : 0) + (n.children ?? []).reduce((a, c) => a + frozen(c), 0);
    expect(frozen(first.explanation!)).toBeGreaterThan(0);
  });
});
