// End to end: every policy of the repository and its printed YAML twin compile to the same IR hash.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { printPolicyYaml } from '../../dsl/yaml/index.js';

const root = new URL('../../policies/', import.meta.url);
const ids = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((id) => {
    try {
      readFileSync(new URL(`${id}/${id}.xy`, root));
      return true;
    } catch {
      return false;
    }
  });

describe('DSL and YAML give the same hash', { timeout: 120_000 }, () => {
  // every twin in one folder tree, so `extends` in a YAML twin resolves to the YAML twins of its bases
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-yaml-'));
  for (const id of ids) {
    const file = new URL(`${id}/${id}.xy`, root);
    const parsed = parsePolicy(readFileSync(file, 'utf8'), `${id}.xy`);
    if (parsed.value === undefined) continue;
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, `${id}.yaml`), printPolicyYaml(parsed.value));
  }

  it.each(ids)('%s', (id) => {
    const text = loadPolicy(new URL(`${id}/${id}.xy`, root).pathname);
    if (text.hash === undefined) return; // a policy that does not check yet says nothing about the YAML form
    const yaml = loadPolicy(join(dir, id, `${id}.yaml`));
    expect(yaml.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...yaml.texts.keys()].every((f) => f.endsWith('.yaml'))).toBe(true);
    expect(yaml.hash).toBe(text.hash);
  });

  it('checks at least one policy end to end', () => {
    expect(
      ids.filter((id) => loadPolicy(new URL(`${id}/${id}.xy`, root).pathname).hash !== undefined).length,
    ).toBeGreaterThan(0);
  });
});
