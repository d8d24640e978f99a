// `xinyong test`: run golden case files and print each failure with the article its expectation follows.
import { parseArgs } from 'node:util';
import { runCasesFile } from '../cases.js';
import { CliError } from '../files.js';

export function runCases(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' } },
  });
  if (positionals.length === 0) throw new CliError('用法: test CASES.yaml...');
  let passed = 0;
  let failed = 0;
  const report: object[] = [];
  for (const file of positionals) {
    const { results } = runCasesFile(file);
    for (const result of results) {
      if (result.failures.length === 0) passed++;
      else failed++;
      report.push({ file, ...result });
      if (values.format !== 'json' && result.failures.length > 0) {
        process.stdout.write(`✗ ${file} — ${result.name}\n`);
        if (result.note) process.stdout.write(`    依据: ${result.note}\n`);
        for (const failure of result.failures) process.stdout.write(`    ${failure}\n`);
      }
    }
  }
  if (values.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
