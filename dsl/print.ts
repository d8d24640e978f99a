// The canonical formatter: surface AST → `.xy` text that parses back to the same AST (spans aside).
import type {
  BasisDecl,
  CategoriesDecl,
  CategoryRef,
  Citation,
  Decl,
  DurationLit,
  Expr,
  FieldDecl,
  FieldTypeAst,
  FillDecl,
  GradingDecl,
  ListDecl,
  MeasureDecl,
  Name,
  ParamDecl,
  ParamVersion,
  PolicyAst,
  RecordDecl,
  RuleDecl,
  ScoreItem,
} from './ast.js';
import { formatMoney, formatPercent, quoteString, toPlain } from './syntax/literals.js';

// ------------------------------------------------------------------ expressions

/**
 * Precedence levels, lowest first, as in LANGUAGE.md: or, and, not, comparison, `counted civil`, + -, * /, unary -,
 * primary. Comparisons do not chain, so both their operands must bind tighter; `counted civil` closes a whole sum.
 */
const PREC = { or: 1, and: 2, not: 3, compare: 4, counted: 5, add: 6, mul: 7, neg: 8, primary: 9 } as const;

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'or':
      return PREC.or;
    case 'and':
      return PREC.and;
    case 'not':
      return PREC.not;
    case 'compare':
    case 'in':
    case 'has':
    case 'isSet':
      return PREC.compare;
    case 'arith':
      return e.op === '+' || e.op === '-' ? PREC.add : PREC.mul;
    case 'counted':
      return PREC.counted;
    case 'neg':
      return PREC.neg;
    default:
      return PREC.primary;
  }
}

/**
 * What may follow the printed expression: `end` (a clause keyword, `,`, `]`, `)` — nothing an expression
 * absorbs), `op` (an operator that a trailing `where` would swallow), `within` (the keyword an aggregate
 * without its own `within` would take).
 */
type Tail = 'end' | 'op' | 'within';

/** Minimal parentheses, parseable back. */
export function printExpr(expr: Expr): string {
  return expr_(expr, 0, 'end');
}

function expr_(e: Expr, minPrec: number, tail: Tail): string {
  if (precOf(e) < minPrec) return `(${expr_(e, 0, 'end')})`;
  switch (e.kind) {
    case 'number':
      return toPlain(e.value);
    case 'money':
      return formatMoney(e.value);
    case 'percent':
      return formatPercent(e.value);
    case 'string':
      return quoteString(e.value);
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'date':
      return e.value;
    case 'duration':
      return printDuration(e.value);
    case 'at':
      return 'at';
    case 'name':
      return e.name.text;
    case 'outer':
      return `outer ${e.name.text}`;
    case 'array':
      return `[${e.items.map((i) => expr_(i, 0, 'end')).join(', ')}]`;
    case 'onList':
      return `on ${e.list.text}`;
    case 'gradeOf':
      return `grade ${e.grading.text}`;
    case 'not':
      return `not ${expr_(e.operand, PREC.not, tail)}`;
    case 'neg':
      return `-${expr_(e.operand, PREC.neg, tail)}`;
    case 'and':
    case 'or': {
      const p = precOf(e);
      return `${expr_(e.left, p, 'op')} ${e.kind} ${expr_(e.right, p + 1, tail)}`;
    }
    case 'compare':
      return `${expr_(e.left, PREC.counted, 'op')} ${e.op} ${expr_(e.right, PREC.counted, tail)}`;
    case 'in':
      return `${expr_(e.left, PREC.counted, 'op')} ${e.negated ? 'not in' : 'in'} ${expr_(e.right, PREC.counted, tail)}`;
    case 'has':
      return `${expr_(e.left, PREC.counted, 'op')} has ${e.mode} ${expr_(e.right, PREC.counted, tail)}`;
    case 'isSet':
      return `${expr_(e.operand, PREC.counted, 'op')} is ${e.negated ? 'not set' : 'set'}`;
    case 'counted':
      // `counted` follows the sum, so a trailing `where` inside it would swallow the keyword.
      return `${expr_(e.operand, PREC.add, 'op')} counted ${e.counting}`;
    case 'arith': {
      const p = precOf(e);
      return `${expr_(e.left, p, 'op')} ${e.op} ${expr_(e.right, p + 1, tail)}`;
    }
    case 'aggregate':
      return aggregate(e, tail);
  }
}

