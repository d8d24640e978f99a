// Validated plain YAML data (+ its nodes) → the surface AST, with spans into the YAML file.
import type { Node } from 'yaml';
import type {
  Action,
  BasisDecl,
  CategoriesDecl,
  CategoryRef,
  Certainty,
  Citation,
  Counting,
  Decl,
  EnumDecl,
  Expr,
  FieldDecl,
  FieldTypeAst,
  FillDecl,
  GradeRef,
  GradeRule,
  GradingDecl,
  JurisdictionLevel,
  ListDecl,
  ListKind,
  MeasureDecl,
  MeasureKind,
  Name,
  NarrowDecl,
  ParamDecl,
  ParamType,
  ParamVersion,
  PolicyAst,
  Rank,
  RecordDecl,
  RuleDecl,
  ScaleDecl,
  ScoreItem,
  SettingDecl,
  Target,
} from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { LineIndex, Span } from '../span.js';
import { KEYWORDS, parseCitations, parseExpression } from '../syntax/index.js';
import type { ParseResult } from '../syntax/index.js';
import { percentValue } from '../syntax/literals.js';
import { SOFT_KEYWORDS } from '../syntax/tokens.js';
import { commentsFromYaml } from './comments.js';
import { ORIGIN, ScalarOffsets, remapDiagnostics } from './embedded.js';
import type { Locator } from './nodes.js';
import { renderPath } from './validate.js';

type Obj = Record<string, unknown>;
type Path = readonly (string | number)[];
type Parser<T> = (text: string, file: string, base?: typeof ORIGIN) => ParseResult<T>;

interface Entry {
  readonly name: Name;
  readonly body: Obj;
  readonly path: Path;
  readonly span: Span;
  readonly comments: readonly string[];
}

/** The national base is named by its keyword in `policy` and `extends`. */
const POLICY_ID_KEYWORDS: readonly string[] = ['national'];
/** Keywords that are built-in field names: the text grammar takes them where a field is referenced. */
const FIELD_REF_KEYWORDS: readonly string[] = [...SOFT_KEYWORDS];

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function withComments<T extends object>(node: T, comments: readonly string[]): T {
  return comments.length > 0 ? { ...node, comments } : node;
}

/** Builds the AST; reports problems that the schema cannot express into `diagnostics`. */
export class AstBuilder {
  private readonly file: string;
  private readonly keywords: ReadonlySet<string> = new Set(KEYWORDS);

  constructor(
    private readonly lines: LineIndex,
    private readonly locator: Locator,
    private readonly rootNode: Node | undefined,
    /** the comment at the top of the file, before the first key */
    private readonly docComment: string | undefined,
    readonly diagnostics: Diagnostic[],
  ) {
    this.file = lines.file;
  }

  // ---------------------------------------------------------------- locations

  private span(node: Node | undefined, fallback?: Node): Span {
    const range = node?.range ?? fallback?.range ?? this.rootNode?.range;
    return range ? this.spanBetween(range[0], range[1]) : this.lines.span(0, 0);
  }

  /** Block collections end after their last line break; a span should end at the last character. */
  private spanBetween(start: number, end: number): Span {
    let e = Math.max(start, end);
    while (e > start && /\s/.test(this.lines.text[e - 1] ?? '')) e--;
    return this.lines.span(start, e);
  }

  private valueNode(obj: Obj, key: string): Node | undefined {
    return this.locator.childNode(obj, key);
  }

  private error(message: string, messageEn: string, span: Span, code = 'yaml.schema'): void {
    this.diagnostics.push({ code, severity: 'error', message, messageEn, span });
  }

  /** `allowed`: keywords the text grammar accepts in this place (`policy national`, `extends national`). */
  private nameOf(text: string, node: Node | undefined, path: Path, allowed: readonly string[] = []): Name {
    const span = this.span(node);
    if (this.keywords.has(text) && !allowed.includes(text)) {
      this.error(
        `\`${renderPath(path)}\` 的名称 \`${text}\` 是保留字`,
        `the name \`${text}\` at \`${renderPath(path)}\` is a reserved word`,
        span,
        'yaml.reserved-name',
      );
    }
    return { text, span };
  }

  private name(obj: Obj, key: string, path: Path, allowed: readonly string[] = []): Name | undefined {
    const v = obj[key];
    return typeof v === 'string' ? this.nameOf(v, this.valueNode(obj, key), [...path, key], allowed) : undefined;
  }

