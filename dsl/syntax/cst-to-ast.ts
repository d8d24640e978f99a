// CST → surface AST for a whole policy file: declarations, clauses, comments; tolerant of recovered nodes.
import type { CstNode, IToken } from 'chevrotain';
import { RANKS } from '../ast.js';
import type {
  Action,
  BasisDecl,
  CategoriesDecl,
  CategoryRef,
  Certainty,
  Citation,
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
import type { Span } from '../span.js';
import type { Anchor, VisitContext } from './cst-util.js';
import { joinSpans, startOffset, sub, subs, tok, toks } from './cst-util.js';
import { perAggregate, visitCitationClause, visitExpression } from './cst-to-expr.js';
import { percentValue } from './literals.js';
import { Percent } from './tokens.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reports a single-valued clause given twice; returns whether this is the first. */
function once(
  ctx: VisitContext,
  seen: Set<string>,
  key: string,
  owner: string,
  t: IToken | undefined,
  span: Span,
): boolean {
  if (!seen.has(key)) {
    seen.add(key);
    return true;
  }
  ctx.error(
    'syntax.duplicate-clause',
    `\`${owner}\` 中的 \`${key}\` 子句重复`,
    `duplicate \`${key}\` clause in \`${owner}\``,
    t === undefined ? span : ctx.tokenSpan(t),
    '每个子句只能写一次；删去多余的一处',
  );
  return false;
}

/** A required clause is absent; not reported when the parser already failed inside the declaration. */
function missing(ctx: VisitContext, owner: string, clause: string, span: Span, n?: CstNode): void {
  if (n !== undefined && ctx.hasParseErrorIn(n)) return;
  ctx.error(
    'syntax.missing-clause',
    `\`${owner}\` 缺少 \`${clause}\` 子句`,
    `\`${owner}\` has no \`${clause}\` clause`,
    span,
  );
}

function names(ctx: VisitContext, ts: readonly IToken[]): Name[] {
  return ts.map((t) => ctx.name(t));
}

function nameArray(ctx: VisitContext, n: CstNode | undefined): Name[] {
  return names(ctx, toks(n, 'name'));
}

function categoryRefs(ctx: VisitContext, n: CstNode | undefined): CategoryRef[] {
  const out: CategoryRef[] = [];
  for (const r of subs(n, 'ref')) {
    const set = tok(r, 'set');
    const value = tok(r, 'value');
    if (set !== undefined && value !== undefined) {
      out.push({ set: ctx.name(set), value: ctx.name(value), span: ctx.nodeSpan(r) });
    }
  }
  return out;
}

function signedNumber(ctx: VisitContext, n: CstNode | undefined): number | undefined {
  const v = tok(n, 'value');
  if (v === undefined) return undefined;
  const x = ctx.number(v);
  return tok(n, 'minus') === undefined ? x : -x;
}

function fieldRefName(ctx: VisitContext, n: CstNode | undefined): Name | undefined {
  const t = tok(n, 'name');
  return t === undefined ? undefined : ctx.name(t);
}

// ------------------------------------------------------------------ header

function visitHeader(ctx: VisitContext, n: CstNode | undefined, fileSpan: Span): PolicyAst {
  const idTok = tok(sub(n, 'id'), 'id');
  const titleTok = tok(n, 'title');
  const seen = new Set<string>();
  const span = n === undefined ? fileSpan : ctx.nodeSpan(n);
  let jurisdiction: PolicyAst['jurisdiction'] | undefined;
  let version: string | undefined;
  let effective: string | undefined;
  let until: string | undefined;
  const extendsIds: Name[] = [];
  for (const c of subs(n, 'clause')) {
    const k = tok(c, 'kw');
    if (k === undefined) continue;
    const value = tok(c, 'value');
    if (k.image === 'extends') {
      for (const id of subs(c, 'id')) {
        const t = tok(id, 'id');
        if (t !== undefined) extendsIds.push(ctx.name(t));
      }
      continue;
    }
    if (!once(ctx, seen, k.image, 'policy', k, span)) continue;
    if (k.image === 'jurisdiction') {
      const level = tok(c, 'level');
      const code = tok(c, 'code');
      if (level !== undefined) {
        jurisdiction = {
          level: level.image as JurisdictionLevel,
          ...(code === undefined || level.image === 'national' ? {} : { code: code.image }),
        };
      }
    } else if (value !== undefined) {
      if (k.image === 'version') version = ctx.string(value);
      else if (k.image === 'effective') effective = ctx.date(value);
      else if (k.image === 'until') until = ctx.date(value);
    }
  }
  if (idTok !== undefined) {
    const headerSpan = ctx.tokenSpan(idTok);
    if (jurisdiction === undefined) missing(ctx, 'policy', 'jurisdiction', headerSpan, n);
    if (version === undefined) missing(ctx, 'policy', 'version', headerSpan, n);
    if (effective === undefined) missing(ctx, 'policy', 'effective', headerSpan, n);
  }
  return {
    kind: 'policy',
    id: idTok === undefined ? { text: '', span } : ctx.name(idTok),
    title: titleTok === undefined ? '' : ctx.string(titleTok),
    jurisdiction: jurisdiction ?? { level: 'national' },
    version: version ?? '',
    effective: effective ?? '',
    ...(until === undefined ? {} : { until }),
    extends: extendsIds,
    decls: [],
    span,
  };
}

// ------------------------------------------------------------------ declarations

function visitBasis(ctx: VisitContext, n: CstNode): BasisDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  const title = tok(n, 'title');
  const span = ctx.nodeSpan(n);
  const seen = new Set<string>();
  const d: Mutable<BasisDecl> = {
    kind: 'basis',
    id: ctx.name(id),
    title: title === undefined ? '' : ctx.string(title),
    articles: [],
    sections: [],
    span,
  };
  const articles: Name[] = [];
  const sections: Name[] = [];
  for (const c of subs(n, 'clause')) {
    const k = tok(c, 'kw');
    const values = toks(c, 'value');
    const v = values[0];
    if (k === undefined || v === undefined) continue;
    if (k.image === 'articles') {
      articles.push(...names(ctx, values));
      continue;
    }
    if (k.image === 'sections') {
      for (const s of values) sections.push({ text: ctx.string(s), span: ctx.tokenSpan(s) });
      continue;
    }
    if (!once(ctx, seen, k.image, 'basis', k, span)) continue;
    switch (k.image) {
      case 'rank':
        if ((RANKS as readonly string[]).includes(v.image)) d.rank = v.image as Rank;
        else {
          ctx.error(
            'syntax.unknown-rank',
            `未知的效力层级 \`${v.image}\``,
            `unknown rank \`${v.image}\``,
            ctx.tokenSpan(v),
            `可用的层级（由高到低）：${RANKS.join('、')}`,
          );
        }
        break;
      case 'issuer':
        d.issuer = ctx.string(v);
        break;
      case 'number':
        d.number = ctx.string(v);
        break;
      case 'effective':
        d.effective = ctx.date(v);
        break;
      case 'until':
        d.until = ctx.date(v);
        break;
      case 'certainty':
        d.certainty = v.image as Certainty;
        break;
    }
  }
  d.articles = articles;
  d.sections = sections;
  return d;
}

