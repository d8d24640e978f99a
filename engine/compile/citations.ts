// Turns IR citations into the basis strings of the decision: 《TITLE》ARTICLE, 《TITLE》SECTION or 《TITLE》.
import type { IrCitation, PolicyIr } from '../../dsl/ir.js';

export function citationText(ir: PolicyIr, c: IrCitation): string {
  const title = ir.bases[c.basis]?.title ?? c.basis;
  return `《${title}》${c.article ?? c.section ?? ''}`;
}

/** Rendered once at compile time; the same frozen array is shared by every decision. */
export function basisStrings(ir: PolicyIr, cs: readonly IrCitation[]): readonly string[] {
  return Object.freeze(cs.map((c) => citationText(ir, c)));
}