  private names(obj: Obj, key: string, path: Path, allowed: readonly string[] = []): Name[] {
    const list = obj[key];
    if (!Array.isArray(list)) return [];
    return list.map((v, i) => this.nameOf(String(v), this.locator.childNode(list, i), [...path, key, i], allowed));
  }

  private str(obj: Obj, key: string): string | undefined {
    const v = obj[key];
    return typeof v === 'string' ? v : undefined;
  }

  // ---------------------------------------------------------------- embedded DSL text

  private embedded<T>(text: string, node: Node | undefined, parse: Parser<T>): T | undefined {
    const offsets = new ScalarOffsets(this.lines, text, node);
    let result: ParseResult<T>;
    try {
      result = parse(text, this.file, ORIGIN);
    } catch (e) {
      this.error(
        `无法解析 \`${text}\`：${e instanceof Error ? e.message : String(e)}`,
        `cannot parse \`${text}\`: ${e instanceof Error ? e.message : String(e)}`,
        offsets.span(0, text.length),
        'yaml.internal',
      );
      return undefined;
    }
    this.diagnostics.push(...remapDiagnostics(offsets, result.diagnostics));
    return result.value === undefined ? undefined : offsets.remap(result.value);
  }

  private expr(obj: Obj, key: string): Expr | undefined {
    const v = obj[key];
    return typeof v === 'string' ? this.embedded(v, this.valueNode(obj, key), parseExpression) : undefined;
  }

  /**
   * Duration slots (`period`, `after`, `term`, `within`) take any expression, as in the text grammar, so a
   * duration parameter can stand there (`period: 严重失信最短公示期`).
   */
  private duration(obj: Obj, key: string): Expr | undefined {
    return this.expr(obj, key);
  }

  /** `field: F` or `fields: [F, …]` of a list's `until` / `extendTo` (the schema allows one of the two). */
  private clauseFields(x: Obj, path: readonly (string | number)[]): Name[] {
    const one = this.name(x, 'field', path, FIELD_REF_KEYWORDS);
    return one !== undefined ? [one] : this.names(x, 'fields', path, FIELD_REF_KEYWORDS);
  }

  /** A list's `extendTo`: its fields with a basis. */
  private fieldsClause(
    list: Obj,
    key: 'extendTo',
    listPath: readonly (string | number)[],
  ): { fields: Name[]; basis: Citation[]; span: Span } | undefined {
    const x = list[key];
    if (!isObj(x)) return undefined;
    const fields = this.clauseFields(x, [...listPath, key]);
    if (fields.length === 0) return undefined;
    return { fields, basis: this.citations(x, 'basis'), span: this.span(this.valueNode(list, key)) };
  }

  /** A list's `until`: the fields clause, plus `dates: [EXPR, …]` computed from the record and a `when`. */
  private untilClause(list: Obj, listPath: readonly (string | number)[]): ListDecl['endsAt'] {
    const x = list.until;
    if (!isObj(x)) return undefined;
    const fields = this.clauseFields(x, [...listPath, 'until']);
    const v = x.dates;
    const dates = Array.isArray(v)
      ? v.flatMap((item, i) =>
          typeof item === 'string' ? (this.embedded(item, this.locator.childNode(v, i), parseExpression) ?? []) : [],
        )
      : [];
    const when = this.expr(x, 'when');
    if (fields.length + dates.length === 0 || (x.when !== undefined && when === undefined)) return undefined;
    return {
      fields,
      ...(dates.length === 0 ? {} : { dates }),
      ...(when === undefined ? {} : { when }),
      basis: this.citations(x, 'basis'),
      span: this.span(this.valueNode(list, 'until')),
    };
  }

  /** `basis:` — one citation string or a list of them; each string may hold several, comma-separated. */
  private citations(obj: Obj, key: string): Citation[] {
    const v = obj[key];
    if (typeof v === 'string') return this.embedded(v, this.valueNode(obj, key), parseCitations) ?? [];
    if (!Array.isArray(v)) return [];
    return v.flatMap((item, i) =>
      typeof item === 'string' ? (this.embedded(item, this.locator.childNode(v, i), parseCitations) ?? []) : [],
    );
  }

