// Time: nothing before the policy applies, the future changes nothing, repair ends a record's weight, lists end.
import type { IrExpr, IrList, PolicyIr } from '../../../dsl/ir.js';
import type { Decision, ExplainNode } from '../../contract.js';
import { CalendarCoverageError } from '../../time/calendar.js';
import { addDays, toDayNumber } from '../../time/dates.js';
import { evaluate } from '../../evaluate.js';
import { gainedBurdens } from '../compare.js';
import type { Probe } from '../probe.js';
import { replaceRecord, withRecords } from '../probe.js';
import type { Counterexample, Evaluated } from '../types.js';
import type { CheckResult, Law } from './law.js';

/** Both decisions come from the same evaluator, so key order already agrees and plain JSON compares them. */
function strip(d: Decision): string {
  const { explanation: _explanation, ...rest } = d;
  return JSON.stringify(rest);
}

/** Reads the evaluation date, a window, a parameter or another list: membership may change with time alone. */
function timeDependent(e: IrExpr | undefined): boolean {
  if (e === undefined) return false;
  switch (e.op) {
    case 'at':
    case 'param':
    case 'onList':
    case 'grade':
      return true;
    case 'agg':
      return e.within !== undefined || timeDependent(e.where);
    case 'and':
    case 'or':
      return e.args.some(timeDependent);
    case 'not':
    case 'neg':
      return timeDependent(e.arg);
    case 'cmp':
    case 'arith':
      return timeDependent(e.left) || timeDependent(e.right);
    case 'dateShift':
      return timeDependent(e.date) || timeDependent(e.duration);
    case 'in':
    case 'has':
      return timeDependent(e.left) || timeDependent(e.values);
    case 'isSet':
      return timeDependent(e.arg);
    case 'array':
      return e.items.some(timeDependent);
    default:
      return false;
  }
}

function timeInvariant(list: IrList): boolean {
  return (
    !timeDependent(list.duration?.period) &&
    // a computed end counts working days from a record's date: not the same when every date moves
    list.endsAt?.dates === undefined &&
    !timeDependent(list.endsAt?.when) &&
    list.rules.every(
      (r) =>
        r.for?.from === undefined &&
        r.for?.fromExpr === undefined &&
        !timeDependent(r.where) &&
        !timeDependent(r.when) &&
        !timeDependent(r.unless),
    )
  );
}

function tryDecide(probe: Probe, label: string, at: string, records = probe.subject.records): Evaluated | undefined {
  try {
    return probe.decide(label, withRecords(probe.subject, records), at);
  } catch (error) {
    // A shifted date beyond the holiday calendar cannot be evaluated: nothing to check there.
    if (error instanceof CalendarCoverageError) return undefined;
    throw error;
  }
}

function notInForce(probe: Probe): Counterexample | null {
  const ir = probe.ctx.ir;
  const dates = [addDays(ir.effective, -1 - (probe.pick % 400))];
  if (ir.until !== undefined) dates.push(addDays(ir.until, 1 + (probe.pick % 400)));
  for (const at of dates) {
    const out = tryDecide(probe, '同一主体', at);
    if (!out) continue;
    const d = out.decision;
    if (d.inForce || d.lists.length > 0 || d.measures.length > 0 || d.grade !== null || d.grades.length > 0) {
      return {
        clause: 'not-in-force',
        message: `评价日期 ${at} 不在政策施行期间（${ir.effective} 起${ir.until ? `，至 ${ir.until}` : ''}），却仍有名单、措施或等级`,
        subject: out,
      };
    }
  }
  return null;
}

function futureRecords(probe: Probe): Counterexample | null | 'skip' {
  const past = probe.subject.records.filter((r) => r.date <= probe.at);
  if (past.length === probe.subject.records.length) return 'skip';
  const base = probe.base();
  const cut = probe.decide('删去评价日期之后的记录', withRecords(probe.subject, past));
  if (strip(base.decision) === strip(cut.decision)) return null;
  const future = probe.subject.records.filter((r) => r.date > probe.at).map((r) => r.id);
  return {
    clause: 'future-records',
    message: `评价日期 ${probe.at} 之后的记录 ${future.join('、')} 改变了决定`,
    subject: base,
    compared: cut,
  };
}

/**
 * The first day a repair of `r` may be granted for every list it keeps the subject on: a repair ends a listing
 * only from its repairFrom on, and never where the list bars an early end (SEMANTICS §2) — null then, and when
 * that day is after `at`.
 */
function repairableFrom(probe: Probe, decision: Decision, r: { id: string; date: string }): string | null {
  let from = r.date;
  for (const l of decision.lists) {
    if (!l.because.some((b) => b.records.includes(r.id))) continue;
    if (l.repairFrom === null) {
      if (probe.ctx.ir.lists[l.list]?.earlyRemoval !== undefined) return null;
    } else if (l.repairFrom > from) from = l.repairFrom;
  }
  return from <= probe.at ? from : null;
}

/** Whether the explanation shows r's repair void because a condition of early removal was unmet on its day. */
function voidOnItsDay(decision: Decision, id: string): boolean {
  const walk = (n: ExplainNode): boolean =>
    (n.kind === 'instance' &&
      n.records?.includes(id) === true &&
      typeof n.dates?.['repairVoid'] === 'string' &&
      (n.children ?? []).some((c) => c.kind === 'condition')) ||
    (n.children ?? []).some(walk);
  return decision.explanation !== undefined && walk(decision.explanation);
}

