// Monotonicity: more or graver adverse records never make the outcome milder (nor more rewarding).
import type { SubjectRecord } from '../../contract.js';
import { betterGrade, gainedRewards, levelText, lighterMatter } from '../compare.js';
import type { Probe } from '../probe.js';
import { replaceRecord, typeLabel } from '../probe.js';
import type { Counterexample, Evaluated } from '../types.js';
import type { CheckResult, Law } from './law.js';

/**
 * `heavier` is the subject with more or graver records; the law fails when its decision is milder than that
 * of `lighter`: a matter whose heaviest burden drops, a better grade, or a reward gained.
 */
function compare(
  probe: Probe,
  clause: string,
  change: string,
  lighter: Evaluated,
  heavier: Evaluated,
): Counterexample | null {
  const ir = probe.ctx.ir;
  const lost = lighterMatter(ir, lighter.decision, heavier.decision);
  if (lost) {
    return {
      clause,
      message: `${change}，事项「${lost.matter}」中最重的措施由${levelText(lost.before)}降为${levelText(lost.after)}`,
      subject: heavier,
      compared: lighter,
    };
  }
  const grade = betterGrade(ir, lighter.decision, heavier.decision);
  if (grade) {
    return {
      clause,
      message: `${change}，「${grade.scale}」等级由 ${grade.before} 提升为 ${grade.after}`,
      subject: heavier,
      compared: lighter,
    };
  }
  const gained = gainedRewards(lighter.decision, heavier.decision);
  if (gained.length > 0) {
    return {
      clause,
      message: `${change}，反而获得守信激励措施${gained.map((m) => `「${m.measure}」`).join('、')}`,
      subject: heavier,
      compared: lighter,
    };
  }
  return null;
}

function raisedAmounts(probe: Probe, r: SubjectRecord): { key: string; from: number; to: number }[] {
  const type = probe.ctx.ir.records[r.type];
  if (!type) return [];
  const out: { key: string; from: number; to: number }[] = [];
  for (const field of Object.values(type.fields)) {
    const value = r.attrs?.[field.key];
    if (field.type.t !== 'money' || typeof value !== 'number') continue;
    // Just above each threshold the policy compares the field with, and far above all of them.
    const targets = (probe.ctx.vocabulary.thresholds.get(field.key) ?? []).flatMap((t) => [t, t + 1]);
    targets.push(value * 10 + 100_000);
    for (const to of [...new Set(targets)].filter((t) => t > value).sort((a, b) => a - b)) {
      out.push({ key: field.key, from: value, to });
    }
  }
  return out;
}

export const monotonicity: Law = {
  name: 'monotonicity',
  title: '单调性（过罚相当：失信越重，惩戒不轻）',
  statement:
    '对一个失信类记录：增加它、提高它的严重程度或金额之后，(1) 任何事项中最重的惩戒或管理措施的等级都不降低' +
    '（一项措施可以被替换，但只能被同一事项中等级不低的措施替换），(2) 任何评价的信用等级都不变好，' +
    '(3) 不新增任何守信激励措施',
  applicable: (ctx) => (ctx.adverse.size === 0 ? '政策没有失信类记录类型' : null),
  check(probe: Probe): CheckResult {
    const ir = probe.ctx.ir;
    const base = probe.base();
    let checked = false;
    for (const r of probe.subject.records) {
      if (!probe.isAdverse(r) || r.date > probe.at) continue;
      checked = true;
      const without = probe.withoutRecord(r.id);
      const change = `增加记录 ${r.id}（${typeLabel(ir, r.type)}）后`;
      const found = compare(probe, 'add-record', change, without, base);
      if (found) return found;
    }
    const graded = probe.subject.records.filter(
      (r) =>
        probe.isAdverse(r) &&
        typeof r.severity === 'string' &&
        ir.severity.indexOf(r.severity) < ir.severity.length - 1,
    );
    const r = probe.choose(graded);
    if (r && typeof r.severity === 'string') {
      checked = true;
      const higher = ir.severity.slice(ir.severity.indexOf(r.severity) + 1);
      const to = probe.choose(higher, 1) ?? r.severity;
      const change = `将记录 ${r.id} 的严重程度由 ${r.severity} 提高到 ${to} 后`;
      const raised = probe.decide(change, replaceRecord(probe.subject, { ...r, severity: to }));
      const found = compare(probe, 'raise-severity', change, base, raised);
      if (found) return found;
    }
    const amounts = probe.subject.records.flatMap((rec) =>
      probe.isAdverse(rec) ? raisedAmounts(probe, rec).map((a) => ({ rec, ...a })) : [],
    );
    const a = probe.choose(amounts, 2);
    if (a) {
      checked = true;
      const change = `将记录 ${a.rec.id} 的 ${a.key} 由 ${a.from} 提高到 ${a.to} 后`;
      const raised = probe.decide(
        change,
        replaceRecord(probe.subject, { ...a.rec, attrs: { ...a.rec.attrs, [a.key]: a.to } }),
      );
      const found = compare(probe, 'raise-amount', change, base, raised);
      if (found) return found;
    }
    return checked ? null : 'skip';
  },
};
