// Exclusivity: a subject on a black list gets nothing that rewards it — no red-list measure, no reward in substance.
import { isRewarding } from '../compare.js';
import type { Probe } from '../probe.js';
import type { CheckResult, Law } from './law.js';

export const exclusivity: Law = {
  name: 'exclusivity',
  title: '红黑名单互斥',
  statement:
    '主体在任一严重失信主体名单（黑名单）上时，不适用任何守信激励措施、任何优先办理或简化手续的措施、任何因红名单而适用的措施',
  applicable: (ctx) =>
    Object.values(ctx.ir.lists).some((l) => l.kind === 'black') ? null : '政策没有严重失信主体名单（黑名单）',
  check(probe: Probe): CheckResult {
    const ir = probe.ctx.ir;
    const base = probe.base();
    const black = base.decision.lists.filter((l) => l.kind === 'black');
    if (black.length === 0) return 'skip';
    const offending = base.decision.measures.filter(
      (m) => isRewarding(m) || m.because.some((b) => ir.lists[b]?.kind === 'red'),
    );
    if (offending.length === 0) return null;
    return {
      clause: 'black-gets-reward',
      message: `主体在黑名单${black.map((l) => `「${l.list}」`).join('、')}上，却适用${offending
        .map((m) => `「${m.measure}」（${m.kind}，${m.action}）`)
        .join('、')}`,
      subject: base,
    };
  },
};