/** A trailing `where` swallows any operator after it; an aggregate without `within` takes the next `within`. */
function aggregateOpen(e: Extract<Expr, { kind: 'aggregate' }>, tail: Tail): boolean {
  return (
    (e.where !== undefined && e.within === undefined && tail === 'op') || (e.within === undefined && tail === 'within')
  );
}

function aggregateHead(e: Extract<Expr, { kind: 'aggregate' }>): string {
  return e.field === undefined ? `${e.op} ${e.recordType.text}` : `${e.op} ${e.field.text} of ${e.recordType.text}`;
}

function aggregate(e: Extract<Expr, { kind: 'aggregate' }>, tail: Tail): string {
  const open = aggregateOpen(e, tail);
  const text = aggregateHead(e) + aggregateTail(e, open ? 'end' : tail);
  return open ? `(${text})` : text;
}

/** ` where COND within D` — shared by aggregates and score items' `per`. */
function aggregateTail(e: Extract<Expr, { kind: 'aggregate' }>, tail: Tail): string {
  let out = '';
  if (e.where !== undefined) out += ` where ${expr_(e.where, 0, e.within === undefined ? tail : 'within')}`;
  if (e.within !== undefined) out += ` within ${withinOperand(e.within)}`;
  return out;
}

/** `within` takes a primary so that `count X within 2 years >= 3` compares the count. */
function withinOperand(e: Expr): string {
  return precOf(e) === PREC.primary && e.kind !== 'aggregate' ? expr_(e, 0, 'end') : `(${expr_(e, 0, 'end')})`;
}

// ------------------------------------------------------------------ line breaking

/** Lines wider than this are broken at `and` / `or`, before an aggregate's `where` and inside parentheses. */
const WIDTH = 100;

/** Columns the text takes in a monospace editor: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * The expression as lines: the first continues the current line (at column `col`), the others carry their
 * indentation. Breaks only fall between the tokens of the flat form, so the text parses the same.
 */
function layout(e: Expr, minPrec: number, tail: Tail, col: number, indent: string): string[] {
  const flat = expr_(e, minPrec, tail);
  if (col + displayWidth(flat) <= WIDTH) return [flat];
  const inner = `${indent}  `;
  if (precOf(e) < minPrec) {
    const body = layout(e, 0, 'end', col + 1, inner);
    body[0] = `(${body[0] ?? ''}`;
    body[body.length - 1] += ')';
    return body;
  }
  switch (e.kind) {
    case 'and':
    case 'or': {
      const p = precOf(e);
      const operands: Expr[] = [];
      let cur: Expr = e;
      while (cur.kind === e.kind && (cur.kind === 'and' || cur.kind === 'or')) {
        operands.push(cur.right);
        cur = cur.left;
      }
      operands.push(cur);
      operands.reverse();
      const [first, ...rest] = operands;
      if (first === undefined) return [flat];
      const lines = layout(first, p, 'op', col, inner);
      rest.forEach((o, i) => {
        const lead = `${e.kind} `;
        const sub = layout(o, p + 1, i === rest.length - 1 ? tail : 'op', inner.length + lead.length, inner);
        lines.push(inner + lead + (sub[0] ?? ''), ...sub.slice(1));
      });
      return lines;
    }
    case 'not': {
      const sub = layout(e.operand, PREC.not, tail, col + 4, indent);
      sub[0] = `not ${sub[0] ?? ''}`;
      return sub;
    }
    case 'compare': {
      const left = layout(e.left, PREC.counted, 'op', col, indent);
      left[left.length - 1] += ` ${e.op} ${expr_(e.right, PREC.counted, tail)}`;
      return left;
    }
    case 'aggregate': {
      if (e.where === undefined) return [flat];
      if (aggregateOpen(e, tail)) {
        // Parenthesised because its `where` would swallow what follows: broken inside the parentheses.
        const body = layout(e, 0, 'end', col + 1, indent);
        body[0] = `(${body[0] ?? ''}`;
        body[body.length - 1] += ')';
        return body;
      }
      const sub = layout(e.where, 0, e.within === undefined ? tail : 'within', inner.length + 6, inner);
      const lines = [aggregateHead(e), `${inner}where ${sub[0] ?? ''}`, ...sub.slice(1)];
      if (e.within !== undefined) lines[lines.length - 1] += ` within ${withinOperand(e.within)}`;
      return lines;
    }
    default:
      return [flat];
  }
}

