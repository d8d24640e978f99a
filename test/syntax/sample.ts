// A realistic policy exercising every construct of the language (kept in sync with docs/LANGUAGE.md).
export const SAMPLE = `# 榆林市 市场监管 示例策略
// 第二行注释
policy yulin_samr "榆林市市场监督管理信用策略"
  jurisdiction city 610800
  version "2024.1"
  effective 2024-01-01
  until 2028-12-31
  extends national, samr_blacklist

leniency ceiling 提示            # 初次轻微免罚
measures per record cap 6

# 国家层面的规章
basis 令44 "市场监督管理严重违法失信名单管理办法"
  rank 部门规章
  issuer "国家市场监督管理总局"
  number "市场监管总局令第44号"
  effective 2021-09-01
  until 2030-12-31
  articles 第二条 第五条 第十二条第二款 第十五条 第十六条 第二十一条
  certainty verified

basis 榆林要点2019 "榆林市社会信用体系建设工作要点"
  rank 规范性文件
  sections "十" "十一"
  certainty recalled

categories 严重失信范围 for black lists [危害生命健康安全, 破坏市场秩序和社会秩序, 拒不履行法定义务]
  basis 国办发49 section "（六）", 国发33
categories 全国基础清单 for penalty measures [减损权益或增加义务, 管理措施]
  basis 全国基础清单2021

scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 约谈 < 加强监管 < 限制 < 禁入

enum 处罚种类 [警告, 通报批评, 罚款, 没收违法所得, 吊销许可证件, 责令停产停业]

record administrative_penalty "行政处罚"
  severity
  # 罚款以元计
  field fineAmount "罚款金额" money
  field penaltyKinds "处罚种类" list of 处罚种类 required
  field discretion "裁量" enum [从轻, 一般, 从重, 减轻]
  field noIntent "无主观故意" boolean
  field domain "领域" string optional
  field publishedOn "公示日期" date
  field restrictionEnds "限制期满日" date
  field years "年度" integer
  field share "比例" decimal
  field 期限值 "期限" duration
  field tags "标签" list of [甲, 乙]
  field 类别 "类别" enum 处罚种类

record honor "表彰"

param 较低数额罚款 "较低数额罚款" money
  3000元 from 2023-10-27 basis 宁夏细则 section "二"
  1.5万元 from 2024-06-01 basis 宁夏细则 section "三" transition "过渡期内按旧标准"
param 严重失信最短公示期 "严重失信信息最短公示期" duration
  6 months from 2019-07-01 basis 发改办财金527
  1 year from 2023-05-01 basis 令58
param 抽查比例上限 "本地抽查比例上限" decimal unset
param 大额罚款 money 100万元

list 严重违法失信名单 black "市场监督管理严重违法失信名单"
  scope national
  category 严重失信范围.破坏市场秩序和社会秩序
  max level 限制
  basis 令44 第二条
  duration 3 years counted calendar basis 令44 第二十一条
  until revokedOn
  extend to restrictionEnds basis 令44 第二十一条
  early removal after 1 year when fulfilledOn is set and 已消除影响 basis 令44 第十六条
  objection pending suspend
  # 规则一
  rule 较重行政处罚 "受到较重行政处罚" basis 令44 第二条第二款
    for administrative_penalty from publishedOn
    where discretion == 从重 or penaltyKinds has any [吊销许可证件, 责令停产停业]
    unless noIntent == true basis 令44 第十二条第二款
  rule 多次处罚 "两年内三次以上行政处罚" basis 令44 第二条
    when count administrative_penalty within 2 years >= 3
  rule 大额 basis 《市场监督管理严重违法失信名单管理办法》 第十六条
    for administrative_penalty
    where fineAmount >= 大额罚款 and not (severity in [轻微, 一般]) and publishedOn > date + 7 workdays

list 守信激励名单 red
  scope local
  allow black
  rule 连续守信 when not any administrative_penalty within 3年 and grade 公共信用评价 == "A"

list 重点关注名单 grey "重点关注对象名单"
  duration 严重失信最短公示期
  rule 异议中 for administrative_penalty where objection == pending and 评价日期 - 6个月 <= date

measure 限制参加政府采购 "限制参加政府采购活动"
  penalty level 限制 action block
  category 全国基础清单.减损权益或增加义务, 陕西惩戒措施.限制公共资源交易
  applies to 严重违法失信名单, 失信被执行人名单
  applies to grade 公共信用评价 D, C
  matters [政府采购, 招标投标]
  department "财政部门"
  mandatory
  target subject
  term exactly 3 years
  basis 政府采购法 第二十二条第一款第（五）项, 政府采购条例 第十九条

measure 优先办理 "绿色通道"
  reward action prioritize
  applies to 守信激励名单
  discretionary
  target legal_representative

measure 加强检查 management level 加强监管 action inspect target third_party

narrow measure 限制参加政府采购 matters [政府采购] level 约谈

grading 公共信用评价 "公共信用综合评价"
  grades A > B > C > D
  base 1000
  range 0 .. 1200
  basis 榆林要点2019 section "十"
  # 扣分项
  item 一般行政处罚 "一般行政处罚扣分" deduct 20 per administrative_penalty where severity == 一般 within 3 years cap 100 basis 令44
  item 严重行政处罚 deduct 100 per administrative_penalty where severity == 严重 within 3 years basis 令44
  item 表彰 add 30 per honor within 3 years cap 90
  item 承诺履约 add 10 once when any credit_commitment where 履约 == true basis 令44
  item 罚款总额 deduct 5 once when sum fineAmount of administrative_penalty within 1 year > 10万元
  band A from 900
  band B from 700
  band C from 400
  band D from 0
  direct D when on 严重违法失信名单 basis 令44
  cap B when count administrative_penalty within 1 year > 0 basis 令44
  supervision A ratio 0% .. 5% frequency "每年少于1次" basis 榆林要点2019 section "十一"
  supervision D ratio 50% .. 100%
`;
