// Resolve `extends`: the root policy and every policy it builds on, bases first, each once.
import type { PolicyAst } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from './messages.js';

export interface PolicySource {
  readonly ast: PolicyAst | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Finds a policy by id. The CLI and server read files; the browser editor serves sources it holds in
 * memory — which is why the checker never touches a file system itself.
 */
export type PolicyLoader = (id: string, requestedBy: PolicyAst) => PolicySource | undefined;

export interface ResolvedLayers {
  /** bases first, the root last; a policy reachable twice (diamond) appears once */
  readonly layers: readonly PolicyAst[];
  /** for each layer id, the ids of every layer it builds on (transitively), itself included */
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
  readonly diagnostics: readonly Diagnostic[];
}

export function resolveLayers(root: PolicyAst, load: PolicyLoader): ResolvedLayers {
  const diagnostics: Diagnostic[] = [];
  const order: PolicyAst[] = [];
  const done = new Map<string, PolicyAst>();
  const ancestors = new Map<string, Set<string>>();
  const stack: string[] = [];

  const visit = (policy: PolicyAst): void => {
    const id = policy.id.text;
    stack.push(id);
    const own = new Set<string>([id]);
    for (const ext of policy.extends) {
      const target = ext.text;
      if (stack.includes(target)) {
        diagnostics.push(diagnostic('check.extends-cycle', ext.span, [[...stack, target].join(' → ')]));
        continue;
      }
      let base = done.get(target);
      if (!base) {
        const source = load(target, policy);
        if (!source) {
          diagnostics.push(diagnostic('check.unknown-policy', ext.span, [target]));
          continue;
        }
        diagnostics.push(...source.diagnostics);
        if (!source.ast) continue;
        base = source.ast;
        if (!done.has(base.id.text)) visit(base);
      }
      for (const a of ancestors.get(base.id.text) ?? []) own.add(a);
    }
    stack.pop();
    if (!done.has(id)) {
      done.set(id, policy);
      ancestors.set(id, own);
      order.push(policy);
    }
  };

  visit(root);
  return { layers: order, ancestors, diagnostics };
}