  /** A param value: DSL text, or a plain YAML number / boolean. */
  private value(obj: Obj, key: string): Expr | undefined {
    const v = obj[key];
    const node = this.valueNode(obj, key);
    const span = this.span(node);
    if (typeof v === 'boolean') return { kind: 'boolean', value: v, span };
    if (typeof v === 'number') {
      // the text grammar reads `-5` as unary minus applied to 5; YAML numbers must give the same tree
      if (v < 0 || Object.is(v, -0)) return { kind: 'neg', operand: { kind: 'number', value: -v, span }, span };
      return { kind: 'number', value: v, span };
    }
    return typeof v === 'string' ? this.embedded(v, node, parseExpression) : undefined;
  }

  private categoryRefs(obj: Obj, key: string, path: Path): CategoryRef[] {
    const list = obj[key];
    if (!Array.isArray(list)) return [];
    return list.map((v, i) => {
      const text = String(v);
      const node = this.locator.childNode(list, i);
      const offsets = new ScalarOffsets(this.lines, text, node);
      const dot = text.indexOf('.');
      const setText = text.slice(0, dot);
      const valueText = text.slice(dot + 1);
      const here = [...path, key, i];
      const set = this.nameOf(setText, undefined, here);
      const value = this.nameOf(valueText, undefined, here);
      return {
        set: { ...set, span: offsets.span(0, dot) },
        value: { ...value, span: offsets.span(dot + 1, text.length) },
        span: offsets.span(0, text.length),
      };
    });
  }

  // ---------------------------------------------------------------- keyed collections

  /**
   * The entries of a map keyed by name, or of a list of objects naming themselves under `keyProp`. With
   * `short`, a map value stands for that one property. Comments above the first entry (and `sectionComments`,
   * written above the section's key) belong to the first entry.
   */
  private entries(
    parent: Obj,
    key: string,
    path: Path,
    keyProp: string,
    short?: string,
    sectionComments: readonly string[] = [],
    allowed: readonly string[] = [],
  ): Entry[] {
    const coll = parent[key];
    const collNode = this.valueNode(parent, key);
    const here = [...path, key];
    const leading = [...sectionComments, ...commentsFromYaml(collNode?.commentBefore)];
    const out: Entry[] = [];
    if (Array.isArray(coll)) {
      coll.forEach((item, i) => {
        if (!isObj(item)) return;
        const itemNode = this.locator.childNode(coll, i);
        const nameText = String(item[keyProp]);
        out.push({
          name: this.nameOf(nameText, this.valueNode(item, keyProp), [...here, i, keyProp], allowed),
          body: item,
          path: [...here, i],
          span: this.span(itemNode),
          comments: [...(i === 0 ? leading : []), ...commentsFromYaml(itemNode?.commentBefore)],
        });
      });
      return out;
    }
    if (!isObj(coll)) return out;
    const loc = this.locator.objects.get(coll);
    if (!loc) return out;
    let i = 0;
    for (const [nameText, pair] of loc.keys) {
      const raw = coll[nameText];
      let body: Obj;
      if (short !== undefined) {
        body = { [short]: raw };
        this.locator.objects.set(body, { node: pair.value ?? pair.key, keys: new Map([[short, pair]]) });
      } else {
        body = isObj(raw) ? raw : {};
      }
      const start = pair.key.range?.[0] ?? 0;
      const end = pair.value?.range?.[1] ?? pair.key.range?.[1] ?? start;
      out.push({
        name: this.nameOf(nameText, pair.key, [...here, nameText], allowed),
        body,
        path: short !== undefined ? here : [...here, nameText],
        span: this.spanBetween(start, end),
        comments: [...(i === 0 ? leading : []), ...commentsFromYaml(pair.key.commentBefore)],
      });
      i++;
    }
    return out;
  }

  // ---------------------------------------------------------------- the policy

