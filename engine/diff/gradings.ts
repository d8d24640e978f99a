// Turns two versions of the graded-supervision scales into changes: points, items, bands, overrides, inspections.
import type { IrExpr, IrGradeRule, IrGrading, IrScoreItem } from '../../dsl/ir.js';
import { formatDuration, formatPercent } from '../explain/format.js';
import type { Effect } from './monotone.js';
import { combine, compareDurations, same } from './monotone.js';
import { condition, unionNames } from './lists.js';
import type { ChangeSink, Polarity } from './sink.js';
import { bothPolarity, direction } from './sink.js';
import { pointsPolarity } from './sites.js';

// A higher score is a better grade: everything that raises scores favours the subject.
const SCORE: Polarity = -1;

function itemText(sink: ChangeSink, item: IrScoreItem, old: boolean): string {
  const x = old ? sink.oldText : sink.newText;
  const sign = item.points > 0 ? '加' : '扣';
  const parts = [
    item.pointsField === undefined || item.per === undefined
      ? `${sign}${Math.abs(item.points)}分`
      : `${sign}记录的「${x.fieldLabel(item.pointsField.key, item.pointsField.builtin, item.per.recordType)}」分`,
  ];
  if (item.per) {
    const scope = [
      item.per.within !== undefined ? `近${formatDuration(item.per.within)}内` : '',
      item.per.where !== undefined ? `满足 ${x.text(item.per.where, item.per.recordType)}` : '',
    ].filter((s) => s !== '');
    parts.push(`每条${x.recordLabel(item.per.recordType)}${scope.length > 0 ? `（${scope.join('，')}）` : ''}`);
  }
  if (item.when !== undefined) parts.push(`条件 ${x.text(item.when)}`);
  if (item.cap !== undefined) parts.push(`上限${item.cap}分`);
  return parts.join('，');
}

export function diffGradings(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  for (const name of unionNames(oldIr.gradings, newIr.gradings)) {
    const a = oldIr.gradings[name];
    const b = newIr.gradings[name];
    const key = `grading:${name}`;
    const path = ['grading', name];
    const what = `评价“${name}”`;
    if (!a || !b) {
      const added = a === undefined;
      const g = (a ?? b) as IrGrading;
      sink.add({
        entity: 'grading',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : g.grades.join(' > '),
        after: added ? g.grades.join(' > ') : null,
        sentence: `${added ? '新增' : '删除'}分级分类${what}（等级 ${g.grades.join(' > ')}）`,
        direction: '不确定',
      });
      continue;
    }
    sink.neutral('grading', [...path, 'title'], key, 'label', `${what}的名称`, a.title, b.title);
    // Whom the grading grades: a subject taken in gets a grade (a low one weighs on it, a high one relieves it).
    subjectScope(sink, [...path, 'appliesWhen'], key, `${what}的评价范围`, a.appliesWhen?.when, b.appliesWhen?.when);
    sink.layerMove('grading', [...path, 'layer'], key, what, a.layer, b.layer);
    sink.basis('grading', path, key, what, a.basis, b.basis);
    if (!same(a.grades, b.grades)) {
      sink.add({
        entity: 'grading',
        path: [...path, 'grades'],
        key,
        aspect: 'grades',
        before: a.grades.join(' > '),
        after: b.grades.join(' > '),
        sentence: `${what}的等级设置由“${a.grades.join(' > ')}”改为“${b.grades.join(' > ')}”`,
        direction: '不确定',
      });
    }
    if (a.base !== b.base) {
      sink.add({
        entity: 'grading',
        path: [...path, 'base'],
        key,
        aspect: 'base',
        before: String(a.base),
        after: String(b.base),
        sentence: `${what}的基础分由${a.base}分改为${b.base}分`,
        direction: direction(b.base > a.base ? 'more' : 'less', SCORE),
      });
    }
    if (!same(a.range, b.range)) {
      const t = (r: IrGrading['range']): string => (r === undefined ? '不限' : `${r.min}–${r.max}分`);
      // A bound that rises can only lift a clamped score; no bound is the lowest minimum and highest maximum.
      const bound = (x: number | undefined, y: number | undefined, none: number): Effect => {
        const u = x ?? none;
        const v = y ?? none;
        return v > u ? 'more' : v < u ? 'less' : 'same';
      };
      const effect = combine(bound(a.range?.min, b.range?.min, -Infinity), bound(a.range?.max, b.range?.max, Infinity));
      sink.add({
        entity: 'grading',
        path: [...path, 'range'],
        key,
        aspect: 'range',
        before: t(a.range),
        after: t(b.range),
        sentence: `${what}的分值范围由${t(a.range)}改为${t(b.range)}`,
        direction: direction(effect, SCORE),
      });
    }
    diffItems(sink, name, a, b);
    diffBands(sink, name, a, b);
    diffGradeRules(sink, name, a, b, 'direct');
    diffGradeRules(sink, name, a, b, 'caps');
    diffSupervision(sink, name, a, b);
  }
  if (oldIr.primaryGrading !== newIr.primaryGrading) {
    sink.add({
      entity: 'grading',
      path: ['primaryGrading'],
      key: `grading:${newIr.primaryGrading ?? oldIr.primaryGrading ?? ''}`,
      aspect: 'primary',
      before: oldIr.primaryGrading ?? null,
      after: newIr.primaryGrading ?? null,
      sentence: `决定中报告的主评价由“${oldIr.primaryGrading ?? '无'}”改为“${newIr.primaryGrading ?? '无'}”`,
      direction: '不确定',
    });
  }
}

