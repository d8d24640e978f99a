// The checked IR: plain, resolved, span-free data. Its canonical JSON is hashed into the policy version.
//
// Conventions every consumer relies on:
// - dates are 'YYYY-MM-DD' strings (so string comparison is date comparison);
// - money is a number of 元; percentages are fractions (5% → 0.05);
// - maps are plain objects keyed by name; the canonical serialisation sorts keys, so declaration order
//   never changes the hash; arrays whose order carries no meaning are sorted by the lowering pass.
import type {
  Action,
  AggregateOp,
  CompareOp,
  Counting,
  DurationUnit,
  ListKind,
  MeasureKind,
  Rank,
  Target,
} from './ast.js';

export const IR_FORMAT = 'xinyong.ir/1';

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** A literal value. Dates are strings; the checker knows which strings are dates. */
export type IrValue = number | string | boolean | null | Duration | readonly (string | number)[];

export type ValueType =
  'number' | 'money' | 'string' | 'boolean' | 'date' | 'duration' | 'severity' | 'level' | 'enum' | 'list' | 'null';

/** Built-in record fields (top-level on a record of the public contract); everything else is in `attrs`. */
export const BUILTIN_RECORD_FIELDS = {
  id: { label: '记录编号', type: 'string' },
  date: { label: '日期', type: 'date' },
  authority: { label: '认定机关', type: 'string' },
  severity: { label: '严重程度', type: 'severity' },
  fulfilledOn: { label: '履行日期', type: 'date' },
  repairedOn: { label: '修复日期', type: 'date' },
  revokedOn: { label: '撤销日期', type: 'date' },
  objection: { label: '异议状态', type: 'enum' },
} as const satisfies Record<string, { label: string; type: ValueType }>;

export type BuiltinRecordField = keyof typeof BUILTIN_RECORD_FIELDS;

export const OBJECTION_VALUES = { pending: '异议处理中', upheld: '异议成立', rejected: '异议驳回' } as const;

export const SUBJECT_FIELDS = {
  id: { label: '主体代码', type: 'string' },
  kind: { label: '主体类型', type: 'enum' },
  region: { label: '行政区划', type: 'string' },
  name: { label: '名称', type: 'string' },
  /** derived, not given: a natural person's first day of 十八周岁, from the 身份证号 (engine/subject/derived.ts) */
  adultOn: { label: '成年日期', type: 'date' },
} as const satisfies Record<string, { label: string; type: ValueType }>;

export type SubjectField = keyof typeof SUBJECT_FIELDS;

/** Subject kinds of the public contract with their Chinese labels (seed 001 专栏1.3 plus natural persons). */
export const SUBJECT_KINDS = {
  natural_person: '自然人',
  government_agency: '政府机关',
  public_institution: '事业单位',
  enterprise: '企业',
  individual_business: '个体工商户',
  social_group: '社会团体',
  private_non_enterprise: '民办非企业单位',
  farmer_cooperative: '农民专业合作社',
  rural_household: '农户',
} as const;

export type SubjectKind = keyof typeof SUBJECT_KINDS;

/** The Chinese name of a subject kind code; undefined for anything else. */
export function subjectKindZh(v: unknown): string | undefined {
  return typeof v === 'string' && Object.hasOwn(SUBJECT_KINDS, v) ? SUBJECT_KINDS[v as SubjectKind] : undefined;
}

/**
 * Kinds that have no 法定代表人 (a person acts for themself; a 农户 is registered by its household head): a
 * measure whose `target` is the legal representative concerns nobody there (SEMANTICS §4).
 */
export const KINDS_WITHOUT_REPRESENTATIVE: readonly SubjectKind[] = ['natural_person', 'rural_household'];

// ---------------------------------------------------------------- expressions