  build(root: Obj): PolicyAst {
    const rootLoc = this.locator.objects.get(root);
    const sectionComments = (key: string): string[] => commentsFromYaml(rootLoc?.keys.get(key)?.key.commentBefore);
    const decls: Decl[] = [
      ...this.settings(root, sectionComments('settings')),
      ...this.entries(root, 'bases', [], 'id', undefined, sectionComments('bases')).map((e) => this.basis(e)),
      ...this.entries(root, 'categories', [], 'id', undefined, sectionComments('categories')).map((e) =>
        this.categoriesDecl(e),
      ),
      ...this.entries(root, 'scales', [], 'scale', 'values', sectionComments('scales'), ['severity', 'level']).map(
        (e) => this.scale(e),
      ),
      ...this.entries(root, 'enums', [], 'id', 'values', sectionComments('enums')).map((e) => this.enumDecl(e)),
      ...this.entries(root, 'records', [], 'id', undefined, sectionComments('records')).map((e) => this.record(e)),
      ...this.entries(root, 'params', [], 'id', undefined, sectionComments('params')).map((e) => this.param(e)),
      ...this.entries(root, 'fill', [], 'param', 'versions', sectionComments('fill')).map((e) => this.fill(e)),
      ...this.entries(root, 'lists', [], 'id', undefined, sectionComments('lists')).map((e) => this.list(e)),
      ...this.entries(root, 'measures', [], 'id', undefined, sectionComments('measures')).map((e) => this.measure(e)),
      ...this.entries(root, 'narrow', [], 'measure', undefined, sectionComments('narrow')).map((e) => this.narrow(e)),
      ...this.entries(root, 'gradings', [], 'id', undefined, sectionComments('gradings')).map((e) => this.grading(e)),
    ];
    const doc = this.rootNode;
    const policyComments = [
      ...commentsFromYaml(this.docComment),
      ...commentsFromYaml(doc?.commentBefore),
      ...commentsFromYaml(rootLoc?.keys.get('policy')?.key.commentBefore),
    ];
    const until = this.str(root, 'until');
    const policy: PolicyAst = {
      kind: 'policy',
      id: this.name(root, 'policy', [], POLICY_ID_KEYWORDS) ?? { text: '', span: this.span(undefined) },
      title: this.str(root, 'title') ?? '',
      jurisdiction: this.jurisdiction(root),
      version: this.str(root, 'version') ?? '',
      effective: this.str(root, 'effective') ?? '',
      ...(until !== undefined ? { until } : {}),
      extends:
        typeof root.extends === 'string'
          ? [this.nameOf(root.extends, this.valueNode(root, 'extends'), ['extends'], POLICY_ID_KEYWORDS)]
          : this.names(root, 'extends', [], POLICY_ID_KEYWORDS),
      decls,
      span: doc?.range ? this.lines.span(doc.range[0], doc.range[2]) : this.lines.span(0, this.lines.text.length),
    };
    return withComments(policy, policyComments);
  }

  private jurisdiction(root: Obj): PolicyAst['jurisdiction'] {
    const j = root.jurisdiction;
    if (!isObj(j)) return { level: 'national' };
    for (const level of ['province', 'city', 'county'] as const satisfies readonly JurisdictionLevel[]) {
      const code = j[level];
      if (code !== undefined) return { level, code: String(code) };
    }
    return { level: 'national' };
  }

  private settings(root: Obj, sectionComments: readonly string[]): SettingDecl[] {
    const s = root.settings;
    const node = this.valueNode(root, 'settings');
    const leading = [...sectionComments, ...commentsFromYaml(node?.commentBefore)];
    const make = (
      setting: string,
      value: unknown,
      valueNode: Node | undefined,
      span: Span,
      comments: readonly string[],
      path: Path,
    ): SettingDecl | undefined => {
      if (setting === 'leniencyCeiling' && typeof value === 'string') {
        const decl: SettingDecl = { kind: 'setting', setting, value: this.nameOf(value, valueNode, path), span };
        return withComments(decl, comments);
      }
      if (setting === 'measuresPerRecordCap' && typeof value === 'number' && Number.isInteger(value)) {
        const decl: SettingDecl = { kind: 'setting', setting, value, span };
        return withComments(decl, comments);
      }
      this.error(
        `\`${renderPath(path)}\` 的值类型不对：\`leniencyCeiling\` 是一个等级名称，\`measuresPerRecordCap\` 是整数`,
        `\`${renderPath(path)}\` has the wrong type: \`leniencyCeiling\` takes a level name, \`measuresPerRecordCap\` an integer`,
        this.span(valueNode),
      );
      return undefined;
    };
    const out: SettingDecl[] = [];
    if (Array.isArray(s)) {
      s.forEach((item, i) => {
        if (!isObj(item)) return;
        const itemNode = this.locator.childNode(s, i);
        const comments = [...(i === 0 ? leading : []), ...commentsFromYaml(itemNode?.commentBefore)];
        const d = make(String(item.setting), item.value, this.valueNode(item, 'value'), this.span(itemNode), comments, [
          'settings',
          i,
          'value',
        ]);
        if (d) out.push(d);
      });
    } else if (isObj(s)) {
      let i = 0;
      for (const [key, pair] of this.locator.objects.get(s)?.keys ?? []) {
        const start = pair.key.range?.[0] ?? 0;
        const end = pair.value?.range?.[1] ?? start;
        const comments = [...(i === 0 ? leading : []), ...commentsFromYaml(pair.key.commentBefore)];
        const d = make(key, s[key], pair.value, this.spanBetween(start, end), comments, ['settings', key]);
        if (d) out.push(d);
        i++;
      }
    }
    return out;
  }

