// Checker test helpers: policies as in-memory texts keyed by id, so tests need no files.
import type { CheckResult } from '../../dsl/index.js';
import { compileSource, parsePolicySource } from '../../dsl/index.js';

export const BASE = `
policy 基础 "测试基础" jurisdiction national version "1" effective 2020-01-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 警示 < 约谈 < 加强监管 < 限制 < 禁入
basis 法A "测试法" rank 法律 articles 第一条 第二条 第三条
basis 规B "测试规章" rank 部门规章 articles 第一条
enum 处罚种类 [警告, 罚款, 责令停产停业, 吊销许可证件]
record administrative_penalty "行政处罚"
  severity
  field fineAmount "罚款金额" money
  field penaltyKinds "处罚种类" list of 处罚种类
  field discretion "裁量" enum [从轻, 一般, 从重]
  field publishedOn "公示日期" date
`;

export function checkTexts(root: string, others: Record<string, string> = { 基础: BASE }): CheckResult {
  return compileSource(root, 'root.xy', (id) => {
    const text = others[id];
    if (text === undefined) return undefined;
    const parsed = parsePolicySource(text, `${id}.xy`);
    return { ast: parsed.ast, diagnostics: parsed.diagnostics };
  });
}

export function codes(result: CheckResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

export function header(extra = ''): string {
  return `policy 测试市 "测试城市" jurisdiction city 610800 version "1" effective 2021-01-01 extends 基础\n${extra}`;
}
