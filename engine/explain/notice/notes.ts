// Turns a decision's notes into the notice's 说明: said once, about dates the notice gives, in the notice's voice.
import type { PolicyIr } from '../../../dsl/ir.js';
import type { Decision } from '../../contract.js';
import { provisionalNoteYear } from '../../time/index.js';

/** A parameter-version note (SEMANTICS §8 "Parameter transitions"): 参数「label」适用…的版本：… */
const PARAMETER_NOTE = /^参数「([^」]+)」(.+)$/;

/** The years of the dates a notice states (since, until, repair dates of lists and measures). */
function statedYears(decision: Decision): Set<string> {
  const years = new Set<string>([decision.at.slice(0, 4)]);
  const add = (d: string | null | undefined): void => {
    if (typeof d === 'string') years.add(d.slice(0, 4));
  };
  for (const l of decision.lists) [l.since, l.until, l.repairFrom].forEach(add);
  for (const m of decision.measures) [m.since, m.until].forEach(add);
  return years;
}

/**
 * - A presumed holiday calendar matters only for a year whose date the notice states, or one already past on the
 *   evaluation date (a deadline that fell then decided something): a period computed for a listing that repair
 *   ended says nothing to the reader.
 * - Parameter versions chosen for the same reason are said once: 参数「一般失信信息最短公示期」、「…」适用…; none when
 *   the notice states no list and no measure (the version read decided nothing it says).
 * - The policy and the layers it extends are named as the notice's header names a policy, 「…」: they are not
 *   published instruments in 《》 (a layer's title is its policy's: 「市场监督管理严重违法失信名单」).
 */
export function noticeNotes(decision: Decision, ir: PolicyIr): string[] {
  const years = statedYears(decision);
  const atYear = decision.at.slice(0, 4);
  const out: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const note of decision.notes) {
    const calendarYear = provisionalNoteYear(note);
    if (calendarYear !== null && calendarYear > atYear && !years.has(calendarYear)) continue;
    const parameter = PARAMETER_NOTE.exec(note);
    // A parameter version read for a subject the notice lists nothing for decided nothing it states.
    if (parameter !== null && decision.lists.length === 0 && decision.measures.length === 0) continue;
    if (parameter !== null) {
      const names = grouped.get(parameter[2]!);
      if (names === undefined) {
        grouped.set(parameter[2]!, [parameter[1]!]);
        out.push(parameter[2]!);
      } else names.push(parameter[1]!);
      continue;
    }
    out.push(note);
  }
  return out.map((n) => {
    const names = grouped.get(n);
    const text = names === undefined ? n : `参数${names.map((x) => `「${x}」`).join('、')}${n}`;
    let voiced = text.split(`《${ir.title}》`).join(`「${ir.title}」`);
    for (const layer of ir.layers) voiced = voiced.split(`《${layer.title}》`).join(`「${layer.title}」`);
    return /[。；！？]$/.test(voiced) ? voiced : `${voiced}。`;
  });
}