function visitCategories(ctx: VisitContext, n: CstNode): CategoriesDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  const black = tok(n, 'black') !== undefined;
  const penalty = tok(n, 'penalty') !== undefined;
  const lists = tok(n, 'lists') !== undefined;
  const measures = tok(n, 'measures') !== undefined;
  let appliesTo: CategoriesDecl['appliesTo'];
  if (lists) appliesTo = black ? 'black lists' : 'lists';
  else if (measures) appliesTo = penalty ? 'penalty measures' : 'measures';
  else return undefined;
  return {
    kind: 'categories',
    id: ctx.name(id),
    appliesTo,
    values: nameArray(ctx, sub(n, 'values')),
    basis: visitCitationClause(ctx, sub(n, 'basis')),
    span: ctx.nodeSpan(n),
  };
}

function visitScale(ctx: VisitContext, n: CstNode): ScaleDecl | undefined {
  const which = tok(n, 'which');
  if (which === undefined) return undefined;
  return {
    kind: 'scale',
    scale: which.image === 'severity' ? 'severity' : 'level',
    values: names(ctx, toks(n, 'value')),
    span: ctx.nodeSpan(n),
  };
}

function visitEnum(ctx: VisitContext, n: CstNode): EnumDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  return { kind: 'enum', id: ctx.name(id), values: nameArray(ctx, sub(n, 'values')), span: ctx.nodeSpan(n) };
}

function visitFieldType(ctx: VisitContext, n: CstNode | undefined): FieldTypeAst | undefined {
  const simple = tok(n, 'simple');
  if (simple !== undefined) return { kind: simple.image as 'string' };
  const kind = tok(n, 'enum') !== undefined ? 'enum' : tok(n, 'list') !== undefined ? 'list' : undefined;
  if (kind === undefined) return undefined;
  const ref = tok(n, 'ref');
  if (ref !== undefined) return { kind, ref: ctx.name(ref) };
  const values = sub(n, 'values');
  return values === undefined ? undefined : { kind, values: nameArray(ctx, values) };
}

