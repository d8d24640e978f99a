// 过惩相当: static proportionality checks over the lowered IR (seed 004 §11, 陕西条例 第三十二条, 国办发49).
import type { Diagnostic } from '../diagnostic.js';
import type { PolicyIr } from '../ir.js';
import type { Span } from '../span.js';
import { diagnostic } from './messages.js';

export function checkProportionality(ir: PolicyIr, sources: Readonly<Record<string, Span>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const levelIndex = (level: string | undefined): number => (level === undefined ? -1 : ir.levels.indexOf(level));
  for (const measure of Object.values(ir.measures)) {
    for (const listName of measure.lists) {
      const list = ir.lists[listName];
      if (!list?.maxLevel || measure.level === undefined) continue;
      if (levelIndex(measure.level) > levelIndex(list.maxLevel)) {
        out.push(
          diagnostic('check.level-exceeds-list', sources[`measure:${measure.name}`], [
            measure.name,
            measure.level,
            listName,
            list.maxLevel,
          ]),
        );
      }
    }
  }
  return out;
}
