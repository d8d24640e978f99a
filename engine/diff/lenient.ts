// 从旧兼从轻: a subject, an old and a new policy version → the decision of the version that applies, with a note.
//
// For conduct before the new version's effective date the old rule applies, unless the new one is lighter for
// this subject (立法法 第一百零四条; 行政处罚法 第三十七条). "Lighter" is decided on the two decisions, not on
// the rules: fewer or shorter burdening listings, fewer or lower or shorter penalty and management measures,
// more rewards, a grade no worse — and not heavier in any of these. When the two are equal or cannot be
// ordered (lighter in one respect, heavier in another), the old rule stays.
//
// Simplification: a subject that also has conduct on or after the new effective date is judged by the new
// version as a whole (its records cannot be split between two decisions); the note says so.
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy } from '../compile/index.js';
import type { CompiledPolicy } from '../compile/index.js';
import type { Decision, EvaluateOptions, ExplainNode, ListOutcome, MeasureOutcome, Subject } from '../contract.js';
import { evaluate } from '../evaluate.js';
import { formatDate } from '../explain/format.js';
import type { Effect } from './monotone.js';
import { combine, flip } from './monotone.js';

export type LenientOptions = EvaluateOptions;

export interface LenientChoice {
  readonly decision: Decision;
  readonly applied: 'old' | 'new';
  /** the note added to the decision */
  readonly reason: string;
}

// The old version is applied to old conduct even after its own end date: that is the point of 从旧.
const withoutEnd = new WeakMap<CompiledPolicy, CompiledPolicy>();
function timeless(compiled: CompiledPolicy): CompiledPolicy {
  if (compiled.ir.until === undefined) return compiled;
  let c = withoutEnd.get(compiled);
  if (c === undefined) {
    const { until: _until, ...ir } = compiled.ir;
    c = compilePolicy(ir as PolicyIr, compiled.hash);
    withoutEnd.set(compiled, c);
  }
  return c;
}

const until = (x: string | null): string => x ?? '9999-12-31';

function later(a: string | null, b: string | null): Effect {
  return until(b) > until(a) ? 'more' : until(b) < until(a) ? 'less' : 'same';
}

function setEffect<T>(
  a: readonly T[],
  b: readonly T[],
  name: (x: T) => string,
  common: (x: T, y: T) => Effect,
): Effect {
  const ma = new Map(a.map((x) => [name(x), x]));
  const mb = new Map(b.map((x) => [name(x), x]));
  const effects: Effect[] = [];
  for (const [k, x] of ma) {
    const y = mb.get(k);
    effects.push(y === undefined ? 'less' : common(x, y));
  }
  for (const k of mb.keys()) if (!ma.has(k)) effects.push('more');
  return combine(...effects);
}

/**
 * The first day a listing can end: its repairFrom, else its until — a listing barred from early removal, or whose
 * early removal would come only after its end (repairFrom null), ends when it runs out.
 */
const earliestExit = (l: ListOutcome): string | null => l.repairFrom ?? l.until;