function visitField(ctx: VisitContext, n: CstNode): FieldDecl | undefined {
  const key = tok(n, 'key');
  const type = visitFieldType(ctx, sub(n, 'type'));
  if (key === undefined || type === undefined) return undefined;
  const label = tok(n, 'label');
  const f: FieldDecl = {
    key: ctx.name(key),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    type,
    required: tok(n, 'required') !== undefined,
    span: ctx.nodeSpan(n),
  };
  ctx.anchor(n, f);
  return f;
}

function visitRecord(ctx: VisitContext, n: CstNode): RecordDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  const label = tok(n, 'label');
  const fields: FieldDecl[] = [];
  for (const f of subs(n, 'field')) {
    const field = visitField(ctx, f);
    if (field !== undefined) fields.push(field);
  }
  const seen = new Set<string>();
  let latestPer: IToken | undefined;
  for (const l of subs(n, 'latestPer')) {
    const key = tok(l, 'key');
    if (key !== undefined && once(ctx, seen, 'latest per', 'record', tok(l, 'key'), ctx.nodeSpan(l))) latestPer = key;
  }
  return {
    kind: 'record',
    id: ctx.name(id),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    hasSeverity: toks(n, 'severity').length > 0,
    ...(latestPer === undefined ? {} : { latestPer: ctx.name(latestPer) }),
    fields,
    span: ctx.nodeSpan(n),
  };
}

function visitParamVersion(ctx: VisitContext, n: CstNode, owner = 'param'): ParamVersion | undefined {
  const valueNode = sub(n, 'value');
  const value = visitExpression(ctx, valueNode);
  if (value === undefined && tok(n, 'unset') === undefined) return undefined;
  const from = tok(n, 'from');
  const transition = tok(n, 'transition');
  const seen = new Set<string>();
  const span = ctx.nodeSpan(n);
  // Every occurrence goes through `once`: the first is recorded, each later one reported.
  for (const key of ['from', 'transition']) for (const t of toks(n, key)) once(ctx, seen, key, owner, t, span);
  return {
    ...(value === undefined ? {} : { value }),
    ...(from === undefined ? {} : { from: ctx.date(from) }),
    basis: subs(n, 'basis').flatMap((b) => visitCitationClause(ctx, b)),
    ...(transition === undefined ? {} : { transition: ctx.string(transition) }),
    span,
  };
}

function visitParam(ctx: VisitContext, n: CstNode): ParamDecl | undefined {
  const id = tok(n, 'id');
  const type = tok(n, 'type');
  if (id === undefined || type === undefined) return undefined;
  const label = tok(n, 'label');
  const versions: ParamVersion[] = [];
  for (const v of subs(n, 'version')) {
    const version = visitParamVersion(ctx, v);
    if (version !== undefined) versions.push(version);
  }
  return {
    kind: 'param',
    id: ctx.name(id),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    type: type.image as ParamType,
    versions,
    span: ctx.nodeSpan(n),
  };
}

function visitFill(ctx: VisitContext, n: CstNode): FillDecl | undefined {
  const param = tok(n, 'param');
  if (param === undefined) return undefined;
  const versions: ParamVersion[] = [];
  for (const v of subs(n, 'version')) {
    const version = visitParamVersion(ctx, v, 'fill');
    if (version !== undefined) versions.push(version);
  }
  const span = ctx.nodeSpan(n);
  // A fill without a value fills nothing; a recovered parse has already said what went wrong.
  if (versions.length === 0 && !ctx.hasParseErrorIn(n)) {
    ctx.error(
      'syntax.missing-clause',
      `\`fill ${param.image}\` 没有给出取值`,
      `\`fill ${param.image}\` gives no value`,
      span,
      '在参数名之后写出取值，如 `fill 较低数额罚款 3000元 from 2023-10-27 basis …`',
    );
  }
  return { kind: 'fill', param: ctx.name(param), versions, span };
}

