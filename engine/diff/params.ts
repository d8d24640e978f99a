// Turns two versions of the effective-dated parameters into changes, dated, and judged by where each is used.
import type { IrParam, IrParamVersion, IrValue } from '../../dsl/ir.js';
import { formatDate } from '../explain/format.js';
import { valueText } from './expr-text.js';
import { combine, same } from './monotone.js';
import type { Effect } from './monotone.js';
import { unionNames } from './lists.js';
import type { ChangeSink } from './sink.js';
import { direction } from './sink.js';
import { paramSiteEffects, valueInForce } from './sites.js';

export function diffParams(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  for (const name of unionNames(oldIr.params, newIr.params)) {
    const a = oldIr.params[name];
    const b = newIr.params[name];
    const key = `param:${name}`;
    const path = ['param', name];
    const what = `参数“${b?.label ?? a?.label ?? name}”`;
    if (!a || !b) {
      const added = a === undefined;
      const p = (a ?? b) as IrParam;
      const text = p.versions.map((v) => versionText(v, p)).join('；');
      // Whatever now reads the parameter is reported as its own change, with its own direction.
      sink.add({
        entity: 'param',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : text,
        after: added ? text : null,
        sentence: `${added ? '新增' : '删除'}${what}：${text}`,
        direction: '中性',
        reason: '参数本身不改变结果，引用它的规定另行列出',
      });
      continue;
    }
    sink.neutral('param', [...path, 'label'], key, 'label', `${what}的名称`, a.label, b.label);
    sink.neutral('param', [...path, 'layer'], key, 'layer', `${what}的声明层级`, a.layer, b.layer);
    sink.neutral('param', [...path, 'filledIn'], key, 'layer', `${what}的填写层级`, a.filledIn, b.filledIn);
    if (a.type !== b.type) {
      sink.add({
        entity: 'param',
        path: [...path, 'type'],
        key,
        aspect: 'kind',
        before: a.type,
        after: b.type,
        sentence: `${what}的类型由${a.type}改为${b.type}`,
        direction: '不确定',
      });
      continue;
    }
    const dates = new Map<string, string | null>();
    for (const v of [...a.versions, ...b.versions]) dates.set(v.from ?? '', v.from);
    const ordered = [...dates.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, d]) => d);
    for (const from of ordered) {
      const va = a.versions.find((v) => v.from === from);
      const vb = b.versions.find((v) => v.from === from);
      const since = from === null ? '（自始）' : `自${formatDate(from)}起`;
      const vpath = [...path, 'version', from ?? '-'];
      // What a subject met on that date under each version: the dated version, or the one it superseded.
      const before = va ?? valueInForce(a, from);
      const after = vb ?? valueInForce(b, from);
      const dir = direction(valueEffect(name, a, before?.value ?? null, after?.value ?? null, sink), 1);
      if (!va || !vb) {
        const added = va === undefined;
        const version = (va ?? vb) as IrParamVersion;
        const other = added ? before : after;
        const otherText = other === undefined ? '无可适用的值' : valueText(other.value, a.type);
        sink.add({
          entity: 'param',
          path: vpath,
          key,
          aspect: added ? 'added' : 'removed',
          before: before === undefined ? null : valueText(before.value, a.type),
          after: after === undefined ? null : valueText(after.value, a.type),
          sentence: added
            ? `${what}${since}新增版本，取值由${otherText}改为${valueText(version.value, a.type)}`
            : `${what}删除${since}的版本（${valueText(version.value, a.type)}），该日起改为适用${otherText}`,
          direction: dir,
        });
        continue;
      }
      if (!same(va.value, vb.value)) {
        sink.add({
          entity: 'param',
          path: vpath,
          key,
          aspect: 'value',
          before: valueText(va.value, a.type),
          after: valueText(vb.value, b.type),
          sentence: `${what}${since}的取值由${valueText(va.value, a.type)}改为${valueText(vb.value, b.type)}`,
          direction: dir,
        });
      }
      sink.basis('param', vpath, key, `${what}${since}的版本`, va.basis, vb.basis);
      if (va.transition !== vb.transition) {
        sink.neutral(
          'param',
          [...vpath, 'transition'],
          key,
          'version',
          `${what}${since}版本的过渡说明`,
          va.transition,
          vb.transition,
        );
      }
    }
  }
}

/** 'more' = heavier for the subject wherever the parameter is read, in either version. */
function valueEffect(name: string, param: IrParam, from: IrValue, to: IrValue, sink: ChangeSink): Effect {
  if (same(from, to)) return 'same';
  const effects = paramSiteEffects(name, param, from, to, [sink.oldIr, sink.newIr]);
  return effects.length === 0 ? 'same' : combine(...effects);
}

function versionText(v: IrParamVersion, p: IrParam): string {
  return `${v.from === null ? '' : `自${formatDate(v.from)}起`}${valueText(v.value, p.type)}`;
}
