// Turns a verify report into the Chinese text the CLI prints and the editor shows: one block per law.
import type { Decision } from '../contract.js';
import type { Evaluated, LawOutcome, VerifyReport } from './types.js';

const KIND_ZH = { red: '红名单', black: '黑名单', grey: '重点关注名单' } as const;

export function summarizeDecision(d: Decision): string[] {
  if (!d.inForce) return ['政策未施行：无名单、无措施、无等级'];
  const lists = d.lists.map((l) => `${l.list}（${KIND_ZH[l.kind]}，${l.since} 至 ${l.until ?? '无固定期限'}）`);
  const measures = d.measures.map(
    (m) =>
      `${m.measure}（${m.kind}${m.level ? `，${m.level}` : ''}，${m.matters === null ? '所有事项' : m.matters.join('、')}）`,
  );
  const grades = d.grades.map((g) => `${g.scale} ${g.grade}`);
  return [
    `名单：${lists.length > 0 ? lists.join('；') : '无'}`,
    `措施：${measures.length > 0 ? measures.join('；') : '无'}`,
    `等级：${grades.length > 0 ? grades.join('；') : '无'}`,
  ];
}

const indent = (text: string, pad: string): string =>
  text
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');

function evaluatedBlock(e: Evaluated, json: boolean): string[] {
  const out = [`  ${e.label}（评价日期 ${e.at}）：`];
  if (json) out.push(indent(JSON.stringify(e.subject, null, 2), '    '));
  out.push(...summarizeDecision(e.decision).map((l) => '    ' + l));
  return out;
}

function lawBlock(o: LawOutcome, reproduce: string): string[] {
  const head = `${o.law} — ${o.title}`;
  switch (o.status) {
    case 'holds':
      return [`✓ ${head}：成立（检查了 ${o.checked} 个生成主体）`];
    case 'not-applicable':
      return [`– ${head}：不适用（${o.reason ?? ''}）`];
    case 'error':
      return [`! ${head}：出错（${o.reason ?? ''}）`];
    case 'violated': {
      const c = o.counterexample;
      const out = [`✗ ${head}：不成立`, `  规律：${o.statement}`];
      if (!c) return out;
      out.push(`  反例（${c.clause}，缩减 ${o.shrinks ?? 0} 步）：${c.message}`);
      out.push(...evaluatedBlock(c.subject, true));
      if (c.subject.explanation !== undefined) {
        out.push('    说明：', indent(c.subject.explanation, '      '));
      }
      if (c.compared) out.push('  对照：', ...evaluatedBlock(c.compared, false));
      out.push(`  复现：${reproduce}`);
      return out;
    }
  }
}

/** `reproduce` is the command line that reruns this report (the CLI passes it; a library caller may omit it). */
export function renderVerifyReport(
  report: VerifyReport,
  reproduce = `seed ${report.seed}, runs ${report.runs}`,
): string {
  const lines = [
    `过惩相当验证：${report.policy.id} 版本 ${report.policy.version}（${report.policy.hash}）`,
    `种子 ${report.seed}，每条规律最多 ${report.runs} 个生成主体；失信类记录类型：${report.adverseTypes.join('、') || '无'}`,
    '',
  ];
  for (const law of report.laws) lines.push(...lawBlock(law, reproduce), '');
  const failed = report.laws.filter((l) => l.status === 'violated' || l.status === 'error').length;
  lines.push(failed === 0 ? '✓ 所有规律成立 (all laws hold)' : `✗ ${failed} 条规律不成立 (${failed} laws violated)`);
  return lines.join('\n');
}
