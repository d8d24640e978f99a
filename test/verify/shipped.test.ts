// Laws over every shipped policy: `verify` with a modest number of generated subjects per law.
//
// KNOWN lists the violations verify has found in shipped policies and that the policy authors have not yet
// decided on (see docs/SEMANTICS.md "Proportionality laws"). A known law may hold on this seed or fail;
// every other law must hold (or not apply). A new violation fails this test.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import type { LawName } from '../../engine/verify/index.js';
import { verifyPolicy } from '../../engine/verify/index.js';

const RUNS = 150;
const SEED = 11;

const KNOWN: Readonly<Record<string, readonly LawName[]>> = {
  // samr_blacklist 严重违法失信名单 (penaltyKinds 吊销… without a severity bound) and 政府采购重大违法记录
  // (责令停产停业 …) list a first, corrected 轻微 penalty: measures up to 禁入 above the 提示 ceiling.
  samr_blacklist: ['leniency'],
  samr_penalty_publicity: ['leniency'],
  ankang: ['leniency'],
  fengxiang: ['leniency'],
  pingdingshan: ['leniency'],
  yulin: ['leniency'],
};

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
