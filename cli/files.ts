// File access for the CLI: read policy files, resolve `extends` ids to files, and compile with diagnostics.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PolicyAst } from '../dsl/ast.js';
import type { CheckOptions, CheckResult, PolicyLoader, PolicySource } from '../dsl/index.js';
import { compileSource, formatOf, parsePolicySource } from '../dsl/index.js';

export const BUNDLED_POLICIES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'policies');

/** Refuse to read files larger than this: the parser has its own limit, but reading 1 GB first would already hurt. */
const MAX_POLICY_BYTES = 32 * 1024 * 1024;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function readText(file: string, limit = MAX_POLICY_BYTES): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`找不到文件 \`${file}\` (file not found)`);
  }
  if (size > limit) throw new CliError(`文件 \`${file}\` 过大：${size} 字节，上限 ${limit} 字节 (file too large)`);
  return readFileSync(file, 'utf8');
}

export interface LoadedPolicy extends CheckResult {
  readonly file: string;
  readonly ast: PolicyAst | undefined;
  /** every file read (root and bases) with its text, for rendering diagnostics */
  readonly texts: Map<string, string>;
}

/**
 * `extends X` resolves to `X/X.xy` (or `.yaml`) beside the extending policy's folder, then in the bundled
 * policies. The extending file's own form is tried first, so a YAML policy builds on YAML twins.
 */
export function fileLoader(rootFile: string, texts: Map<string, string>): PolicyLoader {
  const preferYaml = formatOf(rootFile) === 'yaml';
  const cache = new Map<string, PolicySource | undefined>();
  return (id: string, requestedBy: PolicyAst): PolicySource | undefined => {
    if (cache.has(id)) return cache.get(id);
    const fromDir = dirname(dirname(resolve(requestedBy.span.file)));
    const extensions = preferYaml ? ['.yaml', '.xy'] : ['.xy', '.yaml'];
    const candidates = [fromDir, BUNDLED_POLICIES].flatMap((dir) => extensions.map((ext) => join(dir, id, id + ext)));
    const absolute = candidates.find((candidate) => existsSync(candidate));
    if (!absolute) {
      cache.set(id, undefined);
      return undefined;
    }
    const found = displayPath(absolute);
    const text = readText(found);
    texts.set(found, text);
    const parsed = parsePolicySource(text, found);
    const source = { ast: parsed.ast, diagnostics: parsed.diagnostics };
    cache.set(id, source);
    return source;
  };
}

/** Paths in diagnostics are relative to the working directory when inside it, so output is the same on every checkout. */
function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}

export function loadPolicy(file: string, options: CheckOptions = {}): LoadedPolicy {
  const texts = new Map<string, string>();
  const text = readText(file);
  texts.set(file, text);
  const result = compileSource(text, file, fileLoader(file, texts), options);
  return { ...result, file, texts };
}
