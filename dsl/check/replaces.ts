// `replaces LIST` declarations → errors for a list that names something it may not take the place of.
import type { Diagnostic } from '../diagnostic.js';
import type { IrList } from '../ir.js';
import { diagnostic } from './messages.js';
import { didYouMean } from './suggest.js';
import type { Symbols } from './symbols.js';

const KIND_WORDS: Readonly<Record<string, string>> = { red: '红名单', black: '黑名单', grey: '重点关注名单' };

/**
 * A later instrument that governs an earlier layer's list (令44 for the 企业信息公示条例's 市场监督管理严重违法失信名单)
 * takes its place only where the earlier layer is one it builds on: replacing a list beside it or above it would
 * let a layer silently switch off a list it does not govern. One replacement per list, so that which definition
 * holds on a date has one answer; and the same kind, so that a black list never turns into a red one.
 */
export function checkReplaces(
  symbols: Symbols,
  lists: Record<string, IrList>,
  ancestors: ReadonlyMap<string, ReadonlySet<string>>,
  diagnostics: Diagnostic[],
): void {
  const replacedBy = new Map<string, string>();
  for (const name of Object.keys(lists).sort()) {
    const decl = symbols.lists.get(name)?.decl.replaces;
    const list = lists[name]!;
    if (decl === undefined || list.replaces === undefined) continue;
    const target = symbols.lists.get(decl.text);
    if (target === undefined) {
      const help = didYouMean(decl.text, symbols.lists.keys());
      diagnostics.push(diagnostic('check.unknown-name', decl.span, ['名单', decl.text], help ? { help } : {}));
      continue;
    }
    if (target.layer === list.layer || !(ancestors.get(list.layer)?.has(target.layer) ?? false)) {
      diagnostics.push(
        diagnostic('check.replaces-not-inherited', decl.span, [name, decl.text, target.layer], {
          related: [{ span: target.decl.id.span, message: `声明于 ${target.layer}` }],
        }),
      );
      continue;
    }
    if (target.decl.listKind !== list.kind) {
      diagnostics.push(
        diagnostic('check.replaces-kind', decl.span, [
          name,
          KIND_WORDS[list.kind] ?? list.kind,
          decl.text,
          KIND_WORDS[target.decl.listKind] ?? target.decl.listKind,
        ]),
      );
      continue;
    }
    const earlier = replacedBy.get(decl.text);
    if (earlier !== undefined) {
      diagnostics.push(diagnostic('check.replaces-twice', decl.span, [decl.text, earlier, name]));
      continue;
    }
    replacedBy.set(decl.text, name);
  }
}
