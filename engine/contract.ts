// The public contract (design.md "Public contract"): the subject a business system sends and the decision it gets.
// Field names are stable; add fields freely, rename none without a new contract version.
import type { Action, ListKind, MeasureKind } from '../dsl/ast.js';
import type { IrCitation, SubjectKind } from '../dsl/ir.js';

export const CONTRACT_VERSION = 'xinyong.decision/1';

export type Objection = null | 'pending' | 'upheld' | 'rejected';

export type AttrValue = string | number | boolean | null | readonly (string | number)[];

export interface SubjectRecord {
  readonly id: string;
  readonly type: string;
  readonly date: string;
  readonly authority?: string;
  readonly severity?: string | null;
  readonly attrs?: Readonly<Record<string, AttrValue>>;
  readonly fulfilledOn?: string | null;
  readonly repairedOn?: string | null;
  readonly revokedOn?: string | null;
  readonly objection?: Objection;
}

export interface Subject {
  readonly id: string;
  readonly kind: SubjectKind;
  readonly name?: string;
  readonly region?: string;
  readonly records: readonly SubjectRecord[];
}

export interface EvaluateOptions {
  /** the evaluation date, YYYY-MM-DD; the engine never reads a clock */
  readonly at: string;
  /** the matter (事项); when given, only measures that apply in it are returned */
  readonly matter?: string;
  /** build the explanation tree (default true) */
  readonly explain?: boolean;
}

export interface Because {
  readonly rule: string;
  readonly label?: string;
  readonly records: readonly string[];
  readonly basis: readonly string[];
}

export interface ListOutcome {
  readonly list: string;
  readonly title?: string;
  readonly kind: ListKind;
  readonly since: string;
  /** last day on the list (inclusive); null = indefinite */
  readonly until: string | null;
  /** earliest day early removal / repair can be applied for; null = not provided by the policy */
  readonly repairFrom: string | null;
  readonly because: readonly Because[];
  /** records counted while an objection is pending (they are marked, not removed) */
  readonly marked?: readonly string[];
}

export interface ScoreItemOutcome {
  readonly item: string;
  readonly label?: string;
  readonly points: number;
  readonly records: readonly string[];
}

export interface GradeOutcome {
  readonly scale: string;
  readonly score: number;
  readonly grade: string;
  /** how the grade was reached: by score band, by a direct-grade rule, or capped */
  readonly by: 'score' | 'direct' | 'cap';
  readonly rule?: string;
  readonly items: readonly ScoreItemOutcome[];
}

export interface SupervisionOutcome {
  readonly scale: string;
  readonly grade: string;
  /** the upper bound of the ratio range (a number, as in the contract) */
  readonly spotCheckRatio: number;
  readonly spotCheckRange: readonly [number, number];
  readonly frequency?: string;
  readonly basis: readonly string[];
}

export interface MeasureOutcome {
  readonly measure: string;
  readonly label?: string;
  readonly kind: MeasureKind;
  readonly action: Action;
  readonly level?: string;
  readonly because: readonly string[];
  readonly basis: readonly string[];
  readonly department?: string;
  readonly mandatory: boolean;
  readonly matters: readonly string[] | null;
  readonly since: string;
  readonly until: string | null;
}

/**
 * The explanation is a tree of plain nodes. Each node states one conclusion, what it rests on (rule,
 * records, the values read) and the basis; nodes for things that did not apply carry the first
 * condition that failed.
 */
export interface ExplainNode {
  readonly kind:
    | 'decision'
    | 'list'
    | 'rule'
    | 'instance'
    | 'condition'
    | 'record'
    | 'grade'
    | 'item'
    | 'measure'
    | 'remedy'
    | 'note';
  /** list / rule / measure / item name */
  readonly name?: string;
  readonly outcome: 'applies' | 'not-applies' | 'info';
  /** one Chinese sentence */
  readonly text: string;
  readonly records?: readonly string[];
  readonly values?: Readonly<Record<string, AttrValue>>;
  readonly basis?: readonly string[];
  readonly dates?: Readonly<Record<string, string | null>>;
  readonly children?: readonly ExplainNode[];
}

export interface Decision {
  readonly contract: typeof CONTRACT_VERSION;
  readonly subject: string;
  readonly at: string;
  readonly matter: string | null;
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  /** false when `at` is before the policy's effective date (or after its end): nothing applied */
  readonly inForce: boolean;
  readonly lists: readonly ListOutcome[];
  readonly grade: GradeOutcome | null;
  readonly grades: readonly GradeOutcome[];
  readonly supervision: SupervisionOutcome | null;
  readonly measures: readonly MeasureOutcome[];
  /** things the law leaves open that the decision depended on, in Chinese */
  readonly notes: readonly string[];
  readonly explanation?: ExplainNode;
}

export type { IrCitation };
