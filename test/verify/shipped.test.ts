// Laws over every shipped policy: `verify` with a modest number of generated subjects per law.
//
// KNOWN lists the violations verify has found in shipped policies and that the policy authors have not yet
// decided on (see docs/SEMANTICS.md "Proportionality laws"). A known law may hold on this seed or fail;
// every other law must hold (or not apply). A new violation fails this test. (Empty since the leniency law
// stopped generating self-contradictory records: every shipped policy keeps every law.)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import type { LawName } from '../../engine/verify/index.js';
import { verifyPolicy } from '../../engine/verify/index.js';

const RUNS = 150;
const SEED = 11;

const KNOWN: Readonly<Record<string, readonly LawName[]>> = {};

const ids = readdirSync(BUNDLED_POLICIES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(ids)('verify %s', (id) => {
  it('keeps every law not known to fail', () => {
    const loaded = loadPolicy(join(BUNDLED_POLICIES, id, `${id}.xy`));
    expect(loaded.ir).toBeDefined();
    if (!loaded.ir || !loaded.hash) return;
    const report = verifyPolicy(loaded.ir, loaded.hash, { runs: RUNS, seed: SEED });
    const known = KNOWN[id] ?? [];
    for (const law of report.laws) {
      const allowed = known.includes(law.law) ? ['holds', 'violated'] : ['holds', 'not-applicable'];
      expect(allowed, `${id} ${law.law}: ${law.counterexample?.message ?? law.reason ?? ''}`).toContain(law.status);
    }
  });
});
