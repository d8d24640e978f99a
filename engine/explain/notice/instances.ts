// Turns the instances of one listing into the notice's per-record periods, where the records' periods differ.
import type { Decision, ExplainNode } from '../../contract.js';
import type { ExitWords } from '../exit-words.js';
import { formatDate } from '../format.js';

interface Period {
  readonly record: string;
  readonly since: string;
  readonly until: string | null;
  readonly repairFrom: string | null;
}

/** The active `for` instances of a list in the explanation tree: one per triggering record. */
function periodsOf(decision: Decision, list: string): Period[] {
  const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === list);
  const out: Period[] = [];
  const walk = (n: ExplainNode): void => {
    if (n.kind === 'instance' && n.outcome === 'applies' && n.records?.length === 1) {
      const d = n.dates ?? {};
      if (typeof d['since'] === 'string') {
        out.push({
          record: n.records[0]!,
          since: d['since'],
          until: d['until'] ?? null,
          repairFrom: d['repairFrom'] ?? null,
        });
      }
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (node !== undefined) walk(node);
  return out;
}

/**
 * "其中：记录 R1 自…起至…止，不予提前停止公示；记录 R2 …，自…起可申请提前停止公示。" — each record of a publication is
 * published (and stopped early) on its own (令45 第十三条, 第十四条: 各行政处罚决定分别公示); the list's own dates are the
 * earliest start and the latest end. Null when one record alone, or every record has the same period.
 */
export function perRecordPeriods(
  decision: Decision,
  list: string,
  barredIds: readonly string[],
  w: ExitWords,
): string | null {
  const periods = periodsOf(decision, list);
  if (periods.length < 2) return null;
  const key = (p: Period): string => `${p.since}|${p.until}|${p.repairFrom}`;
  if (periods.every((p) => key(p) === key(periods[0]!))) return null;
  const parts = periods.map((p) => {
    let s = `记录 ${p.record} 自${formatDate(p.since)}起${p.until === null ? '' : '至' + formatDate(p.until) + '止'}`;
    if (barredIds.includes(p.record)) s += `，不予${w.early}`;
    else if (p.repairFrom !== null && (p.until === null || p.repairFrom <= p.until))
      s += `，自${formatDate(p.repairFrom)}起可申请${w.early}`;
    return s;
  });
  return `其中：${parts.join('；')}`;
}

/**
 * "记录 P1 所记…的信用修复…，不发生…的效力": a repair the list does not allow (barred, dated before repairFrom, or on a day
 * a condition of early removal was unmet) is
 * recorded but ends nothing (SEMANTICS §2); the notice says so, or the subject would think the listing ended.
 */
export function voidRepairs(decision: Decision, list: string, w: ExitWords): string {
  const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === list);
  const out: string[] = [];
  const walk = (n: ExplainNode): void => {
    const on = n.dates?.['repairVoid'];
    if (n.kind === 'instance' && typeof on === 'string' && n.records?.length === 1) {
      const from = n.dates?.['repairFrom'];
      const unmet = n.children?.find((c) => c.kind === 'condition')?.values?.['requirement'];
      // Barred, the sentence before has just said 依规定不予…; early, the date it came before is the reason; on a
      // day a condition was unmet, that condition.
      const why =
        typeof unmet === 'string'
          ? `之日尚不满足${w.early}的条件（${unmet}），`
          : typeof from === 'string'
            ? `早于可申请${w.early}之日${formatDate(from)}，`
            : '';
      const s = `记录 ${n.records[0]!} 所记${formatDate(on)}的信用修复${why}不发生${w.early}的效力`;
      if (!out.includes(s)) out.push(s);
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (node !== undefined) walk(node);
  return out.length === 0 ? '' : '；' + out.join('；');
}

/**
 * "列入自…起算：记录 P1（…）该日起不再计入。" — a listing on the subject's state (`when`) that holds from the day
 * something holding it back stopped (a penalty aged out or repaired, another listing ended), not from a record of
 * its own: without this the date would read as unexplained. Empty when no active instance says so.
 */
export function sinceCauses(decision: Decision, list: string, since: string): string {
  const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === list);
  const causes: string[] = [];
  const walk = (n: ExplainNode): void => {
    if (n.kind === 'instance') {
      const cause = n.children?.find((c) => typeof c.values?.['sinceCause'] === 'string')?.values?.['sinceCause'];
      if (
        n.outcome === 'applies' &&
        n.dates?.['since'] === since &&
        typeof cause === 'string' &&
        !causes.includes(cause)
      )
        causes.push(cause);
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (node !== undefined) walk(node);
  return causes.length === 0 ? '' : `列入自${formatDate(since)}起算：${causes.join('；')}。`;
}
