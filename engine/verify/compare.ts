// Compares two decisions the way the laws read them: heaviest penalty level per matter, grades, rewards.
import type { PolicyIr } from '../../dsl/ir.js';
import type { Decision, MeasureOutcome } from '../contract.js';

/** Matters no measure names: only measures for every matter reach them. */
export const OTHER_MATTER = '其他事项';

/** Position in the level scale; a measure without a level ranks below every level. */
export function levelIndex(ir: PolicyIr, level: string | undefined): number {
  return level === undefined ? -1 : ir.levels.indexOf(level);
}

/** Penalties and management measures: everything that is not a reward weighs on the subject. */
export function burdens(d: Decision): MeasureOutcome[] {
  return d.measures.filter((m) => m.kind !== 'reward');
}

/** Rewards in substance: a reward measure, or any measure that prioritises or simplifies. */
export function isRewarding(m: MeasureOutcome): boolean {
  return m.kind === 'reward' || m.action === 'prioritize' || m.action === 'simplify';
}

function heaviestIn(ir: PolicyIr, d: Decision, matter: string): MeasureOutcome | undefined {
  let best: MeasureOutcome | undefined;
  for (const m of burdens(d)) {
    const covers = m.matters === null || (matter !== OTHER_MATTER && m.matters.includes(matter));
    if (covers && (best === undefined || levelIndex(ir, m.level) > levelIndex(ir, best.level))) best = m;
  }
  return best;
}

export interface LighterMatter {
  readonly matter: string;
  /** the heaviest measure in that matter before */
  readonly before: MeasureOutcome;
  /** the heaviest after, if any */
  readonly after: MeasureOutcome | undefined;
}

/** The first matter (in sorted order) where the heaviest burden of `after` is lighter than that of `before`. */
export function lighterMatter(ir: PolicyIr, before: Decision, after: Decision): LighterMatter | undefined {
  const matters = new Set<string>([OTHER_MATTER]);
  for (const m of burdens(before)) for (const x of m.matters ?? []) matters.add(x);
  for (const matter of [...matters].sort()) {
    const b = heaviestIn(ir, before, matter);
    if (b === undefined) continue;
    const a = heaviestIn(ir, after, matter);
    if (a === undefined || levelIndex(ir, a.level) < levelIndex(ir, b.level)) return { matter, before: b, after: a };
  }
  return undefined;
}

export interface BetterGrade {
  readonly scale: string;
  readonly before: string;
  readonly after: string;
}

/** A grading whose grade is better in `after` than in `before` (grades are listed best first). */
export function betterGrade(ir: PolicyIr, before: Decision, after: Decision): BetterGrade | undefined {
  for (const b of before.grades) {
    const a = after.grades.find((g) => g.scale === b.scale);
    const order = ir.gradings[b.scale]?.grades ?? [];
    if (a && order.indexOf(a.grade) < order.indexOf(b.grade))
      return { scale: b.scale, before: b.grade, after: a.grade };
  }
  return undefined;
}

/** Reward measures that apply in `after` but not in `before`. */
export function gainedRewards(before: Decision, after: Decision): MeasureOutcome[] {
  const had = new Set(before.measures.filter((m) => m.kind === 'reward').map((m) => m.measure));
  return after.measures.filter((m) => m.kind === 'reward' && !had.has(m.measure));
}

/** Burdens that apply in `after` but not in `before`. */
export function gainedBurdens(before: Decision, after: Decision): MeasureOutcome[] {
  const had = new Set(burdens(before).map((m) => m.measure));
  return burdens(after).filter((m) => !had.has(m.measure));
}

export function levelText(m: MeasureOutcome | undefined): string {
  if (m === undefined) return '无惩戒措施';
  return `「${m.measure}」（${m.level ?? '未定等级'}）`;
}
