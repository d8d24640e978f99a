// Re-records test/golden/bad/*.errors.txt from what `xinyong verify` prints now; run deliberately, review the diff.
import { writeFileSync } from 'node:fs';
import { REPO, badCases, errorsFile, runBad } from './bad-cases.js';

process.chdir(REPO);
for (const c of badCases()) {
  writeFileSync(errorsFile(c), runBad(c.file).text);
  process.stdout.write(`recorded ${c.name}.errors.txt\n`);
}