function visitRule(ctx: VisitContext, n: CstNode): RuleDecl | undefined {
  const name = tok(n, 'name');
  if (name === undefined) return undefined;
  const label = tok(n, 'label');
  const span = ctx.nodeSpan(n);
  const r: Mutable<RuleDecl> = {
    name: ctx.name(name),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    basis: [],
    unlessBasis: [],
    span,
  };
  const basis: Citation[] = [];
  const unlessBasis: Citation[] = [];
  const seen = new Set<string>();
  for (const c of subs(n, 'clause')) {
    const rb = sub(c, 'ruleBasis');
    if (rb !== undefined) {
      basis.push(...visitCitationClause(ctx, rb));
      continue;
    }
    const k = tok(c, 'kw');
    if (k === undefined || !once(ctx, seen, k.image, 'rule', k, span)) continue;
    if (k.image === 'for') {
      const type = tok(c, 'type');
      if (type !== undefined) r.forType = ctx.name(type);
      // A bare name is the field the listing runs from (as before); anything else is a date computed from it.
      const from = visitExpression(ctx, sub(c, 'fromExpr'));
      if (from?.kind === 'name') r.fromField = from.name;
      else if (from !== undefined) r.fromExpr = from;
      continue;
    }
    const e = visitExpression(ctx, sub(c, 'expr'));
    if (e === undefined) continue;
    if (k.image === 'where') r.where = e;
    else if (k.image === 'when') r.when = e;
    else {
      r.unless = e;
      unlessBasis.push(...visitCitationClause(ctx, sub(c, 'basis')));
    }
  }
  r.basis = basis;
  r.unlessBasis = unlessBasis;
  ctx.anchor(n, r);
  return r;
}

function visitList(ctx: VisitContext, n: CstNode): ListDecl | undefined {
  const id = tok(n, 'id');
  const kind = tok(n, 'listKind');
  if (id === undefined || kind === undefined) return undefined;
  const title = tok(n, 'title');
  const span = ctx.nodeSpan(n);
  const d: Mutable<ListDecl> = {
    kind: 'list',
    id: ctx.name(id),
    listKind: kind.image as ListKind,
    ...(title === undefined ? {} : { title: ctx.string(title) }),
    categories: [],
    allowBlack: false,
    rules: [],
    basis: [],
    span,
  };
  const categories: CategoryRef[] = [];
  const basis: Citation[] = [];
  const seen = new Set<string>();
  for (const c of subs(n, 'clause')) {
    const lb = sub(c, 'listBasis');
    if (lb !== undefined) {
      basis.push(...visitCitationClause(ctx, lb));
      continue;
    }
    const k = tok(c, 'kw');
    if (k === undefined) continue;
    if (k.image === 'category') {
      categories.push(...categoryRefs(ctx, sub(c, 'refs')));
      continue;
    }
    if (!once(ctx, seen, k.image, 'list', k, span)) continue;
    const value = tok(c, 'value');
    const cspan = ctx.nodeSpan(c);
    const cbasis = visitCitationClause(ctx, sub(c, 'basis'));
    switch (k.image) {
      case 'scope':
        if (value !== undefined) d.scope = value.image as 'national' | 'local';
        break;
      case 'max':
        if (value !== undefined) d.maxLevel = ctx.name(value);
        break;
      case 'replaces':
        if (value !== undefined) d.replaces = ctx.name(value);
        break;
      case 'duration': {
        const period = visitExpression(ctx, sub(c, 'period'));
        const counting = tok(c, 'counting');
        if (period !== undefined) {
          d.duration = {
            period,
            counting: counting?.image === 'calendar' ? 'calendar' : 'civil',
            basis: cbasis,
            span: cspan,
          };
        }
        break;
      }
      case 'until': {
        // As `for T from …`: a bare name is the field itself, anything else a date computed from the record.
        const ends = subs(c, 'end').flatMap((e) => visitExpression(ctx, e) ?? []);
        const fields = ends.flatMap((e) => (e.kind === 'name' ? [e.name] : []));
        const dates = ends.filter((e) => e.kind !== 'name');
        const whenNode = sub(c, 'endsWhen');
        const when = visitExpression(ctx, whenNode);
        if (ends.length > 0 && (whenNode === undefined || when !== undefined))
          d.endsAt = {
            fields,
            ...(dates.length === 0 ? {} : { dates }),
            ...(when === undefined ? {} : { when }),
            basis: cbasis,
            span: cspan,
          };
        break;
      }
      case 'extend': {
        const fields = subs(c, 'field').flatMap((f) => fieldRefName(ctx, f) ?? []);
        if (fields.length > 0) d.extendTo = { fields, basis: cbasis, span: cspan };
        break;
      }
      case 'early': {
        const after = visitExpression(ctx, sub(c, 'after'));
        const whenNode = sub(c, 'when');
        const when = visitExpression(ctx, whenNode);
        const unlessNode = sub(c, 'unless');
        const unless = visitExpression(ctx, unlessNode);
        if (
          after !== undefined &&
          (whenNode === undefined || when !== undefined) &&
          (unlessNode === undefined || unless !== undefined)
        ) {
          d.earlyRemoval = {
            after,
            ...(when === undefined ? {} : { when }),
            ...(unless === undefined ? {} : { unless }),
            basis: cbasis,
            span: cspan,
          };
        }
        break;
      }
      case 'objection':
        if (value !== undefined) d.objectionPending = value.image as 'mark' | 'suspend';
        break;
      case 'allow':
        d.allowBlack = true;
        break;
      case 'external':
        d.external = true;
        break;
    }
  }
  const rules: RuleDecl[] = [];
  for (const r of subs(n, 'rule')) {
    const rule = visitRule(ctx, r);
    if (rule !== undefined) rules.push(rule);
  }
  d.categories = categories;
  d.basis = basis;
  d.rules = rules;
  return d;
}