/**
 * `indent` + `lead` + the expression + `trailer` (a ` basis …`): one line when it fits, else the expression
 * broken over lines and the trailer on a line of its own.
 */
function clause(indent: string, lead: string, e: Expr, trailer = ''): string[] {
  const flat = indent + lead + expr_(e, 0, 'end');
  if (displayWidth(flat + trailer) <= WIDTH) return [flat + trailer];
  const lines = layout(e, 0, 'end', displayWidth(indent + lead), indent);
  lines[0] = indent + lead + (lines[0] ?? '');
  if (trailer !== '') lines.push(`${indent}  ${trailer.trimStart()}`);
  return lines;
}

/** An expression standing alone where the next thing may start another expression (parameter versions). */
function standalone(e: Expr): string {
  const text = expr_(e, 0, 'end');
  return text.startsWith('-') ? `(${text})` : text;
}

// ------------------------------------------------------------------ small pieces

export function printDuration(d: DurationLit): string {
  return `${toPlain(d.amount)} ${d.unit}${d.amount === 1 ? '' : 's'}`;
}

export function printCitation(c: Citation): string {
  let out = c.basis.text;
  if (c.article !== undefined) out += ` ${c.article}`;
  if (c.section !== undefined) out += ` section ${quoteString(c.section)}`;
  return out;
}

function citations(cs: readonly Citation[]): string {
  return cs.map(printCitation).join(', ');
}

/** ` basis …` or nothing. */
function basisSuffix(cs: readonly Citation[]): string {
  return cs.length === 0 ? '' : ` basis ${citations(cs)}`;
}

function nameList(ns: readonly Name[]): string {
  return `[${ns.map((n) => n.text).join(', ')}]`;
}

function categoryRefs(cs: readonly CategoryRef[]): string {
  return cs.map((c) => `${c.set.text}.${c.value.text}`).join(', ');
}

function label(l: string | undefined): string {
  return l === undefined ? '' : ` ${quoteString(l)}`;
}

function num(n: number): string {
  return toPlain(n);
}

