// Evaluation commands: eval (one subject or a JSONL batch), explain, export, replay.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../../dsl/index.js';
import { evaluate, renderExplanation } from '../../engine/index.js';
import { evaluateLenient } from '../../engine/diff/lenient.js';
import { runBatch } from '../batch.js';
import { runReplayFile } from '../replay.js';
import { CliError } from '../files.js';
import { openPolicy, readSubject, requireDate } from '../session.js';

const evalOptions = {
  subject: { type: 'string' },
  subjects: { type: 'string' },
  at: { type: 'string' },
  matter: { type: 'string' },
  explain: { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  old: { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

export async function runEval(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: evalOptions });
  const policyFile = positionals[0];
  if (!policyFile) throw new CliError('用法: eval POLICY --subject FILE --at DATE');
  const at = requireDate(values.at, '--at');
  if (values.subjects !== undefined) {
    if (values.old !== undefined)
      throw new CliError('--old（从旧兼从轻）仅用于单个主体 --subject (single subject only)');
    if (values.out === undefined) throw new CliError('批量评价需要 --out decisions.jsonl (batch needs --out)');
    // A decision log is what auditors replay: a second run must not replace one by accident.
    if (existsSync(values.out) && !values.force) {
      throw new CliError(
        `输出文件 ${values.out} 已存在，未作评价；请另选文件，或加 --force 替换 (the output exists; nothing was evaluated — choose another file, or pass --force to replace it)`,
      );
    }
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
      throw new CliError('--workers 须为 1–64 的整数');
    }
    const summary = await runBatch({
      policyFile,
      input: values.subjects,
      output: values.out,
      at,
      ...(values.matter !== undefined ? { matter: values.matter } : {}),
      ...(workers !== undefined ? { workers } : {}),
    });
    return summary.failed > 0 ? 1 : 0;
  }
  if (values.subject === undefined) throw new CliError('需要 --subject FILE 或 --subjects FILE.jsonl');
  const session = openPolicy(policyFile);
  const subject = readSubject(values.subject, session.ir);
  const opts = {
    at,
    ...(values.matter !== undefined ? { matter: values.matter } : {}),
    explain: values.explain || values.format === 'text',
  };
  // --old OLD: 从旧兼从轻 between OLD and this (new) policy; the decision notes which version applied.
  const decision =
    values.old !== undefined
      ? evaluateLenient(openPolicy(values.old).compiled, session.compiled, subject, opts)
      : evaluate(session.compiled, subject, opts);
  if (values.format === 'text') process.stdout.write(renderExplanation(decision, session.ir) + '\n');
  else process.stdout.write(canonicalJson(decision) + '\n');
  return 0;
}

export function runExplain(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: evalOptions });
  const policyFile = positionals[0];
  if (!policyFile || values.subject === undefined) throw new CliError('用法: explain POLICY --subject FILE --at DATE');
  const at = requireDate(values.at, '--at');
  const session = openPolicy(policyFile);
  const subject = readSubject(values.subject, session.ir);
  const decision = evaluate(session.compiled, subject, {
    at,
    ...(values.matter !== undefined ? { matter: values.matter } : {}),
    explain: true,
  });
  if (values.format === 'json') process.stdout.write(JSON.stringify(decision.explanation ?? null, null, 2) + '\n');
  else process.stdout.write(renderExplanation(decision, session.ir) + '\n');
  return 0;
}

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' } },
  });
  const policyFile = positionals[0];
  if (!policyFile || values.to !== 'json-rules-engine')
    throw new CliError('用法: export POLICY --to json-rules-engine');
  const session = openPolicy(policyFile);
  // Loaded on demand: json-rules-engine is only needed by this command.
  const { exportJsonRulesEngine } = await import('../../engine/export/json-rules-engine.js');
  process.stdout.write(JSON.stringify(exportJsonRulesEngine(session.ir), null, 2) + '\n');
  return 0;
}

export async function runReplay(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { policy: { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  const log = positionals[0];
  if (!log || values.policy === undefined) throw new CliError('用法: replay decisions.jsonl --policy POLICY');
  const summary = await runReplayFile(log, values.policy, values.format === 'json' ? 'json' : 'text');
  return summary.differences > 0 || summary.failed > 0 ? 1 : 0;
}
