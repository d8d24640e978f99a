// Turns a diff report (changes, and witnesses when searched) into text, JSON, Markdown or HTML for 法制审核.
import { canonicalJson } from '../../dsl/canonical.js';
import type { Span } from '../../dsl/span.js';
import type { Witness } from '../witness/index.js';
import type { Direction, PolicyChange } from './types.js';
import { DIRECTION_EN } from './types.js';

export type DiffFormat = 'text' | 'json' | 'md' | 'html';

export interface PolicyRef {
  readonly file?: string;
  readonly id: string;
  readonly version: string;
  readonly hash: string;
}

export interface DiffReport {
  readonly old: PolicyRef;
  readonly new: PolicyRef;
  readonly changes: readonly PolicyChange[];
  /** one per change, same order, when a witness search was run */
  readonly witnesses?: readonly Witness[];
}

const DIRECTIONS: readonly Direction[] = ['从严', '从宽', '中性', '不确定'];

export function spanText(span: Span | undefined): string {
  return span === undefined ? '—' : `${span.file}:${span.start.line}:${span.start.column}`;
}

function counts(changes: readonly PolicyChange[]): Record<Direction, number> {
  const out: Record<Direction, number> = { 从严: 0, 从宽: 0, 中性: 0, 不确定: 0 };
  for (const c of changes) out[c.direction]++;
  return out;
}

function summary(r: DiffReport): string {
  if (r.old.hash === r.new.hash) return '两个版本的内容哈希相同：实质内容无变化 (no change in effect)';
  const n = counts(r.changes);
  return (
    `共 ${r.changes.length} 处实质变化：` +
    DIRECTIONS.map((d) => `${d} ${n[d]}`).join('，') +
    ` (${r.changes.length} changes in effect)`
  );
}

const ref = (p: PolicyRef): string =>
  `${p.id} 版本“${p.version}” ${p.hash}${p.file !== undefined ? `（${p.file}）` : ''}`;

function witnessLine(w: Witness | undefined): string | undefined {
  if (w === undefined) return undefined;
  if (!w.found || !w.case)
    return `见证：在 ${w.tried} 个生成案例（生成主体及其评价日期前后十日）中未找到结果不同的主体 (no witness within budget)`;
  const matter = w.case.matter !== undefined ? `，事项“${w.case.matter}”` : '';
  return `见证：主体 ${w.case.subject.id}，评价日期 ${w.case.at}${matter}：${(w.difference ?? []).join('；') || '结果不同'}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function renderText(r: DiffReport): string {
  const out = [
    '政策差异审查 (semantic diff)',
    `旧版本 (old): ${ref(r.old)}`,
    `新版本 (new): ${ref(r.new)}`,
    `结论: ${summary(r)}`,
  ];
  r.changes.forEach((c, i) => {
    out.push('', `${String(i + 1).padStart(3)}. [${c.direction}] ${c.text}`);
    out.push(`     位置: 旧 ${spanText(c.spans.old)}  新 ${spanText(c.spans.new)}`);
    const w = r.witnesses?.[i];
    const line = witnessLine(w);
    if (line !== undefined) out.push(`     ${line}`);
    if (w?.found && w.case) {
      out.push(`     主体 (subject): ${canonicalJson(w.case.subject)}`);
      out.push('     旧版本说明 (old explanation):', indent(w.oldExplanation ?? '', '       '));
      out.push('     新版本说明 (new explanation):', indent(w.newExplanation ?? '', '       '));
    }
  });
  return out.join('\n') + '\n';
}

function renderJson(r: DiffReport): string {
  return (
    canonicalJson({
      equal: r.old.hash === r.new.hash,
      old: r.old,
      new: r.new,
      counts: counts(r.changes),
      changes: r.changes,
      ...(r.witnesses !== undefined ? { witnesses: r.witnesses } : {}),
    }) + '\n'
  );
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderMarkdown(r: DiffReport): string {
  const n = counts(r.changes);
  const out = [
    '# 政策版本差异审查报告',
    '',
    `- 旧版本：${ref(r.old)}`,
    `- 新版本：${ref(r.new)}`,
    `- 结论：${summary(r)}`,
    '',
    '| 方向 | 数量 |',
    '| --- | ---: |',
    ...DIRECTIONS.map((d) => `| ${d} (${DIRECTION_EN[d]}) | ${n[d]} |`),
  ];
  if (r.changes.length > 0) {
    out.push(
      '',
      '## 变化清单',
      '',
      '| # | 方向 | 变化 | 旧位置 | 新位置 | 见证 |',
      '| ---: | --- | --- | --- | --- | --- |',
    );
    r.changes.forEach((c, i) => {
      const w = r.witnesses?.[i];
      const wit = w === undefined ? '' : w.found ? `见 W${i + 1}` : `未找到（${w.tried} 例）`;
      out.push(
        `| ${i + 1} | ${c.direction} | ${mdCell(c.text)} | ${spanText(c.spans.old)} | ${spanText(c.spans.new)} | ${wit} |`,
      );
    });
  }
  const found = (r.witnesses ?? []).filter((w) => w.found);
  if (found.length > 0) {
    out.push('', '## 见证主体', '');
    for (const w of found) {
      const c = r.changes[w.change];
      out.push(`### W${w.change + 1}：${c?.text ?? ''}`, '', witnessLine(w) ?? '', '');
      out.push('```json', canonicalJson(w.case?.subject ?? null), '```', '');
      out.push(
        '旧版本说明：',
        '',
        '```',
        w.oldExplanation ?? '',
        '```',
        '',
        '新版本说明：',
        '',
        '```',
        w.newExplanation ?? '',
        '```',
        '',
      );
    }
  }
  out.push(
    '',
    '## 审核意见',
    '',
    '审核意见：______________________________',
    '',
    '审核人（签字）：__________    日期：__________',
    '',
  );
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const HTML_STYLE =
  'body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;line-height:1.6}' +
  'table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;vertical-align:top}' +
  '.从严{color:#b00020}.从宽{color:#1b5e20}.不确定{color:#8a6d00}pre{background:#f6f6f6;padding:8px;white-space:pre-wrap}' +
  '.sign{margin-top:3em;border-top:1px solid #999;padding-top:1em}';

