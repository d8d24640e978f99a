// Turns two versions of the measure catalogue into changes: which measures, how heavy, in which matters, for whom.
import type { Action } from '../../dsl/ast.js';
import type { IrMeasure } from '../../dsl/ir.js';
import { formatDuration } from '../explain/format.js';
import type { Effect } from './monotone.js';
import { compareDurations, compareValues, same } from './monotone.js';
import type { ChangeSink } from './sink.js';
import { bothPolarity, direction } from './sink.js';
import { measurePolarity } from './sites.js';
import { condition, unionNames } from './lists.js';

const KIND_TEXT = { reward: '激励措施', penalty: '惩戒措施', management: '管理措施' } as const;
export const ACTION_TEXT: Readonly<Record<Action, string>> = {
  block: '拦截',
  restrict: '限制',
  warn: '提示警示',
  prioritize: '优先办理',
  simplify: '简化手续',
  inspect: '加大检查频次',
};
/** How much a burdening action weighs, lightest first; reward actions are not ordered among themselves. */
const ACTION_WEIGHT: Partial<Record<Action, number>> = { warn: 0, inspect: 1, restrict: 2, block: 3 };
const TARGET_TEXT = { subject: '信用主体本身', legal_representative: '法定代表人', third_party: '第三方' } as const;

/** 'more' when b ⊇ a (null = every matter, the largest set). */
function compareSetsOrAll(a: readonly string[] | null, b: readonly string[] | null): Effect {
  if (a === null && b === null) return 'same';
  if (a === null) return 'less';
  if (b === null) return 'more';
  const aInB = a.every((x) => b.includes(x));
  const bInA = b.every((x) => a.includes(x));
  return aInB && bInA ? 'same' : aInB ? 'more' : bInA ? 'less' : 'unknown';
}

const quoteAll = (xs: readonly string[]): string => xs.map((x) => `“${x}”`).join('、');

function triggers(m: IrMeasure): string[] {
  return [...m.lists.map((l) => `名单“${l}”`), ...m.grades.flatMap((g) => g.grades.map((x) => `“${g.grading}”${x}级`))];
}

