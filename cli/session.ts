// Compile a policy file for evaluation, read subjects, validate them: the steps every evaluating command shares.
import type { PolicyIr } from '../dsl/ir.js';
import { renderDiagnostics } from '../dsl/index.js';
import type { Subject } from '../engine/contract.js';
import type { CompiledPolicy } from '../engine/index.js';
import { compilePolicy } from '../engine/index.js';
import type { SubjectProblem } from '../engine/subject/validate.js';
import { validateSubject } from '../engine/subject/validate.js';
import { isValidDate } from '../engine/time/dates.js';
import { CliError, loadPolicy, readText } from './files.js';

export interface PolicySession {
  readonly file: string;
  readonly ir: PolicyIr;
  readonly hash: string;
  readonly compiled: CompiledPolicy;
}

export function openPolicy(file: string): PolicySession {
  const loaded = loadPolicy(file);
  if (!loaded.ir || !loaded.hash) {
    process.stderr.write(renderDiagnostics(loaded.diagnostics, loaded.texts) + '\n');
    throw new CliError(`政策 \`${file}\` 未通过检查，不能评价 (policy has errors)`, 1);
  }
  return { file, ir: loaded.ir, hash: loaded.hash, compiled: compilePolicy(loaded.ir, loaded.hash) };
}

export function formatProblems(problems: readonly SubjectProblem[], where: string): string {
  return [
    `${where}: 主体数据有 ${problems.length} 处问题，未作评价 (invalid subject, not evaluated)`,
    ...problems.map((p) => `  ${p.path || '/'}: ${p.message} (${p.messageEn}) [${p.code}]`),
  ].join('\n');
}

export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${where}: 不是合法的 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function readSubject(file: string, ir: PolicyIr): Subject {
  const input = parseJson(readText(file, 256 * 1024 * 1024), file);
  const checked = validateSubject(input, ir);
  if (!checked.ok) throw new CliError(formatProblems(checked.problems, file), 1);
  return checked.subject;
}

// The engine's own test of a date, so `--at` accepts exactly the dates a subject's records may carry (Date.UTC
// read years 0–99 as 1900–1999 and turned 0001-01-02 away).
export function requireDate(value: string | undefined, option: string): string {
  if (value === undefined) throw new CliError(`缺少 ${option} YYYY-MM-DD (missing ${option})`);
  if (!isValidDate(value)) throw new CliError(`${option} 的日期 \`${value}\` 不存在 (invalid date)`);
  return value;
}