export type IrExpr =
  | { readonly op: 'lit'; readonly type: ValueType; readonly value: IrValue }
  /** A field of the innermost record in scope. `builtin` fields are top-level, others live in `attrs`. */
  | { readonly op: 'field'; readonly key: string; readonly builtin: boolean }
  /**
   * `outer F`: a field of the record one scope out from the innermost one — inside an aggregate's `where`, the
   * record the aggregate was reached from (a listing's triggering record, or the record of an enclosing
   * aggregate). It ties a condition to that record: 令45 第十四条第一款第（三）项 "未因同一类违法行为再次受到处罚".
   */
  | { readonly op: 'outerField'; readonly key: string; readonly builtin: boolean }
  | { readonly op: 'subject'; readonly key: SubjectField }
  /** An effective-dated parameter; `recordDate` picks the version by the record's date, else by `at`. */
  | { readonly op: 'param'; readonly param: string; readonly recordDate: boolean }
  | { readonly op: 'at' }
  | { readonly op: 'not'; readonly arg: IrExpr }
  | { readonly op: 'neg'; readonly arg: IrExpr }
  | { readonly op: 'and'; readonly args: readonly IrExpr[] }
  | { readonly op: 'or'; readonly args: readonly IrExpr[] }
  /**
   * `type` tells how to compare: numbers (incl. money), strings/dates/enums by code-unit order, and
   * `severity` / `level` by position in the policy's scale.
   */
  | {
      readonly op: 'cmp';
      readonly cmp: CompareOp;
      readonly type: ValueType;
      readonly left: IrExpr;
      readonly right: IrExpr;
    }
  | { readonly op: 'arith'; readonly arith: '+' | '-' | '*' | '/'; readonly left: IrExpr; readonly right: IrExpr }
  /**
   * date ± duration, civil counting (民法典 第二百零一、二百零二条; workdays use the holiday calendar). With
   * `counting: 'civil'` (only for +) it is the period's last day: a rest day moves it to the next working day
   * (第二百零三条). Absent otherwise, so the IR (and hash) of a policy without it is unchanged.
   */
  | {
      readonly op: 'dateShift';
      readonly sign: 1 | -1;
      readonly date: IrExpr;
      readonly duration: IrExpr;
      readonly counting?: 'civil';
    }
  | { readonly op: 'in'; readonly negated: boolean; readonly left: IrExpr; readonly values: IrExpr }
  | { readonly op: 'has'; readonly mode: 'any' | 'all'; readonly left: IrExpr; readonly values: IrExpr }
  | { readonly op: 'isSet'; readonly negated: boolean; readonly arg: IrExpr }
  | { readonly op: 'array'; readonly items: readonly IrExpr[] }
  | {
      readonly op: 'agg';
      readonly agg: AggregateOp;
      readonly recordType: string;
      /** sum / max / min */
      readonly field?: { readonly key: string; readonly builtin: boolean };
      readonly where?: IrExpr;
      /** keep records with at − within ≤ date ≤ at (民法典 第二百零一、二百零二条: the corresponding day is still within) */
      readonly within?: Duration;
    }
  | { readonly op: 'onList'; readonly list: string }
  | { readonly op: 'grade'; readonly grading: string };

// ---------------------------------------------------------------- declarations

export interface IrCitation {
  readonly basis: string;
  readonly article?: string;
  readonly section?: string;
}

export interface IrBasis {
  readonly id: string;
  readonly title: string;
  readonly rank?: Rank;
  readonly issuer?: string;
  readonly number?: string;
  readonly effective?: string;
  readonly until?: string;
  readonly articles: readonly string[];
  readonly sections: readonly string[];
  readonly certainty?: 'verified' | 'paraphrase' | 'recalled';
  readonly layer: string;
}

