// Turns the citations of a list, measure or grade into the notice's 依据: the instruments in force, titles said once.
import type { IrBasis, PolicyIr } from '../../../dsl/ir.js';
import { formatDate } from '../format.js';

/** `《办法》第二条` → `《办法》`, the title a rendered citation starts with ('' when none). */
const titleOf = (citation: string): string => /^《[^》]*》/.exec(citation)?.[0] ?? '';

/** Title (with its 《》) → the one basis of that title, for the in-force filter; ambiguous titles map to null. */
const basesByTitle = new WeakMap<PolicyIr, Map<string, IrBasis | null>>();

function basisOfTitle(ir: PolicyIr, title: string): IrBasis | null {
  let m = basesByTitle.get(ir);
  if (m === undefined) {
    m = new Map();
    for (const b of Object.values(ir.bases)) {
      const key = `《${b.title}》`;
      m.set(key, m.has(key) ? null : b);
    }
    basesByTitle.set(ir, m);
  }
  return m.get(title) ?? null;
}

/**
 * A rule may cite the instruments of several periods (527号, 令58 and 令36; the 2014 and 2025 tax 办法); the
 * notice names those in force on `date` — the day the listing or measure began, whose law governs it — or all of
 * them when none is (the decision keeps every citation).
 */
function inForce(basis: readonly string[], ir: PolicyIr, date: string): { cited: readonly string[]; later: boolean } {
  const kept = basis.filter((c) => {
    const b = basisOfTitle(ir, titleOf(c));
    return (
      b === null || ((b.effective === undefined || b.effective <= date) && (b.until === undefined || date <= b.until))
    );
  });
  return kept.length > 0 ? { cited: kept, later: false } : { cited: basis, later: true };
}

/** 《办法》 → "（2026年4月1日起施行）" when it took effect after `date`: a rule applied by a later instrument says so. */
function laterWords(ir: PolicyIr, title: string, date: string): string {
  const effective = basisOfTitle(ir, title)?.effective;
  return effective !== undefined && effective > date ? `（${formatDate(effective)}起施行）` : '';
}

/** `第一条第（二）项` → [`第一条`, `第（二）项`]; a citation without an article part → ['', rest]. */
const splitArticle = (rest: string): [string, string] => {
  const m = /^(第[^条]+条)(.*)$/.exec(rest);
  return m === null ? ['', rest] : [m[1]!, m[2]!];
};

/**
 * `《办法》第二条、《办法》第五条` reads as `《办法》第二条、第五条`, and `第一条第（二）项、第一条第（三）项` as
 * `第一条第（二）项、第（三）项`: the title, and the article, are said once per run of citations.
 */
export function joinBasis(all: readonly string[], ir: PolicyIr, date: string): string {
  const { cited, later } = inForce(all, ir, date);
  const parts: string[] = [];
  let previousTitle: string | undefined;
  let previousArticle = '';
  const close = (): void => {
    if (later && previousTitle !== undefined) parts[parts.length - 1] += laterWords(ir, previousTitle, date);
  };
  for (const citation of new Set(cited)) {
    const found = titleOf(citation);
    const title = found === '' ? undefined : found;
    const rest = citation.slice(found.length);
    const [article, within] = splitArticle(rest);
    const sameTitle = title !== undefined && title === previousTitle && rest !== '';
    if (!sameTitle) close();
    if (sameTitle && article !== '' && article === previousArticle && within !== '') parts.push(within);
    else parts.push(sameTitle ? rest : citation);
    previousTitle = title;
    previousArticle = article;
  }
  close();
  return parts.join('、');
}
