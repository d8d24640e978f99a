// Language commands: check, fmt, convert, hash — policy files in, diagnostics or text out.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hasErrors, parsePolicySource, renderDiagnostics } from '../../dsl/index.js';
import type { Diagnostic } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { printPolicyYaml } from '../../dsl/yaml/index.js';
import { CliError, loadPolicy, readText } from '../files.js';

export function diagnosticsAsJson(diagnostics: readonly Diagnostic[]): object[] {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    messageEn: d.messageEn ?? null,
    file: d.span?.file ?? null,
    line: d.span?.start.line ?? null,
    column: d.span?.start.column ?? null,
    endLine: d.span?.end.line ?? null,
    endColumn: d.span?.end.column ?? null,
    help: d.help ?? null,
  }));
}

export function runCheck(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, english: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new CliError('请指定要检查的政策文件 (no files given)');
  const all: Diagnostic[] = [];
  const texts = new Map<string, string>();
  for (const file of positionals) {
    const loaded = loadPolicy(file, { hash: false });
    all.push(...loaded.diagnostics);
    for (const [name, text] of loaded.texts) texts.set(name, text);
  }
  // Bases shared by several checked files report the same finding once.
  const seen = new Set<string>();
  const unique = all.filter((d) => {
    const key = `${d.code}|${d.span?.file}|${d.span?.start.offset}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (values.format === 'json') {
    process.stdout.write(JSON.stringify(diagnosticsAsJson(unique), null, 2) + '\n');
  } else {
    if (unique.length > 0) process.stdout.write(renderDiagnostics(unique, texts, { english: values.english }) + '\n');
    const errors = unique.filter((d) => d.severity === 'error').length;
    const warnings = unique.filter((d) => d.severity === 'warning').length;
    process.stdout.write(
      errors === 0
        ? `✓ ${positionals.length} 个文件检查通过${warnings > 0 ? `，${warnings} 条警告` : ''} (ok)\n`
        : `✗ ${errors} 个错误，${warnings} 条警告 (${errors} errors)\n`,
    );
  }
  return hasErrors(unique) ? 1 : 0;
}

function parseOrFail(file: string): ReturnType<typeof parsePolicySource> & { text: string } {
  const text = readText(file);
  const parsed = parsePolicySource(text, file);
  if (!parsed.ast || hasErrors(parsed.diagnostics)) {
    process.stderr.write(renderDiagnostics(parsed.diagnostics, new Map([[file, text]])) + '\n');
    throw new CliError(`\`${file}\` 有语法错误，未处理 (syntax errors)`, 1);
  }
  return { ...parsed, text };
}

export function runFmt(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, write: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new CliError('请指定文件 (no files given)');
  let unformatted = 0;
  for (const file of positionals) {
    const { ast, text } = parseOrFail(file);
    if (!ast) continue;
    const formatted = file.match(/\.ya?ml$/i) ? printPolicyYaml(ast) : printPolicy(ast);
    if (values.check) {
      if (formatted !== text) {
        unformatted++;
        process.stdout.write(`${file}: 排版不规范 (not formatted)\n`);
      }
    } else if (values.write) {
      if (formatted !== text) writeFileSync(file, formatted);
    } else {
      process.stdout.write(formatted);
    }
  }
  return unformatted > 0 ? 1 : 0;
}

export function runConvert(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, out: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || (values.to !== 'yaml' && values.to !== 'dsl'))
    throw new CliError('用法: convert FILE --to yaml|dsl [--out FILE]');
  const { ast } = parseOrFail(file);
  if (!ast) return 1;
  const output = values.to === 'yaml' ? printPolicyYaml(ast) : printPolicy(ast);
  if (values.out) writeFileSync(values.out, output);
  else process.stdout.write(output);
  return 0;
}

export function runHash(argv: string[]): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new CliError('用法: hash FILE...');
  let failed = false;
  for (const file of positionals) {
    const loaded = loadPolicy(file);
    if (!loaded.hash) {
      process.stderr.write(renderDiagnostics(loaded.diagnostics, loaded.texts) + '\n');
      failed = true;
      continue;
    }
    process.stdout.write(positionals.length > 1 ? `${loaded.hash}  ${file}\n` : `${loaded.hash}\n`);
  }
  return failed ? 1 : 0;
}
