// Check and lower: the resolved layers of a policy become one IR, or diagnostics that say why not.
//
// Passes, in order (each needs what the one before established):
//   1. resolveLayers   — follow `extends`; cycles and missing bases stop here
//   2. collectSymbols  — every declaration of every layer into tables (enums first: fields use them)
//   3. scales/bases    — the severity and level scales and the legal-basis registry that citations need
//   4. declarations    — params (with the `fill` of a layer), lists, measures, gradings: names, types, bases,
//                        lowering of expressions
//   5. narrow/scope    — layer rules: narrowing inherited measures, category sets, no widening
//   6. lists graph     — `on LIST` references must not form a cycle (the evaluator orders lists by it)
//   7. proportionality — static 过惩相当 checks over the lowered IR
import type {
  Citation,
  FieldDecl,
  FillDecl,
  GradingDecl,
  ListDecl,
  MeasureDecl,
  Name,
  ParamDecl,
  PolicyAst,
  RuleDecl,
} from '../ast.js';
import { contentHash } from '../canonical.js';
import type { Diagnostic } from '../diagnostic.js';
import { hasErrors, sortDiagnostics } from '../diagnostic.js';
import type {
  IrCategorySet,
  IrCitation,
  IrExpr,
  IrFieldType,
  IrGrading,
  IrList,
  IrMeasure,
  IrParam,
  IrParamVersion,
  IrRecordType,
  IrRule,
  IrValue,
  PolicyIr,
} from '../ir.js';
import { IR_FORMAT } from '../ir.js';
import type { Span } from '../span.js';
import { isRealDate } from './dates.js';
import { resolveFills } from './fill.js';
import type { Scope } from './expr.js';
import { ExprChecker } from './expr.js';
import type { PolicyLoader } from './layers.js';
import { resolveLayers } from './layers.js';
import { diagnostic } from './messages.js';
import { checkProportionality } from './proportionality.js';
import { checkReplaces } from './replaces.js';
import { didYouMean } from './suggest.js';
import type { Declared, FieldInfo, RecordInfo, Symbols } from './symbols.js';
import { collectSymbols } from './symbols.js';
import { findUnsatisfiable } from './unsatisfiable.js';

export type { PolicyLoader, PolicySource } from './layers.js';

/** Where each IR element's name is written, keyed like `list:名单`, `rule:名单/规则`; kept out of the hashed IR. */
export type SourceMap = Readonly<Record<string, Span>>;

