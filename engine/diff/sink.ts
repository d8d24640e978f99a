// Collects changes as the comparers find them, attaching spans and turning effects into directions.
import type { IrCitation, PolicyIr } from '../../dsl/ir.js';
import type { Effect } from './monotone.js';
import { same } from './monotone.js';
import { formatDate } from '../explain/format.js';
import { citationsText, ExprText } from './expr-text.js';
import type { ChangeAspect, ChangeEntity, Direction, PolicyChange, SourceMap } from './types.js';

/**
 * +1: being caught by it is a burden for the subject (black/grey lists, penalty and management measures,
 * deducting items); -1: a benefit (red lists, rewards, adding items); 0: cannot tell.
 */
export type Polarity = 1 | -1 | 0;

export function direction(effect: Effect, polarity: Polarity): Direction {
  if (effect === 'same') return '中性';
  if (effect === 'unknown' || polarity === 0) return '不确定';
  const heavier = (effect === 'more') === (polarity === 1);
  return heavier ? '从严' : '从宽';
}

/** One polarity for a thing whose polarity may differ between the versions: a sign change makes it unknowable. */
export function bothPolarity(a: Polarity, b: Polarity): Polarity {
  return a === b ? a : 0;
}

export const REASON: Readonly<Record<Direction, string>> = {
  从严: '对信用主体更为不利',
  从宽: '对信用主体更为有利',
  中性: '不改变名单、措施或等级的认定结果',
  不确定: '对信用主体的影响方向不一',
};

export interface ChangeInput {
  readonly entity: ChangeEntity;
  readonly path: readonly string[];
  readonly key: string;
  readonly aspect: ChangeAspect;
  readonly before: string | null;
  readonly after: string | null;
  /** the sentence without the direction tag */
  readonly sentence: string;
  readonly direction: Direction;
  readonly reason?: string;
}

export class ChangeSink {
  readonly changes: PolicyChange[] = [];
  readonly oldText: ExprText;
  readonly newText: ExprText;

  constructor(
    readonly oldIr: PolicyIr,
    readonly newIr: PolicyIr,
    private readonly sources: { readonly old?: SourceMap; readonly new?: SourceMap },
  ) {
    this.oldText = new ExprText(oldIr);
    this.newText = new ExprText(newIr);
  }

  private span(map: SourceMap | undefined, key: string): PolicyChange['spans']['old'] {
    if (map === undefined) return undefined;
    // A rule without its own span points at its list; anything unknown at nothing.
    const direct = map[key];
    if (direct !== undefined) return direct;
    const rule = /^rule:([^/]+)\//.exec(key);
    return rule ? map[`list:${rule[1]}`] : undefined;
  }

  add(c: ChangeInput): void {
    const tag = c.direction === '中性' && c.aspect === 'basis' ? '依据变更' : c.direction;
    const oldSpan = this.span(this.sources.old, c.key);
    const newSpan = this.span(this.sources.new, c.key);
    this.changes.push({
      entity: c.entity,
      path: c.path,
      key: c.key,
      aspect: c.aspect,
      before: c.before,
      after: c.after,
      text: `${c.sentence}（${tag}）`,
      direction: c.direction,
      reason: c.reason ?? REASON[c.direction],
      spans: {
        ...(oldSpan !== undefined ? { old: oldSpan } : {}),
        ...(newSpan !== undefined ? { new: newSpan } : {}),
      },
    });
  }

  /** A change of citations: always neutral for the outcome, always reported (法制审核 checks every basis). */
  basis(
    entity: ChangeEntity,
    path: readonly string[],
    key: string,
    what: string,
    a: readonly IrCitation[] | undefined,
    b: readonly IrCitation[] | undefined,
  ): void {
    if (same(a ?? [], b ?? [])) return;
    const before = citationsText(a ?? [], this.oldIr);
    const after = citationsText(b ?? [], this.newIr);
    this.add({
      entity,
      path: [...path, 'basis'],
      key,
      aspect: 'basis',
      before,
      after,
      sentence: `${what}的依据由${before}改为${after}`,
      direction: '中性',
    });
  }

  /** A plain attribute whose change never alters an outcome (label, department, category, layer). */
  neutral(
    entity: ChangeEntity,
    path: readonly string[],
    key: string,
    aspect: ChangeAspect,
    what: string,
    a: string | undefined,
    b: string | undefined,
  ): void {
    if (a === b) return;
    const before = a ?? null;
    const after = b ?? null;
    const sentence =
      before === null
        ? `${what}新增为“${after ?? ''}”`
        : after === null
          ? `${what}“${before}”被删除`
          : `${what}由“${before}”改为“${after}”`;
    this.add({ entity, path, key, aspect, before, after, sentence, direction: '中性' });
  }

  /**
   * A list, measure or grading declared in another layer: neutral when both layers are in force over the same
   * dates, otherwise it now applies over other dates (SEMANTICS §5) and the direction cannot be told.
   */
  layerMove(entity: ChangeEntity, path: readonly string[], key: string, what: string, a: string, b: string): void {
    if (a === b) return;
    const la = this.oldIr.layers.find((l) => l.id === a);
    const lb = this.newIr.layers.find((l) => l.id === b);
    const window = (l: typeof la): string =>
      l === undefined ? '' : `${formatDate(l.effective)}起${l.until === undefined ? '' : `至${formatDate(l.until)}`}`;
    if (window(la) === window(lb)) {
      this.neutral(entity, path, key, 'layer', `${what}的声明层级`, a, b);
      return;
    }
    this.add({
      entity,
      path,
      key,
      aspect: 'layer',
      before: a,
      after: b,
      sentence: `${what}的声明层级由“${a}”（${window(la)}适用）改为“${b}”（${window(lb)}适用），适用期间随之改变`,
      direction: '不确定',
    });
  }
}