export type IrFieldType =
  | { readonly t: 'string' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean' | 'duration' }
  | { readonly t: 'enum'; readonly values: readonly string[]; readonly enumName?: string }
  | { readonly t: 'list'; readonly values: readonly string[]; readonly enumName?: string };

export interface IrField {
  readonly key: string;
  readonly label?: string;
  readonly type: IrFieldType;
  readonly required: boolean;
}

export interface IrRecordType {
  readonly key: string;
  readonly label?: string;
  readonly hasSeverity: boolean;
  /** `latest per F` (SEMANTICS §1): the field whose value a later record of this type supersedes an earlier one's */
  readonly latestPer?: string;
  readonly fields: Readonly<Record<string, IrField>>;
  readonly layer: string;
}

export interface IrParamVersion {
  /** null = from the beginning of time */
  readonly from: string | null;
  /** null = unset: the office must fill it */
  readonly value: IrValue;
  readonly basis: readonly IrCitation[];
  readonly transition?: string;
}

export interface IrParam {
  readonly name: string;
  readonly label?: string;
  readonly type: 'integer' | 'decimal' | 'money' | 'date' | 'duration' | 'string' | 'boolean';
  /** sorted by `from` ascending, null first */
  readonly versions: readonly IrParamVersion[];
  /** the layer that declares it */
  readonly layer: string;
  /** the layer whose `fill` gave the versions; absent when the declaration itself gives them */
  readonly filledIn?: string;
}

export interface IrRule {
  readonly name: string;
  readonly label?: string;
  readonly basis: readonly IrCitation[];
  /** per-record rule */
  readonly for?: {
    readonly recordType: string;
    readonly from?: { readonly key: string; readonly builtin: boolean };
    /** `from EXPR` that is not a bare field: a date computed from the record (a deadline's next day) */
    readonly fromExpr?: IrExpr;
  };
  /** per-record condition (with `for`) */
  readonly where?: IrExpr;
  /** subject-level condition (without `for`) */
  readonly when?: IrExpr;
  readonly unless?: IrExpr;
  readonly unlessBasis: readonly IrCitation[];
}

/** Lifecycle periods: an expression, usually a duration literal or a duration parameter. */
export interface IrList {
  readonly name: string;
  readonly kind: ListKind;
  readonly title?: string;
  readonly scope: 'national' | 'local';
  readonly categories: readonly { readonly set: string; readonly value: string }[];
  readonly maxLevel?: string;
  readonly duration?: { readonly period: IrExpr; readonly counting: Counting; readonly basis: readonly IrCitation[] };
  readonly endsAt?: {
    /** date fields of the triggering record: when one is set, the instance ends on the latest of them instead of by `duration` */
    readonly fields: readonly { readonly key: string; readonly builtin: boolean }[];
    /** dates computed in the triggering record's scope (a deadline after performance), counted with the fields */
    readonly dates?: readonly IrExpr[];
    /** the fields and dates give an end only when this holds for the triggering record at `at` */
    readonly when?: IrExpr;
    readonly basis: readonly IrCitation[];
  };
  readonly extendTo?: {
    /** a date field holds the listing to that day, a duration field for that term from since; the latest wins */
    readonly fields: readonly { readonly key: string; readonly builtin: boolean }[];
    readonly basis: readonly IrCitation[];
  };
  readonly earlyRemoval?: {
    readonly after: IrExpr;
    readonly when?: IrExpr;
    /** a bar (令54 第二十二条 不予提前停止公布): when it holds, no early removal — repairFrom is null */
    readonly unless?: IrExpr;
    readonly basis: readonly IrCitation[];
  };
  readonly objectionPending: 'mark' | 'suspend';
  readonly allowBlack: boolean;
  /**
   * a list of a layer this one extends: while this list's layer is in force that list is not evaluated (not on,
   * `on` it reads false, its measures are not triggered by it) — this one takes its place (SEMANTICS §5)
   */
  readonly replaces?: string;
  /**
   * another authority keeps the list (the 企业信息公示条例 restricts an enterprise on the 市场监督管理 list that 令44
   * governs): it is read from the records and triggers measures, but a decision does not report it among `lists`
   */
  readonly external?: true;
  /** sorted by name */
  readonly rules: readonly IrRule[];
  readonly basis: readonly IrCitation[];
  readonly layer: string;
}

export interface IrMeasure {
  readonly name: string;
  readonly label?: string;
  readonly kind: MeasureKind;
  readonly level?: string;
  readonly action: Action;
  readonly categories: readonly { readonly set: string; readonly value: string }[];
  /** sorted */
  readonly lists: readonly string[];
  readonly grades: readonly { readonly grading: string; readonly grades: readonly string[] }[];
  /** null = every matter; else sorted */
  readonly matters: readonly string[] | null;
  readonly department?: string;
  readonly mandatory: boolean;
  readonly target: Target;
  readonly term?: Duration;
  /** `term exactly`: the term is the measure's whole span, not only a minimum that can hold it past the listing */
  readonly termExact?: true;
  /** subject-level condition (evaluated at `at`, no record in scope) the measure needs besides its trigger */
  readonly when?: IrExpr;
  readonly basis: readonly IrCitation[];
  readonly layer: string;
}

export interface IrScoreItem {
  readonly name: string;
  readonly label?: string;
  /** signed: positive adds, negative deducts; per matching record, times its `pointsField` when there is one */
  readonly points: number;
  readonly per?: { readonly recordType: string; readonly where?: IrExpr; readonly within?: Duration };
  /** `add FIELD per …`: a numeric field of the `per` record type whose values are summed (points is ±1) */
  readonly pointsField?: { readonly key: string; readonly builtin: boolean };
  readonly when?: IrExpr;
  readonly cap?: number;
  readonly basis: readonly IrCitation[];
}

export interface IrGradeRule {
  readonly grade: string;
  readonly when: IrExpr;
  readonly basis: readonly IrCitation[];
}

export interface IrGrading {
  readonly name: string;
  readonly title?: string;
  /** best first */
  readonly grades: readonly string[];
  readonly base: number;
  readonly range?: { readonly min: number; readonly max: number };
  /** sorted by name */
  readonly items: readonly IrScoreItem[];
  /** sorted by `from` descending */
  readonly bands: readonly { readonly grade: string; readonly from: number }[];
  readonly direct: readonly IrGradeRule[];
  readonly caps: readonly IrGradeRule[];
  readonly supervision: readonly {
    readonly grade: string;
    readonly ratioMin: number;
    readonly ratioMax: number;
    readonly frequency?: string;
    readonly basis: readonly IrCitation[];
  }[];
  /** `supervision when COND`: the rows apply only to subjects for whom COND holds at `at`; for others, no supervision */
  readonly supervisionWhen?: { readonly when: IrExpr; readonly basis: readonly IrCitation[] };
  /** a note every decision that gives a spot-check ratio carries in `notes` (where the ratio table comes from) */
  readonly supervisionNote?: string;
  /** whom the grading grades at all (subject scope, read at `at`); anyone else gets no grade from it */
  readonly appliesWhen?: { readonly when: IrExpr; readonly basis: readonly IrCitation[] };
  readonly basis: readonly IrCitation[];
  readonly layer: string;
}

export interface IrCategorySet {
  readonly name: string;
  readonly appliesTo: 'lists' | 'black lists' | 'measures' | 'penalty measures';
  readonly values: readonly string[];
  readonly basis: readonly IrCitation[];
  readonly layer: string;
}

export interface IrLayer {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly jurisdiction: { readonly level: 'national' | 'province' | 'city' | 'county'; readonly code?: string };
  readonly effective: string;
  readonly until?: string;
}

export interface PolicyIr {
  readonly format: typeof IR_FORMAT;
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: IrLayer['jurisdiction'];
  readonly version: string;
  readonly effective: string;
  readonly until?: string;
  /** the layers merged into this policy, bases first, this policy last */
  readonly layers: readonly IrLayer[];
  readonly bases: Readonly<Record<string, IrBasis>>;
  readonly severity: readonly string[];
  readonly levels: readonly string[];
  readonly enums: Readonly<Record<string, readonly string[]>>;
  readonly categorySets: Readonly<Record<string, IrCategorySet>>;
  readonly records: Readonly<Record<string, IrRecordType>>;
  readonly params: Readonly<Record<string, IrParam>>;
  readonly lists: Readonly<Record<string, IrList>>;
  readonly measures: Readonly<Record<string, IrMeasure>>;
  readonly gradings: Readonly<Record<string, IrGrading>>;
  /** the grading reported as `decision.grade`; the first declared in the outermost layer that has one */
  readonly primaryGrading?: string;
  readonly settings: { readonly leniencyCeiling?: string; readonly measuresPerRecordCap?: number };
}

/** The list declared `replaces NAME` (the checker allows at most one), if any. */
export function listReplacing(ir: PolicyIr, name: string): IrList | undefined {
  for (const l of Object.values(ir.lists)) if (l.replaces === name) return l;
  return undefined;
}
