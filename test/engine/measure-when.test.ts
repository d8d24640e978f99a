// A measure's own `when` (SEMANTICS §4): applies only while it holds, compiled and reference agree, and the
// explanation names the failing part with the subject kind in Chinese.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';

// tax_departure with 阻止出境 given another condition (enterprises, and not while on a second, test-only list).
const shipped = readFileSync(join(BUNDLED_POLICIES, 'tax_departure', 'tax_departure.xy'), 'utf8');
const shippedWhen = '  when kind in [natural_person, individual_business, rural_household]\n';
const source =
  shipped.replace(shippedWhen, '  when kind == enterprise and not on 担保不足\n') +
  '\nlist 担保不足 grey "担保不足"\n  rule 担保不足 "担保不足" basis 税收征管法 第四十四条\n    for tax_arrears\n    where guaranteeProvided == false\n';
// `extends national` resolves beside the file, then among the bundled policies.
const dir = join(mkdtempSync(join(tmpdir(), 'xinyong-when-')), 'when');
mkdirSync(dir);
writeFileSync(join(dir, 'when.xy'), source);
const result = loadPolicy(join(dir, 'when.xy'));
const ir = result.ir!;
const hash = result.hash!;
const compiled = compilePolicy(ir, hash);
const arrears = (extra: object = {}) => [
  { id: 'A1', type: 'tax_arrears', date: '2019-11-20', attrs: { arrearsAmount: 80000, ...extra } },
];
const enterprise: Subject = { id: '91610000MA6TG00108', kind: 'enterprise', records: arrears() };
const institution: Subject = { id: '1261080000000JP7W1', kind: 'public_institution', records: arrears() };
const opts = { at: '2020-06-30', matter: '出境' };
const measures = (s: Subject) => evaluate(compiled, s, { ...opts, explain: false }).measures.map((m) => m.measure);

describe('measure when', () => {
  it('the edited policy checks', () => {
    expect(shipped).toContain(shippedWhen);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ir.measures['阻止出境']?.when).toBeDefined();
  });

  it('applies while its condition holds, and not otherwise', () => {
    expect(measures(enterprise)).toEqual(['阻止出境', '阻止法定代表人出境']);
    expect(measures(institution)).toEqual(['阻止法定代表人出境']);
    // `on LIST` inside the condition reads the lists of the same evaluation.
    expect(measures({ ...enterprise, records: arrears({ guaranteeProvided: false }) })).toEqual(['阻止法定代表人出境']);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const s of [enterprise, institution, { ...enterprise, records: arrears({ guaranteeProvided: false }) }]) {
      const a = evaluate(compiled, s, { ...opts, explain: false });
      expect(canonicalJson(evaluateReference(ir, hash, s, { ...opts, explain: false }))).toBe(canonicalJson(a));
    }
  });

  it('the explanation gives the first failing part, the kind in Chinese', () => {
    const root = evaluate(compiled, institution, opts).explanation!;
    const node = root.children!.find((c) => c.kind === 'measure' && c.name === '阻止出境')!;
    expect(node.outcome).toBe('not-applies');
    expect(node.text).toContain('适用条件不满足');
    expect(node.text).toContain('事业单位（public_institution）');
  });
});
