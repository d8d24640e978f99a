// The vocabulary of a semantic diff: what changed, where, and which way it cuts for the subject.
import type { Span } from '../../dsl/span.js';

/** Source spans keyed like `list:名单`, `rule:名单/规则`, `measure:名` (the checker's `sources`). */
export type SourceMap = Readonly<Record<string, Span>>;

/**
 * Direction from the subject's point of view:
 * - 从严: the change can only make outcomes heavier for a subject (more or longer listing, more or higher
 *   penalty measures, a worse grade, fewer rewards), never lighter;
 * - 从宽: the mirror image;
 * - 中性: the change does not alter any listing, measure or grade (wording, basis, department, vocabulary);
 * - 不确定: it alters outcomes but not in one direction (or the analysis cannot tell which).
 */
export type Direction = '从严' | '从宽' | '中性' | '不确定';

export const DIRECTION_EN: Readonly<Record<Direction, string>> = {
  从严: 'stricter',
  从宽: 'more lenient',
  中性: 'neutral',
  不确定: 'undetermined',
};

export type ChangeEntity =
  | 'policy'
  | 'layer'
  | 'basis'
  | 'scale'
  | 'enum'
  | 'record'
  | 'categorySet'
  | 'param'
  | 'list'
  | 'rule'
  | 'measure'
  | 'grading'
  | 'setting';

/**
 * What about the entity changed. `added` / `removed` are each other's mirror; every other aspect mirrors
 * itself (before and after swap).
 */
export type ChangeAspect =
  | 'added'
  | 'removed'
  | 'header'
  | 'label'
  | 'kind'
  | 'scope'
  | 'category'
  | 'maxLevel'
  | 'replaces'
  | 'external'
  | 'condition'
  | 'exception'
  | 'source'
  | 'duration'
  | 'counting'
  | 'extension'
  | 'earlyRemoval'
  | 'objection'
  | 'allowBlack'
  | 'level'
  | 'action'
  | 'matters'
  | 'triggers'
  | 'department'
  | 'mandatory'
  | 'target'
  | 'term'
  | 'basis'
  | 'value'
  | 'version'
  | 'points'
  | 'cap'
  | 'base'
  | 'range'
  | 'band'
  | 'grades'
  | 'direct'
  | 'gradeCap'
  | 'supervision'
  | 'primary'
  | 'vocabulary'
  | 'layer'
  /** a difference the comparers have no words for: reported rather than lost */
  | 'other';

export interface PolicyChange {
  readonly entity: ChangeEntity;
  /** identity path: entity kind and names, then the part, e.g. ['list', '严重失信名单', 'rule', '较重处罚', 'where'] */
  readonly path: readonly string[];
  /** the source-map key the spans were looked up by (`rule:名单/规则`) */
  readonly key: string;
  readonly aspect: ChangeAspect;
  /** the old and new state in policy-language terms; null when absent on that side */
  readonly before: string | null;
  readonly after: string | null;
  /** one Chinese sentence in the words of a legality review */
  readonly text: string;
  readonly direction: Direction;
  /** why that direction, in Chinese (one clause) */
  readonly reason: string;
  readonly spans: { readonly old?: Span; readonly new?: Span };
}
