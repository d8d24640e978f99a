// The catalogue of every checker message: code → Chinese and English text, so wording lives in one place.
import type { Diagnostic, RelatedSpan, Severity } from '../diagnostic.js';
import type { Span } from '../span.js';

interface MessageSpec {
  readonly severity: Severity;
  readonly zh: (...args: string[]) => string;
  readonly en: (...args: string[]) => string;
}

const q = (s: string): string => '`' + s + '`';

export const CHECK_MESSAGES = {
  'check.unknown-policy': {
    severity: 'error',
    zh: (id) => `找不到被继承的政策 ${q(id)}`,
    en: (id) => `cannot find extended policy ${q(id)}`,
  },
  'check.extends-cycle': {
    severity: 'error',
    zh: (chain) => `政策继承形成循环：${chain}`,
    en: (chain) => `policies extend each other in a cycle: ${chain}`,
  },
  'check.duplicate': {
    severity: 'error',
    zh: (what, name) => `${what} ${q(name)} 重复声明`,
    en: (what, name) => `${what} ${q(name)} is declared more than once`,
  },
  'check.unknown-name': {
    severity: 'error',
    zh: (what, name) => `未声明的${what} ${q(name)}`,
    en: (what, name) => `unknown ${what} ${q(name)}`,
  },
  'check.unknown-field': {
    severity: 'error',
    zh: (type, name) => `记录类型 ${q(type)} 没有字段 ${q(name)}`,
    en: (type, name) => `record type ${q(type)} has no field ${q(name)}`,
  },
  'check.latest-per-type': {
    severity: 'error',
    zh: (type, name, ty) =>
      `记录类型 ${q(type)} 的 \`latest per\` 字段 ${q(name)} 是${ty === 'list' ? '列表' : '期限'}类型：只能按单一取值（整数、金额、文本、枚举、日期、是否）判断同一对象`,
    en: (type, name, ty) =>
      `\`latest per\` field ${q(name)} of record type ${q(type)} is a ${ty}: only a single value (integer, money, string, enum, date, boolean) can say two records are about the same thing`,
  },
  'check.unknown-enum-value': {
    severity: 'error',
    zh: (value, values) => `${q(value)} 不是可选值之一（可选：${values}）`,
    en: (value, values) => `${q(value)} is not one of the allowed values (${values})`,
  },
  'check.type-mismatch': {
    severity: 'error',
    zh: (expected, actual) => `类型不符：此处需要${expected}，实际为${actual}`,
    en: (expected, actual) => `type mismatch: expected ${expected}, found ${actual}`,
  },
  'check.counted-civil': {
    severity: 'error',
    zh: (found) => `\`counted civil\` 只能用于“日期 + 期限”（民法典第二百零三条顺延期间的最后一日），这里是${found}`,
    en: (found) =>
      `\`counted civil\` applies to a date plus a duration (the last day of a period, moved off a rest day by 民法典 第二百零三条), not to ${found}`,
  },
  'check.bad-operands': {
    severity: 'error',
    zh: (op, left, right) => `运算 ${q(op)} 不能用于${left}和${right}`,
    en: (op, left, right) => `operator ${q(op)} cannot combine ${left} and ${right}`,
  },
  'check.aggregate-field-type': {
    severity: 'error',
    zh: (op, field, ty) =>
      `运算 ${q(op)} 须作用于${op === 'sum' ? '数值（整数、小数或金额）' : '数值或日期'}字段，${q(field)} 是${ty}`,
    en: (op, field, ty) =>
      `operator ${q(op)} needs a ${op === 'sum' ? 'number (integer, decimal or money)' : 'number or date'} field; ${q(field)} is ${ty}`,
  },
  'check.missing-basis': {
    severity: 'error',
    zh: (what, name) => `${what} ${q(name)} 没有法律依据（basis）`,
    en: (what, name) => `${what} ${q(name)} cites no legal basis`,
  },
  'check.unknown-basis': {
    severity: 'error',
    zh: (name) => `未声明的依据文件 ${q(name)}`,
    en: (name) => `unknown basis document ${q(name)}`,
  },
  'check.undeclared-article': {
    severity: 'warning',
    zh: (article, basis) => `依据 ${q(basis)} 未声明条款 ${q(article)}`,
    en: (article, basis) => `basis ${q(basis)} does not declare article ${q(article)}`,
  },
  'check.undeclared-section': {
    severity: 'warning',
    zh: (section, basis) => `依据 ${q(basis)} 未声明部分 ${q(section)}`,
    en: (section, basis) => `basis ${q(basis)} does not declare section ${q(section)}`,
  },
  'check.unknown-scale-level': {
    severity: 'error',
    zh: (scale, value) => `${scale}中没有等级 ${q(value)}`,
    en: (scale, value) => `the ${scale} scale has no value ${q(value)}`,
  },
  'check.missing-scale': {
    severity: 'error',
    zh: (scale) => `没有声明${scale}（scale）`,
    en: (scale) => `no ${scale} scale is declared`,
  },
  'check.scale-conflict': {
    severity: 'error',
    zh: (scale) => `各层对${scale}的声明不一致`,
    en: (scale) => `layers declare different ${scale} scales`,
  },
  'check.unset-param': {
    severity: 'warning',
    zh: (name) => `参数 ${q(name)} 尚未设定取值，须由信用办填写`,
    en: (name) => `parameter ${q(name)} has no value yet; the credit office must fill it`,
  },
  'check.list-cycle': {
    severity: 'error',
    zh: (chain) => `名单之间相互引用形成循环：${chain}`,
    en: (chain) => `lists refer to each other in a cycle: ${chain}`,
  },
  'check.unsatisfiable': {
    severity: 'warning',
    zh: (what) => `条件永远不能成立：${what}`,
    en: (what) => `condition can never hold: ${what}`,
  },
  'check.out-of-scope': {
    severity: 'error',
    zh: (what, name, set) => `${what} ${q(name)} 不在范围 ${q(set)} 之内`,
    en: (what, name, set) => `${what} ${q(name)} is outside the scope ${q(set)}`,
  },
  'check.missing-category': {
    severity: 'error',
    zh: (what, name, set) => `${what} ${q(name)} 必须归入范围 ${q(set)} 中的一类`,
    en: (what, name, set) => `${what} ${q(name)} must be placed in a category of ${q(set)}`,
  },
  'check.widen-scope': {
    severity: 'error',
    zh: (what, detail) => `不得扩大上级政策的范围：${what}${detail}`,
    en: (what, detail) => `a layer may not widen its base: ${what}${detail}`,
  },
  'check.invalid-date': {
    severity: 'error',
    zh: (date) => `日期 ${q(date)} 不存在`,
    en: (date) => `date ${q(date)} does not exist`,
  },
  'check.rule-shape': {
    severity: 'error',
    zh: (name) => `规则 ${q(name)} 须有 \`for\` 或 \`when\` 之一（不能都有或都没有）`,
    en: (name) => `rule ${q(name)} needs exactly one of \`for\` and \`when\``,
  },
  'check.from-took-where': {
    severity: 'warning',
    zh: (name) =>
      `规则 ${q(name)} 的 \`from\` 表达式以汇总结尾，其后的 \`where\` 归入了汇总而非规则；若 \`where\` 是规则的条件，请给 \`from\` 表达式加括号`,
    en: (name) =>
      `in rule ${q(name)} the aggregate that ends the \`from\` expression took the \`where\` after it, and the rule has none; if the \`where\` is the rule's condition, put the \`from\` expression in parentheses`,
  },
  'check.where-took-or': {
    severity: 'warning',
    zh: (outer, inner) =>
      `\`${outer} where …\` 的 \`where\` 包含了其后的 \`or\` 和对 ${q(inner)} 的汇总；若它们应是外层条件，请给前一个汇总加括号：\`(${outer} where …) or …\``,
    en: (outer, inner) =>
      `the \`where\` of \`${outer} where …\` took the \`or\` after it and the aggregate over ${q(inner)}; if they belong to the outer condition, put the first aggregate in parentheses: \`(${outer} where …) or …\``,
  },
  'check.field-not-date': {
    severity: 'error',
    zh: (name) => `字段 ${q(name)} 不是日期类型`,
    en: (name) => `field ${q(name)} is not a date`,
  },
  'check.extend-field-type': {
    severity: 'error',
    zh: (name) => `\`extend to\` 的字段 ${q(name)} 须为日期（延至该日）或期间（自列入之日起算的期限）类型`,
    en: (name) =>
      `the \`extend to\` field ${q(name)} must be a date (held to that day) or a duration (a term counted from the listing day)`,
  },
  'check.until-field-type': {
    severity: 'error',
    zh: (name) => `\`until\` 的字段 ${q(name)} 须为日期类型（列入至该日止）`,
    en: (name) => `the \`until\` field ${q(name)} must be a date (the listing ends on that day)`,
  },
  'check.outer-outside-aggregate': {
    severity: 'error',
    zh: (name) => `\`outer ${name}\` 只能用在汇总（any/all/count/sum/max/min）的 \`where\` 条件中，指汇总所在处的记录`,
    en: (name) =>
      `\`outer ${name}\` can only be used inside an aggregate's \`where\` (any/all/count/sum/max/min): it reads the record the aggregate is reached from`,
  },
  'check.outer-no-record': {
    severity: 'error',
    zh: (name) =>
      `\`outer ${name}\`：该汇总所在处没有记录（名单的 \`when\` 规则、措施和评价条件按主体整体判断），只能在 \`for\` 规则、提前移出条件或另一汇总的 \`where\` 中使用`,
    en: (name) =>
      `\`outer ${name}\`: there is no record where this aggregate sits (a list's \`when\` rule, a measure or a grading condition is about the subject as a whole); use it inside a \`for\` rule, an early-removal condition or another aggregate's \`where\``,
  },
  'check.no-record-scope': {
    severity: 'error',
    zh: (name) => `${q(name)} 是记录字段，只能在 \`for\`/\`where\` 之内使用`,
    en: (name) => `${q(name)} is a record field and can only be used inside \`for\` / \`where\``,
  },
  'check.severity-not-declared': {
    severity: 'error',
    zh: (type) => `记录类型 ${q(type)} 没有严重程度（severity）`,
    en: (type) => `record type ${q(type)} carries no severity`,
  },
  'check.points-field-needs-per': {
    severity: 'error',
    zh: (item, field) => `计分项 ${q(item)} 按字段 ${q(field)} 计分，须写明 \`per 记录类型\`（逐条累加该字段）`,
    en: (item, field) =>
      `score item ${q(item)} takes its points from the field ${q(field)}, so it needs \`per TYPE\` (the field is summed over those records)`,
  },
  'check.empty-grading': {
    severity: 'error',
    zh: (name) => `评价 ${q(name)} 没有等级区间（band）也没有直接判级规则`,
    en: (name) => `grading ${q(name)} has neither bands nor direct-grade rules`,
  },
  'check.level-exceeds-list': {
    severity: 'error',
    zh: (measure, level, list, max) =>
      `措施 ${q(measure)} 的等级 ${q(level)} 超过名单 ${q(list)} 允许的最高等级 ${q(max)}`,
    en: (measure, level, list, max) =>
      `measure ${q(measure)} at level ${q(level)} exceeds the highest level ${q(max)} that list ${q(list)} may carry`,
  },
  'check.unknown-matter': {
    severity: 'warning',
    zh: (matter) => `事项 ${q(matter)} 不在事项目录（\`enum 事项\`）中；业务系统须发送完全相同的名称才能匹配`,
    en: (matter) =>
      `matter ${q(matter)} is not in the matter catalogue (\`enum 事项\`); callers must send exactly this name to match`,
  },
  'check.policy-dates': {
    severity: 'error',
    zh: (detail) => `政策生效日期有误：${detail}`,
    en: (detail) => `policy dates are wrong: ${detail}`,
  },
  'check.param-order': {
    severity: 'error',
    zh: (name) => `参数 ${q(name)} 的版本生效日期重复`,
    en: (name) => `parameter ${q(name)} has two versions from the same date`,
  },
  'check.fill-not-inherited': {
    severity: 'error',
    zh: (name, layer) => `只能填写所继承的上级政策中声明的参数：参数 ${q(name)} 声明于 ${q(layer)}`,
    en: (name, layer) =>
      `a layer can fill only a parameter declared in a policy it extends: ${q(name)} is declared in ${q(layer)}`,
  },
  'check.replaces-not-inherited': {
    severity: 'error',
    zh: (list, target, layer) => `名单 ${q(list)} 只能取代所继承的上级政策中的名单：${q(target)} 声明于 ${q(layer)}`,
    en: (list, target, layer) =>
      `list ${q(list)} can replace only a list of a policy its layer extends: ${q(target)} is declared in ${q(layer)}`,
  },
  'check.replaces-kind': {
    severity: 'error',
    zh: (list, kind, target, targetKind) =>
      `名单 ${q(list)}（${kind}）不能取代种类不同的名单 ${q(target)}（${targetKind}）`,
    en: (list, kind, target, targetKind) =>
      `list ${q(list)} (${kind}) cannot replace ${q(target)}, a list of another kind (${targetKind})`,
  },
  'check.replaces-twice': {
    severity: 'error',
    zh: (target, first, second) => `名单 ${q(target)} 被取代了两次：${q(first)} 与 ${q(second)}`,
    en: (target, first, second) => `list ${q(target)} is replaced twice: by ${q(first)} and by ${q(second)}`,
  },
  'check.fill-set': {
    severity: 'error',
    zh: (label) => `基础层已规定「${label}」的取值，扩展层只可填写未规定的参数`,
    en: (label) => `the base already sets 「${label}」; a layer may fill only a parameter the base leaves unset`,
  },
  'check.fill-unset': {
    severity: 'error',
    zh: (name) => `填写参数 ${q(name)} 须给出取值，不能写 \`unset\``,
    en: (name) => `a fill of ${q(name)} must give a value, not \`unset\``,
  },
  'check.fill-twice': {
    severity: 'error',
    zh: (name, first, second) => `参数 ${q(name)} 被填写了两次：${q(first)} 与 ${q(second)}`,
    en: (name, first, second) => `parameter ${q(name)} is filled twice: in ${q(first)} and in ${q(second)}`,
  },
  'proportionality.minor-reaches-heavy': {
    severity: 'warning',
    zh: (measure, level, list, rule) =>
      `小过重惩：措施 ${q(measure)}（${level}）可因仅有轻微或一般失信记录的主体而适用（经名单 ${q(list)} 规则 ${q(rule)}）`,
    en: (measure, level, list, rule) =>
      `minor faults reach a heavy measure: ${q(measure)} (${level}) applies to a subject with only minor or ordinary records (via list ${q(list)}, rule ${q(rule)})`,
  },
  'proportionality.black-on-minor': {
    severity: 'warning',
    zh: (list, rule) => `严重失信名单 ${q(list)} 的规则 ${q(rule)} 仅凭一般失信记录即可满足`,
    en: (list, rule) => `rule ${q(rule)} of black list ${q(list)} can be satisfied by ordinary (一般) records alone`,
  },
  'proportionality.basis-rank': {
    severity: 'error',
    zh: (measure, ranks) =>
      `减损权益的措施 ${q(measure)} 须以法律、法规或党中央、国务院政策文件为依据，现有依据仅为：${ranks}`,
    en: (measure, ranks) =>
      `rights-reducing measure ${q(measure)} needs a law, regulation or State Council policy as basis; it cites only: ${ranks}`,
  },
  'proportionality.local-black-list': {
    severity: 'error',
    zh: (list) => `地方设立的严重失信主体名单 ${q(list)} 须以地方性法规为依据（国办发〔2020〕49号（七））`,
    en: (list) => `a locally created black list ${q(list)} needs a local regulation (地方性法规) as its basis`,
  },
  'proportionality.third-party': {
    severity: 'error',
    zh: (measure) => `措施 ${q(measure)} 针对失信主体以外的第三方（陕西省社会信用条例第三十二条）`,
    en: (measure) => `measure ${q(measure)} targets a third party, not the dishonest subject`,
  },
  'proportionality.representative-basis': {
    severity: 'error',
    zh: (measure) => `措施 ${q(measure)} 针对法定代表人、负责人，须有法律或行政法规明文依据`,
    en: (measure) =>
      `measure ${q(measure)} targets the legal representative and needs a law or administrative regulation as basis`,
  },
  'proportionality.unpublished': {
    severity: 'error',
    zh: (measure) => `惩戒措施 ${q(measure)} 未挂靠任何名单或等级，属未经公布的惩戒措施`,
    en: (measure) => `penalty measure ${q(measure)} is attached to no list or grade: an unpublished measure`,
  },
  'proportionality.reward-and-penalty': {
    severity: 'warning',
    zh: (reward, penalty, matter) =>
      `激励措施 ${q(reward)} 与惩戒措施 ${q(penalty)} 可能在同一事项（${matter}）上同时适用于同一主体`,
    en: (reward, penalty, matter) =>
      `reward ${q(reward)} and penalty ${q(penalty)} can both apply to one subject in the same matter (${matter})`,
  },
} as const satisfies Record<string, MessageSpec>;

export type CheckCode = keyof typeof CHECK_MESSAGES;

export function diagnostic(
  code: CheckCode,
  span: Span | undefined,
  args: readonly string[],
  extra: { help?: string; related?: readonly RelatedSpan[]; severity?: Severity } = {},
): Diagnostic {
  const spec: MessageSpec = CHECK_MESSAGES[code];
  return {
    code,
    severity: extra.severity ?? spec.severity,
    message: spec.zh(...args),
    messageEn: spec.en(...args),
    ...(span ? { span } : {}),
    ...(extra.help !== undefined ? { help: extra.help } : {}),
    ...(extra.related !== undefined && extra.related.length > 0 ? { related: extra.related } : {}),
  };
}
