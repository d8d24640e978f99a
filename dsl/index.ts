// The language front door: source text of either form → checked IR, for CLI, server and editor worker alike.
import type { PolicyAst } from './ast.js';
import type { CheckOptions, CheckResult, PolicyLoader } from './check/index.js';
import { checkPolicy } from './check/index.js';
import type { Diagnostic } from './diagnostic.js';
import { hasErrors } from './diagnostic.js';
import { parsePolicy } from './syntax/index.js';
import { parsePolicyYaml } from './yaml/index.js';

export type { CheckOptions, CheckResult, PolicyLoader, PolicySource, SourceMap } from './check/index.js';
export { checkPolicy } from './check/index.js';
export { canonicalJson, contentHash } from './canonical.js';
export type { Diagnostic } from './diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostic.js';
export { renderDiagnostic, renderDiagnostics } from './render.js';

export type PolicyFormat = 'dsl' | 'yaml';

export function formatOf(file: string): PolicyFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'dsl';
}

/** Parse a policy file of either form. */
export function parsePolicySource(
  text: string,
  file: string,
): { ast: PolicyAst | undefined; diagnostics: Diagnostic[] } {
  const result = formatOf(file) === 'yaml' ? parsePolicyYaml(text, file) : parsePolicy(text, file);
  return { ast: result.value, diagnostics: result.diagnostics };
}

/** Parse and check; syntax errors stop before checking (a broken tree would only add noise). */
export function compileSource(
  text: string,
  file: string,
  load: PolicyLoader,
  options: CheckOptions = {},
): CheckResult & { ast: PolicyAst | undefined } {
  const parsed = parsePolicySource(text, file);
  if (!parsed.ast || hasErrors(parsed.diagnostics)) {
    return { ast: parsed.ast, ir: undefined, hash: undefined, diagnostics: parsed.diagnostics, sources: {} };
  }
  const checked = checkPolicy(parsed.ast, load, options);
  return { ...checked, ast: parsed.ast, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
}
