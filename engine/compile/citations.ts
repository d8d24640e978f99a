// Turns IR citations into the basis strings of the decision: 《TITLE》ARTICLE, 《TITLE》SECTION or 《TITLE》.
import type { IrCitation, PolicyIr } from '../../dsl/ir.js';

export function citationText(ir: PolicyIr, c: IrCitation): string {
  const title = ir.bases[c.basis]?.title ?? c.basis;
  // Joined, not concatenated: one flat string instead of a tree of concatenations, which every evaluator would
  // keep for each citation.
  return ['《', title, '》', c.article ?? c.section ?? ''].join('');
}

const NO_BASIS: readonly string[] = Object.freeze([]);

/**
 * Renders citation lists at compile time. Within one policy many rules cite the same articles: they share one
 * frozen array of the same strings, which every decision then references (nothing is rendered per decision).
 */
export function basisRenderer(ir: PolicyIr): (cs: readonly IrCitation[]) => readonly string[] {
  const texts = new Map<string, string>();
  const lists = new Map<string, readonly string[]>();
  return (cs) => {
    if (cs.length === 0) return NO_BASIS;
    let listKey = '';
    const out = new Array<string>(cs.length);
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      // Keyed by the citation's parts, not by the rendered text: hashing a concatenation would flatten a copy.
      const key = `${c.basis}\u0001${c.article ?? ''}\u0001${c.section ?? ''}`;
      let text = texts.get(key);
      if (text === undefined) texts.set(key, (text = citationText(ir, c)));
      out[i] = text;
      listKey += key + '\u0000';
    }
    let shared = lists.get(listKey);
    if (shared === undefined) lists.set(listKey, (shared = Object.freeze(out)));
    return shared;
  };
}