function diffItems(sink: ChangeSink, grading: string, a: IrGrading, b: IrGrading): void {
  const byName = (g: IrGrading): Record<string, IrScoreItem> => Object.fromEntries(g.items.map((i) => [i.name, i]));
  const ia = byName(a);
  const ib = byName(b);
  const key = `grading:${grading}`;
  for (const name of unionNames(ia, ib)) {
    const x = ia[name];
    const y = ib[name];
    const path = ['grading', grading, 'item', name];
    const what = `评价“${grading}”的评分项“${name}”`;
    if (!x || !y) {
      const added = x === undefined;
      const item = (x ?? y) as IrScoreItem;
      const text = itemText(sink, item, !added);
      sink.add({
        entity: 'grading',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : text,
        after: added ? text : null,
        sentence: `${added ? '新增' : '删除'}${what}：${text}`,
        direction: direction(added ? 'more' : 'less', pointsPolarity(item.points)),
      });
      continue;
    }
    const p = bothPolarity(pointsPolarity(x.points), pointsPolarity(y.points));
    sink.neutral('grading', [...path, 'label'], key, 'label', `${what}的名称`, x.label, y.label);
    sink.basis('grading', path, key, what, x.basis, y.basis);
    if (x.pointsField?.key !== y.pointsField?.key) {
      // A fixed number of points against a record's own figure (or one field against another): which gives more
      // depends on the records, so the direction cannot be told from the text.
      const shown = (i: IrScoreItem, old: boolean): string => {
        const t = old ? sink.oldText : sink.newText;
        return i.pointsField === undefined || i.per === undefined
          ? `${Math.abs(i.points)}分`
          : `记录的「${t.fieldLabel(i.pointsField.key, i.pointsField.builtin, i.per.recordType)}」`;
      };
      sink.add({
        entity: 'grading',
        path: [...path, 'points'],
        key,
        aspect: 'points',
        before: shown(x, true),
        after: shown(y, false),
        sentence: `${what}的分值由${shown(x, true)}改为${shown(y, false)}`,
        direction: direction('unknown', p),
      });
    } else if (x.points !== y.points) {
      sink.add({
        entity: 'grading',
        path: [...path, 'points'],
        key,
        aspect: 'points',
        before: `${x.points}分`,
        after: `${y.points}分`,
        sentence: `${what}的分值由${x.points}分改为${y.points}分`,
        direction: direction(y.points > x.points ? 'more' : 'less', SCORE),
      });
    }
    if (x.cap !== y.cap) {
      // The cap bounds the item's absolute contribution; none is unbounded.
      const effect: Effect = (y.cap ?? Infinity) > (x.cap ?? Infinity) ? 'more' : 'less';
      sink.add({
        entity: 'grading',
        path: [...path, 'cap'],
        key,
        aspect: 'cap',
        before: x.cap === undefined ? '不设上限' : `${x.cap}分`,
        after: y.cap === undefined ? '不设上限' : `${y.cap}分`,
        sentence: `${what}的累计上限由${x.cap === undefined ? '不设上限' : `${x.cap}分`}改为${y.cap === undefined ? '不设上限' : `${y.cap}分`}`,
        direction: direction(effect, p),
      });
    }
    const rx = x.per?.recordType;
    const ry = y.per?.recordType;
    if (rx !== ry) {
      sink.add({
        entity: 'grading',
        path: [...path, 'per'],
        key,
        aspect: 'source',
        before: itemText(sink, x, true),
        after: itemText(sink, y, false),
        sentence: `${what}的计分对象由“${itemText(sink, x, true)}”改为“${itemText(sink, y, false)}”`,
        direction: '不确定',
      });
    } else {
      condition(
        sink,
        'grading',
        [...path, 'where'],
        key,
        'condition',
        `${what}的计分条件`,
        x.per?.where,
        y.per?.where,
        rx,
        p,
      );
      if (!same(x.per?.within, y.per?.within)) {
        const wx = x.per?.within;
        const wy = y.per?.within;
        const effect: Effect = wx === undefined ? 'less' : wy === undefined ? 'more' : compareDurations(wx, wy);
        const t = (w: typeof wx): string => (w === undefined ? '不限期间' : `近${formatDuration(w)}`);
        sink.add({
          entity: 'grading',
          path: [...path, 'within'],
          key,
          aspect: 'duration',
          before: t(wx),
          after: t(wy),
          sentence: `${what}的计分期间由${t(wx)}改为${t(wy)}`,
          direction: direction(effect, p),
        });
      }
    }
    condition(sink, 'grading', [...path, 'when'], key, 'condition', `${what}的适用条件`, x.when, y.when, undefined, p);
  }
}