  private basis(e: Entry): BasisDecl {
    const b = e.body;
    const rank = this.str(b, 'rank') as Rank | undefined;
    const issuer = this.str(b, 'issuer');
    const number = this.str(b, 'number');
    const effective = this.str(b, 'effective');
    const until = this.str(b, 'until');
    const certainty = this.str(b, 'certainty') as Certainty | undefined;
    const list = (key: string): Name[] => {
      const v = b[key];
      if (!Array.isArray(v)) return [];
      return v.map((t, i) => ({ text: String(t), span: this.span(this.locator.childNode(v, i)) }));
    };
    return withComments(
      {
        kind: 'basis',
        id: e.name,
        title: this.str(b, 'title') ?? '',
        ...(rank !== undefined ? { rank } : {}),
        ...(issuer !== undefined ? { issuer } : {}),
        ...(number !== undefined ? { number } : {}),
        ...(effective !== undefined ? { effective } : {}),
        ...(until !== undefined ? { until } : {}),
        articles: list('articles'),
        sections: list('sections'),
        ...(certainty !== undefined ? { certainty } : {}),
        span: e.span,
      },
      e.comments,
    );
  }

  private categoriesDecl(e: Entry): CategoriesDecl {
    return withComments(
      {
        kind: 'categories',
        id: e.name,
        appliesTo: e.body.for as CategoriesDecl['appliesTo'],
        values: this.names(e.body, 'values', e.path),
        basis: this.citations(e.body, 'basis'),
        span: e.span,
      },
      e.comments,
    );
  }

  private scale(e: Entry): ScaleDecl {
    return withComments(
      {
        kind: 'scale',
        scale: e.name.text === 'level' ? 'level' : 'severity',
        values: this.names(e.body, 'values', e.path),
        span: e.span,
      },
      e.comments,
    );
  }

  private enumDecl(e: Entry): EnumDecl {
    return withComments(
      { kind: 'enum', id: e.name, values: this.names(e.body, 'values', e.path), span: e.span },
      e.comments,
    );
  }

  private record(e: Entry): RecordDecl {
    const label = this.str(e.body, 'label');
    const latestPer = this.name(e.body, 'latestPer', e.path);
    return withComments(
      {
        kind: 'record',
        id: e.name,
        ...(label !== undefined ? { label } : {}),
        hasSeverity: e.body.severity === true,
        ...(latestPer !== undefined ? { latestPer } : {}),
        fields: this.entries(e.body, 'fields', e.path, 'key').map((f) => this.field(f)),
        span: e.span,
      },
      e.comments,
    );
  }

  private field(e: Entry): FieldDecl {
    const b = e.body;
    const label = this.str(b, 'label');
    return withComments(
      {
        key: e.name,
        ...(label !== undefined ? { label } : {}),
        type: this.fieldType(e),
        required: b.required === true,
        span: e.span,
      },
      e.comments,
    );
  }

  private fieldType(e: Entry): FieldTypeAst {
    const b = e.body;
    const kind = String(b.type) as FieldTypeAst['kind'];
    const hasOf = b.of !== undefined;
    const hasValues = b.values !== undefined;
    if (kind === 'enum' || kind === 'list') {
      if (hasOf === hasValues) {
        this.error(
          `\`${renderPath(e.path)}\` 的类型 \`${kind}\` 需要 \`of\`（枚举名）或 \`values\`（取值列表）二者之一`,
          `\`${renderPath(e.path)}\` of type \`${kind}\` needs exactly one of \`of\` (an enum) or \`values\``,
          this.span(this.valueNode(b, 'type')),
        );
      }
      const ref = this.name(b, 'of', e.path);
      return hasValues ? { kind, values: this.names(b, 'values', e.path) } : ref ? { kind, ref } : { kind };
    }
    if (hasOf || hasValues) {
      this.error(
        `\`${renderPath(e.path)}\` 的类型 \`${kind}\` 不接受 \`of\` / \`values\``,
        `\`${renderPath(e.path)}\` of type \`${kind}\` takes no \`of\` / \`values\``,
        this.span(this.valueNode(b, hasOf ? 'of' : 'values')),
      );
    }
    return { kind } as FieldTypeAst;
  }