function visitMeasure(ctx: VisitContext, n: CstNode): MeasureDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  const label = tok(n, 'label');
  const span = ctx.nodeSpan(n);
  let measureKind: MeasureKind | undefined;
  let action: Action | undefined;
  let mandatory: boolean | undefined;
  const d: Mutable<MeasureDecl> = {
    kind: 'measure',
    id: ctx.name(id),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    measureKind: 'penalty',
    action: 'block',
    categories: [],
    lists: [],
    grades: [],
    mandatory: true,
    target: 'subject',
    basis: [],
    span,
  };
  const categories: CategoryRef[] = [];
  const lists: Name[] = [];
  const grades: GradeRef[] = [];
  const basis: Citation[] = [];
  const seen = new Set<string>();
  for (const c of subs(n, 'clause')) {
    const mb = sub(c, 'measureBasis');
    if (mb !== undefined) {
      basis.push(...visitCitationClause(ctx, mb));
      continue;
    }
    const k = tok(c, 'kw');
    if (k === undefined) continue;
    const value = tok(c, 'value');
    switch (k.image) {
      case 'category':
        categories.push(...categoryRefs(ctx, sub(c, 'refs')));
        continue;
      case 'applies': {
        const grading = tok(c, 'grading');
        const ns = names(ctx, toks(c, 'name'));
        if (tok(c, 'grade') !== undefined) {
          if (grading !== undefined) grades.push({ grading: ctx.name(grading), grades: ns });
        } else lists.push(...ns);
        continue;
      }
      case 'reward':
      case 'penalty':
      case 'management':
        if (once(ctx, seen, 'reward|penalty|management', 'measure', k, span)) measureKind = k.image as MeasureKind;
        continue;
      case 'mandatory':
      case 'discretionary':
        if (once(ctx, seen, 'mandatory|discretionary', 'measure', k, span)) mandatory = k.image === 'mandatory';
        continue;
    }
    if (!once(ctx, seen, k.image, 'measure', k, span)) continue;
    switch (k.image) {
      case 'level':
        if (value !== undefined) d.level = ctx.name(value);
        break;
      case 'action':
        if (value !== undefined) action = value.image as Action;
        break;
      case 'matters':
        if (sub(c, 'values') !== undefined) d.matters = nameArray(ctx, sub(c, 'values'));
        break;
      case 'department':
        if (value !== undefined) d.department = ctx.string(value);
        break;
      case 'target':
        if (value !== undefined) d.target = value.image as Target;
        break;
      case 'term': {
        const term = visitExpression(ctx, sub(c, 'expr'));
        if (term !== undefined) d.term = term;
        if (tok(c, 'exactly') !== undefined) d.termExact = true;
        break;
      }
      case 'when': {
        const when = visitExpression(ctx, sub(c, 'expr'));
        if (when !== undefined) d.when = when;
        break;
      }
    }
  }
  const idSpan = ctx.tokenSpan(id);
  if (measureKind === undefined) missing(ctx, 'measure', 'reward|penalty|management', idSpan, n);
  else d.measureKind = measureKind;
  if (action === undefined) missing(ctx, 'measure', 'action', idSpan, n);
  else d.action = action;
  if (mandatory !== undefined) d.mandatory = mandatory;
  d.categories = categories;
  d.lists = lists;
  d.grades = grades;
  d.basis = basis;
  return d;
}

