// Turns an impact tally and the affected-subject files into a report (text, JSON, Markdown or HTML), streamed.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { canonicalJson } from '../../dsl/index.js';
import type { PolicyRef } from '../../engine/diff/render.js';
import { escapeHtml, HTML_STYLE } from '../../engine/diff/render.js';
import { readLines } from '../lines.js';
import type { AffectedLine, Counter, ImpactResult, ImpactTally } from './impact.js';

export type ImpactFormat = 'text' | 'json' | 'md' | 'html';

export interface ImpactHeader {
  readonly old: PolicyRef;
  readonly new: PolicyRef;
  readonly input: string;
  readonly mode: 'subjects' | 'decisions';
  readonly at?: string;
  readonly matter?: string;
}

async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function* affected(file: string): AsyncGenerator<AffectedLine> {
  for await (const line of readLines(file)) {
    if (line.text !== undefined) yield JSON.parse(line.text) as AffectedLine;
  }
}

const sortedEntries = <T>(m: Map<string, T>): [string, T][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function summaryRows(t: ImpactTally, mode: ImpactHeader['mode']): [string, number][] {
  return [
    [mode === 'decisions' ? '复核决定数 (decisions)' : '评价主体数 (subjects evaluated)', t.evaluated],
    ['失败 (failed)', t.failed],
    ['结果不变 (unchanged)', t.unchanged],
    ['结果改变 (affected)', t.affected],
    ['新列入名单 (newly listed)', t.newlyListed],
    ['移出名单 (delisted)', t.delisted],
    ['列入期限或理由变化 (listing changed)', t.listingChanged],
    ['新增措施 (gaining measures)', t.gainingMeasures],
    ['减少措施 (losing measures)', t.losingMeasures],
    ['措施期限或内容变化 (measure changed)', t.measureChanged],
    ['评价等级变化 (grade changed)', t.gradeChanged],
    ['仅分值、依据表述等变化 (other only)', t.otherOnly],
    ...(mode === 'decisions'
      ? ([
          ['原决定非由旧版本作出 (logged under another version)', t.otherVersion],
          ['原决定与旧版本复算不一致 (not replayable under OLD)', t.replayMismatch],
        ] as [string, number][])
      : []),
  ];
}

function counterRows(m: Map<string, Counter>): [string, number, number, number][] {
  return sortedEntries(m).map(([name, c]) => [name, c.listed, c.delisted, c.changed]);
}

function headerLines(h: ImpactHeader): string[] {
  const ref = (p: PolicyRef): string =>
    `${p.id} 版本“${p.version}” ${p.hash}${p.file !== undefined ? `（${p.file}）` : ''}`;
  return [
    `旧版本 (old): ${ref(h.old)}`,
    `新版本 (new): ${ref(h.new)}`,
    `${h.mode === 'decisions' ? '决定记录' : '主体文件'} (input): ${h.input}`,
    ...(h.at !== undefined ? [`评价日期 (at): ${h.at}`] : []),
    ...(h.matter !== undefined ? [`事项 (matter): ${h.matter}`] : []),
  ];
}

async function renderText(out: Writable, h: ImpactHeader, r: ImpactResult): Promise<void> {
  const t = r.tally;
  const lines = [
    '政策影响评估 (impact)',
    ...headerLines(h),
    '',
    ...summaryRows(t, h.mode).map(([k, v]) => `  ${k}: ${v}`),
  ];
  if (t.perList.size > 0) {
    lines.push('', '按名单 (by list): 新列入 / 移出 / 期限或理由变化');
    for (const [n, a, b, c] of counterRows(t.perList)) lines.push(`  ${n}: ${a} / ${b} / ${c}`);
  }
  if (t.perMeasure.size > 0) {
    lines.push('', '按措施 (by measure): 新增 / 减少 / 变化');
    for (const [n, a, b, c] of counterRows(t.perMeasure)) lines.push(`  ${n}: ${a} / ${b} / ${c}`);
  }
  if (t.gradeMoves.size > 0) {
    lines.push('', '等级变化 (grade moves):');
    for (const [move, n] of sortedEntries(t.gradeMoves)) lines.push(`  ${move}: ${n}`);
  }
  await put(out, lines.join('\n') + '\n');
  if (t.affected === 0) return;
  await put(out, '\n受影响的主体 (affected subjects):\n');
  for await (const a of affected(r.affectedFile)) {
    await put(
      out,
      `  ${a.n}. 第${a.line}行 ${a.subject} ${a.at}${a.matter !== null ? ` ${a.matter}` : ''}: ${a.changes.join('；')}\n`,
    );
  }
  await put(out, '\n详细说明 (details, both explanations):\n');
  for await (const a of affected(r.detailsFile)) {
    const ind = (s: string | undefined): string =>
      (s ?? '')
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n');
    await put(
      out,
      `\n  ${a.n}. ${a.subject}: ${a.changes.join('；')}\n    旧版本说明:\n${ind(a.oldExplanation)}\n    新版本说明:\n${ind(a.newExplanation)}\n`,
    );
  }
}

async function renderJson(out: Writable, h: ImpactHeader, r: ImpactResult): Promise<void> {
  const t = r.tally;
  const summary = {
    ...h,
    counts: Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v === 'number')),
    perList: Object.fromEntries(t.perList),
    perMeasure: Object.fromEntries(t.perMeasure),
    gradeMoves: Object.fromEntries(t.gradeMoves),
  };
  await put(out, `{"summary":${canonicalJson(summary)},"details":[`);
  let first = true;
  for await (const a of affected(r.detailsFile)) {
    await put(out, (first ? '\n' : ',\n') + canonicalJson(a));
    first = false;
  }
  await put(out, '],"affected":[');
  first = true;
  for await (const a of affected(r.affectedFile)) {
    await put(out, (first ? '\n' : ',\n') + canonicalJson(a));
    first = false;
  }
  await put(out, ']}\n');
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

