// `fill` declarations → the one fill that gives each delegated parameter its values, or why a fill may not.
import type { FillDecl, ParamDecl } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from './messages.js';
import { didYouMean } from './suggest.js';
import type { Declared, Symbols } from './symbols.js';

export interface ResolvedFills {
  /** parameter id → the fill whose versions replace the declared ones */
  readonly accepted: ReadonlyMap<string, Declared<FillDecl>>;
  /** fills that give no values: their citations are still checked */
  readonly rejected: readonly Declared<FillDecl>[];
}

/**
 * A layer may only add what its base left open. Setting a figure the base already gives could widen its
 * reach (a higher 较低数额罚款 lists more fines), which a layer must not do; hence only a parameter whose
 * every version is `unset` can be filled, and only once in the merged policy so the figure has one author.
 */
export function resolveFills(
  symbols: Symbols,
  ancestors: ReadonlyMap<string, ReadonlySet<string>>,
  diagnostics: Diagnostic[],
): ResolvedFills {
  const accepted = new Map<string, Declared<FillDecl>>();
  const rejected: Declared<FillDecl>[] = [];
  for (const fill of symbols.fills) {
    if (acceptable(fill, symbols, ancestors, accepted, diagnostics)) {
      const id = paramId(fill.decl, symbols);
      if (id !== undefined) accepted.set(id, fill);
    } else {
      rejected.push(fill);
    }
  }
  return { accepted, rejected };
}

/** A parameter is named by its id or, as in expressions, by its label. */
function paramId(decl: FillDecl, symbols: Symbols): string | undefined {
  const written = decl.param.text;
  return symbols.params.has(written) ? written : symbols.paramLabels.get(written);
}

function acceptable(
  { decl, layer }: Declared<FillDecl>,
  symbols: Symbols,
  ancestors: ReadonlyMap<string, ReadonlySet<string>>,
  accepted: ReadonlyMap<string, Declared<FillDecl>>,
  diagnostics: Diagnostic[],
): boolean {
  const inherited = (owner: string): boolean => owner !== layer && (ancestors.get(layer)?.has(owner) ?? false);
  const id = paramId(decl, symbols);
  const target = id === undefined ? undefined : symbols.params.get(id);
  if (id === undefined || target === undefined) {
    const candidates = [...symbols.params.values()].filter((p) => inherited(p.layer)).map((p) => p.decl.id.text);
    const help = didYouMean(decl.param.text, candidates);
    diagnostics.push(
      diagnostic('check.unknown-name', decl.param.span, ['参数', decl.param.text], help ? { help } : {}),
    );
    return false;
  }
  if (!inherited(target.layer)) {
    diagnostics.push(
      diagnostic('check.fill-not-inherited', decl.param.span, [id, target.layer], {
        related: [{ span: target.decl.id.span, message: `声明于 ${target.layer}` }],
      }),
    );
    return false;
  }
  if (!leftOpen(target.decl)) {
    diagnostics.push(
      diagnostic('check.fill-set', decl.param.span, [target.decl.label ?? id], {
        related: [{ span: target.decl.id.span, message: `由 ${target.layer} 规定` }],
      }),
    );
    return false;
  }
  const earlier = accepted.get(id);
  if (earlier !== undefined) {
    diagnostics.push(
      diagnostic('check.fill-twice', decl.param.span, [id, earlier.layer, layer], {
        related: [{ span: earlier.decl.param.span, message: `首次填写于 ${earlier.layer}` }],
      }),
    );
    return false;
  }
  let valued = true;
  for (const version of decl.versions) {
    if (version.value === undefined) {
      diagnostics.push(diagnostic('check.fill-unset', version.span, [id]));
      valued = false;
    }
  }
  return valued && decl.versions.length > 0;
}

/** `param X T unset`, or versions that are all `unset`: the declaring policy leaves the figure to a layer. */
function leftOpen(decl: ParamDecl): boolean {
  return decl.versions.every((v) => v.value === undefined);
}
