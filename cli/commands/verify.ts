// `xinyong verify`: a policy file → its static diagnostics and the proportionality laws checked on generated subjects.
import { parseArgs } from 'node:util';
import { hasErrors, renderDiagnostics } from '../../dsl/index.js';
import type { LawName, VerifyReport } from '../../engine/verify/index.js';
import { LAW_NAMES, renderVerifyReport, verifyPolicy } from '../../engine/verify/index.js';
import { CliError, loadPolicy } from '../files.js';
import { diagnosticsAsJson } from './language.js';

export interface VerifyFileOptions {
  readonly runs: number;
  readonly seed: number;
  readonly format: 'text' | 'json';
  readonly laws?: readonly LawName[];
}

export interface VerifyFileResult {
  readonly output: string;
  readonly exitCode: number;
  readonly report?: VerifyReport;
}

/** Everything `verify` prints for one file, as a string, so golden tests can compare it without a subprocess. */
export function verifyFile(file: string, options: VerifyFileOptions): VerifyFileResult {
  const loaded = loadPolicy(file);
  const errors = hasErrors(loaded.diagnostics);
  const report =
    !errors && loaded.ir && loaded.hash
      ? verifyPolicy(loaded.ir, loaded.hash, {
          runs: options.runs,
          seed: options.seed,
          ...(options.laws ? { laws: options.laws } : {}),
        })
      : undefined;
  const exitCode = errors || !report?.ok ? 1 : 0;
  if (options.format === 'json') {
    const json = { file, diagnostics: diagnosticsAsJson(loaded.diagnostics), report: report ?? null, exitCode };
    return { output: JSON.stringify(json, null, 2), exitCode, ...(report ? { report } : {}) };
  }
  const parts: string[] = [];
  if (loaded.diagnostics.length > 0) parts.push(renderDiagnostics(loaded.diagnostics, loaded.texts), '');
  if (!report) {
    parts.push('✗ 政策未通过检查，未运行规律验证 (policy has errors; laws not checked)');
  } else {
    const laws = options.laws ? ` --law ${options.laws.join(',')}` : '';
    parts.push(
      renderVerifyReport(report, `xinyong verify ${file} --seed ${options.seed} --runs ${options.runs}${laws}`),
    );
  }
  return { output: parts.join('\n'), exitCode, ...(report ? { report } : {}) };
}

function positiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`${option} 须为非负整数 (must be a non-negative integer)`);
  return n;
}

export function runVerify(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string', default: 'text' },
      law: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new CliError('用法: verify POLICY [--runs N] [--seed S]');
  if (values.format !== 'text' && values.format !== 'json') throw new CliError('--format 须为 text 或 json');
  const laws = values.law?.split(',').map((l) => l.trim());
  const unknown = laws?.find((l) => !(LAW_NAMES as readonly string[]).includes(l));
  if (unknown !== undefined) throw new CliError(`未知规律 \`${unknown}\`（可选：${LAW_NAMES.join('、')}）`);
  const runs = positiveInt(values.runs, '--runs', 1000);
  if (runs < 1) throw new CliError('--runs 至少为 1');
  // Without --seed every run explores new subjects; the report prints the seed that reproduces it.
  const seed = positiveInt(values.seed, '--seed', Math.floor(Math.random() * 2 ** 31));
  const started = performance.now();
  const result = verifyFile(file, {
    runs,
    seed,
    format: values.format,
    ...(laws ? { laws: laws as LawName[] } : {}),
  });
  process.stdout.write(result.output + '\n');
  process.stderr.write(`用时 ${((performance.now() - started) / 1000).toFixed(2)} 秒 (elapsed)\n`);
  return result.exitCode;
}