  private param(e: Entry): ParamDecl {
    const b = e.body;
    const label = this.str(b, 'label');
    const versions = Array.isArray(b.versions) ? b.versions : [];
    return withComments(
      {
        kind: 'param',
        id: e.name,
        ...(label !== undefined ? { label } : {}),
        type: b.type as ParamType,
        versions: versions.filter(isObj).map((v, i) => this.paramVersion(v, [...e.path, 'versions', i])),
        span: e.span,
      },
      e.comments,
    );
  }

  private fill(e: Entry): FillDecl {
    const versions = Array.isArray(e.body.versions) ? e.body.versions : [];
    return withComments(
      {
        kind: 'fill',
        param: e.name,
        // the map form `fill: { NAME: [..] }` has no `versions` key to name in a message
        versions: versions
          .filter(isObj)
          .map((v, i) =>
            this.paramVersion(v, e.path.length === 1 ? [...e.path, e.name.text, i] : [...e.path, 'versions', i]),
          ),
        span: e.span,
      },
      e.comments,
    );
  }

  private paramVersion(v: Obj, path: Path): ParamVersion {
    const node = this.locator.nodeOf(v);
    const unset = v.unset === true;
    if (unset === (v.value !== undefined)) {
      this.error(
        `\`${renderPath(path)}\` 需要 \`value\`，或写 \`unset: true\` 表示待填，二者不能同时出现`,
        `\`${renderPath(path)}\` needs \`value\`, or \`unset: true\` for a value still to be filled, not both`,
        this.span(node),
      );
    }
    const value = unset ? undefined : this.value(v, 'value');
    const from = this.str(v, 'from');
    const transition = this.str(v, 'transition');
    return {
      ...(value !== undefined ? { value } : {}),
      ...(from !== undefined ? { from } : {}),
      basis: this.citations(v, 'basis'),
      ...(transition !== undefined ? { transition } : {}),
      span: this.span(node),
    };
  }

  private list(e: Entry): ListDecl {
    const b = e.body;
    const title = this.str(b, 'title');
    const scope = this.str(b, 'scope') as ListDecl['scope'];
    const maxLevel = this.name(b, 'maxLevel', e.path);
    const replaces = this.name(b, 'replaces', e.path);
    const objectionPending = this.str(b, 'objectionPending') as ListDecl['objectionPending'];
    const d = b.duration;
    const r = b.earlyRemoval;
    let duration: ListDecl['duration'];
    if (isObj(d)) {
      const period = this.duration(d, 'period');
      if (period) {
        duration = {
          period,
          counting: (this.str(d, 'counting') ?? 'civil') as Counting,
          basis: this.citations(d, 'basis'),
          span: this.span(this.valueNode(b, 'duration')),
        };
      }
    }
    const endsAt = this.untilClause(b, e.path);
    const extendTo = this.fieldsClause(b, 'extendTo', e.path);
    let earlyRemoval: ListDecl['earlyRemoval'];
    if (isObj(r)) {
      const after = this.duration(r, 'after');
      const when = this.expr(r, 'when');
      const unless = this.expr(r, 'unless');
      if (after) {
        earlyRemoval = {
          after,
          ...(when !== undefined ? { when } : {}),
          ...(unless !== undefined ? { unless } : {}),
          basis: this.citations(r, 'basis'),
          span: this.span(this.valueNode(b, 'earlyRemoval')),
        };
      }
    }
    return withComments(
      {
        kind: 'list',
        id: e.name,
        listKind: b.kind as ListKind,
        ...(title !== undefined ? { title } : {}),
        ...(scope !== undefined ? { scope } : {}),
        categories: this.categoryRefs(b, 'categories', e.path),
        ...(maxLevel !== undefined ? { maxLevel } : {}),
        ...(replaces !== undefined ? { replaces } : {}),
        ...(b.external === true ? { external: true } : {}),
        ...(duration !== undefined ? { duration } : {}),
        ...(endsAt !== undefined ? { endsAt } : {}),
        ...(extendTo !== undefined ? { extendTo } : {}),
        ...(earlyRemoval !== undefined ? { earlyRemoval } : {}),
        ...(objectionPending !== undefined ? { objectionPending } : {}),
        allowBlack: b.allowBlack === true,
        rules: this.entries(b, 'rules', e.path, 'name').map((x) => this.rule(x)),
        basis: this.citations(b, 'basis'),
        span: e.span,
      },
      e.comments,
    );
  }

