// Leniency (初次轻微免罚, 行政处罚法 第三十三条): a first, corrected minor record draws nothing above the ceiling.
import type { AttrValue, SubjectRecord } from '../../contract.js';
import { gainedBurdens, levelIndex } from '../compare.js';
import type { Probe } from '../probe.js';
import { withRecords } from '../probe.js';
import type { CheckResult, Law } from './law.js';

/** Fields that state the leniency facts, by key or by label. */
const FIRST = ['firstOffence', '初次违法'];
const CORRECTED = ['correctedInTime', '及时改正'];

/**
 * The attributes of a record that states only the leniency facts: 初次违法 and 及时改正 true, the fields the
 * record type requires kept from the template (a list emptied: 第三十三条 "可以不予行政处罚", so no penalty kind
 * is carried over), every other attribute dropped. Copying the template's other facts would make a
 * contradictory record ("corrected in time" yet "有履行能力但拒不履行", or 轻微 yet 责令关闭) and blame the
 * policy for the contradiction.
 */
function lenientAttrs(probe: Probe, r: SubjectRecord): Record<string, AttrValue> {
  const attrs: Record<string, AttrValue> = {};
  for (const f of Object.values(probe.ctx.ir.records[r.type]?.fields ?? {})) {
    const names = [f.key, f.label ?? ''];
    if (f.type.t === 'boolean' && names.some((n) => FIRST.includes(n) || CORRECTED.includes(n))) {
      attrs[f.key] = true;
      continue;
    }
    if (f.required !== true) continue;
    const v = r.attrs?.[f.key];
    if (v === undefined) continue;
    attrs[f.key] = Array.isArray(v) ? [] : v;
  }
  return attrs;
}

export const leniency: Law = {
  name: 'leniency',
  title: '初次轻微免罚（行政处罚法第三十三条）',
  statement:
    '一个没有其他失信类记录的主体，增加一条最低严重程度（如「轻微」）、初次违法、及时改正（履行日期已到）的记录后，' +
    '新适用的惩戒或管理措施的等级都不高于政策的 leniency ceiling',
  applicable(ctx) {
    if (ctx.ir.settings.leniencyCeiling === undefined) return '政策未声明 leniency ceiling';
    if (!Object.values(ctx.ir.records).some((t) => t.hasSeverity && ctx.adverse.has(t.key)))
      return '政策没有带严重程度的记录类型';
    return null;
  },
  check(probe: Probe): CheckResult {
    const ir = probe.ctx.ir;
    const ceiling = ir.settings.leniencyCeiling ?? '';
    const graded = probe.subject.records.filter((r) => ir.records[r.type]?.hasSeverity === true);
    const template = probe.choose(graded, 3);
    if (!template) return 'skip';
    const date = template.date <= probe.at ? template.date : probe.at;
    const minor: SubjectRecord = {
      id: template.id,
      type: template.type,
      date,
      ...(template.authority !== undefined ? { authority: template.authority } : {}),
      severity: ir.severity[0] ?? null,
      attrs: lenientAttrs(probe, template),
      fulfilledOn: date,
      repairedOn: null,
      revokedOn: null,
      objection: null,
    };
    const others = probe.subject.records.filter((r) => !probe.isAdverse(r));
    const before = probe.decide('仅保留非失信类记录', withRecords(probe.subject, others));
    const after = probe.decide(
      `加上初次、轻微、已及时改正的记录 ${minor.id} 后`,
      withRecords(probe.subject, [...others, minor]),
    );
    const limit = levelIndex(ir, ceiling);
    const heavy = gainedBurdens(before.decision, after.decision).filter((m) => levelIndex(ir, m.level) > limit);
    if (heavy.length === 0) return null;
    return {
      clause: 'first-minor-corrected',
      message: `初次、轻微并及时改正的记录 ${minor.id} 引出高于「${ceiling}」的措施${heavy
        .map((m) => `「${m.measure}」（${m.level ?? ''}）`)
        .join('、')}`,
      subject: after,
      compared: before,
    };
  },
};
