// Law: on the city fixture, the compiled evaluator and a hand-written evaluator of the same rules give identical bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../dsl/canonical.js';
import { evaluate } from '../../engine/index.js';
import { cityRecords, day } from './arbitraries.js';
import { handCity } from './hand-city.js';
import { compiled, subject } from './helpers.js';

describe('compiled ≡ hand-written (city fixture)', () => {
  it('identical canonical bytes on random subjects, dates and matters', () => {
    fc.assert(
      fc.property(
        cityRecords,
        day,
        fc.constantFrom(null, '政府采购', '评优评先', '行政审批'),
        (records, at, matter) => {
          const s = subject(records);
          const mine = evaluate(compiled(), s, { at, explain: false, ...(matter === null ? {} : { matter }) });
          expect(canonicalJson(mine)).toBe(canonicalJson(handCity(s, at, matter, 'sha256:fixture')));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
