// The deliberately disproportionate policies of test/golden/bad/: where they are, what each must be caught by.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LawName } from '../../engine/verify/index.js';
import { LAW_NAMES } from '../../engine/verify/index.js';
import type { VerifyFileResult } from '../../cli/commands/verify.js';
import { verifyFile } from '../../cli/commands/verify.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BAD_DIR = join(REPO, 'test', 'golden', 'bad');

/** Fixed so the recorded counterexamples are reproducible; small so `npm test` stays fast. */
export const BAD_RUNS = 200;
export const BAD_SEED = 7;

export interface BadCase {
  readonly name: string;
  /** path relative to the repository root, as the diagnostics print it */
  readonly file: string;
  readonly expected: string;
  /** diagnostic codes the `# Expected:` line names */
  readonly codes: readonly string[];
  /** laws the `# Expected:` line names (`law NAME`) */
  readonly laws: readonly LawName[];
}

export function badCases(): BadCase[] {
  return readdirSync(BAD_DIR)
    .filter((f) => f.endsWith('.xy'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(BAD_DIR, f), 'utf8');
      const expected = /^# Expected: (.*)$/m.exec(text)?.[1] ?? '';
      const codes = [...expected.matchAll(/\b((?:proportionality|check|syntax)\.[a-z-]+)/g)].map((m) => m[1]!);
      const laws = [...expected.matchAll(/\blaws? ([a-z-]+)/g)]
        .map((m) => m[1]!)
        .filter((l): l is LawName => (LAW_NAMES as readonly string[]).includes(l));
      return { name: f.replace(/\.xy$/, ''), file: relative(REPO, join(BAD_DIR, f)), expected, codes, laws };
    });
}

export function errorsFile(c: BadCase): string {
  return join(BAD_DIR, `${c.name}.errors.txt`);
}

/** What `xinyong verify FILE --runs BAD_RUNS --seed BAD_SEED` prints, and its exit code (as recorded). */
export function runBad(file: string): { result: VerifyFileResult; text: string } {
  const result = verifyFile(file, { runs: BAD_RUNS, seed: BAD_SEED, format: 'text' });
  return { result, text: `${result.output}\n退出码 (exit code): ${result.exitCode}\n` };
}
