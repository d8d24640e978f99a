// A small self-contained policy, and a way to compile variants of it, for the diff tests.
import { compileSource } from '../../dsl/index.js';
import type { SourceMap } from '../../dsl/index.js';
import type { PolicyIr } from '../../dsl/ir.js';

export const BASE = `
policy 测试市 "测试市公共信用管理办法"
  jurisdiction national
  version "2024"
  effective 2022-01-01

scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 约谈 < 加强监管 < 限制 < 禁入

basis 令44 "市场监督管理严重违法失信名单管理办法"
  rank 部门规章
  articles 第二条 第十条 第十二条 第十六条 第二十一条
basis 评价办法 "测试市公共信用综合评价办法"
  articles 第五条 第十条 第十二条
basis 采购法 "中华人民共和国政府采购法"
  rank 法律
  articles 第二十二条 第二十三条

record administrative_penalty "行政处罚"
  severity
  field fineAmount "罚款金额" money
  field penaltyKinds "处罚种类" list of [警告, 罚款, 吊销许可证件, 责令停产停业]
  field noIntent "无主观故意" boolean
record honor "表彰奖励"
  field honorRank "表彰级别" enum [国家级, 省级, 市级]

param 重点关注期 "重点关注名单期限" duration
  1 year from 2022-01-01 basis 评价办法 第十条

list 严重失信名单 black "严重违法失信名单"
  scope national
  duration 3 years basis 令44 第二十一条
  early removal after 1 year when fulfilledOn is set basis 令44 第十六条
  rule 较重处罚 "受到较重行政处罚" basis 令44 第二条
    for administrative_penalty
    where fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]
    unless noIntent == true basis 令44 第十二条

list 重点关注名单 grey "重点关注名单"
  scope local
  duration 重点关注期 basis 评价办法 第十条
  rule 多次处罚 "两年内三次以上行政处罚" basis 评价办法 第五条
    when count administrative_penalty within 2 years >= 3

list 诚信典型 red "诚信典型名单"
  scope local
  duration 2 years basis 评价办法 第五条
  rule 获表彰 basis 评价办法 第五条
    when any honor within 3 years

measure 限制参加政府采购 "限制参加政府采购活动"
  penalty level 限制 action block
  applies to 严重失信名单
  matters [政府采购]
  department "财政部门"
  basis 采购法 第二十二条

measure 重点关注提示 "重点关注提示"
  management level 提示 action warn
  applies to 重点关注名单
  basis 评价办法 第十条

measure 容缺受理 "容缺受理"
  reward action simplify
  applies to 诚信典型
  matters [行政审批]
  basis 评价办法 第五条

grading 公共信用评价 "公共信用综合评价"
  grades A > B > C > D
  base 1000
  range 0 .. 1200
  item 一般处罚 "一般行政处罚扣分" deduct 20 per administrative_penalty where severity == 一般 within 3 years cap 100 basis 评价办法 第十二条
  item 表彰 add 30 per honor within 3 years cap 90 basis 评价办法 第十二条
  band A from 1050
  band B from 900
  band C from 600
  band D from 0
  direct D when on 严重失信名单 basis 评价办法 第十二条
  supervision A ratio 0% .. 5% frequency "每年少于1次" basis 评价办法 第十二条
  supervision D ratio 50% .. 100% frequency "每年不少于2次" basis 评价办法 第十二条
`;

export interface Compiled {
  readonly ir: PolicyIr;
  readonly hash: string;
  readonly sources: SourceMap;
}

export function compile(text: string, file = 'test.xy'): Compiled {
  const r = compileSource(text, file, () => undefined);
  if (!r.ir || !r.hash) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    throw new Error(
      `policy does not compile:\n${errors.map((d) => `${d.span?.start.line ?? 0}:${d.span?.start.column ?? 0} ${d.message}`).join('\n')}`,
    );
  }
  return { ir: r.ir, hash: r.hash, sources: r.sources };
}

/** BASE with each [from, to] replaced once; a replacement that does not apply is a broken test. */
export function variant(...edits: readonly (readonly [string, string])[]): string {
  let text = BASE;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`edit does not apply: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}