async function renderMarkdown(out: Writable, h: ImpactHeader, r: ImpactResult): Promise<void> {
  const t = r.tally;
  const lines = [
    '# 政策版本影响评估报告',
    '',
    ...headerLines(h).map((l) => `- ${l}`),
    '',
    '| 项目 | 数量 |',
    '| --- | ---: |',
  ];
  for (const [k, v] of summaryRows(t, h.mode)) lines.push(`| ${k} | ${v} |`);
  if (t.perList.size > 0) {
    lines.push('', '## 按名单', '', '| 名单 | 新列入 | 移出 | 期限或理由变化 |', '| --- | ---: | ---: | ---: |');
    for (const [n, a, b, c] of counterRows(t.perList)) lines.push(`| ${md(n)} | ${a} | ${b} | ${c} |`);
  }
  if (t.perMeasure.size > 0) {
    lines.push('', '## 按措施', '', '| 措施 | 新增 | 减少 | 变化 |', '| --- | ---: | ---: | ---: |');
    for (const [n, a, b, c] of counterRows(t.perMeasure)) lines.push(`| ${md(n)} | ${a} | ${b} | ${c} |`);
  }
  if (t.gradeMoves.size > 0) {
    lines.push('', '## 等级变化', '', '| 变化 | 主体数 |', '| --- | ---: |');
    for (const [move, n] of sortedEntries(t.gradeMoves)) lines.push(`| ${move} | ${n} |`);
  }
  await put(out, lines.join('\n') + '\n');
  if (t.affected > 0) {
    await put(out, '\n## 详细说明（前若干个受影响主体，新旧版本说明对照）\n');
    for await (const a of affected(r.detailsFile)) {
      await put(
        out,
        `\n### ${a.n}. ${a.subject}（第${a.line}行，${a.at}${a.matter !== null ? `，${a.matter}` : ''}）\n\n${a.changes.join('；')}\n\n旧版本说明：\n\n\`\`\`\n${a.oldExplanation ?? ''}\n\`\`\`\n\n新版本说明：\n\n\`\`\`\n${a.newExplanation ?? ''}\n\`\`\`\n`,
      );
    }
    await put(out, '\n## 受影响主体清单\n\n| # | 行 | 主体 | 评价日期 | 变化 |\n| ---: | ---: | --- | --- | --- |\n');
    for await (const a of affected(r.affectedFile)) {
      await put(out, `| ${a.n} | ${a.line} | ${a.subject} | ${a.at} | ${md(a.changes.join('；'))} |\n`);
    }
  }
  await put(
    out,
    '\n## 审核意见\n\n审核意见：______________________________\n\n审核人（签字）：__________    日期：__________\n',
  );
}