/** How the new decision weighs on the subject compared with the old: 'more' = heavier. */
export function compareBurden(oldD: Decision, newD: Decision, ir: PolicyIr): Effect {
  const levels = ir.levels;
  const burdenLists = (d: Decision): ListOutcome[] => d.lists.filter((l) => l.kind !== 'red');
  const redLists = (d: Decision): ListOutcome[] => d.lists.filter((l) => l.kind === 'red');
  const burdenMeasures = (d: Decision): MeasureOutcome[] => d.measures.filter((m) => m.kind !== 'reward');
  const rewards = (d: Decision): MeasureOutcome[] => d.measures.filter((m) => m.kind === 'reward');
  const level = (m: MeasureOutcome): number => (m.level === undefined ? -1 : levels.indexOf(m.level));
  const lists = setEffect(
    burdenLists(oldD),
    burdenLists(newD),
    (l) => l.list,
    (x, y) => combine(later(x.until, y.until), later(earliestExit(x), earliestExit(y))),
  );
  const red = flip(
    setEffect(
      redLists(oldD),
      redLists(newD),
      (l) => l.list,
      (x, y) => later(x.until, y.until),
    ),
  );
  const measures = setEffect(
    burdenMeasures(oldD),
    burdenMeasures(newD),
    (m) => m.measure,
    (x, y) => combine(level(y) > level(x) ? 'more' : level(y) < level(x) ? 'less' : 'same', later(x.until, y.until)),
  );
  const reward = flip(
    setEffect(
      rewards(oldD),
      rewards(newD),
      (m) => m.measure,
      (x, y) => later(x.until, y.until),
    ),
  );
  let grade: Effect = 'same';
  if (oldD.grade && newD.grade && oldD.grade.scale === newD.grade.scale && oldD.grade.grade !== newD.grade.grade) {
    // Grades are listed best first: a later position is a worse grade.
    const order = ir.gradings[newD.grade.scale]?.grades ?? [];
    const x = order.indexOf(oldD.grade.grade);
    const y = order.indexOf(newD.grade.grade);
    grade = x < 0 || y < 0 ? 'unknown' : y > x ? 'more' : 'less';
  } else if ((oldD.grade === null) !== (newD.grade === null)) grade = 'unknown';
  return combine(lists, red, measures, reward, grade);
}

function withNote(d: Decision, note: string): Decision {
  const notes = [...d.notes, note].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (d.explanation === undefined) return { ...d, notes };
  const node: ExplainNode = { kind: 'note', outcome: 'info', text: note };
  const explanation: ExplainNode = { ...d.explanation, children: [node, ...(d.explanation.children ?? [])] };
  return { ...d, notes, explanation };
}

export function chooseLenient(
  oldCompiled: CompiledPolicy,
  newCompiled: CompiledPolicy,
  subject: Subject,
  opts: LenientOptions,
): LenientChoice {
  const effective = newCompiled.ir.effective;
  const eff = formatDate(effective);
  const oldV = `“${oldCompiled.ir.version}”`;
  const newV = `“${newCompiled.ir.version}”`;
  const choose = (applied: 'old' | 'new', decision: Decision, reason: string): LenientChoice => ({
    decision: withNote(decision, reason),
    applied,
    reason,
  });
  if (opts.at < effective) {
    return choose(
      'old',
      evaluate(oldCompiled, subject, opts),
      `从旧兼从轻：评价日期早于新规定施行日期${eff}，适用旧规定（版本${oldV}）`,
    );
  }
  const conduct = subject.records.filter((r) => r.date <= opts.at);
  const before = conduct.filter((r) => r.date < effective);
  const newDecision = evaluate(newCompiled, subject, opts);
  if (before.length === 0) {
    return choose(
      'new',
      newDecision,
      `从旧兼从轻：相关行为均发生在新规定施行日期${eff}之后，适用新规定（版本${newV}）`,
    );
  }
  if (before.length < conduct.length) {
    return choose(
      'new',
      newDecision,
      `从旧兼从轻：主体在新规定施行日期${eff}前后均有相关行为，整体适用新规定（版本${newV}）`,
    );
  }
  const oldDecision = evaluate(timeless(oldCompiled), subject, opts);
  const burden = compareBurden(oldDecision, newDecision, newCompiled.ir);
  if (burden === 'less') {
    return choose(
      'new',
      newDecision,
      `从旧兼从轻：行为发生在新规定施行日期${eff}之前，新规定（版本${newV}）对该主体较轻，适用新规定`,
    );
  }
  const why = burden === 'same' ? '新旧规定结果相同' : burden === 'more' ? '新规定对该主体较重' : '新规定并非较轻';
  return choose(
    'old',
    oldDecision,
    `从旧兼从轻：行为发生在新规定施行日期${eff}之前，${why}，适用旧规定（版本${oldV}）`,
  );
}

/** The decision under 从旧兼从轻: the old version's, unless the new one is lighter for this subject. */
export function evaluateLenient(
  oldCompiled: CompiledPolicy,
  newCompiled: CompiledPolicy,
  subject: Subject,
  opts: LenientOptions,
): Decision {
  return chooseLenient(oldCompiled, newCompiled, subject, opts).decision;
}