export interface CheckResult {
  /** present when there are no errors */
  readonly ir: PolicyIr | undefined;
  readonly hash: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

export interface CheckOptions {
  /**
   * Compute the content hash (default true). `xinyong check` and the editor's live diagnostics only need
   * the findings; hashing the canonical IR of a large policy costs as much as checking it.
   */
  readonly hash?: boolean;
}

export function checkPolicy(root: PolicyAst, load: PolicyLoader, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const resolved = resolveLayers(root, load);
  diagnostics.push(...resolved.diagnostics);
  const symbols = collectSymbols(resolved.layers, fieldType, diagnostics);
  const layerLevels = new Map(resolved.layers.map((layer) => [layer.id.text, layer.jurisdiction.level]));
  const lowering = new Lowering(symbols, diagnostics, layerLevels);
  const sources: Record<string, Span> = {};

  for (const layer of resolved.layers) checkPolicyDates(layer, diagnostics);
  if (!symbols.severity)
    diagnostics.push(diagnostic('check.missing-scale', root.span, ['严重程度等级 `scale severity`']));
  if (!symbols.levels) diagnostics.push(diagnostic('check.missing-scale', root.span, ['措施等级 `scale level`']));

  const bases: Record<string, PolicyIr['bases'][string]> = {};
  for (const [id, { decl, layer }] of symbols.bases) {
    sources[`basis:${id}`] = decl.id.span;
    for (const date of [decl.effective, decl.until]) {
      if (date !== undefined && !isRealDate(date))
        diagnostics.push(diagnostic('check.invalid-date', decl.span, [date]));
    }
    bases[id] = {
      id,
      title: decl.title,
      ...(decl.rank !== undefined ? { rank: decl.rank } : {}),
      ...(decl.issuer !== undefined ? { issuer: decl.issuer } : {}),
      ...(decl.number !== undefined ? { number: decl.number } : {}),
      ...(decl.effective !== undefined ? { effective: decl.effective } : {}),
      ...(decl.until !== undefined ? { until: decl.until } : {}),
      articles: decl.articles.map((a) => a.text),
      sections: decl.sections.map((s) => s.text),
      ...(decl.certainty !== undefined ? { certainty: decl.certainty } : {}),
      layer,
    };
  }

  const enums: Record<string, readonly string[]> = {};
  for (const [name, { decl }] of symbols.enums) enums[name] = decl.values.map((v) => v.text);

  const records: Record<string, IrRecordType> = {};
  for (const [key, info] of symbols.records) {
    sources[`record:${key}`] = info.decl.id.span;
    const fields: Record<string, IrRecordType['fields'][string]> = {};
    for (const [fieldKey, field] of info.fields) {
      fields[fieldKey] = {
        key: fieldKey,
        ...(field.label !== undefined ? { label: field.label } : {}),
        type: field.type,
        required: field.required,
      };
    }
    const latestPer = latestPerOf(info, diagnostics);
    records[key] = {
      key,
      ...(info.decl.label !== undefined ? { label: info.decl.label } : {}),
      hasSeverity: info.decl.hasSeverity,
      ...(latestPer === undefined ? {} : { latestPer }),
      fields,
      layer: info.layer,
    };
  }

  const fills = resolveFills(symbols, resolved.ancestors, diagnostics);
  for (const { decl } of fills.rejected) for (const v of decl.versions) lowering.citations(v.basis);
  const params: Record<string, IrParam> = {};
  for (const [name, declared] of symbols.params) {
    const fill = fills.accepted.get(name);
    // A filled parameter's values are written in the fill, which is what a diff should point at.
    sources[`param:${name}`] = fill?.decl.param.span ?? declared.decl.id.span;
    params[name] = lowering.param(declared, fill);
  }

  const lists: Record<string, IrList> = {};
  for (const [name, declared] of symbols.lists) {
    sources[`list:${name}`] = declared.decl.id.span;
    for (const rule of declared.decl.rules) sources[`rule:${name}/${rule.name.text}`] = rule.name.span;
    lists[name] = lowering.list(declared);
  }

  const gradings: Record<string, IrGrading> = {};
  for (const [name, declared] of symbols.gradings) {
    sources[`grading:${name}`] = declared.decl.id.span;
    gradings[name] = lowering.grading(declared);
  }

  const measures: Record<string, IrMeasure> = {};
  for (const [name, declared] of symbols.measures) {
    sources[`measure:${name}`] = declared.decl.id.span;
    measures[name] = lowering.measure(declared);
  }
  for (const narrow of symbols.narrows) lowering.narrow(narrow, measures, resolved.ancestors);

  const categorySets: Record<string, IrCategorySet> = {};
  for (const [name, { decl, layer }] of symbols.categorySets) {
    categorySets[name] = {
      name,
      appliesTo: decl.appliesTo,
      values: decl.values.map((v) => v.text),
      basis: lowering.citations(decl.basis),
      layer,
    };
  }
  lowering.checkCategories(symbols, resolved.ancestors);
  checkListCycles(symbols, lists, diagnostics);
  checkReplaces(symbols, lists, resolved.ancestors, diagnostics);

  const settings: { leniencyCeiling?: string; measuresPerRecordCap?: number } = {};
  for (const { decl } of symbols.settings) {
    if (decl.setting === 'leniencyCeiling' && typeof decl.value !== 'number') {
      lowering.level(decl.value);
      settings.leniencyCeiling = decl.value.text;
    }
    if (decl.setting === 'measuresPerRecordCap' && typeof decl.value === 'number')
      settings.measuresPerRecordCap = decl.value;
  }

  const primaryGrading = [...resolved.layers]
    .reverse()
    .map((layer) => layer.decls.find((d) => d.kind === 'grading'))
    .find((d) => d !== undefined);

  const ir: PolicyIr = {
    format: IR_FORMAT,
    id: root.id.text,
    title: root.title,
    jurisdiction: root.jurisdiction,
    version: root.version,
    effective: root.effective,
    ...(root.until !== undefined ? { until: root.until } : {}),
    layers: resolved.layers.map((layer) => ({
      id: layer.id.text,
      title: layer.title,
      version: layer.version,
      jurisdiction: layer.jurisdiction,
      effective: layer.effective,
      ...(layer.until !== undefined ? { until: layer.until } : {}),
    })),
    bases,
    severity: symbols.severity?.decl.values.map((v) => v.text) ?? [],
    levels: symbols.levels?.decl.values.map((v) => v.text) ?? [],
    enums,
    categorySets,
    records,
    params,
    lists,
    measures,
    gradings,
    ...(primaryGrading?.kind === 'grading' ? { primaryGrading: primaryGrading.id.text } : {}),
    settings,
  };

  diagnostics.push(...findUnsatisfiable(ir, sources));
  if (!hasErrors(diagnostics)) diagnostics.push(...checkProportionality(ir, sources));

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ir: undefined, hash: undefined, diagnostics: sorted, sources };
  return { ir, hash: options.hash === false ? undefined : contentHash(ir), diagnostics: sorted, sources };
}