function renderHtml(r: DiffReport): string {
  const e = escapeHtml;
  const n = counts(r.changes);
  const rows = r.changes
    .map((c, i) => {
      const w = r.witnesses?.[i];
      const wit = w === undefined ? '' : w.found ? `<a href="#w${i + 1}">W${i + 1}</a>` : `未找到（${w.tried} 例）`;
      return `<tr><td>${i + 1}</td><td class="${c.direction}">${c.direction}</td><td>${e(c.text)}</td><td>${e(spanText(c.spans.old))}</td><td>${e(spanText(c.spans.new))}</td><td>${wit}</td></tr>`;
    })
    .join('\n');
  const witnesses = (r.witnesses ?? [])
    .filter((w) => w.found)
    .map(
      (w) =>
        `<h3 id="w${w.change + 1}">W${w.change + 1}：${e(r.changes[w.change]?.text ?? '')}</h3><p>${e(witnessLine(w) ?? '')}</p>` +
        `<pre>${e(canonicalJson(w.case?.subject ?? null))}</pre><h4>旧版本说明</h4><pre>${e(w.oldExplanation ?? '')}</pre>` +
        `<h4>新版本说明</h4><pre>${e(w.newExplanation ?? '')}</pre>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政策版本差异审查报告</title><style>${HTML_STYLE}</style></head>
<body>
<h1>政策版本差异审查报告</h1>
<ul><li>旧版本：${e(ref(r.old))}</li><li>新版本：${e(ref(r.new))}</li><li>结论：${e(summary(r))}</li></ul>
<table><tr><th>方向</th><th>数量</th></tr>${DIRECTIONS.map((d) => `<tr><td class="${d}">${d}</td><td>${n[d]}</td></tr>`).join('')}</table>
${r.changes.length > 0 ? `<h2>变化清单</h2>\n<table><tr><th>#</th><th>方向</th><th>变化</th><th>旧位置</th><th>新位置</th><th>见证</th></tr>\n${rows}\n</table>` : ''}
${witnesses !== '' ? `<h2>见证主体</h2>\n${witnesses}` : ''}
<div class="sign"><p>审核意见：</p><p>审核人（签字）：＿＿＿＿＿＿ 日期：＿＿＿＿＿＿</p></div>
</body></html>
`;
}

export function renderDiff(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'text':
      return renderText(report);
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}
