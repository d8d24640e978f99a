// Turns the listings of a decision into what the subject can do: early removal, objection, repair, the court's 纠正.
import type { PolicyIr } from '../../../dsl/ir.js';
import type { Decision, ExplainNode, ListOutcome } from '../../contract.js';
import { courtList } from '../exit-words.js';
import { readsAsPolicyLanguage } from '../why.js';
import { formatDate } from '../format.js';
import { joinBasis } from './basis.js';

/** 你 / 你单位 / 你户, and whether identity numbers in the notice are a person's (masked). */
export interface Who {
  readonly you: string;
  readonly natural: boolean;
}

/** The early-removal requirements of a list still unmet, from the explanation tree. */
export function unmet(decision: Decision, list: string): string[] {
  const remedy = decision.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === list);
  if (remedy === undefined) return [];
  const out: string[] = [];
  const walk = (n: ExplainNode): void => {
    const r = n.values?.['requirement'];
    if (n.kind === 'condition' && typeof r === 'string' && !out.includes(r)) out.push(r);
    for (const c of n.children ?? []) walk(c);
  };
  walk(remedy);
  return out;
}

/** 令44 第十六条第二款 and the like: a restriction outlasts the listing, so its early removal would come after its end. */
export function repairAfterEnd(decision: Decision, l: ListOutcome): boolean {
  const remedy = decision.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === l.list);
  return remedy?.children?.some((c) => typeof c.values?.['repairAfterEnd'] === 'string') ?? false;
}

/** The explanation's node of the bar that keeps the list from early removal (`early removal … unless`). */
function barNodeOf(decision: Decision, list: string): ExplainNode | undefined {
  const remedy = decision.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === list);
  return remedy?.children?.find((c) => typeof c.values?.['bar'] === 'string');
}

/** The bar that keeps the list from early removal, as the explanation words it. */
export function barred(decision: Decision, list: string): string | null {
  const bar = barNodeOf(decision, list)?.values?.['bar'];
  return typeof bar === 'string' ? bar : null;
}

/** The records of the listings the bar keeps from early removal (empty when the tree does not say). */
export function barredRecordIds(decision: Decision, list: string): readonly string[] {
  const v = barNodeOf(decision, list)?.values?.['barred'];
  return Array.isArray(v) ? (v as readonly string[]) : [];
}

/**
 * The bar with its records: "记录 CF-A：…，即记录 CF-B" — the listings it bars, and the records that bar them (a
 * later penalty found by an aggregate tied to the listing's record); the bare wording when the tree has neither.
 */
/** Characters of a bar the notice still words in full (the 令44 公示信息弄虚作假 bar is about 100). */
const READABLE_BAR = 120;

export function barredWithRecords(decision: Decision, list: string, ir: PolicyIr): string | null {
  const node = barNodeOf(decision, list);
  const worded = node?.values?.['bar'];
  if (typeof worded !== 'string') return null;
  // A bar too long to read in a sentence (527号's 特定严重失信: a regime's window, a catalogue of penalties and of
  // fields) or in the policy's own language is named by the instruments in force that set it (review R49).
  const bar =
    worded.length > READABLE_BAR || readsAsPolicyLanguage(worded)
      ? `属于${joinBasis(node?.basis ?? [], ir, decision.at)}规定的情形`
      : worded.replace(/\d{4}-\d{2}-\d{2}/g, (d) => formatDate(d));
  const ids = (k: string): readonly string[] => {
    const v = node?.values?.[k];
    return Array.isArray(v) ? (v as readonly string[]) : [];
  };
  const barredIds = ids('barred');
  const causes = ids('causes');
  const head = barredIds.length > 0 && causes.length > 0 ? `记录 ${barredIds.join('、')}：` : '';
  const tail = causes.length > 0 ? `，即记录 ${causes.join('、')}` : '';
  return head + bar + tail;
}