function comments(cs: readonly string[] | undefined, indent: string): string[] {
  return (cs ?? []).map((c) => `${indent}${c.startsWith('#') || c.startsWith('//') ? c : `# ${c}`}`);
}

// ------------------------------------------------------------------ declarations

function basisDecl(d: BasisDecl): string[] {
  const out = [`basis ${d.id.text} ${quoteString(d.title)}`];
  if (d.rank !== undefined) out.push(`  rank ${d.rank}`);
  if (d.issuer !== undefined) out.push(`  issuer ${quoteString(d.issuer)}`);
  if (d.number !== undefined) out.push(`  number ${quoteString(d.number)}`);
  if (d.effective !== undefined) out.push(`  effective ${d.effective}`);
  if (d.until !== undefined) out.push(`  until ${d.until}`);
  if (d.articles.length > 0) out.push(`  articles ${d.articles.map((a) => a.text).join(' ')}`);
  if (d.sections.length > 0) out.push(`  sections ${d.sections.map((s) => quoteString(s.text)).join(' ')}`);
  if (d.certainty !== undefined) out.push(`  certainty ${d.certainty}`);
  return out;
}

function categoriesDecl(d: CategoriesDecl): string[] {
  const out = [`categories ${d.id.text} for ${d.appliesTo} ${nameList(d.values)}`];
  if (d.basis.length > 0) out.push(`  basis ${citations(d.basis)}`);
  return out;
}

function fieldType(t: FieldTypeAst): string {
  if (t.kind === 'enum' || t.kind === 'list') {
    const head = t.kind === 'enum' ? 'enum' : 'list of';
    return t.ref !== undefined ? `${head} ${t.ref.text}` : `${head} ${nameList(t.values ?? [])}`;
  }
  return t.kind;
}

function field(f: FieldDecl): string[] {
  return [
    ...comments(f.comments, '  '),
    `  field ${f.key.text}${label(f.label)} ${fieldType(f.type)}${f.required ? ' required' : ''}`,
  ];
}

function recordDecl(d: RecordDecl): string[] {
  const out = [`record ${d.id.text}${label(d.label)}`];
  if (d.hasSeverity) out.push('  severity');
  if (d.latestPer !== undefined) out.push(`  latest per ${d.latestPer.text}`);
  for (const f of d.fields) out.push(...field(f));
  return out;
}

function paramVersion(v: ParamVersion): string {
  let line = v.value === undefined ? 'unset' : standalone(v.value);
  if (v.from !== undefined) line += ` from ${v.from}`;
  line += basisSuffix(v.basis);
  if (v.transition !== undefined) line += ` transition ${quoteString(v.transition)}`;
  return line;
}

/** A single version that fits stays on the declaration's line: `param X "…" decimal unset`. */
function withVersions(head: string, vs: readonly ParamVersion[]): string[] {
  const versions = vs.map(paramVersion);
  const only = versions.length === 1 ? versions[0] : undefined;
  if (only !== undefined && displayWidth(`${head} ${only}`) <= WIDTH) return [`${head} ${only}`];
  return [head, ...versions.map((v) => `  ${v}`)];
}

function paramDecl(d: ParamDecl): string[] {
  return withVersions(`param ${d.id.text}${label(d.label)} ${d.type}`, d.versions);
}

function fillDecl(d: FillDecl): string[] {
  return withVersions(`fill ${d.param.text}`, d.versions);
}

function rule(r: RuleDecl): string[] {
  const head = `  rule ${r.name.text}${label(r.label)}`;
  const withBasis = head + basisSuffix(r.basis);
  const out = [...comments(r.comments, '  ')];
  // A long header keeps its `basis` as the rule's first clause on the next line.
  if (displayWidth(withBasis) <= WIDTH || r.basis.length === 0) out.push(withBasis);
  else out.push(head, `    basis ${citations(r.basis)}`);
  if (r.forType !== undefined) {
    const from =
      r.fromField !== undefined
        ? ` from ${r.fromField.text}`
        : r.fromExpr !== undefined
          ? ` from ${fromOperand(r.fromExpr)}`
          : '';
    out.push(`    for ${r.forType.text}${from}`);
  }
  if (r.where !== undefined) out.push(...clause('    ', 'where ', r.where));
  if (r.when !== undefined) out.push(...clause('    ', 'when ', r.when));
  if (r.unless !== undefined) out.push(...clause('    ', 'unless ', r.unless, basisSuffix(r.unlessBasis)));
  return out;
}

function listDecl(d: ListDecl): string[] {
  const out = [`list ${d.id.text} ${d.listKind}${label(d.title)}`];
  if (d.scope !== undefined) out.push(`  scope ${d.scope}`);
  if (d.categories.length > 0) out.push(`  category ${categoryRefs(d.categories)}`);
  if (d.maxLevel !== undefined) out.push(`  max level ${d.maxLevel.text}`);
  if (d.replaces !== undefined) out.push(`  replaces ${d.replaces.text}`);
  if (d.external === true) out.push('  external');
  // List-level basis comes before any clause that ends in its own optional `basis`, which would take it.
  if (d.basis.length > 0) out.push(`  basis ${citations(d.basis)}`);
  if (d.duration !== undefined) {
    const counted = d.duration.counting === 'calendar' ? ' counted calendar' : '';
    out.push(`  duration ${printExpr(d.duration.period)}${counted}${basisSuffix(d.duration.basis)}`);
  }
  if (d.endsAt !== undefined) {
    const ends = [...d.endsAt.fields.map((f) => f.text), ...(d.endsAt.dates ?? []).map(printExpr)].join(', ');
    const when = d.endsAt.when === undefined ? '' : ` when ${printExpr(d.endsAt.when)}`;
    out.push(`  until ${ends}${when}${basisSuffix(d.endsAt.basis)}`);
  }
  if (d.extendTo !== undefined)
    out.push(`  extend to ${d.extendTo.fields.map((f) => f.text).join(', ')}${basisSuffix(d.extendTo.basis)}`);
  if (d.earlyRemoval !== undefined) {
    const e = d.earlyRemoval;
    const lead = `early removal after ${printExpr(e.after)}`;
    // the basis closes the clause: after `unless` when there is one, else after `when`
    const whenTrailer = e.unless === undefined ? basisSuffix(e.basis) : '';
    if (e.when === undefined) out.push(`  ${lead}${whenTrailer}`);
    else out.push(...clause('  ', `${lead} when `, e.when, whenTrailer));
    if (e.unless !== undefined) out.push(...clause('    ', 'unless ', e.unless, basisSuffix(e.basis)));
  }
  if (d.objectionPending !== undefined) out.push(`  objection pending ${d.objectionPending}`);
  if (d.allowBlack) out.push('  allow black');
  for (const r of d.rules) out.push(...rule(r));
  return out;
}

function measureDecl(d: MeasureDecl): string[] {
  const out = [`measure ${d.id.text}${label(d.label)}`];
  out.push(`  ${d.measureKind}${d.level === undefined ? '' : ` level ${d.level.text}`} action ${d.action}`);
  if (d.categories.length > 0) out.push(`  category ${categoryRefs(d.categories)}`);
  if (d.lists.length > 0) out.push(`  applies to ${d.lists.map((l) => l.text).join(', ')}`);
  for (const g of d.grades) out.push(`  applies to grade ${g.grading.text} ${g.grades.map((x) => x.text).join(', ')}`);
  if (d.matters !== undefined) out.push(`  matters ${nameList(d.matters)}`);
  if (d.department !== undefined) out.push(`  department ${quoteString(d.department)}`);
  if (!d.mandatory) out.push('  discretionary');
  if (d.target !== 'subject') out.push(`  target ${d.target}`);
  if (d.term !== undefined) out.push(`  term ${d.termExact === true ? 'exactly ' : ''}${printExpr(d.term)}`);
  if (d.when !== undefined) out.push(...clause('  ', 'when ', d.when));
  if (d.basis.length > 0) out.push(`  basis ${citations(d.basis)}`);
  return out;
}

/**
 * A rule's `from EXPR` is followed by its `where` clause, which an aggregate inside EXPR would take as its own:
 * such an expression goes in parentheses.
 */
function fromOperand(e: Expr): string {
  const text = printExpr(e);
  return hasAggregate(e) ? `(${text})` : text;
}

function hasAggregate(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if ((node as { kind?: unknown }).kind === 'aggregate') return true;
  return Object.entries(node).some(([key, value]) => key !== 'span' && hasAggregate(value));
}

function scoreItem(i: ScoreItem): string[] {
  const points = i.pointsField === undefined ? num(i.points) : i.pointsField.text;
  const head = `item ${i.name.text}${label(i.label)} ${i.direction} ${points}`;
  const trailer = (i.cap === undefined ? '' : ` cap ${num(i.cap)}`) + basisSuffix(i.basis);
  // A `once when` condition breaks like any other clause's; `cap` and `basis` then close it on a line of their own.
  if (i.per === undefined && i.when !== undefined)
    return [...comments(i.comments, '  '), ...clause('  ', `${head} once when `, i.when, trailer)];
  let line = `  ${head}`;
  if (i.per !== undefined) line += ` per ${i.per.recordType.text}${aggregateTail(i.per, 'end')}`;
  return [...comments(i.comments, '  '), line + trailer];
}

function gradingDecl(d: GradingDecl): string[] {
  const out = [`grading ${d.id.text}${label(d.title)}`];
  if (d.grades.length > 0) out.push(`  grades ${d.grades.map((g) => g.text).join(' > ')}`);
  out.push(`  base ${num(d.base)}`);
  if (d.range !== undefined) out.push(`  range ${num(d.range.min)} .. ${num(d.range.max)}`);
  // Grading-level basis right after `base`/`range`, before clauses whose own optional `basis` would take it.
  if (d.basis.length > 0) out.push(`  basis ${citations(d.basis)}`);
  const aw = d.appliesWhen;
  if (aw !== undefined) out.push(...clause('  ', 'applies when ', aw.when, basisSuffix(aw.basis)));
  for (const i of d.items) out.push(...scoreItem(i));
  for (const b of d.bands) out.push(`  band ${b.grade.text} from ${num(b.from)}`);
  for (const r of d.direct) out.push(...clause('  ', `direct ${r.grade.text} when `, r.when, basisSuffix(r.basis)));
  for (const r of d.caps) out.push(...clause('  ', `cap ${r.grade.text} when `, r.when, basisSuffix(r.basis)));
  const sw = d.supervisionWhen;
  if (sw !== undefined) out.push(...clause('  ', 'supervision when ', sw.when, basisSuffix(sw.basis)));
  for (const s of d.supervision) {
    const frequency = s.frequency === undefined ? '' : ` frequency ${quoteString(s.frequency)}`;
    out.push(
      `  supervision ${s.grade.text} ratio ${formatPercent(s.ratioMin)} .. ${formatPercent(s.ratioMax)}${frequency}${basisSuffix(s.basis)}`,
    );
  }
  if (d.supervisionNote !== undefined) out.push(`  supervision note ${quoteString(d.supervisionNote.text)}`);
  return out;
}

function decl(d: Decl): string[] {
  switch (d.kind) {
    case 'basis':
      return basisDecl(d);
    case 'categories':
      return categoriesDecl(d);
    case 'scale':
      return [`scale ${d.scale} ${d.values.map((v) => v.text).join(' < ')}`];
    case 'enum':
      return [`enum ${d.id.text} ${nameList(d.values)}`];
    case 'record':
      return recordDecl(d);
    case 'param':
      return paramDecl(d);
    case 'fill':
      return fillDecl(d);
    case 'list':
      return listDecl(d);
    case 'measure':
      return measureDecl(d);
    case 'narrow': {
      let line = `narrow measure ${d.measure.text}`;
      if (d.matters !== undefined) line += ` matters ${nameList(d.matters)}`;
      if (d.level !== undefined) line += ` level ${d.level.text}`;
      return [line];
    }
    case 'grading':
      return gradingDecl(d);
    case 'setting':
      return d.setting === 'leniencyCeiling'
        ? [`leniency ceiling ${typeof d.value === 'number' ? num(d.value) : d.value.text}`]
        : [`measures per record cap ${typeof d.value === 'number' ? num(d.value) : d.value.text}`];
  }
}

/** Canonical layout: header, a blank line between declarations, two-space clauses, comments above their node. */
export function printPolicy(ast: PolicyAst): string {
  const j = ast.jurisdiction;
  const header = [
    ...comments(ast.comments, ''),
    `policy ${ast.id.text} ${quoteString(ast.title)}`,
    `  jurisdiction ${j.level}${j.level === 'national' || j.code === undefined ? '' : ` ${j.code}`}`,
    `  version ${quoteString(ast.version)}`,
    `  effective ${ast.effective}`,
  ];
  if (ast.until !== undefined) header.push(`  until ${ast.until}`);
  if (ast.extends.length > 0) header.push(`  extends ${ast.extends.map((e) => e.text).join(', ')}`);
  let out = header.join('\n');
  let previous: { kind: string; oneLine: boolean } | undefined;
  for (const d of ast.decls) {
    const lines = [...comments(d.comments, ''), ...decl(d)];
    const oneLine = lines.length === 1;
    // Runs of one-line declarations of one kind (scales, enums, settings, short params) stay together.
    const together = previous !== undefined && previous.oneLine && oneLine && previous.kind === d.kind;
    out += (together ? '\n' : '\n\n') + lines.join('\n');
    previous = { kind: d.kind, oneLine };
  }
  return `${out}\n`;
}