export function diffMeasures(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  for (const name of unionNames(oldIr.measures, newIr.measures)) {
    const a = oldIr.measures[name];
    const b = newIr.measures[name];
    const key = `measure:${name}`;
    const path = ['measure', name];
    const what = `措施“${name}”`;
    if (!a || !b) {
      const m = (a ?? b) as IrMeasure;
      const added = a === undefined;
      const summary = `${KIND_TEXT[m.kind]}，${m.level !== undefined ? `等级${m.level}，` : ''}适用于${triggers(m).join('、') || '（无）'}`;
      sink.add({
        entity: 'measure',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : summary,
        after: added ? summary : null,
        sentence: `${added ? '新增' : '删除'}${what}（${summary}）`,
        direction: direction(added ? 'more' : 'less', measurePolarity(m.kind)),
      });
      continue;
    }
    const p = bothPolarity(measurePolarity(a.kind), measurePolarity(b.kind));
    sink.neutral('measure', [...path, 'label'], key, 'label', `${what}的名称`, a.label, b.label);
    sink.neutral(
      'measure',
      [...path, 'department'],
      key,
      'department',
      `${what}的实施部门`,
      a.department,
      b.department,
    );
    sink.layerMove('measure', [...path, 'layer'], key, what, a.layer, b.layer);
    const cats = (m: IrMeasure): string | undefined =>
      m.categories.map((c) => `${c.set}.${c.value}`).join('、') || undefined;
    sink.neutral('measure', [...path, 'category'], key, 'category', `${what}的所属类别`, cats(a), cats(b));
    sink.basis('measure', path, key, what, a.basis, b.basis);
    if (a.kind !== b.kind) {
      sink.add({
        entity: 'measure',
        path: [...path, 'kind'],
        key,
        aspect: 'kind',
        before: KIND_TEXT[a.kind],
        after: KIND_TEXT[b.kind],
        sentence: `${what}的性质由${KIND_TEXT[a.kind]}改为${KIND_TEXT[b.kind]}`,
        direction: '不确定',
      });
    }
    if (a.level !== b.level) {
      const effect: Effect =
        a.level === undefined || b.level === undefined ? 'unknown' : compareValues(a.level, b.level, 'level', newIr);
      sink.add({
        entity: 'measure',
        path: [...path, 'level'],
        key,
        aspect: 'level',
        before: a.level ?? null,
        after: b.level ?? null,
        sentence: `${what}的措施等级由“${a.level ?? '未定'}”改为“${b.level ?? '未定'}”`,
        direction: direction(effect, p),
      });
    }
    if (a.action !== b.action) {
      const wa = ACTION_WEIGHT[a.action];
      const wb = ACTION_WEIGHT[b.action];
      const effect: Effect = wa === undefined || wb === undefined ? 'unknown' : wb > wa ? 'more' : 'less';
      sink.add({
        entity: 'measure',
        path: [...path, 'action'],
        key,
        aspect: 'action',
        before: ACTION_TEXT[a.action],
        after: ACTION_TEXT[b.action],
        sentence: `${what}的处理方式由“${ACTION_TEXT[a.action]}”改为“${ACTION_TEXT[b.action]}”`,
        direction: direction(effect, p),
      });
    }
    if (!same(a.matters, b.matters)) {
      const effect = compareSetsOrAll(a.matters, b.matters);
      const before = a.matters === null ? '全部事项' : a.matters.join('、');
      const after = b.matters === null ? '全部事项' : b.matters.join('、');
      let sentence = `${what}的适用事项由“${before}”改为“${after}”`;
      if (a.matters !== null && b.matters !== null && effect === 'unknown') {
        const gained = b.matters.filter((m) => !a.matters?.includes(m));
        const lost = a.matters.filter((m) => !b.matters?.includes(m));
        sentence = `${what}新增适用事项${quoteAll(gained)}，不再适用于事项${quoteAll(lost)}`;
      }
      if (a.matters !== null && b.matters !== null && effect === 'more')
        sentence = `${what}新增适用事项${quoteAll(b.matters.filter((m) => !a.matters?.includes(m)))}`;
      else if (a.matters !== null && b.matters !== null && effect === 'less')
        sentence = `${what}不再适用于事项${quoteAll(a.matters.filter((m) => !b.matters?.includes(m)))}`;
      sink.add({
        entity: 'measure',
        path: [...path, 'matters'],
        key,
        aspect: 'matters',
        before,
        after,
        sentence,
        direction: direction(effect, p),
      });
    }
    const ta = triggers(a);
    const tb = triggers(b);
    if (!same(ta, tb)) {
      const effect = compareSetsOrAll(ta, tb);
      const gained = tb.filter((t) => !ta.includes(t));
      const lost = ta.filter((t) => !tb.includes(t));
      const parts = [
        ...(gained.length > 0 ? [`新增适用于${gained.join('、')}`] : []),
        ...(lost.length > 0 ? [`不再适用于${lost.join('、')}`] : []),
      ];
      sink.add({
        entity: 'measure',
        path: [...path, 'triggers'],
        key,
        aspect: 'triggers',
        before: ta.join('、'),
        after: tb.join('、'),
        sentence: `${what}${parts.join('，')}`,
        direction: direction(effect, p),
      });
    }
    if (a.mandatory !== b.mandatory) {
      const t = (x: boolean): string => (x ? '应当实施' : '可以实施');
      sink.add({
        entity: 'measure',
        path: [...path, 'mandatory'],
        key,
        aspect: 'mandatory',
        before: t(a.mandatory),
        after: t(b.mandatory),
        sentence: `${what}由“${t(a.mandatory)}”改为“${t(b.mandatory)}”`,
        direction: direction(b.mandatory ? 'more' : 'less', p),
      });
    }
    if (a.target !== b.target) {
      sink.add({
        entity: 'measure',
        path: [...path, 'target'],
        key,
        aspect: 'target',
        before: TARGET_TEXT[a.target],
        after: TARGET_TEXT[b.target],
        sentence: `${what}的实施对象由${TARGET_TEXT[a.target]}改为${TARGET_TEXT[b.target]}`,
        direction: '不确定',
      });
    }
    if (!same(a.term, b.term) || (a.termExact === true) !== (b.termExact === true)) {
      // No own term: the measure ends with the listing. A term is a minimum past the listing's end; `exactly`, the
      // whole span from the listing — shorter or longer than the listing by case, so that change is not ordered.
      const termText = (m: IrMeasure): string =>
        m.term === undefined
          ? '随名单届满'
          : m.termExact === true
            ? `自列入起${formatDuration(m.term)}`
            : formatDuration(m.term);
      const effect: Effect =
        (a.termExact === true) !== (b.termExact === true)
          ? 'unknown'
          : a.term === undefined
            ? 'more'
            : b.term === undefined
              ? 'less'
              : compareDurations(a.term, b.term);
      const before = termText(a);
      const after = termText(b);
      sink.add({
        entity: 'measure',
        path: [...path, 'term'],
        key,
        aspect: 'term',
        before,
        after,
        sentence: `${what}的实施期限由${before}改为${after}`,
        direction: direction(effect, p),
      });
    }
    condition(sink, 'measure', [...path, 'when'], key, 'condition', `${what}的适用条件`, a.when, b.when, undefined, p);
  }
}