/**
 * Objection and credit repair for the lists an authority keeps. "按上述日期" only where a list above states a
 * repair date; none stated but none barred either: the general repair rules; a listing barred, its repair date
 * after its end, or a list its instrument gives no early end at all (令36 第二十五条 不得提前终止公示, the 政府采购
 * look-back, 欠税 until paid): objection only.
 */
function administrativeRemedy(decision: Decision, ir: PolicyIr, lists: readonly ListOutcome[], w: Who): string {
  const dated = lists.some((l) => l.repairFrom !== null && !repairAfterEnd(decision, l));
  const closed = lists.some(
    (l) =>
      barred(decision, l.list) !== null || repairAfterEnd(decision, l) || ir.lists[l.list]?.earlyRemoval === undefined,
  );
  const named = authoritiesOf(decision, lists);
  const objection = `${w.you}对所依据的信用信息有异议的，可以向认定机关${named}提出异议`;
  // A listing on a 严重失信主体名单 is an administrative decision of its own (令44 第二十三条):
  // it can be contested by 行政复议 or 行政诉讼, besides the objection to the information behind it.
  const black = lists.filter((l) => l.kind === 'black');
  const review =
    black.length === 0
      ? ''
      : `对列入${black.map((l) => `「${l.title ?? l.list}」`).join('、')}的决定不服的，可以依法申请行政复议或者提起行政诉讼。`;
  // "相关措施同时终止" only where measures apply: a publication without measures simply stops. Beside a listing
  // repair cannot end (the 政府采购 look-back, a barred listing), only the repaired listing's measures end (N8 F04).
  const ends =
    decision.measures.length === 0
      ? ''
      : closed
        ? '，修复后依据已修复名单实施的措施同时终止；依规定不予提前移出的名单及其措施不因修复而终止'
        : '，修复后相关措施同时终止';
  if (dated) return `${objection}；已纠正失信行为、履行相关义务的，可以按上述日期申请信用修复${ends}。${review}`;
  if (lists.length > 0 && !closed) {
    return `${objection}；已纠正失信行为、履行相关义务的，可以依照有关规定申请信用修复${ends}。${review}`;
  }
  return `${objection}。${review}`;
}

/** "（A、B）": who decided the records behind the lists, as the explanation names them; '' when no record says. */
function authoritiesOf(decision: Decision, lists: readonly ListOutcome[]): string {
  const names: string[] = [];
  for (const l of lists) {
    const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === l.list);
    const v = node?.values?.['authorities'];
    if (Array.isArray(v)) for (const a of v) if (typeof a === 'string' && !names.includes(a)) names.push(a);
  }
  return names.length === 0 ? '' : `（${names.join('、')}）`;
}

function courtRemedy(decision: Decision, ir: PolicyIr, court: readonly ListOutcome[], w: Who): string {
  const titles = court.map((l) => `「${l.title ?? l.list}」`).join('、');
  // Early deletion is asked for a termed listing (第二条第二款); a listing without a term the court deletes itself
  // (第十条), even once performance gives it an end (the deletion deadline).
  const termed = (l: ListOutcome): boolean => l.until !== null && ir.lists[l.list]?.duration !== undefined;
  const early = court.some((l) => termed(l) && l.repairFrom !== null && !repairAfterEnd(decision, l))
    ? '；已履行义务或者主动纠正失信行为的，可以按上述日期申请人民法院删除失信信息'
    : '';
  return `${w.you}认为不应被纳入${titles}的，可以向人民法院${authoritiesOf(decision, court)}申请纠正${early}。`;
}

/** The 救济 section: the authorities' remedies, then the court's. */
export function remedies(decision: Decision, ir: PolicyIr, w: Who): string[] {
  const blackOrGrey = decision.lists.filter((l) => l.kind !== 'red');
  const court = blackOrGrey.filter((l) => courtList(ir, l.list));
  const administrative = blackOrGrey.filter((l) => !courtList(ir, l.list));
  const out: string[] = [];
  if (administrative.length > 0 || court.length === 0) out.push(administrativeRemedy(decision, ir, administrative, w));
  if (court.length > 0) out.push(courtRemedy(decision, ir, court, w));
  return out;
}