  private rule(e: Entry): RuleDecl {
    const b = e.body;
    const label = this.str(b, 'label');
    const forType = this.name(b, 'for', e.path);
    // A bare name is the field the listing runs from; anything else is a date computed from the record.
    // (decided as the text grammar decides: by what the expression is, so both forms give one AST).
    const fromText = this.str(b, 'from')?.trim();
    const parsed = fromText === undefined || FIELD_REF_KEYWORDS.includes(fromText) ? undefined : this.expr(b, 'from');
    const bare = fromText !== undefined && (FIELD_REF_KEYWORDS.includes(fromText) || parsed?.kind === 'name');
    const fromField = bare ? this.name(b, 'from', e.path, FIELD_REF_KEYWORDS) : undefined;
    const fromExpr = bare ? undefined : parsed;
    const where = this.expr(b, 'where');
    const when = this.expr(b, 'when');
    const unless = this.expr(b, 'unless');
    return withComments(
      {
        name: e.name,
        ...(label !== undefined ? { label } : {}),
        basis: this.citations(b, 'basis'),
        ...(forType !== undefined ? { forType } : {}),
        ...(fromField !== undefined ? { fromField } : {}),
        ...(fromExpr !== undefined ? { fromExpr } : {}),
        ...(where !== undefined ? { where } : {}),
        ...(when !== undefined ? { when } : {}),
        ...(unless !== undefined ? { unless } : {}),
        unlessBasis: this.citations(b, 'unlessBasis'),
        span: e.span,
      },
      e.comments,
    );
  }

  private measure(e: Entry): MeasureDecl {
    const b = e.body;
    const label = this.str(b, 'label');
    const level = this.name(b, 'level', e.path);
    const department = this.str(b, 'department');
    const term = this.duration(b, 'term');
    const when = this.expr(b, 'when');
    const grades: GradeRef[] = this.entries(b, 'appliesToGrades', e.path, 'grading', 'grades').map((g) => ({
      grading: g.name,
      grades: this.names(g.body, 'grades', g.path),
    }));
    return withComments(
      {
        kind: 'measure',
        id: e.name,
        ...(label !== undefined ? { label } : {}),
        measureKind: b.kind as MeasureKind,
        ...(level !== undefined ? { level } : {}),
        action: b.action as Action,
        categories: this.categoryRefs(b, 'categories', e.path),
        lists: this.names(b, 'appliesTo', e.path),
        grades,
        ...(Array.isArray(b.matters) ? { matters: this.names(b, 'matters', e.path) } : {}),
        ...(department !== undefined ? { department } : {}),
        mandatory: b.mandatory !== false,
        target: (this.str(b, 'target') ?? 'subject') as Target,
        ...(term !== undefined ? { term } : {}),
        ...(term !== undefined && b.termExact === true ? { termExact: true } : {}),
        ...(when !== undefined ? { when } : {}),
        basis: this.citations(b, 'basis'),
        span: e.span,
      },
      e.comments,
    );
  }

  private narrow(e: Entry): NarrowDecl {
    const level = this.name(e.body, 'level', e.path);
    return withComments(
      {
        kind: 'narrow',
        measure: e.name,
        ...(Array.isArray(e.body.matters) ? { matters: this.names(e.body, 'matters', e.path) } : {}),
        ...(level !== undefined ? { level } : {}),
        span: e.span,
      },
      e.comments,
    );
  }

