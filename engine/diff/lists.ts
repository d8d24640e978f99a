// Turns two versions of the lists (and their rules) into changes: who gets listed, for how long, how they leave.
import type { IrExpr, IrList, IrRule, PolicyIr } from '../../dsl/ir.js';
import type { Effect } from './monotone.js';
import { combine, compareCond, compareValue, focus, same } from './monotone.js';
import type { ChangeSink, Polarity } from './sink.js';
import { bothPolarity, direction } from './sink.js';
import { listPolarity, negate } from './sites.js';
import { sortCodeUnits } from '../compile/sort.js';

const KIND_TEXT = { red: '红名单', black: '严重失信主体名单', grey: '重点关注名单' } as const;
const COUNTING_TEXT = { civil: '按民法典计算（末日遇法定休假日顺延）', calendar: '按日历计算（不顺延）' } as const;
const OBJECTION_TEXT = { mark: '标注后继续计入', suspend: '暂停计入' } as const;

export function unionNames(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** A parameter that has had one value all along stands for that value when compared with a literal. */
export function resolvePeriod(e: IrExpr | undefined, ir: PolicyIr): IrExpr | undefined {
  if (e === undefined || e.op !== 'param') return e;
  const p = ir.params[e.param];
  const first = p?.versions[0];
  if (!p || first === undefined || !p.versions.every((v) => same(v.value, first.value))) return e;
  return { op: 'lit', type: 'duration', value: first.value };
}

/** Periods: 'more' = longer; an absent period (no automatic end) is the longest. */
function comparePeriods(a: IrExpr | undefined, b: IrExpr | undefined, oldIr: PolicyIr, newIr: PolicyIr): Effect {
  if (a === undefined && b === undefined) return 'same';
  if (a === undefined) return 'less';
  if (b === undefined) return 'more';
  if (same(a, b)) return 'same';
  const ra = resolvePeriod(a, oldIr) as IrExpr;
  const rb = resolvePeriod(b, newIr) as IrExpr;
  return compareValue(ra, rb, 'duration', newIr);
}

export function diffLists(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  for (const name of unionNames(oldIr.lists, newIr.lists)) {
    const a = oldIr.lists[name];
    const b = newIr.lists[name];
    const key = `list:${name}`;
    const path = ['list', name];
    const what = `名单“${name}”`;
    if (!a || !b) {
      const l = (a ?? b) as IrList;
      const added = a === undefined;
      sink.add({
        entity: 'list',
        path,
        key,
        aspect: added ? 'added' : 'removed',
        before: added ? null : KIND_TEXT[l.kind],
        after: added ? KIND_TEXT[l.kind] : null,
        sentence: `${added ? '新增' : '删除'}${what}（${KIND_TEXT[l.kind]}，认定规则${l.rules.length}条）`,
        direction: direction(added ? 'more' : 'less', listPolarity(l)),
      });
      continue;
    }
    const p = bothPolarity(listPolarity(a), listPolarity(b));
    sink.neutral('list', [...path, 'title'], key, 'label', `${what}的名称`, a.title, b.title);
    if (a.kind !== b.kind) {
      // Within burdens a grey list weighs less than a black one; to or from a red list there is no one way.
      const rank = { grey: 1, black: 2, red: 0 } as const;
      const effect: Effect =
        a.kind === 'red' || b.kind === 'red' ? 'unknown' : rank[b.kind] > rank[a.kind] ? 'more' : 'less';
      sink.add({
        entity: 'list',
        path: [...path, 'kind'],
        key,
        aspect: 'kind',
        before: KIND_TEXT[a.kind],
        after: KIND_TEXT[b.kind],
        sentence: `${what}的类别由${KIND_TEXT[a.kind]}改为${KIND_TEXT[b.kind]}`,
        direction: direction(effect, 1),
      });
    }
    if (a.scope !== b.scope) {
      const t = { national: '全国性', local: '地方性' } as const;
      sink.add({
        entity: 'list',
        path: [...path, 'scope'],
        key,
        aspect: 'scope',
        before: t[a.scope],
        after: t[b.scope],
        sentence: `${what}的设立范围由${t[a.scope]}改为${t[b.scope]}`,
        direction: '中性',
      });
    }
    const cats = (l: IrList): string => l.categories.map((c) => `${c.set}.${c.value}`).join('、');
    sink.neutral(
      'list',
      [...path, 'category'],
      key,
      'category',
      `${what}的所属类别`,
      cats(a) || undefined,
      cats(b) || undefined,
    );
    sink.neutral('list', [...path, 'maxLevel'], key, 'maxLevel', `${what}可适用的最高措施等级`, a.maxLevel, b.maxLevel);
    if ((a.external === true) !== (b.external === true)) {
      // Who is on it does not change; whether a decision reports it does.
      const word = (x: IrList): string =>
        x.external === true ? '由有关部门管理、不作为本政策的名单报告' : '作为本政策的名单报告';
      sink.add({
        entity: 'list',
        path: [...path, 'external'],
        key,
        aspect: 'external',
        before: word(a),
        after: word(b),
        sentence: `${what}由${word(a)}改为${word(b)}`,
        direction: '中性',
      });
    }
    if (a.replaces !== b.replaces) {
      // The list it takes the place of applies on other dates now (SEMANTICS §5): whether more or fewer subjects are
      // listed depends on how the two lists' rules differ.
      const word = (r: string | undefined): string => (r === undefined ? '不取代其他名单' : `取代“${r}”`);
      sink.add({
        entity: 'list',
        path: [...path, 'replaces'],
        key,
        aspect: 'replaces',
        before: a.replaces ?? null,
        after: b.replaces ?? null,
        sentence: `${what}由${word(a.replaces)}改为${word(b.replaces)}，被取代的名单在本名单所属层级施行期间不再适用`,
        direction: '不确定',
      });
    }
    sink.layerMove('list', [...path, 'layer'], key, what, a.layer, b.layer);
    sink.basis('list', path, key, what, a.basis, b.basis);
    diffPeriods(sink, a, b, p, path, key, what);
    if (a.objectionPending !== b.objectionPending) {
      // 'suspend' lets pending records drop out: fewer listings.
      const effect: Effect = b.objectionPending === 'suspend' ? 'less' : 'more';
      sink.add({
        entity: 'list',
        path: [...path, 'objection'],
        key,
        aspect: 'objection',
        before: OBJECTION_TEXT[a.objectionPending],
        after: OBJECTION_TEXT[b.objectionPending],
        sentence: `${what}对异议处理期间的记录由“${OBJECTION_TEXT[a.objectionPending]}”改为“${OBJECTION_TEXT[b.objectionPending]}”`,
        direction: direction(effect, p),
      });
    }
    if (a.allowBlack !== b.allowBlack) {
      const t = (x: boolean): string => (x ? '允许' : '不允许');
      sink.add({
        entity: 'list',
        path: [...path, 'allowBlack'],
        key,
        aspect: 'allowBlack',
        before: t(a.allowBlack),
        after: t(b.allowBlack),
        sentence: `${what}${t(b.allowBlack)}严重失信主体保留（原为${t(a.allowBlack)}）`,
        direction: direction(b.allowBlack ? 'more' : 'less', p),
      });
    }
    diffRules(sink, name, a, b, p);
  }
}

function diffPeriods(
  sink: ChangeSink,
  a: IrList,
  b: IrList,
  p: Polarity,
  path: readonly string[],
  key: string,
  what: string,
): void {
  const { oldIr, newIr } = sink;
  const periodText = (e: IrExpr | undefined, old: boolean): string =>
    e === undefined ? '不设期限' : (old ? sink.oldText : sink.newText).text(e);
  const da = a.duration;
  const db = b.duration;
  if (!same(da?.period, db?.period)) {
    const before = periodText(da?.period, true);
    const after = periodText(db?.period, false);
    sink.add({
      entity: 'list',
      path: [...path, 'duration'],
      key,
      aspect: 'duration',
      before,
      after,
      sentence: `${what}的公示期（列入期限）由${before}改为${after}`,
      direction: direction(comparePeriods(da?.period, db?.period, oldIr, newIr), p),
    });
  }
  if (da && db && da.counting !== db.counting) {
    sink.add({
      entity: 'list',
      path: [...path, 'duration', 'counting'],
      key,
      aspect: 'counting',
      before: COUNTING_TEXT[da.counting],
      after: COUNTING_TEXT[db.counting],
      sentence: `${what}期限的计算方式由${COUNTING_TEXT[da.counting]}改为${COUNTING_TEXT[db.counting]}`,
      direction: direction(db.counting === 'civil' ? 'more' : 'less', p),
    });
  }
  if (da && db) sink.basis('list', [...path, 'duration'], key, `${what}公示期`, da.basis, db.basis);

  // `until` may also compute dates and hold only `when` a condition does: they count as keys too.
  const computed = (e: IrList['extendTo'] | IrList['endsAt']): NonNullable<IrList['endsAt']> | undefined =>
    e !== undefined && ('dates' in e || 'when' in e) ? e : undefined;
  const fieldKeys = (e: IrList['extendTo'] | IrList['endsAt']): string[] => {
    const c = computed(e);
    return sortCodeUnits([
      ...(e?.fields ?? []).map((f) => `${f.builtin ? '.' : ''}${f.key}`),
      ...(c?.dates ?? []).map((d) => `=${JSON.stringify(d)}`),
      ...(c?.when === undefined ? [] : [`?${JSON.stringify(c.when)}`]),
    ]);
  };
  const labels = (e: IrList['extendTo'] | IrList['endsAt'], old: boolean): string | null => {
    if (e === undefined) return null;
    const text = old ? sink.oldText : sink.newText;
    const type = ruleType(old ? a : b);
    const c = computed(e);
    const ends = [
      ...e.fields.map((f) => text.fieldLabel(f.key, f.builtin, type)),
      ...(c?.dates ?? []).map((d) => text.text(d, type)),
    ].join('、');
    const when = c?.when;
    return when === undefined ? ends : `${ends}（${text.text(when, type)}时）`;
  };

  // A field clause changed: which fields, in words, and what it does to listings.
  const fieldClause = (
    clause: 'endsAt' | 'extendTo',
    words: { readonly added: string; readonly removed: string; readonly changed: string; readonly basis: string },
    effectOf: (ka: readonly string[], kb: readonly string[]) => Effect,
  ): void => {
    const ca = a[clause];
    const cb = b[clause];
    const ka = fieldKeys(ca);
    const kb = fieldKeys(cb);
    if (same(ka, kb)) {
      if (ca && cb) sink.basis('list', [...path, clause], key, `${what}${words.basis}`, ca.basis, cb.basis);
      return;
    }
    const before = labels(ca, true);
    const after = labels(cb, false);
    sink.add({
      entity: 'list',
      path: [...path, clause],
      key,
      aspect: 'extension',
      before,
      after,
      sentence:
        before === null
          ? `${what}新增${words.added.replace('F', () => after ?? '')}的规定`
          : after === null
            ? `${what}删除${words.removed.replace('F', () => before)}的规定`
            : `${what}${words.changed}由“${before}”改为“${after}”`,
      direction: direction(effectOf(ka, kb), p),
    });
  };
  // `until FIELD`: a record's own date ends the listing instead of the term — sooner or later than the term,
  // by record, so the direction is not known from the text; unless the same clause only computes a date that is
  // never earlier (or never later) than before: `日期 + 3 years` → `日期 + 3 years counted civil` holds longer.
  fieldClause('endsAt', { added: '“至F止”', removed: '“至F止”', changed: '的截止日期字段', basis: '截止日期' }, () =>
    untilMoved(a.endsAt, b.endsAt, sink.newIr),
  );
  // `extend to`: each field can only hold a listing longer — more fields, longer listings; fewer, shorter.
  fieldClause(
    'extendTo',
    { added: '“期限延至F”', removed: '“期限延至F”', changed: '的期限延长依据字段', basis: '期限延长' },
    (ka, kb) => (ka.every((k) => kb.includes(k)) ? 'more' : kb.every((k) => ka.includes(k)) ? 'less' : 'unknown'),
  );

  const ra = a.earlyRemoval;
  const rb = b.earlyRemoval;
  if (!ra || !rb) {
    if (ra || rb) {
      const added = ra === undefined;
      const t = (r: NonNullable<IrList['earlyRemoval']>, old: boolean): string => {
        const x = old ? sink.oldText : sink.newText;
        return `满${x.text(r.after)}${r.when !== undefined ? `且${x.text(r.when, ruleType(old ? a : b))}` : ''}`;
      };
      sink.add({
        entity: 'list',
        path: [...path, 'earlyRemoval'],
        key,
        aspect: 'earlyRemoval',
        before: ra ? t(ra, true) : null,
        after: rb ? t(rb, false) : null,
        sentence: added
          ? `${what}新增提前移出（信用修复）规定：${t(rb as NonNullable<typeof rb>, false)}`
          : `${what}删除提前移出（信用修复）规定`,
        // Early removal lets the subject off sooner.
        direction: direction(added ? 'less' : 'more', p),
      });
    }
    return;
  }
  if (!same(ra.after, rb.after)) {
    const before = sink.oldText.text(ra.after);
    const after = sink.newText.text(rb.after);
    sink.add({
      entity: 'list',
      path: [...path, 'earlyRemoval', 'after'],
      key,
      aspect: 'earlyRemoval',
      before,
      after,
      sentence: `${what}可申请提前移出（信用修复）的最短公示期由${before}改为${after}`,
      direction: direction(comparePeriods(ra.after, rb.after, oldIr, newIr), p),
    });
  }
  // `when` (what the subject must do) and `unless` (a bar it cannot cure): the same comparison, opposite polarity —
  // a bar that holds more often keeps more subjects listed to the end.
  const earlyCondition = (clause: 'when' | 'unless', words: string, polarity: typeof p): void => {
    const ca = ra[clause];
    const cb = rb[clause];
    if (same(ca, cb)) return;
    const before = ca === undefined ? null : sink.oldText.text(ca, ruleType(a));
    const after = cb === undefined ? null : sink.newText.text(cb, ruleType(b));
    const effect = clause === 'when' ? compareCond(ca, cb, newIr) : compareCond(ca ?? NEVER, cb ?? NEVER, newIr);
    sink.add({
      entity: 'list',
      path: [...path, 'earlyRemoval', clause],
      key,
      aspect: 'earlyRemoval',
      before,
      after,
      sentence: `${what}${words}由“${before ?? '无'}”改为“${after ?? '无'}”`,
      direction: direction(effect, polarity),
    });
  };
  earlyCondition('when', '提前移出（信用修复）的条件', negate(p));
  earlyCondition('unless', '不予提前移出（信用修复）的情形', p);
  sink.basis('list', [...path, 'earlyRemoval'], key, `${what}提前移出`, ra.basis, rb.basis);
}

/** An absent bar never holds. */
const NEVER: IrExpr = { op: 'lit', type: 'boolean', value: false };

/** The record type every `for` rule of a list ranges over, when they agree (for field labels). */
/**
 * How a listing's `until` moved when only its computed dates changed (same fields, same `when`, as many dates):
 * 'more' when no date is earlier, 'less' when none is later; 'unknown' otherwise.
 */
function untilMoved(a: IrList['endsAt'], b: IrList['endsAt'], ir: PolicyIr): Effect {
  if (a === undefined || b === undefined || !same(a.fields, b.fields) || !same(a.when, b.when)) return 'unknown';
  const da = a.dates ?? [];
  const db = b.dates ?? [];
  if (da.length !== db.length) return 'unknown';
  return combine(...da.map((d, i) => compareValue(d, db[i]!, 'date', ir)));
}

function ruleType(list: IrList): string | undefined {
  const types = new Set(list.rules.map((r) => r.for?.recordType));
  return types.size === 1 ? [...types][0] : undefined;
}

function ruleText(sink: ChangeSink, rule: IrRule, old: boolean): string {
  const x = old ? sink.oldText : sink.newText;
  const rt = rule.for?.recordType;
  const parts: string[] = [];
  if (rt !== undefined) parts.push(`每条${x.recordLabel(rt)}`);
  if (rule.where !== undefined) parts.push(`满足 ${x.text(rule.where, rt)}`);
  if (rule.when !== undefined) parts.push(x.text(rule.when));
  if (rule.unless !== undefined) parts.push(`但 ${x.text(rule.unless, rt)} 的除外`);
  return parts.join('，');
}

function diffRules(sink: ChangeSink, list: string, a: IrList, b: IrList, p: Polarity): void {
  const byName = (l: IrList): Record<string, IrRule> => Object.fromEntries(l.rules.map((r) => [r.name, r]));
  const ra = byName(a);
  const rb = byName(b);
  for (const name of unionNames(ra, rb)) {
    const x = ra[name];
    const y = rb[name];
    const key = `rule:${list}/${name}`;
    const path = ['list', list, 'rule', name];
    const what = `名单“${list}”的认定规则“${name}”`;
    if (!x || !y) {
      const added = x === undefined;
      const rule = (x ?? y) as IrRule;
      const text = ruleText(sink, rule, !added);
      sink.add({
        entity: 'rule',
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
    sink.neutral('rule', [...path, 'label'], key, 'label', `${what}的名称`, x.label, y.label);
    sink.basis('rule', path, key, what, x.basis, y.basis);
    sink.basis('rule', [...path, 'unless'], key, `${what}除外情形`, x.unlessBasis, y.unlessBasis);
    if (!same(x.for, y.for)) {
      const t = (r: IrRule, old: boolean): string => {
        if (r.for === undefined) return '按主体整体认定';
        const s = old ? sink.oldText : sink.newText;
        const from = r.for.from
          ? `（自${s.fieldLabel(r.for.from.key, r.for.from.builtin, r.for.recordType)}起算）`
          : r.for.fromExpr
            ? `（自${s.text(r.for.fromExpr, r.for.recordType)}起算）`
            : '';
        return `按每条${s.recordLabel(r.for.recordType)}认定${from}`;
      };
      sink.add({
        entity: 'rule',
        path: [...path, 'for'],
        key,
        aspect: 'source',
        before: t(x, true),
        after: t(y, false),
        sentence: `${what}的认定对象由“${t(x, true)}”改为“${t(y, false)}”`,
        direction: '不确定',
      });
      continue;
    }
    const rt = x.for?.recordType;
    const part = x.for !== undefined ? 'where' : 'when';
    const cx = x.for !== undefined ? x.where : x.when;
    const cy = y.for !== undefined ? y.where : y.when;
    condition(sink, 'rule', [...path, part], key, 'condition', `${what}的认定条件`, cx, cy, rt, p);
    condition(
      sink,
      'rule',
      [...path, 'unless'],
      key,
      'exception',
      `${what}的除外情形`,
      x.unless,
      y.unless,
      rt,
      negate(p),
    );
  }
}

/** A condition that moved: quotes the smallest differing part and judges the whole. */
export function condition(
  sink: ChangeSink,
  entity: 'rule' | 'grading' | 'measure',
  path: readonly string[],
  key: string,
  aspect: 'condition' | 'exception' | 'direct' | 'gradeCap',
  what: string,
  a: IrExpr | undefined,
  b: IrExpr | undefined,
  recordType: string | undefined,
  polarity: Polarity,
): void {
  if (same(a, b)) return;
  const before = a === undefined ? null : sink.oldText.text(a, recordType);
  const after = b === undefined ? null : sink.newText.text(b, recordType);
  let sentence: string;
  if (a === undefined) sentence = `${what}新增“${after ?? ''}”`;
  else if (b === undefined) sentence = `${what}“${before ?? ''}”被删除`;
  else {
    const [fa, fb] = focus(a, b);
    sentence = `${what}“${sink.oldText.text(fa, recordType)}”改为“${sink.newText.text(fb, recordType)}”`;
  }
  // An absent exception never applies, unlike an absent condition (which always holds).
  const effect =
    aspect === 'exception' ? compareCond(a ?? FALSE, b ?? FALSE, sink.newIr) : compareCond(a, b, sink.newIr);
  sink.add({ entity, path, key, aspect, before, after, sentence, direction: direction(effect, polarity) });
}

const FALSE: IrExpr = { op: 'lit', type: 'boolean', value: false };