async function renderHtml(out: Writable, h: ImpactHeader, r: ImpactResult): Promise<void> {
  const e = escapeHtml;
  const t = r.tally;
  const table = (head: string[], rows: (string | number)[][]): string =>
    `<table><tr>${head.map((x) => `<th>${e(x)}</th>`).join('')}</tr>${rows
      .map((row) => `<tr>${row.map((x) => `<td>${e(String(x))}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  let html = `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>政策版本影响评估报告</title><style>${HTML_STYLE}</style></head><body>\n<h1>政策版本影响评估报告</h1>\n<ul>${headerLines(
    h,
  )
    .map((l) => `<li>${e(l)}</li>`)
    .join('')}</ul>\n${table(['项目', '数量'], summaryRows(t, h.mode))}\n`;
  if (t.perList.size > 0)
    html += `<h2>按名单</h2>${table(['名单', '新列入', '移出', '期限或理由变化'], counterRows(t.perList))}\n`;
  if (t.perMeasure.size > 0)
    html += `<h2>按措施</h2>${table(['措施', '新增', '减少', '变化'], counterRows(t.perMeasure))}\n`;
  if (t.gradeMoves.size > 0) html += `<h2>等级变化</h2>${table(['变化', '主体数'], sortedEntries(t.gradeMoves))}\n`;
  await put(out, html);
  if (t.affected > 0) {
    await put(out, '<h2>详细说明</h2>\n');
    for await (const a of affected(r.detailsFile)) {
      await put(
        out,
        `<h3>${a.n}. ${e(a.subject)}（第${a.line}行，${e(a.at)}）</h3><p>${e(a.changes.join('；'))}</p><h4>旧版本说明</h4><pre>${e(a.oldExplanation ?? '')}</pre><h4>新版本说明</h4><pre>${e(a.newExplanation ?? '')}</pre>\n`,
      );
    }
    await put(
      out,
      '<h2>受影响主体清单</h2><table><tr><th>#</th><th>行</th><th>主体</th><th>评价日期</th><th>变化</th></tr>\n',
    );
    for await (const a of affected(r.affectedFile)) {
      await put(
        out,
        `<tr><td>${a.n}</td><td>${a.line}</td><td>${e(a.subject)}</td><td>${e(a.at)}</td><td>${e(a.changes.join('；'))}</td></tr>\n`,
      );
    }
    await put(out, '</table>\n');
  }
  await put(
    out,
    '<div class="sign"><p>审核意见：</p><p>审核人（签字）：＿＿＿＿＿＿ 日期：＿＿＿＿＿＿</p></div>\n</body></html>\n',
  );
}

export async function renderImpact(
  out: Writable,
  format: ImpactFormat,
  header: ImpactHeader,
  result: ImpactResult,
): Promise<void> {
  switch (format) {
    case 'text':
      return renderText(out, header, result);
    case 'json':
      return renderJson(out, header, result);
    case 'md':
      return renderMarkdown(out, header, result);
    case 'html':
      return renderHtml(out, header, result);
  }
}
