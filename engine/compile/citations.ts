// Turns IR citations into the basis strings of the decision: 《TITLE》ARTICLE, 《TITLE》SECTION or 《TITLE》.
import type { IrCitation, PolicyIr } from '../../dsl/ir.js';

export function citationText(ir: PolicyIr, c: IrCitation): string {
  const title = ir.bases[c.basis]?.title ?? c.basis;
  // Joined, not concatenated: one flat string instead of a tree of concatenations, which every evaluator would
  // keep for each citation.
  return ['《', title, '》', c.article ?? c.section ?? ''].join('');
}

const NO_BASIS: readonly string[] = Object.freeze([]);

/** Entries each process-wide table holds at most; past it a table starts again (hostile policies cannot grow it). */
const SHARED_LIMIT = 4096;
// Rendered citations and frozen citation lists by their text, shared by every evaluator in the process: a server
// holding many versions of a policy (or many cities citing the same 令) keeps each string once.
const sharedTexts = new Map<string, string>();
const sharedLists = new Map<string, readonly string[]>();

function shared<V>(table: Map<string, V>, key: string, make: () => V): V {
  let v = table.get(key);
  if (v === undefined) {
    if (table.size >= SHARED_LIMIT) table.clear();
    v = make();
    table.set(key, v);
  }
  return v;
}

/**
 * Renders citation lists at compile time. Rules that cite the same articles share one frozen array of the same
 * strings — within a policy and across evaluators — which every decision then references (nothing is rendered
 * per decision).
 */
export function basisRenderer(ir: PolicyIr): (cs: readonly IrCitation[]) => readonly string[] {
  return (cs) => {
    if (cs.length === 0) return NO_BASIS;
    let listKey = '';
    const out = new Array<string>(cs.length);
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const title = ir.bases[c.basis]?.title ?? c.basis;
      const key = `${title}\u0001${c.article ?? c.section ?? ''}`;
      out[i] = shared(sharedTexts, key, () => citationText(ir, c));
      listKey += key + '\u0000';
    }
    return shared(sharedLists, listKey, () => Object.freeze(out));
  };
}
