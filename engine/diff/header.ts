// Turns two versions of the policy header, layers, legal bases, scales and vocabulary into changes.
import type { IrBasis, IrRecordType, PolicyIr } from '../../dsl/ir.js';
import { formatDate } from '../explain/format.js';
import { same } from './monotone.js';
import { unionNames } from './lists.js';
import type { ChangeSink } from './sink.js';

export function diffHeader(sink: ChangeSink): void {
  const { oldIr: a, newIr: b } = sink;
  const key = 'policy';
  sink.neutral('policy', ['policy', 'id'], key, 'header', '政策标识', a.id, b.id);
  sink.neutral('policy', ['policy', 'title'], key, 'header', '政策名称', a.title, b.title);
  sink.neutral('policy', ['policy', 'version'], key, 'header', '政策版本号', a.version, b.version);
  const j = (x: PolicyIr['jurisdiction']): string => `${x.level}${x.code !== undefined ? ` ${x.code}` : ''}`;
  sink.neutral('policy', ['policy', 'jurisdiction'], key, 'header', '适用地域', j(a.jurisdiction), j(b.jurisdiction));
  for (const [part, label] of [
    ['effective', '施行日期'],
    ['until', '终止日期'],
  ] as const) {
    const x = a[part];
    const y = b[part];
    if (x === y) continue;
    // Moving the dates shifts which evaluations the policy covers at all; who gains depends on the contents.
    sink.add({
      entity: 'policy',
      path: ['policy', part],
      key,
      aspect: 'header',
      before: x ?? null,
      after: y ?? null,
      sentence: `政策${label}由${x === undefined ? '未规定' : formatDate(x)}改为${y === undefined ? '未规定' : formatDate(y)}`,
      direction: '不确定',
    });
  }
  const layers = (ir: PolicyIr): Record<string, string> =>
    Object.fromEntries(ir.layers.map((l) => [l.id, `${l.title} ${l.version}（${formatDate(l.effective)}施行）`]));
  const la = layers(a);
  const lb = layers(b);
  for (const id of unionNames(la, lb)) {
    sink.neutral('layer', ['layer', id], `layer:${id}`, 'layer', `所依托的政策层“${id}”`, la[id], lb[id]);
  }
  if (
    !same(
      a.layers.map((l) => l.id),
      b.layers.map((l) => l.id),
    ) &&
    same(Object.keys(la).sort(), Object.keys(lb).sort())
  ) {
    sink.neutral(
      'layer',
      ['layer', '#order'],
      'policy',
      'layer',
      '政策层的合并顺序',
      a.layers.map((l) => l.id).join(' → '),
      b.layers.map((l) => l.id).join(' → '),
    );
  }
}

function basisText(x: IrBasis): string {
  return [
    `《${x.title}》`,
    x.rank ?? '',
    x.issuer ?? '',
    x.number ?? '',
    x.effective !== undefined ? `${formatDate(x.effective)}施行` : '',
    x.until !== undefined ? `至${formatDate(x.until)}` : '',
    x.articles.length > 0 ? `条款：${x.articles.join('、')}` : '',
    x.sections.length > 0 ? `部分：${x.sections.join('、')}` : '',
    x.certainty ?? '',
  ]
    .filter((s) => s !== '')
    .join('，');
}

export function diffBases(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  for (const id of unionNames(oldIr.bases, newIr.bases)) {
    const a = oldIr.bases[id];
    const b = newIr.bases[id];
    const key = `basis:${id}`;
    const what = `法律依据“${id}”`;
    if (!a || !b) {
      const added = a === undefined;
      const text = basisText((a ?? b) as IrBasis);
      sink.add({
        entity: 'basis',
        path: ['basis', id],
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : text,
        after: added ? text : null,
        sentence: `${added ? '新增' : '删除'}${what}：${text}`,
        direction: '中性',
      });
      continue;
    }
    const { layer: _la, ...ra } = a;
    const { layer: _lb, ...rb } = b;
    sink.neutral('basis', ['basis', id, 'layer'], key, 'layer', `${what}的声明层级`, a.layer, b.layer);
    if (same(ra, rb)) continue;
    sink.add({
      entity: 'basis',
      path: ['basis', id],
      key,
      aspect: 'basis',
      before: basisText(a),
      after: basisText(b),
      sentence: `${what}由“${basisText(a)}”改为“${basisText(b)}”`,
      direction: '中性',
    });
  }
}