function checkPolicyDates(layer: PolicyAst, diagnostics: Diagnostic[]): void {
  if (!isRealDate(layer.effective)) diagnostics.push(diagnostic('check.invalid-date', layer.span, [layer.effective]));
  if (layer.until !== undefined) {
    if (!isRealDate(layer.until)) diagnostics.push(diagnostic('check.invalid-date', layer.span, [layer.until]));
    else if (layer.until < layer.effective) {
      diagnostics.push(
        diagnostic('check.policy-dates', layer.span, [`终止日期 ${layer.until} 早于生效日期 ${layer.effective}`]),
      );
    }
  }
}

function fieldType(field: FieldDecl, enums: Symbols['enums'], diagnostics: Diagnostic[]): IrFieldType {
  const type = field.type;
  if (type.kind !== 'enum' && type.kind !== 'list') return { t: type.kind };
  if (type.values) return { t: type.kind, values: type.values.map((v) => v.text) };
  const ref = type.ref;
  const found = ref ? enums.get(ref.text) : undefined;
  if (!ref || !found) {
    if (ref) {
      const help = didYouMean(ref.text, enums.keys());
      diagnostics.push(diagnostic('check.unknown-name', ref.span, ['枚举', ref.text], help ? { help } : {}));
    }
    return { t: type.kind, values: [] };
  }
  return { t: type.kind, values: found.decl.values.map((v) => v.text), enumName: ref.text };
}

class Lowering {
  private readonly exprs: ExprChecker;

  constructor(
    private readonly symbols: Symbols,
    private readonly diagnostics: Diagnostic[],
    private readonly layerLevels: ReadonlyMap<string, string>,
  ) {
    this.exprs = new ExprChecker(symbols, diagnostics);
  }

  citations(citations: readonly Citation[]): IrCitation[] {
    const out: IrCitation[] = [];
    for (const citation of citations) {
      const written = citation.basis.text;
      const title = written.startsWith('《') ? written.slice(1, -1) : undefined;
      const id = title !== undefined ? this.symbols.basisTitles.get(title) : written;
      const basis = id === undefined ? undefined : this.symbols.bases.get(id);
      if (!basis || id === undefined) {
        const help = didYouMean(
          title ?? written,
          title !== undefined ? this.symbols.basisTitles.keys() : this.symbols.bases.keys(),
        );
        this.diagnostics.push(diagnostic('check.unknown-basis', citation.basis.span, [written], help ? { help } : {}));
        continue;
      }
      if (
        citation.article !== undefined &&
        !basis.decl.articles.some((a) => a.text === citation.article || citation.article?.startsWith(a.text))
      ) {
        this.diagnostics.push(
          diagnostic('check.undeclared-article', citation.span, [citation.article, id], {
            help: `在 \`basis ${id}\` 的 \`articles\` 中加上 \`${citation.article}\``,
          }),
        );
      }
      if (citation.section !== undefined && !basis.decl.sections.some((s) => s.text === citation.section)) {
        this.diagnostics.push(diagnostic('check.undeclared-section', citation.span, [citation.section, id]));
      }
      out.push({
        basis: id,
        ...(citation.article !== undefined ? { article: citation.article } : {}),
        ...(citation.section !== undefined ? { section: citation.section } : {}),
      });
    }
    return out;
  }

  /** Law first: a rule or measure with no basis is an error, not a warning. */
  private requiredCitations(citations: readonly Citation[], what: string, name: Name): IrCitation[] {
    if (citations.length === 0) this.diagnostics.push(diagnostic('check.missing-basis', name.span, [what, name.text]));
    return this.citations(citations);
  }

  level(name: Name): string | undefined {
    const levels = this.symbols.levels?.decl.values.map((v) => v.text) ?? [];
    if (!levels.includes(name.text)) {
      const help = didYouMean(name.text, levels);
      this.diagnostics.push(
        diagnostic('check.unknown-scale-level', name.span, ['措施等级', name.text], help ? { help } : {}),
      );
      return undefined;
    }
    return name.text;
  }

