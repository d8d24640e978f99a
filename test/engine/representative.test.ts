// A measure on the legal representative (target legal_representative) concerns nobody when the subject is a
// natural person or a 农户: compiled, reference and explanation agree (SEMANTICS §4).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';

const loaded = loadPolicy(join(BUNDLED_POLICIES, 'tax_departure', 'tax_departure.xy'));
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const arrears = [{ id: 'A1', type: 'tax_arrears', date: '2019-11-20', attrs: { arrearsAmount: 80000 } }];
const subjects: Record<string, Subject> = {
  enterprise: { id: '91610000MA6TG00108', kind: 'enterprise', records: arrears },
  natural_person: { id: '11010519491231002X', kind: 'natural_person', records: arrears },
  rural_household: { id: '11010519491231002X', kind: 'rural_household', records: arrears },
};
const opts = { at: '2020-06-30', matter: '出境' };

describe('target legal_representative', () => {
  it('applies to an enterprise, not to a natural person or a 农户 (who are stopped themselves)', () => {
    const measuresOf = (s: Subject) =>
      evaluate(compiled, s, { ...opts, explain: false }).measures.map((m) => m.measure);
    expect(measuresOf(subjects.enterprise!)).toEqual(['阻止法定代表人出境']);
    expect(measuresOf(subjects.natural_person!)).toEqual(['阻止出境']);
    expect(measuresOf(subjects.rural_household!)).toEqual(['阻止出境']);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const s of Object.values(subjects)) {
      const a = evaluate(compiled, s, { ...opts, explain: false });
      expect(canonicalJson(evaluateReference(ir, hash, s, { ...opts, explain: false }))).toBe(canonicalJson(a));
    }
  });

  it('the explanation says why it does not apply', () => {
    const root = evaluate(compiled, subjects.natural_person!, opts).explanation!;
    const node = root.children!.find((c) => c.kind === 'measure' && c.name === '阻止法定代表人出境')!;
    expect(node.outcome).toBe('not-applies');
    expect(node.text).toContain('没有法定代表人');
  });
});