function visitNarrow(ctx: VisitContext, n: CstNode): NarrowDecl | undefined {
  const measure = tok(n, 'measure');
  if (measure === undefined) return undefined;
  const span = ctx.nodeSpan(n);
  const seen = new Set<string>();
  const d: Mutable<NarrowDecl> = { kind: 'narrow', measure: ctx.name(measure), span };
  const matters = toks(n, 'matters');
  const valuesNodes = subs(n, 'values');
  if (matters.length > 1) once(ctx, seen, 'matters', 'narrow', matters[1], span);
  if (valuesNodes[0] !== undefined) d.matters = nameArray(ctx, valuesNodes[0]);
  const levels = toks(n, 'value');
  if (levels.length > 1) {
    seen.add('level');
    once(ctx, seen, 'level', 'narrow', levels[1], span);
  }
  if (levels[0] !== undefined) d.level = ctx.name(levels[0]);
  return d;
}

function gradeRule(ctx: VisitContext, c: CstNode): GradeRule | undefined {
  const grade = tok(c, 'grade');
  const when = visitExpression(ctx, sub(c, 'when'));
  if (grade === undefined || when === undefined) return undefined;
  return { grade: ctx.name(grade), when, basis: visitCitationClause(ctx, sub(c, 'basis')), span: ctx.nodeSpan(c) };
}

function ratio(n: CstNode | undefined): number | undefined {
  const t = tok(n, 'value');
  if (t === undefined) return undefined;
  return t.tokenType === Percent ? percentValue(t.image) : Number(t.image);
}

function visitScoreItem(ctx: VisitContext, n: CstNode): ScoreItem | undefined {
  const name = tok(n, 'name');
  const direction = tok(n, 'direction');
  const points = tok(n, 'points');
  const pointsField = tok(n, 'pointsField');
  if (name === undefined || direction === undefined || (points === undefined && pointsField === undefined))
    return undefined;
  const label = tok(n, 'label');
  const perTok = tok(n, 'per');
  const type = tok(n, 'type');
  let per: ScoreItem['per'];
  let when: Expr | undefined;
  if (perTok !== undefined) {
    if (type === undefined) return undefined;
    per = perAggregate(ctx, n, type, perTok);
    if (per === undefined) return undefined;
  } else {
    when = visitExpression(ctx, sub(n, 'when'));
    if (when === undefined) return undefined;
  }
  const cap = tok(n, 'cap');
  const item: ScoreItem = {
    name: ctx.name(name),
    ...(label === undefined ? {} : { label: ctx.string(label) }),
    direction: direction.image === 'add' ? 'add' : 'deduct',
    points: points === undefined ? 1 : ctx.number(points),
    ...(pointsField === undefined ? {} : { pointsField: ctx.name(pointsField) }),
    ...(per === undefined ? {} : { per }),
    ...(when === undefined ? {} : { when }),
    ...(cap === undefined ? {} : { cap: ctx.number(cap) }),
    basis: visitCitationClause(ctx, sub(n, 'basis')),
    span: ctx.nodeSpan(n),
  };
  ctx.anchor(n, item);
  return item;
}