function recordText(r: IrRecordType): string {
  const fields = Object.values(r.fields)
    .map(
      (f) =>
        `${f.label ?? f.key}(${f.key}:${f.type.t}${'values' in f.type ? `[${f.type.values.join('、')}]` : ''}${f.required ? ',必填' : ''})`,
    )
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const latest =
    r.latestPer === undefined ? '' : `（同一${r.fields[r.latestPer]?.label ?? r.latestPer}以日期较晚的记录为准）`;
  return `${r.label ?? r.key}${r.hasSeverity ? '（有严重程度）' : ''}${latest}：${fields.join('，')}`;
}

export function diffVocabulary(sink: ChangeSink): void {
  const { oldIr: a, newIr: b } = sink;
  for (const [part, label] of [
    ['severity', '严重程度等级'],
    ['levels', '措施等级'],
  ] as const) {
    if (same(a[part], b[part])) continue;
    sink.add({
      entity: 'scale',
      path: ['scale', part],
      key: `scale:${part}`,
      aspect: 'grades',
      before: a[part].join(' < '),
      after: b[part].join(' < '),
      sentence: `${label}由“${a[part].join(' < ')}”改为“${b[part].join(' < ')}”`,
      direction: '不确定',
    });
  }
  for (const name of unionNames(a.enums, b.enums)) {
    const x = a.enums[name];
    const y = b.enums[name];
    if (same(x, y)) continue;
    sink.neutral('enum', ['enum', name], `enum:${name}`, 'vocabulary', `枚举“${name}”`, x?.join('、'), y?.join('、'));
  }
  for (const key of unionNames(a.records, b.records)) {
    const x = a.records[key];
    const y = b.records[key];
    const what = `记录类型“${(y ?? x)?.label ?? key}”（${key}）`;
    sink.neutral('record', ['record', key, 'layer'], `record:${key}`, 'layer', `${what}的声明层级`, x?.layer, y?.layer);
    sink.neutral(
      'record',
      ['record', key],
      `record:${key}`,
      'vocabulary',
      what,
      x && recordText(x),
      y && recordText(y),
    );
  }
  for (const name of unionNames(a.categorySets, b.categorySets)) {
    const x = a.categorySets[name];
    const y = b.categorySets[name];
    if (same(x, y)) continue;
    const t = (c: typeof x): string | undefined => c && `适用于${c.appliesTo}：${c.values.join('、')}（${c.layer}）`;
    sink.neutral(
      'categorySet',
      ['categorySet', name],
      `categorySet:${name}`,
      'vocabulary',
      `类别集合“${name}”`,
      t(x),
      t(y),
    );
    if (x && y)
      sink.basis('categorySet', ['categorySet', name], `categorySet:${name}`, `类别集合“${name}”`, x.basis, y.basis);
  }
  const s = (v: string | number | undefined): string | undefined => (v === undefined ? undefined : String(v));
  sink.neutral(
    'setting',
    ['setting', 'leniencyCeiling'],
    'policy',
    'value',
    '初次轻微免罚的最高措施等级',
    s(a.settings.leniencyCeiling),
    s(b.settings.leniencyCeiling),
  );
  sink.neutral(
    'setting',
    ['setting', 'measuresPerRecordCap'],
    'policy',
    'value',
    '单条记录触发措施数上限',
    s(a.settings.measuresPerRecordCap),
    s(b.settings.measuresPerRecordCap),
  );
}
