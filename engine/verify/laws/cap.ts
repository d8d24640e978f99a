// Cumulative cap: one record never brings more burdens than `measures per record cap`.
import { gainedBurdens } from '../compare.js';
import type { Probe } from '../probe.js';
import type { CheckResult, Law } from './law.js';

export const cumulativeCap: Law = {
  name: 'cumulative-cap',
  title: '单条记录措施累计上限',
  statement: '对任一条记录：有这条记录时比没有它时多出的惩戒和管理措施，数目不超过政策的 measures per record cap',
  applicable: (ctx) =>
    ctx.ir.settings.measuresPerRecordCap === undefined ? '政策未声明 measures per record cap' : null,
  check(probe: Probe): CheckResult {
    const cap = probe.ctx.ir.settings.measuresPerRecordCap ?? Infinity;
    const base = probe.base();
    const records = probe.counting();
    if (records.length === 0) return 'skip';
    for (const r of records) {
      const without = probe.withoutRecord(r.id);
      const extra = gainedBurdens(without.decision, base.decision);
      if (extra.length > cap) {
        return {
          clause: 'per-record',
          message: `记录 ${r.id} 一条记录引出 ${extra.length} 项惩戒和管理措施，超过上限 ${cap}：${extra
            .map((m) => `「${m.measure}」`)
            .join('、')}`,
          subject: base,
          compared: without,
        };
      }
    }
    return null;
  },
};
