// Every deliberately disproportionate policy is caught — by the diagnostic or the law its header names — and
// `xinyong verify` prints exactly the recorded output (re-record with `npm run golden:record`, review the diff).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { badCases, errorsFile, runBad } from './bad-cases.js';

/** Static findings the checker is known to miss (none now); a `fails` test tells you when one is fixed. */
const KNOWN_STATIC_GAPS = new Set<string>([]);
/** Of those, the ones no law catches either (black-on-minor is a static-only check). */
const KNOWN_UNCAUGHT = new Set<string>([]);

// Paths are relative to the repository root (vitest's working directory), as the diagnostics print them.
const cases = badCases();

describe('test/golden/bad', () => {
  it('holds at least ten policies, each naming what must catch it', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(c.codes.length + c.laws.length, c.name).toBeGreaterThan(0);
  });

  describe.each(cases)('$name', (c) => {
    const { result, text } = runBad(c.file);
    const codes = new Set(loadPolicy(c.file).diagnostics.map((d) => d.code));
    const violated = new Set(result.report?.laws.filter((l) => l.status === 'violated').map((l) => l.law) ?? []);

    (KNOWN_UNCAUGHT.has(c.name) ? it.fails : it)('is caught by a diagnostic or a law it names', () => {
      const caught = c.codes.some((code) => codes.has(code)) || c.laws.some((law) => violated.has(law));
      expect(caught, `${c.file}: expected ${c.expected}`).toBe(true);
    });

    (KNOWN_STATIC_GAPS.has(c.name) ? it.fails : it)('is caught by every finding it names', () => {
      for (const code of c.codes) expect(codes.has(code), code).toBe(true);
      for (const law of c.laws) expect(violated.has(law), law).toBe(true);
    });

    it('prints the recorded output', () => {
      const file = errorsFile(c);
      expect(existsSync(file), `${file} missing: run npm run golden:record`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  });
});
