// Turns two decisions for one subject (old and new policy) into what changed for that subject, in review terms.
import { canonicalJson } from '../../dsl/canonical.js';
import type { Decision } from '../contract.js';

export interface DecisionDelta {
  /** on a list under the new version only */
  readonly listed: readonly string[];
  /** on a list under the old version only */
  readonly delisted: readonly string[];
  /** on the list under both, with other dates or reasons */
  readonly listChanged: readonly string[];
  readonly measuresGained: readonly string[];
  readonly measuresLost: readonly string[];
  readonly measuresChanged: readonly string[];
  /** the primary grade moved */
  readonly grade?: { readonly from: string | null; readonly to: string | null };
  /** score, supervision, notes or basis texts differ although nothing above did */
  readonly other: boolean;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

// Items of both decisions are built by the same evaluator code, so their key order agrees and plain
// JSON.stringify compares them (canonicalJson is several times slower and this runs per subject).
function byName<T>(xs: readonly T[], name: (x: T) => string): Map<string, string> {
  return new Map(xs.map((x) => [name(x), JSON.stringify(x)]));
}

/** The part of a decision a policy version decides (the policy block itself always differs). */
export function decisionBody(d: Decision): string {
  const { policy: _p, explanation: _e, ...rest } = d;
  return canonicalJson(rest);
}

/** Cheap and sound for equality: the same evaluator builds both, so equal content nearly always prints equal. */
function quickBody(d: Decision): string {
  return JSON.stringify([
    d.subject,
    d.at,
    d.matter,
    d.inForce,
    d.lists,
    d.grade,
    d.grades,
    d.supervision,
    d.measures,
    d.notes,
  ]);
}

export function decisionDelta(oldD: Decision, newD: Decision): DecisionDelta | null {
  if (quickBody(oldD) === quickBody(newD)) return null;
  const la = byName(oldD.lists, (l) => l.list);
  const lb = byName(newD.lists, (l) => l.list);
  const ma = byName(oldD.measures, (m) => m.measure);
  const mb = byName(newD.measures, (m) => m.measure);
  const listed = sorted([...lb.keys()].filter((k) => !la.has(k)));
  const delisted = sorted([...la.keys()].filter((k) => !lb.has(k)));
  const listChanged = sorted([...la.keys()].filter((k) => lb.has(k) && la.get(k) !== lb.get(k)));
  const measuresGained = sorted([...mb.keys()].filter((k) => !ma.has(k)));
  const measuresLost = sorted([...ma.keys()].filter((k) => !mb.has(k)));
  const measuresChanged = sorted([...ma.keys()].filter((k) => mb.has(k) && ma.get(k) !== mb.get(k)));
  const ga = oldD.grade?.grade ?? null;
  const gb = newD.grade?.grade ?? null;
  const structural =
    listed.length +
      delisted.length +
      listChanged.length +
      measuresGained.length +
      measuresLost.length +
      measuresChanged.length >
      0 || ga !== gb;
  // Only when nothing named differs can the difference be key order alone: settle it canonically.
  if (!structural && decisionBody(oldD) === decisionBody(newD)) return null;
  return {
    listed,
    delisted,
    listChanged,
    measuresGained,
    measuresLost,
    measuresChanged,
    ...(ga !== gb ? { grade: { from: ga, to: gb } } : {}),
    other: !structural,
  };
}

/** One Chinese line per kind of difference. */
export function describeDelta(d: DecisionDelta): string[] {
  const q = (xs: readonly string[]): string => xs.map((x) => `“${x}”`).join('、');
  const out: string[] = [];
  if (d.listed.length > 0) out.push(`新列入${q(d.listed)}`);
  if (d.delisted.length > 0) out.push(`不再列入${q(d.delisted)}`);
  if (d.listChanged.length > 0) out.push(`${q(d.listChanged)}的列入期限或理由变化`);
  if (d.measuresGained.length > 0) out.push(`新适用措施${q(d.measuresGained)}`);
  if (d.measuresLost.length > 0) out.push(`不再适用措施${q(d.measuresLost)}`);
  if (d.measuresChanged.length > 0) out.push(`措施${q(d.measuresChanged)}的期限或内容变化`);
  if (d.grade) out.push(`评价等级由${d.grade.from ?? '无'}变为${d.grade.to ?? '无'}`);
  if (d.other) out.push('分值、监管频次、依据表述或说明变化');
  return out;
}
