// The surface AST: what both front ends (text DSL and YAML) produce, names unresolved, spans on everything.
import type { Span } from './span.js';

export interface Name {
  readonly text: string;
  readonly span: Span;
}

export type DurationUnit = 'year' | 'month' | 'day' | 'workday';

export interface DurationLit {
  readonly amount: number;
  readonly unit: DurationUnit;
}

// ---------------------------------------------------------------- expressions

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type AggregateOp = 'any' | 'all' | 'count' | 'sum' | 'max' | 'min';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  /** Money literal such as `100万元`, value in 元. */
  | { readonly kind: 'money'; readonly value: number; readonly span: Span }
  /** `5%` → 0.05 */
  | { readonly kind: 'percent'; readonly value: number; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'null'; readonly span: Span }
  | { readonly kind: 'date'; readonly value: string; readonly span: Span }
  | { readonly kind: 'duration'; readonly value: DurationLit; readonly span: Span }
  /** The evaluation date (`at` / `评价日期`). */
  | { readonly kind: 'at'; readonly span: Span }
  /** A bare name: a field, parameter, enum value, subject attribute — resolved by the checker. */
  | { readonly kind: 'name'; readonly name: Name; readonly span: Span }
  /** `outer NAME`: a field of the record one scope out (see IrExpr `outerField`) */
  | { readonly kind: 'outer'; readonly name: Name; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'neg'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'and'; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'or'; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'arith'; readonly op: ArithOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  /**
   * `date + period counted civil`: the last day of the period as 民法典 第二百零三条 counts it (a rest day moves it
   * to the next working day). The checker accepts only a date plus a duration as the operand.
   */
  | { readonly kind: 'counted'; readonly counting: 'civil'; readonly operand: Expr; readonly span: Span }
  /** `x in [..]` / `x not in [..]` */
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: Expr; readonly right: Expr; readonly span: Span }
  /** `list-field has any [..]` / `has all [..]` */
  | {
      readonly kind: 'has';
      readonly mode: 'any' | 'all';
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  /** `x is set` / `x is not set` */
  | { readonly kind: 'isSet'; readonly negated: boolean; readonly operand: Expr; readonly span: Span }
  | {
      readonly kind: 'aggregate';
      readonly op: AggregateOp;
      /** sum/max/min only */
      readonly field?: Name;
      readonly recordType: Name;
      readonly where?: Expr;
      readonly within?: Expr;
      readonly span: Span;
    }
  /** `on LIST` — the subject is on that list at the evaluation date. */
  | { readonly kind: 'onList'; readonly list: Name; readonly span: Span }
  /** `grade GRADING` — the grade the subject gets under that grading, as a string. */
  | { readonly kind: 'gradeOf'; readonly grading: Name; readonly span: Span };

// ---------------------------------------------------------------- citations

export interface Citation {
  /** A basis id, or the 《title》 text (with the book-title marks) when written that way. */
  readonly basis: Name;
  /** `第二条第二款第（三）项`, normalised text as written. */
  readonly article?: string;
  /** A numbered section of a policy document (seeds): `section "十"`. */
  readonly section?: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- declarations

export type Rank =
  '法律' | '行政法规' | '司法解释' | '地方性法规' | '国务院政策文件' | '部门规章' | '地方政府规章' | '规范性文件';

export const RANKS: readonly Rank[] = [
  '法律',
  '行政法规',
  '司法解释',
  '地方性法规',
  '国务院政策文件',
  '部门规章',
  '地方政府规章',
  '规范性文件',
];

export type Certainty = 'verified' | 'paraphrase' | 'recalled';

export interface BasisDecl {
  readonly kind: 'basis';
  readonly id: Name;
  readonly title: string;
  readonly rank?: Rank;
  readonly issuer?: string;
  readonly number?: string;
  readonly effective?: string;
  readonly until?: string;
  readonly articles: readonly Name[];
  readonly sections: readonly Name[];
  readonly certainty?: Certainty;
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface ScaleDecl {
  readonly kind: 'scale';
  readonly scale: 'severity' | 'level';
  readonly values: readonly Name[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface EnumDecl {
  readonly kind: 'enum';
  readonly id: Name;
  readonly values: readonly Name[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export type FieldTypeAst =
  | { readonly kind: 'string' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean' | 'duration' }
  /** `enum NAME` (ref) or `enum [a, b]` (inline values) */
  | { readonly kind: 'enum'; readonly ref?: Name; readonly values?: readonly Name[] }
  | { readonly kind: 'list'; readonly ref?: Name; readonly values?: readonly Name[] };

export interface FieldDecl {
  readonly key: Name;
  readonly label?: string;
  readonly type: FieldTypeAst;
  readonly required: boolean;
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface RecordDecl {
  readonly kind: 'record';
  readonly id: Name;
  readonly label?: string;
  readonly hasSeverity: boolean;
  /**
   * `latest per F`: of the records of this type that count, one with a later date and the same F supersedes an
   * earlier one (a re-rating of the same year replaces the rating) — SEMANTICS §1.
   */
  readonly latestPer?: Name;
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export type ParamType = 'integer' | 'decimal' | 'money' | 'date' | 'duration' | 'string' | 'boolean';

export interface ParamVersion {
  /** `unset` versions have no value: the office must fill them. */
  readonly value?: Expr;
  readonly from?: string;
  readonly basis: readonly Citation[];
  readonly transition?: string;
  readonly span: Span;
}

export interface ParamDecl {
  readonly kind: 'param';
  readonly id: Name;
  readonly label?: string;
  readonly type: ParamType;
  readonly versions: readonly ParamVersion[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

/**
 * `fill NAME VERSION…` — a layer gives the values of a parameter that a policy it extends declares but leaves
 * unset (a figure delegated to a province or a sector). The versions have the syntax of a `param`'s.
 */
export interface FillDecl {
  readonly kind: 'fill';
  readonly param: Name;
  readonly versions: readonly ParamVersion[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export type ListKind = 'red' | 'black' | 'grey';
export type Counting = 'civil' | 'calendar';

export interface RuleDecl {
  readonly name: Name;
  readonly label?: string;
  readonly basis: readonly Citation[];
  /** `for TYPE [from FIELD] [where COND]` — per-record rule. */
  readonly forType?: Name;
  readonly fromField?: Name;
  /** `for TYPE from EXPR` when EXPR is more than a field name */
  readonly fromExpr?: Expr;
  readonly where?: Expr;
  /** `when COND` — subject-level rule. */
  readonly when?: Expr;
  readonly unless?: Expr;
  readonly unlessBasis: readonly Citation[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface ListDecl {
  readonly kind: 'list';
  readonly id: Name;
  readonly listKind: ListKind;
  readonly title?: string;
  readonly scope?: 'national' | 'local';
  /** `category SET.VALUE, …` — where this list sits in a declared category set (e.g. the national 严重失信 scope). */
  readonly categories: readonly CategoryRef[];
  readonly maxLevel?: Name;
  /**
   * `replaces LIST`: a list of a layer this one extends that this list takes the place of while this list's layer
   * is in force (the same list under a later instrument)
   */
  readonly replaces?: Name;
  /** `external`: another authority keeps the list; it triggers this policy's measures and is not reported */
  readonly external?: boolean;
  readonly duration?: {
    readonly period: Expr;
    readonly counting: Counting;
    readonly basis: readonly Citation[];
    readonly span: Span;
  };
  /**
   * date fields of the triggering record and dates computed in its scope (`until F, D + 3 workdays when C`); when one
   * is set (and `when`, if given, holds), the instance ends on the latest of them (not by `duration`)
   */
  readonly endsAt?: {
    readonly fields: readonly Name[];
    readonly dates?: readonly Expr[];
    readonly when?: Expr;
    readonly basis: readonly Citation[];
    readonly span: Span;
  };
  /** one or more fields; the listing is held to the latest end they give */
  readonly extendTo?: { readonly fields: readonly Name[]; readonly basis: readonly Citation[]; readonly span: Span };
  readonly earlyRemoval?: {
    readonly after: Expr;
    readonly when?: Expr;
    /** a bar: while it holds for the triggering record, early removal is not granted at all (repairFrom null) */
    readonly unless?: Expr;
    readonly basis: readonly Citation[];
    readonly span: Span;
  };
  readonly objectionPending?: 'mark' | 'suspend';
  readonly allowBlack: boolean;
  readonly rules: readonly RuleDecl[];
  readonly basis: readonly Citation[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export type MeasureKind = 'reward' | 'penalty' | 'management';
export type Action = 'block' | 'restrict' | 'warn' | 'prioritize' | 'simplify' | 'inspect';
export type Target = 'subject' | 'legal_representative' | 'third_party';

export interface CategoryRef {
  readonly set: Name;
  readonly value: Name;
  readonly span: Span;
}

/**
 * `categories ID for black lists|penalty measures|measures|lists [v, …] basis …` — a closed set that every
 * list or measure of that kind, in this layer and the layers extending it, must be placed in.
 */
export interface CategoriesDecl {
  readonly kind: 'categories';
  readonly id: Name;
  readonly appliesTo: 'lists' | 'black lists' | 'measures' | 'penalty measures';
  readonly values: readonly Name[];
  readonly basis: readonly Citation[];
  readonly span: Span;
  readonly comments?: readonly string[];
}

export interface GradeRef {
  readonly grading: Name;
  readonly grades: readonly Name[];
}

export interface MeasureDecl {
  readonly kind: 'measure';
  readonly id: Name;
  readonly label?: string;
  readonly measureKind: MeasureKind;
  readonly level?: Name;
  readonly action: Action;
  /** `category SET.VALUE, …` — e.g. 全国基础清单.减损权益, 陕西惩戒措施.限制公共资源交易 */
  readonly categories: readonly CategoryRef[];
  readonly lists: readonly Name[];
  readonly grades: readonly GradeRef[];
  /** undefined = every matter */
  readonly matters?: readonly Name[];
  readonly department?: string;
  readonly mandatory: boolean;
  readonly target: Target;
  readonly term?: Expr;
  /** `term exactly P`: the measure lasts P from the listing, no longer even while the listing lasts */
  readonly termExact?: boolean;
  /** `when COND` — a subject-level condition the measure needs besides its trigger (the subject's kind, a list). */
  readonly when?: Expr;
  readonly basis: readonly Citation[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface NarrowDecl {
  readonly kind: 'narrow';
  readonly measure: Name;
  readonly matters?: readonly Name[];
  readonly level?: Name;
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface ScoreItem {
  readonly name: Name;
  readonly label?: string;
  readonly direction: 'add' | 'deduct';
  /** points per matching record; 1 when `pointsField` gives them */
  readonly points: number;
  /** `add FIELD per TYPE …`: each matching record adds (or deducts) its own numeric FIELD */
  readonly pointsField?: Name;
  /** `per TYPE [where] [within]` — points per matching record. */
  readonly per?: Extract<Expr, { kind: 'aggregate' }>;
  /** `once when COND` */
  readonly when?: Expr;
  readonly cap?: number;
  readonly basis: readonly Citation[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface GradeRule {
  readonly grade: Name;
  readonly when: Expr;
  readonly basis: readonly Citation[];
  readonly span: Span;
}

export interface GradingDecl {
  readonly kind: 'grading';
  readonly id: Name;
  readonly title?: string;
  readonly grades: readonly Name[];
  readonly base: number;
  readonly range?: { readonly min: number; readonly max: number };
  readonly items: readonly ScoreItem[];
  readonly bands: readonly { readonly grade: Name; readonly from: number; readonly span: Span }[];
  readonly direct: readonly GradeRule[];
  readonly caps: readonly GradeRule[];
  readonly supervision: readonly {
    readonly grade: Name;
    readonly ratioMin: number;
    readonly ratioMax: number;
    readonly frequency?: string;
    readonly basis: readonly Citation[];
    readonly span: Span;
  }[];
  /** `supervision when COND`: the subjects the spot-check ratios are for (subject scope, read at `at`) */
  readonly supervisionWhen?: { readonly when: Expr; readonly basis: readonly Citation[]; readonly span: Span };
  /** `supervision note "…"`: said in every decision that gives a spot-check ratio (where the table comes from) */
  readonly supervisionNote?: { readonly text: string; readonly span: Span };
  /** `applies when COND`: whom the grading grades at all; anyone else gets no grade from it */
  readonly appliesWhen?: { readonly when: Expr; readonly basis: readonly Citation[]; readonly span: Span };
  readonly basis: readonly Citation[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export interface SettingDecl {
  readonly kind: 'setting';
  readonly setting: 'leniencyCeiling' | 'measuresPerRecordCap';
  readonly value: Name | number;
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}

export type Decl =
  | BasisDecl
  | ScaleDecl
  | EnumDecl
  | RecordDecl
  | ParamDecl
  | FillDecl
  | ListDecl
  | MeasureDecl
  | NarrowDecl
  | GradingDecl
  | CategoriesDecl
  | SettingDecl;

export type JurisdictionLevel = 'national' | 'province' | 'city' | 'county';

export interface PolicyAst {
  readonly kind: 'policy';
  readonly id: Name;
  readonly title: string;
  readonly jurisdiction: { readonly level: JurisdictionLevel; readonly code?: string };
  readonly version: string;
  readonly effective: string;
  readonly until?: string;
  readonly extends: readonly Name[];
  readonly decls: readonly Decl[];
  readonly span: Span;
  /** `#` / `//` comment lines directly above the declaration, kept by the formatter. */
  readonly comments?: readonly string[];
}