function repair(probe: Probe): Counterexample | null | 'skip' {
  const base = probe.base().decision;
  const candidates = probe
    .counting()
    .filter(
      (r) =>
        probe.isAdverse(r) &&
        (r.repairedOn === null || r.repairedOn === undefined || r.repairedOn > probe.at) &&
        repairableFrom(probe, base, r) !== null,
    );
  const r = probe.choose(candidates, 5);
  if (!r) return 'skip';
  const from = repairableFrom(probe, base, r)!;
  const span = toDayNumber(probe.at) - toDayNumber(from);
  const on = addDays(from, span <= 0 ? 0 : probe.pick % (span + 1));
  const repaired = probe.decide(
    `记录 ${r.id} 于 ${on} 信用修复后`,
    replaceRecord(probe.subject, { ...r, repairedOn: on }),
  );
  const absent = probe.withoutRecord(r.id);
  // A burden another record's listing brings is not r's: a repaired determination is still a determination, and
  // may keep another record's early removal barred (令54 第二十二条（二） 五年内两次以上). What a listing of r, a
  // grade or a measure's term brings is.
  const lists = repaired.decision.lists;
  const extra = gainedBurdens(absent.decision, repaired.decision).filter((m) =>
    m.because.some((b) => {
      const l = lists.find((x) => x.list === b);
      return l === undefined || l.because.some((c) => c.records.includes(r.id));
    }),
  );
  if (extra.length === 0) return null;
  // A grant the record itself shows unlawful (a condition of early removal it states unmet on that day: 令45 第十四条,
  // SEMANTICS §2) ends nothing, by law: no repair to test. Asked of the explanation only here, where it matters.
  const explained = evaluate(probe.ctx.compiled, repaired.subject, { at: repaired.at, explain: true });
  if (voidOnItsDay(explained, r.id)) return null;
  return {
    clause: 'repair',
    message: `记录 ${r.id} 已于 ${on} 信用修复，措施${extra.map((m) => `「${m.measure}」`).join('、')}却仍然适用（没有这条记录时不适用）`,
    subject: repaired,
    compared: absent,
  };
}

function listEnd(probe: Probe): Counterexample | null | 'skip' {
  const ir: PolicyIr = probe.ctx.ir;
  const base = probe.base();
  const ended = base.decision.lists.filter((l) => {
    const list = ir.lists[l.list];
    return l.until !== null && list !== undefined && timeInvariant(list);
  });
  const listed = probe.choose(ended, 7);
  if (!listed || listed.until === null) return 'skip';
  const after = addDays(listed.until, 1);
  const past = probe.subject.records.filter((r) => r.date <= probe.at);
  const later = tryDecide(probe, `名单「${listed.list}」期满次日（仅含 ${probe.at} 及以前的记录）`, after, past);
  if (!later) return 'skip';
  const rules = ir.lists[listed.list]?.rules ?? [];
  const old = new Map(listed.because.map((b) => [b.rule, new Set(b.records)]));
  const still = later.decision.lists.find((l) => l.list === listed.list);
  for (const m of later.decision.measures) {
    if (!m.because.includes(listed.list)) continue;
    if (still === undefined) {
      const term = ir.measures[m.measure]?.term;
      if (term !== undefined && m.until !== null && m.until >= after) continue;
      return {
        clause: 'list-end',
        message: `名单「${listed.list}」已于 ${listed.until} 期满，措施「${m.measure}」在 ${after} 仍然适用，且不是由其自身期限（term）维持`,
        subject: later,
        compared: base,
      };
    }
    for (const b of still.because) {
      const before = old.get(b.rule);
      if (!before) continue;
      const isFor = rules.find((r) => r.name === b.rule)?.for !== undefined;
      const same = isFor
        ? b.records.some((id) => before.has(id))
        : b.records.length > 0 && b.records.length === before.size && b.records.every((id) => before.has(id));
      if (same) {
        return {
          clause: 'list-end',
          message: `名单「${listed.list}」已于 ${listed.until} 期满，但在 ${after} 仍因同一列入（规则「${b.rule}」，记录 ${b.records.join('、')}）适用措施「${m.measure}」`,
          subject: later,
          compared: base,
        };
      }
    }
  }
  return null;
}

export const time: Law = {
  name: 'time',
  title: '时间（施行日期、评价日期、修复与期满）',
  statement:
    '(1) 评价日期早于施行日期或晚于终止日期时，不适用任何名单、措施和等级；(2) 评价日期之后的记录不改变决定；' +
    '(3) 一条失信类记录修复之后，不适用任何在没有这条记录时不适用的惩戒或管理措施；' +
    '(4) 名单（其规则不读评价日期、期间、参数或其他名单）期满次日，就同样的记录，该名单的措施只能由措施自身的期限（term）维持，' +
    '不能因期满前的同一列入继续适用',
  applicable: () => null,
  check(probe: Probe): CheckResult {
    // The in-force clause always has something to check, so every subject counts.
    const first = notInForce(probe);
    if (first) return first;
    for (const clause of [futureRecords, repair, listEnd]) {
      const found = clause(probe);
      if (found !== 'skip' && found !== null) return found;
    }
    return null;
  },
};