function diffBands(sink: ChangeSink, grading: string, a: IrGrading, b: IrGrading): void {
  const ba = Object.fromEntries(a.bands.map((x) => [x.grade, x.from]));
  const bb = Object.fromEntries(b.bands.map((x) => [x.grade, x.from]));
  const key = `grading:${grading}`;
  for (const grade of unionNames(ba, bb)) {
    const x = ba[grade];
    const y = bb[grade];
    if (x === y) continue;
    const t = (v: number | undefined): string | null => (v === undefined ? null : `${v}分以上`);
    // A higher threshold for a grade drops the scores in between to a worse grade.
    const effect: Effect = x === undefined || y === undefined ? 'unknown' : y > x ? 'less' : 'more';
    sink.add({
      entity: 'grading',
      path: ['grading', grading, 'band', grade],
      key,
      aspect: 'band',
      before: t(x),
      after: t(y),
      sentence: `评价“${grading}”${grade}级的分数线由${t(x) ?? '未设'}改为${t(y) ?? '未设'}`,
      direction: direction(effect, SCORE),
    });
  }
}

function diffGradeRules(sink: ChangeSink, grading: string, a: IrGrading, b: IrGrading, part: 'direct' | 'caps'): void {
  // Rules are identified by their grade and their position among the rules for that grade.
  const keyed = (rules: readonly IrGradeRule[]): Record<string, IrGradeRule> => {
    const seen = new Map<string, number>();
    const out: Record<string, IrGradeRule> = {};
    for (const r of rules) {
      const n = seen.get(r.grade) ?? 0;
      seen.set(r.grade, n + 1);
      out[n === 0 ? r.grade : `${r.grade}#${n + 1}`] = r;
    }
    return out;
  };
  const ra = keyed(a[part]);
  const rb = keyed(b[part]);
  const key = `grading:${grading}`;
  // Judged against both versions' worst grade, so that diff(a, b) and diff(b, a) agree.
  const worst =
    a.grades[a.grades.length - 1] === b.grades[b.grades.length - 1] ? b.grades[b.grades.length - 1] : undefined;
  const label = part === 'direct' ? '直接认定' : '等级上限';
  const aspect = part === 'direct' ? 'direct' : 'gradeCap';
  for (const id of unionNames(ra, rb)) {
    const x = ra[id];
    const y = rb[id];
    const grade = (x ?? y)?.grade ?? id;
    // A cap only ever lowers a grade; a direct grade does so only when it is the worst grade.
    const p: Polarity = part === 'caps' || grade === worst ? 1 : 0;
    const path = ['grading', grading, part, id];
    const what = `评价“${grading}”${label}为${grade}级的规则`;
    if (!x || !y) {
      const added = x === undefined;
      const text = added ? sink.newText.text((y as IrGradeRule).when) : sink.oldText.text(x.when);
      sink.add({
        entity: 'grading',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : text,
        after: added ? text : null,
        sentence: `${added ? '新增' : '删除'}${what}：${text}`,
        direction: direction(added ? 'more' : 'less', p),
      });
      continue;
    }
    sink.basis('grading', path, key, what, x.basis, y.basis);
    condition(sink, 'grading', [...path, 'when'], key, aspect, `${what}的条件`, x.when, y.when, undefined, p);
  }
}