  param({ decl, layer }: Declared<ParamDecl>, fill?: Declared<FillDecl>): IrParam {
    // The declared versions of a filled parameter are all `unset`: only their citations are left to check.
    if (fill) for (const version of decl.versions) this.citations(version.basis);
    const versions: IrParamVersion[] = [];
    const seen = new Set<string>();
    for (const version of fill?.decl.versions ?? decl.versions) {
      const from = version.from ?? null;
      if (from !== null && !isRealDate(from))
        this.diagnostics.push(diagnostic('check.invalid-date', version.span, [from]));
      if (seen.has(from ?? '')) this.diagnostics.push(diagnostic('check.param-order', version.span, [decl.id.text]));
      seen.add(from ?? '');
      let value: IrValue = null;
      if (version.value === undefined) {
        this.diagnostics.push(diagnostic('check.unset-param', version.span, [decl.id.text]));
      } else {
        value = this.paramValue(decl, version.value);
      }
      versions.push({
        from,
        value,
        basis: this.citations(version.basis),
        ...(version.transition !== undefined ? { transition: version.transition } : {}),
      });
    }
    versions.sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : 0));
    return {
      name: decl.id.text,
      ...(decl.label !== undefined ? { label: decl.label } : {}),
      type: decl.type,
      versions,
      layer,
      ...(fill ? { filledIn: fill.layer } : {}),
    };
  }

  private paramValue(decl: ParamDecl, expr: NonNullable<ParamDecl['versions'][number]['value']>): IrValue {
    const expected: Record<ParamDecl['type'], readonly string[]> = {
      integer: ['number'],
      decimal: ['number', 'percent'],
      money: ['money', 'number'],
      date: ['date'],
      duration: ['duration'],
      string: ['string'],
      boolean: ['boolean'],
    };
    if (!expected[decl.type].includes(expr.kind)) {
      this.diagnostics.push(diagnostic('check.type-mismatch', expr.span, [decl.type, expr.kind]));
      return null;
    }
    switch (expr.kind) {
      case 'number':
      case 'money':
      case 'percent':
        return expr.value;
      case 'string':
        return expr.value;
      case 'boolean':
        return expr.value;
      case 'date':
        if (!isRealDate(expr.value)) this.diagnostics.push(diagnostic('check.invalid-date', expr.span, [expr.value]));
        return expr.value;
      case 'duration':
        return { amount: expr.value.amount, unit: expr.value.unit };
      default:
        return null;
    }
  }

  list({ decl, layer }: Declared<ListDecl>): IrList {
    const name = decl.id.text;
    const national = (this.layerLevels.get(layer) ?? 'national') === 'national';
    const scope = decl.scope ?? (national ? 'national' : 'local');
    if (scope === 'national' && !national) {
      this.diagnostics.push(
        diagnostic('check.widen-scope', decl.id.span, [`名单 \`${name}\``, '：地方政策只能设立 `scope local` 的名单'], {
          help: '加上 `scope local`，或把名单放到全国层',
        }),
      );
    }
    const rules = decl.rules
      .map((rule) => this.rule(rule, name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ruleTypes = new Set(rules.flatMap((r) => (r.for ? [r.for.recordType] : [])));
    const triggerScope: Scope =
      ruleTypes.size === 1
        ? { record: this.symbols.records.get([...ruleTypes][0] ?? '') as RecordInfo }
        : ruleTypes.size > 1
          ? { record: mergedRecord([...ruleTypes].flatMap((t) => this.symbols.records.get(t) ?? [])) }
          : { builtinOnly: true };
    const extendTo = decl.extendTo?.fields.flatMap((f) => this.extendTo(f, ruleTypes) ?? []);
    const endsAt = decl.endsAt?.fields.flatMap((f) => this.extendTo(f, ruleTypes, 'check.until-field-type') ?? []);
    return {
      name,
      kind: decl.listKind,
      ...(decl.title !== undefined ? { title: decl.title } : {}),
      scope,
      categories: decl.categories.map((c) => ({ set: c.set.text, value: c.value.text })),
      ...(decl.maxLevel ? this.optional('maxLevel', this.level(decl.maxLevel)) : {}),
      ...(decl.replaces ? { replaces: decl.replaces.text } : {}),
      ...(decl.external === true ? { external: true as const } : {}),
      ...(decl.duration
        ? {
            duration: {
              period: this.exprs.period(decl.duration.period, triggerScope),
              counting: decl.duration.counting,
              basis: this.citations(decl.duration.basis),
            },
          }
        : {}),
      ...(decl.endsAt && endsAt !== undefined && endsAt.length + (decl.endsAt.dates?.length ?? 0) > 0
        ? {
            endsAt: {
              fields: endsAt,
              ...(decl.endsAt.dates === undefined
                ? {}
                : { dates: decl.endsAt.dates.map((e) => this.exprs.date(e, triggerScope)) }),
              ...(decl.endsAt.when === undefined ? {} : { when: this.exprs.condition(decl.endsAt.when, triggerScope) }),
              basis: this.citations(decl.endsAt.basis),
            },
          }
        : {}),
      ...(decl.extendTo && extendTo !== undefined && extendTo.length > 0
        ? { extendTo: { fields: extendTo, basis: this.citations(decl.extendTo.basis) } }
        : {}),
      ...(decl.earlyRemoval
        ? {
            earlyRemoval: {
              after: this.exprs.period(decl.earlyRemoval.after, triggerScope),
              ...(decl.earlyRemoval.when ? { when: this.exprs.condition(decl.earlyRemoval.when, triggerScope) } : {}),
              ...(decl.earlyRemoval.unless
                ? { unless: this.exprs.condition(decl.earlyRemoval.unless, triggerScope) }
                : {}),
              basis: this.citations(decl.earlyRemoval.basis),
            },
          }
        : {}),
      objectionPending: decl.objectionPending ?? 'mark',
      allowBlack: decl.allowBlack,
      rules,
      basis: this.citations(decl.basis),
      layer,
    };
  }

  private optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  }

  /**
   * A field of the list's triggering records for `extend to` (a date or a duration) or `until` (a date: the
   * code passed is the diagnostic for any other type).
   */
  private extendTo(
    field: Name,
    ruleTypes: ReadonlySet<string>,
    dateOnly?: 'check.until-field-type',
  ): { key: string; builtin: boolean } | undefined {
    for (const type of ruleTypes) {
      const record = this.symbols.records.get(type);
      const key = record
        ? record.fields.has(field.text)
          ? field.text
          : record.fieldLabels.get(field.text)
        : undefined;
      const info = key === undefined ? undefined : record?.fields.get(key);
      if (info) {
        if (dateOnly !== undefined && info.type.t !== 'date')
          this.diagnostics.push(diagnostic(dateOnly, field.span, [field.text]));
        else if (info.type.t !== 'date' && info.type.t !== 'duration')
          this.diagnostics.push(diagnostic('check.extend-field-type', field.span, [field.text]));
        return { key: info.key, builtin: false };
      }
    }
    this.diagnostics.push(diagnostic('check.unknown-field', field.span, [[...ruleTypes].join('/') || '—', field.text]));
    return undefined;
  }

  private rule(rule: RuleDecl, listName: string): IrRule {
    const basis = this.requiredCitations(rule.basis, '规则', rule.name);
    const base = {
      name: rule.name.text,
      ...(rule.label !== undefined ? { label: rule.label } : {}),
      basis,
      unlessBasis: this.citations(rule.unlessBasis),
    };
    if ((rule.forType === undefined) === (rule.when === undefined)) {
      this.diagnostics.push(diagnostic('check.rule-shape', rule.name.span, [`${listName}/${rule.name.text}`]));
    }
    if (rule.forType) {
      const record = this.exprs.resolveRecordType(rule.forType);
      if (!record) return { ...base };
      const scope: Scope = { record };
      let from: { key: string; builtin: boolean } | undefined;
      if (rule.fromField) {
        const field = this.exprs.resolveField(record, rule.fromField);
        if (field && field.ty.t !== 'date')
          this.diagnostics.push(diagnostic('check.field-not-date', rule.fromField.span, [rule.fromField.text]));
        if (field) from = { key: field.key, builtin: field.builtin };
      }
      const fromExpr = rule.fromExpr === undefined ? undefined : this.exprs.date(rule.fromExpr, scope);
      // `for T from max 日期 of U` on one line and `where …` on the next reads as the rule's condition but parses
      // as the aggregate's: say so when the rule is then left with none.
      if (rule.fromExpr?.kind === 'aggregate' && rule.fromExpr.where !== undefined && rule.where === undefined)
        this.diagnostics.push(diagnostic('check.from-took-where', rule.fromExpr.span, [rule.name.text]));
      return {
        ...base,
        for: { recordType: record.key, ...(from ? { from } : {}), ...(fromExpr ? { fromExpr } : {}) },
        ...(rule.where ? { where: this.exprs.condition(rule.where, scope) } : {}),
        ...(rule.unless ? { unless: this.exprs.condition(rule.unless, scope) } : {}),
      };
    }
    return {
      ...base,
      ...(rule.when ? { when: this.exprs.condition(rule.when, {}) } : {}),
      ...(rule.unless ? { unless: this.exprs.condition(rule.unless, {}) } : {}),
    };
  }

  measure({ decl, layer }: Declared<MeasureDecl>): IrMeasure {
    const name = decl.id.text;
    const basis = this.requiredCitations(decl.basis, '措施', decl.id);
    for (const list of decl.lists) {
      if (!this.symbols.lists.has(list.text)) {
        const help = didYouMean(list.text, this.symbols.lists.keys());
        this.diagnostics.push(diagnostic('check.unknown-name', list.span, ['名单', list.text], help ? { help } : {}));
      }
    }
    const grades = decl.grades.map((ref) => {
      const grading = this.symbols.gradings.get(ref.grading.text);
      if (!grading) {
        const help = didYouMean(ref.grading.text, this.symbols.gradings.keys());
        this.diagnostics.push(
          diagnostic('check.unknown-name', ref.grading.span, ['评价', ref.grading.text], help ? { help } : {}),
        );
      } else {
        const known = grading.decl.grades.map((g) => g.text);
        for (const grade of ref.grades) {
          if (!known.includes(grade.text)) {
            this.diagnostics.push(diagnostic('check.unknown-enum-value', grade.span, [grade.text, known.join('、')]));
          }
        }
      }
      return { grading: ref.grading.text, grades: ref.grades.map((g) => g.text).sort() };
    });
    // One catalogue of matters keeps layers from naming the same 事项 two ways (行政审批 vs 行政许可).
    const catalogue = this.symbols.enums.get('事项')?.decl.values.map((v) => v.text);
    if (catalogue) {
      for (const matter of decl.matters ?? []) {
        if (!catalogue.includes(matter.text)) {
          const help = didYouMean(matter.text, catalogue);
          this.diagnostics.push(diagnostic('check.unknown-matter', matter.span, [matter.text], help ? { help } : {}));
        }
      }
    }
    const level = decl.level ? this.level(decl.level) : undefined;
    const term = decl.term ? this.exprs.literalDuration(decl.term) : undefined;
    return {
      name,
      ...(decl.label !== undefined ? { label: decl.label } : {}),
      kind: decl.measureKind,
      ...(level !== undefined ? { level } : {}),
      action: decl.action,
      categories: decl.categories.map((c) => ({ set: c.set.text, value: c.value.text })),
      lists: [...new Set(decl.lists.map((l) => l.text))].sort(),
      grades: grades.sort((a, b) => (a.grading < b.grading ? -1 : a.grading > b.grading ? 1 : 0)),
      matters: decl.matters === undefined ? null : [...new Set(decl.matters.map((m) => m.text))].sort(),
      ...(decl.department !== undefined ? { department: decl.department } : {}),
      mandatory: decl.mandatory,
      target: decl.target,
      ...(term ? { term } : {}),
      ...(term && decl.termExact === true ? { termExact: true as const } : {}),
      ...(decl.when ? { when: this.exprs.condition(decl.when, {}) } : {}),
      basis,
      layer,
    };
  }

  narrow(
    { decl, layer }: Symbols['narrows'][number],
    measures: Record<string, IrMeasure>,
    ancestors: ReadonlyMap<string, ReadonlySet<string>>,
  ): void {
    const target = measures[decl.measure.text];
    if (!target) {
      const help = didYouMean(decl.measure.text, Object.keys(measures));
      this.diagnostics.push(
        diagnostic('check.unknown-name', decl.measure.span, ['措施', decl.measure.text], help ? { help } : {}),
      );
      return;
    }
    if (target.layer === layer || !(ancestors.get(layer)?.has(target.layer) ?? false)) {
      this.diagnostics.push(
        diagnostic('check.widen-scope', decl.span, [
          `收窄 \`${decl.measure.text}\``,
          '：只能收窄所继承的上级政策中的措施',
        ]),
      );
      return;
    }
    let matters = target.matters;
    if (decl.matters) {
      const wanted = [...new Set(decl.matters.map((m) => m.text))].sort();
      const widened = target.matters === null ? [] : wanted.filter((m) => !target.matters?.includes(m));
      if (widened.length > 0) {
        this.diagnostics.push(
          diagnostic('check.widen-scope', decl.span, [
            `措施 \`${decl.measure.text}\``,
            `新增适用事项 ${widened.join('、')}`,
          ]),
        );
      } else {
        matters = wanted;
      }
    }
    let level = target.level;
    if (decl.level) {
      const wanted = this.level(decl.level);
      const levels = this.symbols.levels?.decl.values.map((v) => v.text) ?? [];
      if (wanted !== undefined && target.level !== undefined && levels.indexOf(wanted) > levels.indexOf(target.level)) {
        this.diagnostics.push(
          diagnostic('check.widen-scope', decl.level.span, [
            `措施 \`${decl.measure.text}\``,
            `等级由 ${target.level} 提高到 ${wanted}`,
          ]),
        );
      } else if (wanted !== undefined) {
        level = wanted;
      }
    }
    measures[decl.measure.text] = { ...target, matters, ...(level !== undefined ? { level } : {}) };
  }

  grading({ decl, layer }: Declared<GradingDecl>): IrGrading {
    const grades = decl.grades.map((g) => g.text);
    const checkGrade = (name: Name): void => {
      if (!grades.includes(name.text)) {
        this.diagnostics.push(diagnostic('check.unknown-enum-value', name.span, [name.text, grades.join('、')]));
      }
    };
    if (decl.bands.length === 0 && decl.direct.length === 0) {
      this.diagnostics.push(diagnostic('check.empty-grading', decl.id.span, [decl.id.text]));
    }
    for (const band of decl.bands) checkGrade(band.grade);
    const items = decl.items.map((item) => {
      const basis = this.requiredCitations(item.basis, '计分项', item.name);
      let per: IrGrading['items'][number]['per'];
      let pointsField: IrGrading['items'][number]['pointsField'];
      if (item.pointsField !== undefined && item.per === undefined) {
        this.diagnostics.push(
          diagnostic('check.points-field-needs-per', item.pointsField.span, [item.name.text, item.pointsField.text]),
        );
      }
      if (item.per) {
        // `add FIELD per T …` is checked as `sum FIELD of T …`: the field must be a number of that record type.
        const agg =
          item.pointsField === undefined ? item.per : { ...item.per, op: 'sum' as const, field: item.pointsField };
        const typed = this.exprs.check(agg, {});
        if (typed.ir.op === 'agg') {
          per = {
            recordType: typed.ir.recordType,
            ...(typed.ir.where ? { where: typed.ir.where } : {}),
            ...(typed.ir.within ? { within: typed.ir.within } : {}),
          };
          if (item.pointsField !== undefined && typed.ir.field !== undefined) pointsField = typed.ir.field;
        }
      }
      return {
        name: item.name.text,
        ...(item.label !== undefined ? { label: item.label } : {}),
        points: item.direction === 'add' ? item.points : -item.points,
        ...(per ? { per } : {}),
        ...(pointsField ? { pointsField } : {}),
        ...(item.when ? { when: this.exprs.condition(item.when, {}) } : {}),
        ...(item.cap !== undefined ? { cap: item.cap } : {}),
        basis,
      };
    });
    const gradeRules = (rules: GradingDecl['direct']): IrGrading['direct'] =>
      rules.map((rule) => {
        checkGrade(rule.grade);
        return {
          grade: rule.grade.text,
          when: this.exprs.condition(rule.when, {}),
          basis: this.requiredCitations(rule.basis, '判级规则', rule.grade),
        };
      });
    const supervision = decl.supervision.map((entry) => {
      checkGrade(entry.grade);
      if (!(entry.ratioMin >= 0 && entry.ratioMin <= entry.ratioMax && entry.ratioMax <= 1)) {
        this.diagnostics.push(
          diagnostic('check.type-mismatch', entry.span, [
            '0%–100% 之间且下限不大于上限的抽查比例',
            `${entry.ratioMin}..${entry.ratioMax}`,
          ]),
        );
      }
      return {
        grade: entry.grade.text,
        ratioMin: entry.ratioMin,
        ratioMax: entry.ratioMax,
        ...(entry.frequency !== undefined ? { frequency: entry.frequency } : {}),
        basis: this.citations(entry.basis),
      };
    });
    return {
      name: decl.id.text,
      ...(decl.title !== undefined ? { title: decl.title } : {}),
      grades,
      base: decl.base,
      ...(decl.range ? { range: decl.range } : {}),
      items: items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      bands: decl.bands.map((b) => ({ grade: b.grade.text, from: b.from })).sort((a, b) => b.from - a.from),
      direct: gradeRules(decl.direct),
      caps: gradeRules(decl.caps),
      supervision,
      ...(decl.supervisionWhen
        ? {
            supervisionWhen: {
              when: this.exprs.condition(decl.supervisionWhen.when, {}),
              basis: this.citations(decl.supervisionWhen.basis),
            },
          }
        : {}),
      ...(decl.supervisionNote ? { supervisionNote: decl.supervisionNote.text } : {}),
      ...(decl.appliesWhen
        ? {
            appliesWhen: {
              when: this.exprs.condition(decl.appliesWhen.when, {}),
              basis: this.citations(decl.appliesWhen.basis),
            },
          }
        : {}),
      basis: this.citations(decl.basis),
      layer,
    };
  }

  /** Every list / measure of the kind a category set covers, in its layer and those extending it, must be placed in it. */
  checkCategories(symbols: Symbols, ancestors: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [setName, { decl: set, layer: setLayer }] of symbols.categorySets) {
      const values = set.values.map((v) => v.text);
      const covered = (layer: string): boolean => ancestors.get(layer)?.has(setLayer) ?? false;
      const check = (what: string, name: Name, layer: string, categories: ListDecl['categories']): void => {
        if (!covered(layer)) return;
        const mine = categories.filter((c) => c.set.text === setName);
        if (mine.length === 0) {
          this.diagnostics.push(
            diagnostic('check.missing-category', name.span, [what, name.text, setName], {
              help: `加上 \`category ${setName}.${values[0] ?? '…'}\`（可选：${values.join('、')}）`,
            }),
          );
        }
        for (const c of mine) {
          if (!values.includes(c.value.text)) {
            const help = didYouMean(c.value.text, values);
            this.diagnostics.push(
              diagnostic(
                'check.out-of-scope',
                c.value.span,
                [what, `${name.text}（${c.value.text}）`, setName],
                help ? { help } : {},
              ),
            );
          }
        }
      };
      if (set.appliesTo === 'lists' || set.appliesTo === 'black lists') {
        for (const { decl, layer } of symbols.lists.values()) {
          if (set.appliesTo === 'black lists' && decl.listKind !== 'black') continue;
          check('名单', decl.id, layer, decl.categories);
        }
      } else {
        for (const { decl, layer } of symbols.measures.values()) {
          if (set.appliesTo === 'penalty measures' && decl.measureKind !== 'penalty') continue;
          check('措施', decl.id, layer, decl.categories);
        }
      }
    }
    // A category reference to an undeclared set is an unknown name.
    const all = [...symbols.lists.values(), ...symbols.measures.values()];
    for (const { decl } of all) {
      for (const c of decl.categories) {
        if (!symbols.categorySets.has(c.set.text)) {
          const help = didYouMean(c.set.text, symbols.categorySets.keys());
          this.diagnostics.push(
            diagnostic('check.unknown-name', c.set.span, ['范围', c.set.text], help ? { help } : {}),
          );
        }
      }
    }
  }
}