  private grading(e: Entry): GradingDecl {
    const b = e.body;
    const title = this.str(b, 'title');
    const range = b.range;
    const gradeRules = (key: string): GradeRule[] => {
      const list = b[key];
      if (!Array.isArray(list)) return [];
      return list.filter(isObj).map((g, i) => {
        const when = this.expr(g, 'when');
        return {
          grade: this.name(g, 'grade', [...e.path, key, i]) ?? { text: '', span: this.span(undefined) },
          when: when ?? { kind: 'boolean', value: false, span: this.span(this.valueNode(g, 'when')) },
          basis: this.citations(g, 'basis'),
          span: this.span(this.locator.childNode(list, i)),
        };
      });
    };
    // `appliesWhen` / `supervisionWhen`: a subject condition with its basis
    const scoped = (key: 'appliesWhen' | 'supervisionWhen') => {
      const w = b[key];
      const when = isObj(w) ? this.expr(w, 'when') : undefined;
      return isObj(w) && when !== undefined
        ? { [key]: { when, basis: this.citations(w, 'basis'), span: this.span(this.valueNode(b, key)) } }
        : {};
    };
    const appliesWhen = scoped('appliesWhen');
    const supervisionWhen = scoped('supervisionWhen');
    const supervisionNote = this.str(b, 'supervisionNote');
    return withComments(
      {
        kind: 'grading',
        id: e.name,
        ...(title !== undefined ? { title } : {}),
        grades: this.names(b, 'grades', e.path),
        base: Number(b.base),
        ...(isObj(range) ? { range: { min: Number(range.min), max: Number(range.max) } } : {}),
        items: this.entries(b, 'items', e.path, 'name').map((x) => this.scoreItem(x)),
        bands: this.entries(b, 'bands', e.path, 'grade', 'from').map((x) => ({
          grade: x.name,
          from: Number(x.body.from),
          span: x.span,
        })),
        direct: gradeRules('direct'),
        caps: gradeRules('caps'),
        supervision: this.entries(b, 'supervision', e.path, 'grade').map((x) => {
          const ratio = Array.isArray(x.body.ratio) ? x.body.ratio : [];
          const frequency = this.str(x.body, 'frequency');
          return {
            grade: x.name,
            ratioMin: this.ratio(ratio, 0, x.path),
            ratioMax: this.ratio(ratio, 1, x.path),
            ...(frequency !== undefined ? { frequency } : {}),
            basis: this.citations(x.body, 'basis'),
            span: x.span,
          };
        }),
        ...supervisionWhen,
        ...(supervisionNote !== undefined
          ? { supervisionNote: { text: supervisionNote, span: this.span(this.valueNode(b, 'supervisionNote')) } }
          : {}),
        ...appliesWhen,
        basis: this.citations(b, 'basis'),
        span: e.span,
      },
      e.comments,
    );
  }

  private ratio(list: readonly unknown[], i: number, path: Path): number {
    const v = list[i];
    if (typeof v === 'number') return v;
    const n = percentValue(String(v));
    if (!Number.isFinite(n)) {
      this.error(
        `\`${renderPath([...path, 'ratio', i])}\` 应为百分比（如 \`5%\`）或小数`,
        `\`${renderPath([...path, 'ratio', i])}\` must be a percentage (e.g. \`5%\`) or a fraction`,
        this.span(this.locator.childNode(list, i)),
      );
    }
    return n;
  }

  private scoreItem(e: Entry): ScoreItem {
    const b = e.body;
    const label = this.str(b, 'label');
    const given = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string';
    const hasAdd = given(b.add);
    const hasDeduct = given(b.deduct);
    // `add: score` takes each record's own `score`, as `add score per …` in the text form.
    const pointsField = this.name(b, hasDeduct ? 'deduct' : 'add', e.path);
    if (hasAdd === hasDeduct) {
      this.error(
        `\`${renderPath(e.path)}\` 需要 \`add\`（加分）或 \`deduct\`（扣分）二者之一`,
        `\`${renderPath(e.path)}\` needs exactly one of \`add\` or \`deduct\``,
        e.name.span,
      );
    }
    const perType = this.name(b, 'per', e.path);
    const where = this.expr(b, 'where');
    const within = this.duration(b, 'within');
    if (perType === undefined && (where !== undefined || within !== undefined)) {
      this.error(
        `\`${renderPath(e.path)}\` 的 \`where\` / \`within\` 只能与 \`per\` 一起使用`,
        `\`${renderPath(e.path)}\`: \`where\` / \`within\` go with \`per\``,
        this.span(this.valueNode(b, where !== undefined ? 'where' : 'within')),
      );
    }
    const when = this.expr(b, 'when');
    const perNode = this.valueNode(b, 'per');
    const per: ScoreItem['per'] =
      perType === undefined
        ? undefined
        : {
            kind: 'aggregate',
            op: 'count',
            recordType: perType,
            ...(where !== undefined ? { where } : {}),
            ...(within !== undefined ? { within } : {}),
            span: this.span(perNode),
          };
    return withComments(
      {
        name: e.name,
        ...(label !== undefined ? { label } : {}),
        direction: hasDeduct ? 'deduct' : 'add',
        points: pointsField === undefined ? Number(hasDeduct ? b.deduct : b.add) : 1,
        ...(pointsField !== undefined ? { pointsField } : {}),
        ...(per !== undefined ? { per } : {}),
        ...(when !== undefined ? { when } : {}),
        ...(typeof b.cap === 'number' ? { cap: b.cap } : {}),
        basis: this.citations(b, 'basis'),
        span: e.span,
      },
      e.comments,
    );
  }
}
