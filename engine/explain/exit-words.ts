// Turns a list into the words its own instrument uses for how a listing ends: a 名单 is 移出, a 信息公示 stops
// (停止公示), a 令54 publication stops being published (停止公布), a court deletes its entries (删除失信信息).
import type { IrList, PolicyIr } from '../../dsl/ir.js';

export type ExitStyle = 'list' | 'publicity' | 'publication' | 'court';

export interface ExitWords {
  readonly style: ExitStyle;
  /** after "至…届满，届满后": 自动移出 / 自动停止公示 / 停止公布 / 人民法院应当在三个工作日内删除失信信息 (若干规定 第十条第二款) */
  readonly ends: string;
  /** after "申请" / "不予": 提前移出 / 提前停止公示 / 提前停止公布 / 删除失信信息 */
  readonly early: string;
  /** what the remedy node is about: 移出与修复 / 停止公示与信用修复 … */
  readonly remedy: string;
  /** what the notice calls the listing when it says how it ends: 该名单 / 该信息公示 */
  readonly subject: string;
  /** the end itself: 移出 / 停止公示 / 停止公布 / 删除 */
  readonly stop: string;
}

const WORDS: Readonly<Record<ExitStyle, ExitWords>> = {
  list: { style: 'list', ends: '自动移出', early: '提前移出', remedy: '移出与修复', subject: '该名单', stop: '移出' },
  publicity: {
    style: 'publicity',
    ends: '自动停止公示',
    early: '提前停止公示',
    remedy: '停止公示与信用修复',
    subject: '该信息公示',
    stop: '停止公示',
  },
  publication: {
    style: 'publication',
    ends: '停止公布',
    early: '提前停止公布',
    remedy: '停止公布与提前停止公布',
    subject: '该名单信息',
    stop: '停止公布',
  },
  court: {
    style: 'court',
    ends: '人民法院应当在三个工作日内删除失信信息',
    early: '删除失信信息',
    remedy: '删除与纠正',
    subject: '该名单',
    stop: '删除',
  },
};

/**
 * A list a court keeps: every instrument it and its rules cite is a 司法解释 (失信被执行人). It is contested and
 * ended before its term at the court (《若干规定》第十二条 纠正, 第二条第二款、第十条 删除), not by an objection to an
 * authority or by credit repair.
 */
export function courtList(ir: PolicyIr, name: string): boolean {
  const list = ir.lists[name];
  if (list === undefined) return false;
  const cited = [...list.basis, ...list.rules.flatMap((r) => r.basis)];
  return cited.length > 0 && cited.every((c) => ir.bases[c.basis]?.rank === '司法解释');
}

/**
 * How the list's instrument words its end, read from what the policy states: a court's list; a black list whose
 * term an instrument 《…信息公布管理办法》 sets (令54 第十七、十八、二十二条: 停止公布, 提前停止公布); a publication
 * titled …公示 that is no 名单 or 名录 (令36 第十二条 停止公示 / 终止公示, 令45 第十三、十四条 停止公示, 提前停止公示);
 * any other list is 移出.
 */
export function exitStyle(ir: PolicyIr, name: string): ExitStyle {
  if (courtList(ir, name)) return 'court';
  const list = ir.lists[name];
  if (list === undefined) return 'list';
  const termBasis = [...(list.duration?.basis ?? []), ...(list.earlyRemoval?.basis ?? [])];
  if (list.kind === 'black' && termBasis.some((c) => ir.bases[c.basis]?.title.includes('信息公布') === true))
    return 'publication';
  const title = list.title ?? list.name;
  if (title.includes('公示') && !/名单|名录/.test(title)) return 'publicity';
  return 'list';
}

export function exitWords(ir: PolicyIr, name: string): ExitWords {
  return WORDS[exitStyle(ir, name)];
}

/**
 * `early removal … unless true`: the instrument allows no early end (令45 第十四条第三款; 欠税 lasts until paid), so
 * the listing ends only by its term or its grounds ceasing, never by a repair.
 */
export function barsEveryEarlyEnd(list: IrList | undefined): boolean {
  const bar = list?.earlyRemoval?.unless;
  return bar !== undefined && bar.op === 'lit' && bar.value === true;
}

/** Whether a subject can end the listing early at all (it has `early removal` and not `unless true`). */
export function earlyEndPossible(list: IrList | undefined): boolean {
  return list?.earlyRemoval !== undefined && !barsEveryEarlyEnd(list);
}

/**
 * How a listing without a term ends: a court's list when the court deletes it (失信被执行人规定 第十条); with early
 * removal, by repair; without, when its grounds cease (欠税: paying).
 */
export function noTermWords(hasEarlyRemoval: boolean, w: ExitWords): string {
  if (w.style === 'court') return '无固定期限，由人民法院依规定删除失信信息';
  if (hasEarlyRemoval) return `无固定期限，符合条件的可以申请${w.stop}`;
  return `无固定期限，列入情形消除或者有关机关决定${w.stop}时${w.stop}`;
}

/**
 * What the subject applies for: before a term runs out, its early end (提前移出, 提前停止公示 …); without a term
 * there is nothing to end early — the end itself (移出 经营异常名录 once cured).
 */
export function earlyWords(w: ExitWords, hasTerm: boolean): string {
  return hasTerm ? w.early : w.stop;
}
