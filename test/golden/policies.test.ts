// Every shipped policy: checks without errors, its YAML twin is what `convert` produces and has the same hash,
// and every golden case next to it passes — on the compiled evaluator and on the reference interpreter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parsePolicySource } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { printPolicyYaml } from '../../dsl/yaml/index.js';
import { readCasesFile, runCasesFile } from '../../cli/cases.js';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import { evaluate } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { validateSubject } from '../../engine/subject/validate.js';
import { openPolicy } from '../../cli/session.js';

const ids = readdirSync(BUNDLED_POLICIES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(ids)('policy %s', (id) => {
  const dsl = join(BUNDLED_POLICIES, id, `${id}.xy`);
  const yaml = join(BUNDLED_POLICIES, id, `${id}.yaml`);
  const cases = join(BUNDLED_POLICIES, id, `${id}.cases.yaml`);

  it('checks without errors', () => {
    const loaded = loadPolicy(dsl);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.hash).toMatch(/^sha256:/);
  });

  it('is in canonical layout (`xinyong fmt --check` is clean)', () => {
    const text = readFileSync(dsl, 'utf8');
    const parsed = parsePolicySource(text, dsl);
    expect(parsed.ast).toBeDefined();
    if (parsed.ast) expect(printPolicy(parsed.ast)).toBe(text);
  });

  it('has a YAML twin that is exactly what convert produces, with the same IR hash', () => {
    const parsed = parsePolicySource(readFileSync(dsl, 'utf8'), dsl);
    expect(parsed.ast).toBeDefined();
    if (!parsed.ast) return;
    expect(readFileSync(yaml, 'utf8')).toBe(printPolicyYaml(parsed.ast));
    expect(loadPolicy(yaml).hash).toBe(loadPolicy(dsl).hash);
  });

  it('passes every golden case', () => {
    const { results } = runCasesFile(cases);
    expect(results.length).toBeGreaterThan(0);
    const failed = results
      .filter((r) => r.failures.length > 0)
      .map((r) => `${r.name} (${r.note ?? ''}): ${r.failures.join('；')}`);
    expect(failed).toEqual([]);
  });

  it('gives the same decision bytes on the compiled evaluator and the reference interpreter for every case', () => {
    const session = openPolicy(dsl);
    for (const spec of readCasesFile(cases).cases) {
      const checked = validateSubject(spec.subject, session.ir);
      if (!checked.ok) continue;
      const options = { at: String(spec.at), ...(spec.matter !== undefined ? { matter: String(spec.matter) } : {}) };
      const compiled = canonicalJson(evaluate(session.compiled, checked.subject, { ...options, explain: false }));
      const reference = canonicalJson(evaluateReference(session.ir, session.hash, checked.subject, options));
      expect(compiled, spec.name).toBe(reference);
    }
  });
});