function visitGrading(ctx: VisitContext, n: CstNode): GradingDecl | undefined {
  const id = tok(n, 'id');
  if (id === undefined) return undefined;
  const title = tok(n, 'title');
  const span = ctx.nodeSpan(n);
  const seen = new Set<string>();
  let base: number | undefined;
  const d: Mutable<GradingDecl> = {
    kind: 'grading',
    id: ctx.name(id),
    ...(title === undefined ? {} : { title: ctx.string(title) }),
    grades: [],
    base: 0,
    items: [],
    bands: [],
    direct: [],
    caps: [],
    supervision: [],
    basis: [],
    span,
  };
  const bands: Mutable<GradingDecl['bands']> = [];
  const direct: GradeRule[] = [];
  const caps: GradeRule[] = [];
  const supervision: Mutable<GradingDecl['supervision']> = [];
  const basis: Citation[] = [];
  for (const c of subs(n, 'clause')) {
    const gb = sub(c, 'gradingBasis');
    if (gb !== undefined) {
      basis.push(...visitCitationClause(ctx, gb));
      continue;
    }
    const k = tok(c, 'kw');
    if (k === undefined) continue;
    const gradeTok = tok(c, 'grade');
    const nums = subs(c, 'number').map((x) => signedNumber(ctx, x));
    switch (k.image) {
      case 'grades':
        if (once(ctx, seen, 'grades', 'grading', k, span)) d.grades = names(ctx, toks(c, 'grade'));
        break;
      case 'base':
        if (once(ctx, seen, 'base', 'grading', k, span) && nums[0] !== undefined) base = nums[0];
        break;
      case 'range': {
        const [min, max] = nums;
        if (once(ctx, seen, 'range', 'grading', k, span) && min !== undefined && max !== undefined)
          d.range = { min, max };
        break;
      }
      case 'band':
        if (gradeTok !== undefined && nums[0] !== undefined) {
          bands.push({ grade: ctx.name(gradeTok), from: nums[0], span: ctx.nodeSpan(c) });
        }
        break;
      case 'direct':
      case 'cap': {
        const rule = gradeRule(ctx, c);
        if (rule !== undefined) (k.image === 'direct' ? direct : caps).push(rule);
        break;
      }
      case 'applies': {
        const when = visitExpression(ctx, sub(c, 'appliesWhen'));
        if (when !== undefined && once(ctx, seen, 'applies when', 'grading', k, span)) {
          d.appliesWhen = { when, basis: visitCitationClause(ctx, sub(c, 'basis')), span: ctx.nodeSpan(c) };
        }
        break;
      }
      case 'supervision': {
        const noteTok = tok(c, 'supervisionNote');
        if (noteTok !== undefined) {
          if (once(ctx, seen, 'supervision note', 'grading', k, span)) {
            d.supervisionNote = { text: ctx.string(noteTok), span: ctx.nodeSpan(c) };
          }
          break;
        }
        const cond = sub(c, 'supervisionWhen');
        if (cond !== undefined) {
          const when = visitExpression(ctx, cond);
          if (when !== undefined && once(ctx, seen, 'supervision when', 'grading', k, span)) {
            d.supervisionWhen = { when, basis: visitCitationClause(ctx, sub(c, 'basis')), span: ctx.nodeSpan(c) };
          }
          break;
        }
        const [lo, hi] = subs(c, 'ratio').map(ratio);
        const frequency = tok(c, 'frequency');
        if (gradeTok !== undefined && lo !== undefined && hi !== undefined) {
          supervision.push({
            grade: ctx.name(gradeTok),
            ratioMin: lo,
            ratioMax: hi,
            ...(frequency === undefined ? {} : { frequency: ctx.string(frequency) }),
            basis: visitCitationClause(ctx, sub(c, 'basis')),
            span: ctx.nodeSpan(c),
          });
        }
        break;
      }
    }
  }
  const items: ScoreItem[] = [];
  for (const i of subs(n, 'item')) {
    const item = visitScoreItem(ctx, i);
    if (item !== undefined) items.push(item);
  }
  if (base === undefined) missing(ctx, 'grading', 'base', ctx.tokenSpan(id), n);
  else d.base = base;
  d.items = items;
  d.bands = bands;
  d.direct = direct;
  d.caps = caps;
  d.supervision = supervision;
  d.basis = basis;
  return d;
}

function visitLeniency(ctx: VisitContext, n: CstNode): SettingDecl | undefined {
  const v = tok(n, 'value');
  if (v === undefined) return undefined;
  return { kind: 'setting', setting: 'leniencyCeiling', value: ctx.name(v), span: ctx.nodeSpan(n) };
}

function visitCap(ctx: VisitContext, n: CstNode): SettingDecl | undefined {
  const v = tok(n, 'value');
  if (v === undefined) return undefined;
  return { kind: 'setting', setting: 'measuresPerRecordCap', value: ctx.number(v), span: ctx.nodeSpan(n) };
}

const DECL_VISITORS: Readonly<Record<string, (ctx: VisitContext, n: CstNode) => Decl | undefined>> = {
  basisDecl: visitBasis,
  categoriesDecl: visitCategories,
  scaleDecl: visitScale,
  enumDecl: visitEnum,
  recordDecl: visitRecord,
  paramDecl: visitParam,
  fillDecl: visitFill,
  listDecl: visitList,
  measureDecl: visitMeasure,
  narrowDecl: visitNarrow,
  gradingDecl: visitGrading,
  leniencyDecl: visitLeniency,
  capDecl: visitCap,
};

const DECL_KEYWORD: Readonly<Record<string, string>> = {
  basisDecl: 'basis',
  categoriesDecl: 'categories',
  recordDecl: 'record',
  paramDecl: 'param',
  fillDecl: 'fill',
  listDecl: 'list',
  measureDecl: 'measure',
  narrowDecl: 'narrow',
  gradingDecl: 'grading',
};