/** A change of the subjects a grading (or its ratios) concerns: more or fewer subjects, no one direction. */
function subjectScope(
  sink: ChangeSink,
  path: readonly string[],
  key: string,
  what: string,
  a: IrExpr | undefined,
  b: IrExpr | undefined,
): void {
  condition(sink, 'grading', path, key, 'condition', what, a, b, undefined, 0);
}

function diffSupervision(sink: ChangeSink, grading: string, a: IrGrading, b: IrGrading): void {
  const sa = Object.fromEntries(a.supervision.map((s) => [s.grade, s]));
  const sb = Object.fromEntries(b.supervision.map((s) => [s.grade, s]));
  const key = `grading:${grading}`;
  // Who the ratios are for: a low grade's ratio weighs on the subject, a high grade's relieves it.
  subjectScope(
    sink,
    ['grading', grading, 'supervisionWhen'],
    key,
    `评价“${grading}”监管措施的适用对象`,
    a.supervisionWhen?.when,
    b.supervisionWhen?.when,
  );
  // What a decision says of the ratio table: no one's ratio changes with it.
  sink.neutral(
    'grading',
    ['grading', grading, 'supervisionNote'],
    key,
    'label',
    `评价“${grading}”抽查比例的说明`,
    a.supervisionNote,
    b.supervisionNote,
  );
  for (const grade of unionNames(sa, sb)) {
    const x = sa[grade];
    const y = sb[grade];
    const path = ['grading', grading, 'supervision', grade];
    const what = `评价“${grading}”${grade}级的监管措施`;
    const t = (s: typeof x): string | null =>
      s === undefined
        ? null
        : `抽查比例${formatPercent(s.ratioMin)}–${formatPercent(s.ratioMax)}${s.frequency !== undefined ? `，${s.frequency}` : ''}`;
    if (!x || !y) {
      sink.add({
        entity: 'grading',
        path,
        key,
        aspect: x === undefined ? 'added' : 'removed',
        before: t(x),
        after: t(y),
        sentence: `${x === undefined ? '新增' : '删除'}${what}（${t(x ?? y) ?? ''}）`,
        direction: '不确定',
      });
      continue;
    }
    sink.basis('grading', path, key, what, x.basis, y.basis);
    if (x.ratioMin === y.ratioMin && x.ratioMax === y.ratioMax && x.frequency === y.frequency) continue;
    // More inspections weigh on the subject; a new frequency text cannot be ordered.
    const ratio = combine(
      y.ratioMin > x.ratioMin ? 'more' : y.ratioMin < x.ratioMin ? 'less' : 'same',
      y.ratioMax > x.ratioMax ? 'more' : y.ratioMax < x.ratioMax ? 'less' : 'same',
      x.frequency === y.frequency ? 'same' : 'unknown',
    );
    sink.add({
      entity: 'grading',
      path,
      key,
      aspect: 'supervision',
      before: t(x),
      after: t(y),
      sentence: `${what}由“${t(x) ?? ''}”改为“${t(y) ?? ''}”`,
      direction: direction(ratio, 1),
    });
  }
}
