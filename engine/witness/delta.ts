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

/**
 * Deep equality of two JSON trees, key order ignored. Impact runs this once per subject, and almost every
 * pair is equal: walking both trees allocates nothing, where printing them allocated two strings each time.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, key) || ra[key] === undefined) continue;
    count++;
    if (!sameJson(ra[key], rb[key])) return false;
  }
  for (const key in rb) {
    if (Object.prototype.hasOwnProperty.call(rb, key) && rb[key] !== undefined) count--;
  }
  return count === 0;
}

/** The decision apart from the policy it was made under and its explanation: what a reviewer compares. */
function sameOutcome(a: Decision, b: Decision): boolean {
  return (
    a.subject === b.subject &&
    a.at === b.at &&
    a.matter === b.matter &&
    a.inForce === b.inForce &&
    sameJson(a.lists, b.lists) &&
    sameJson(a.grade, b.grade) &&
    sameJson(a.grades, b.grades) &&
    sameJson(a.supervision, b.supervision) &&
    sameJson(a.measures, b.measures) &&
    sameJson(a.notes, b.notes)
  );
}

export function decisionDelta(oldD: Decision, newD: Decision): DecisionDelta | null {
  if (sameOutcome(oldD, newD)) return null;
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