/** Junk tokens swallowed by a declaration body, remembered with the declaration they sit in. */
function collectJunk(ctx: VisitContext, n: CstNode, context: string): void {
  for (const t of toks(n, 'junk')) ctx.junk.push({ token: t, context });
  for (const r of subs(n, 'rule')) collectJunk(ctx, r, context);
}

export function visitPolicy(ctx: VisitContext, cst: CstNode): PolicyAst {
  const fileSpan = ctx.span(0, ctx.text.length);
  const headerNode = sub(cst, 'header');
  const header = visitHeader(ctx, headerNode, fileSpan);
  if (headerNode !== undefined) collectJunk(ctx, headerNode, 'policy');
  const decls: Decl[] = [];
  for (const item of subs(cst, 'decl')) {
    for (const t of toks(item, 'junk')) ctx.junk.push({ token: t, context: '' });
    for (const rule of Object.keys(item.children)) {
      const visit = DECL_VISITORS[rule];
      const node = sub(item, rule);
      if (visit === undefined || node === undefined) continue;
      collectJunk(ctx, node, DECL_KEYWORD[rule] ?? '');
      const decl = visit(ctx, node);
      const start = startOffset(node);
      if (decl !== undefined && start !== undefined) {
        decls.push(decl);
        ctx.anchor(node, decl, true);
      }
    }
  }
  const last = decls[decls.length - 1];
  const root: PolicyAst = {
    ...header,
    decls,
    span: last === undefined ? header.span : joinSpans(header.span, last.span),
  };
  ctx.anchor(headerNode, root, true);
  return root;
}

/**
 * Where a comment goes. A comment with only blank lines and comments between it and the next node that
 * can carry comments (header, declaration, field, rule, score item) belongs to that node — it sits above
 * it. Any other comment (after code on its line, or between the clauses of a node) belongs to the
 * innermost node whose text contains it; failing that, to the node before it (or the next one for a
 * comment on its own line); comments after everything go to the last declaration. The formatter prints
 * all of them above their node.
 */
export function attachComments(
  ctx: VisitContext,
  comments: readonly IToken[],
  tokens: readonly IToken[],
  root: PolicyAst,
): void {
  const anchors = [...ctx.anchors].sort((a, b) => a.start - b.start);
  const byNode = new Map<object, string[]>();
  let lastTop: object = root;
  for (const a of anchors) if (a.topLevel) lastTop = a.node;
  for (const c of comments) {
    const at = c.startOffset;
    const i = firstIndex(anchors.length, (k) => (anchors[k]?.start ?? 0) > at);
    const next = anchors[i];
    const own = ownLine(ctx.text, at);
    let target: object | undefined;
    if (own && next !== undefined && !tokenBetween(tokens, at, next.start)) target = next.node;
    else if (!own && (target = endsOnLineBefore(ctx.text, anchors, at)) !== undefined) {
      // A trailing comment belongs to the innermost node ending just before it on its line (a field, a clause), not
      // to the declaration around it: `fmt` puts it above that node, where it still reads next to what it explains.
    } else {
      let best: Anchor | undefined;
      for (const a of anchors) {
        if (a.start > at) break;
        if (at < a.end && (best === undefined || a.start >= best.start)) best = a;
      }
      target = best?.node ?? (own ? next?.node : anchors[i - 1]?.node);
    }
    const node = target ?? lastTop;
    const list = byNode.get(node) ?? [];
    list.push(c.image.replace(/\s+$/, ''));
    byNode.set(node, list);
  }
  for (const [node, list] of byNode) (node as { comments?: readonly string[] }).comments = list;
}

/** The innermost anchor ending before `at` with only blanks between it and `at` on the same line. */
function endsOnLineBefore(text: string, anchors: readonly Anchor[], at: number): object | undefined {
  let best: Anchor | undefined;
  for (const a of anchors) {
    if (a.start > at) break;
    if (a.end > at || !blankBetween(text, a.end, at)) continue;
    if (best === undefined || a.start >= best.start) best = a;
  }
  return best?.node;
}

function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000) return false;
  }
  return true;
}

/** Smallest k in [0, n) with pred(k), pred monotone; n when none. */
function firstIndex(n: number, pred: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function tokenBetween(tokens: readonly IToken[], from: number, to: number): boolean {
  const k = firstIndex(tokens.length, (j) => (tokens[j]?.startOffset ?? 0) > from);
  const t = tokens[k];
  return t !== undefined && t.startOffset < to;
}

function ownLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0x3000 && c !== 0xfeff) return false;
  }
  return true;
}
