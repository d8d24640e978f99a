// Turns the policy language's kinds and actions into the Chinese words the explanation and the notice use.
import type { Action, MeasureKind } from '../../dsl/ast.js';
import type { ListOutcome } from '../contract.js';

/**
 * What a list is, said after its title: a red list is 守信激励, a black list a 严重失信主体名单 (国办发〔2020〕49号
 * （六）). A grey list is only what its own title says — 经营异常名录, a 行政处罚信息公示, a 重点关注名单 — so it gets
 * no second name; nor does a title that already says its kind.
 */
export function listKindSuffix(kind: ListOutcome['kind'], title: string): string {
  if (kind === 'red') return /红名单|激励/.test(title) ? '' : '（守信激励名单）';
  if (kind === 'black') return title.includes('严重失信主体名单') ? '' : '（严重失信主体名单）';
  return '';
}

const ACTION_ZH: Readonly<Record<Action, string>> = {
  block: '拦截',
  restrict: '限制',
  warn: '提示',
  prioritize: '优先办理',
  simplify: '简化手续',
  inspect: '加大检查频次',
};

const MEASURE_KIND_ZH: Readonly<Record<MeasureKind, string>> = {
  reward: '守信激励',
  penalty: '失信惩戒',
  management: '管理措施',
};

const MEASURE_KIND_NOTICE: Readonly<Record<MeasureKind, string>> = {
  reward: '守信激励措施',
  penalty: '失信惩戒措施',
  management: '管理措施',
};

/**
 * '失信惩戒措施，禁入' for the notice: the kind and the level. The action (拦截, 提示 …) tells a business system
 * what to do with the decision; the subject reads the measure's own words instead.
 */
export function noticeMeasureKind(m: { readonly kind: MeasureKind; readonly level?: string }): string {
  return m.level === undefined ? MEASURE_KIND_NOTICE[m.kind] : `${MEASURE_KIND_NOTICE[m.kind]}，${m.level}`;
}

/** '失信惩戒，限制，禁入': the kind, the action and (when set) the level of a measure. */
export function measureKindWords(m: {
  readonly kind: MeasureKind;
  readonly action: Action;
  readonly level?: string;
}): string {
  // the level often repeats the action's word (限制 / 限制): said once
  const level = m.level === undefined || m.level === ACTION_ZH[m.action] ? '' : '，' + m.level;
  return `${MEASURE_KIND_ZH[m.kind]}，${ACTION_ZH[m.action]}${level}`;
}