function listRefs(expr: IrExpr | undefined, into: Set<string>): void {
  if (!expr) return;
  switch (expr.op) {
    case 'onList':
      into.add(expr.list);
      return;
    case 'not':
    case 'neg':
      listRefs(expr.arg, into);
      return;
    case 'and':
    case 'or':
      for (const arg of expr.args) listRefs(arg, into);
      return;
    case 'cmp':
    case 'arith':
      listRefs(expr.left, into);
      listRefs(expr.right, into);
      return;
    case 'dateShift':
      listRefs(expr.date, into);
      listRefs(expr.duration, into);
      return;
    case 'in':
    case 'has':
      listRefs(expr.left, into);
      listRefs(expr.values, into);
      return;
    case 'isSet':
      listRefs(expr.arg, into);
      return;
    case 'array':
      for (const item of expr.items) listRefs(item, into);
      return;
    case 'agg':
      listRefs(expr.where, into);
      return;
    default:
      return;
  }
}

/**
 * The record in scope of an early-removal condition when a list's rules range over several record types: every
 * attribute of any of them, read as unset on a record of a type without it; an attribute two types declare with
 * different types is left out (a condition could not be typed against both). Severity when any type has one.
 */
function mergedRecord(types: readonly RecordInfo[]): RecordInfo {
  const first = types[0]!;
  const fields = new Map<string, FieldInfo>();
  const clash = new Set<string>();
  for (const t of types) {
    for (const [key, f] of t.fields) {
      const seen = fields.get(key);
      if (seen === undefined && !clash.has(key)) fields.set(key, f);
      else if (seen !== undefined && JSON.stringify(seen.type) !== JSON.stringify(f.type)) {
        fields.delete(key);
        clash.add(key);
      }
    }
  }
  const fieldLabels = new Map<string, string>();
  for (const t of types) for (const [label, key] of t.fieldLabels) if (fields.has(key)) fieldLabels.set(label, key);
  return {
    ...first,
    key: types.map((t) => t.key).join('|'),
    decl: {
      ...first.decl,
      label: types.map((t) => t.decl.label ?? t.key).join('、'),
      hasSeverity: types.some((t) => t.decl.hasSeverity),
    },
    fields,
    fieldLabels,
  };
}

/** A record type's `latest per F`: a declared field of one value per record (not a list or a duration). */
function latestPerOf(info: RecordInfo, diagnostics: Diagnostic[]): string | undefined {
  const key = info.decl.latestPer;
  if (key === undefined) return undefined;
  const field = info.fields.get(key.text);
  if (field === undefined) {
    const help = didYouMean(key.text, info.fields.keys());
    diagnostics.push(diagnostic('check.unknown-field', key.span, [info.key, key.text], help ? { help } : {}));
    return undefined;
  }
  if (field.type.t === 'list' || field.type.t === 'duration') {
    diagnostics.push(diagnostic('check.latest-per-type', key.span, [info.key, key.text, field.type.t]));
    return undefined;
  }
  return key.text;
}

function listDependencies(list: IrList): Set<string> {
  const refs = new Set<string>();
  for (const rule of list.rules) {
    listRefs(rule.where, refs);
    listRefs(rule.when, refs);
    listRefs(rule.unless, refs);
  }
  listRefs(list.earlyRemoval?.when, refs);
  listRefs(list.earlyRemoval?.unless, refs);
  listRefs(list.endsAt?.when, refs);
  for (const d of list.endsAt?.dates ?? []) listRefs(d, refs);
  return refs;
}

function checkListCycles(symbols: Symbols, lists: Record<string, IrList>, diagnostics: Diagnostic[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const span = symbols.lists.get(name)?.decl.id.span;
      diagnostics.push(diagnostic('check.list-cycle', span, [[...path.slice(path.indexOf(name)), name].join(' → ')]));
      return;
    }
    state.set(name, 'visiting');
    const list = lists[name];
    if (list) for (const dep of [...listDependencies(list)].sort()) visit(dep, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(lists).sort()) visit(name, []);
}
