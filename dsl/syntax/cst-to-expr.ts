// CST → AST for expressions and citations; flat operator chains get their precedence here.
import type { CstNode, IToken } from 'chevrotain';
import type { AggregateOp, ArithOp, Citation, CompareOp, Expr } from '../ast.js';
import type { VisitContext } from './cst-util.js';
import { joinSpans, sub, subs, tok, toks } from './cst-util.js';
import { durationValue, moneyValue, percentValue } from './literals.js';
import { ChineseDuration, DateLit, EnglishDuration, Money, NumberLit, Percent, StringLit, kw } from './tokens.js';

type Aggregate = Extract<Expr, { kind: 'aggregate' }>;

const AND = kw('and');

/** Left-associative fold of `a op b op c` with per-operator precedence (shunting-yard). */
function fold<Op>(
  operands: readonly Expr[],
  ops: readonly Op[],
  prec: (op: Op) => number,
  make: (op: Op, left: Expr, right: Expr) => Expr,
): Expr | undefined {
  const first = operands[0];
  if (first === undefined) return undefined;
  const out: Expr[] = [first];
  const stack: Op[] = [];
  const reduce = (): void => {
    const op = stack.pop();
    const right = out.pop();
    const left = out.pop();
    if (op === undefined || right === undefined || left === undefined) return;
    out.push(make(op, left, right));
  };
  const n = Math.min(ops.length, operands.length - 1);
  for (let i = 0; i < n; i++) {
    const op = ops[i] as Op;
    while (stack.length > 0 && prec(stack[stack.length - 1] as Op) >= prec(op)) reduce();
    stack.push(op);
    out.push(operands[i + 1] as Expr);
  }
  while (stack.length > 0) reduce();
  return out[0];
}

function all<T>(items: readonly (T | undefined)[]): T[] | undefined {
  return items.some((x) => x === undefined) ? undefined : (items as T[]);
}

export function visitExpression(ctx: VisitContext, n: CstNode | undefined): Expr | undefined {
  if (n === undefined) return undefined;
  const operands = all(subs(n, 'operand').map((o) => visitNot(ctx, o)));
  if (operands === undefined) return undefined;
  const ops = toks(n, 'op').map((t) => (t.tokenType === AND ? 'and' : 'or') as 'and' | 'or');
  return fold(
    operands,
    ops,
    (op) => (op === 'and' ? 2 : 1),
    (op, left, right) => ({ kind: op, left, right, span: joinSpans(left.span, right.span) }),
  );
}

function visitNot(ctx: VisitContext, n: CstNode): Expr | undefined {
  const operand = sub(n, 'operand');
  const not = tok(n, 'not');
  if (operand === undefined) return undefined;
  if (not !== undefined) {
    const inner = visitNot(ctx, operand);
    if (inner === undefined) return undefined;
    return { kind: 'not', operand: inner, span: joinSpans(ctx.tokenSpan(not), inner.span) };
  }
  return visitComparison(ctx, operand);
}

function visitComparison(ctx: VisitContext, n: CstNode): Expr | undefined {
  const left = visitArith(ctx, sub(n, 'left'));
  if (left === undefined) return undefined;
  const op = tok(n, 'op');
  const isTok = tok(n, 'is');
  const negated = tok(n, 'not') !== undefined;
  if (isTok !== undefined) return { kind: 'isSet', negated, operand: left, span: ctx.nodeSpan(n) };
  const rightNode = sub(n, 'right');
  if (op === undefined && tok(n, 'in') === undefined && tok(n, 'has') === undefined) {
    return rightNode === undefined ? left : undefined;
  }
  const right = visitArith(ctx, rightNode);
  if (right === undefined) return undefined;
  const span = joinSpans(left.span, right.span);
  if (op !== undefined) return { kind: 'compare', op: op.image as CompareOp, left, right, span };
  if (tok(n, 'in') !== undefined) return { kind: 'in', negated, left, right, span };
  const mode = tok(n, 'mode')?.image === 'all' ? 'all' : 'any';
  return { kind: 'has', mode, left, right, span };
}

function visitArith(ctx: VisitContext, n: CstNode | undefined): Expr | undefined {
  if (n === undefined) return undefined;
  const operands = all(subs(n, 'operand').map((o) => visitUnary(ctx, o)));
  if (operands === undefined) return undefined;
  const ops = toks(n, 'op').map((t) => t.image as ArithOp);
  const folded = fold(
    operands,
    ops,
    (op) => (op === '*' || op === '/' ? 2 : 1),
    (op, left, right) => ({ kind: 'arith', op, left, right, span: joinSpans(left.span, right.span) }),
  );
  const counted = tok(n, 'counted');
  if (folded === undefined || counted === undefined) return folded;
  return { kind: 'counted', counting: 'civil', operand: folded, span: ctx.nodeSpan(n) };
}

function visitUnary(ctx: VisitContext, n: CstNode): Expr | undefined {
  const minus = tok(n, 'minus');
  const operand = sub(n, 'operand');
  if (operand === undefined) return undefined;
  if (minus !== undefined) {
    const inner = visitUnary(ctx, operand);
    if (inner === undefined) return undefined;
    return { kind: 'neg', operand: inner, span: joinSpans(ctx.tokenSpan(minus), inner.span) };
  }
  return visitPrimary(ctx, operand);
}

function literal(ctx: VisitContext, t: IToken): Expr | undefined {
  const span = ctx.tokenSpan(t);
  switch (t.tokenType) {
    case NumberLit:
      return { kind: 'number', value: ctx.number(t), span };
    case Money:
      return { kind: 'money', value: moneyValue(t.image), span };
    case Percent:
      return { kind: 'percent', value: percentValue(t.image), span };
    case StringLit:
      return { kind: 'string', value: ctx.string(t), span };
    case DateLit:
      return { kind: 'date', value: ctx.date(t), span };
    case EnglishDuration:
    case ChineseDuration: {
      const d = durationValue(t.image);
      return d === undefined ? undefined : { kind: 'duration', value: d, span };
    }
    default:
      break;
  }
  switch (t.image) {
    case 'true':
      return { kind: 'boolean', value: true, span };
    case 'false':
      return { kind: 'boolean', value: false, span };
    case 'null':
      return { kind: 'null', span };
    default:
      return { kind: 'at', span };
  }
}

export function visitPrimary(ctx: VisitContext, n: CstNode | undefined): Expr | undefined {
  if (n === undefined) return undefined;
  const lit = tok(n, 'literal');
  if (lit !== undefined) return literal(ctx, lit);
  const name = tok(sub(n, 'name'), 'name');
  if (name !== undefined) return { kind: 'name', name: ctx.name(name), span: ctx.tokenSpan(name) };
  const outerTok = tok(n, 'outer');
  if (outerTok !== undefined) {
    const field = tok(sub(n, 'outerName'), 'name');
    if (field === undefined) return undefined;
    return { kind: 'outer', name: ctx.name(field), span: joinSpans(ctx.tokenSpan(outerTok), ctx.tokenSpan(field)) };
  }
  const paren = sub(n, 'paren');
  if (paren !== undefined) return visitExpression(ctx, paren);
  if (tok(n, 'array') !== undefined) {
    const items = all(subs(n, 'item').map((i) => visitExpression(ctx, i)));
    return items === undefined ? undefined : { kind: 'array', items, span: ctx.nodeSpan(n) };
  }
  const target = tok(n, 'target');
  if (tok(n, 'on') !== undefined) {
    return target === undefined ? undefined : { kind: 'onList', list: ctx.name(target), span: ctx.nodeSpan(n) };
  }
  if (tok(n, 'grade') !== undefined) {
    return target === undefined ? undefined : { kind: 'gradeOf', grading: ctx.name(target), span: ctx.nodeSpan(n) };
  }
  return visitAggregate(ctx, sub(n, 'aggregate'));
}

function visitAggregate(ctx: VisitContext, n: CstNode | undefined): Aggregate | undefined {
  const op = tok(n, 'op');
  const type = tok(n, 'type');
  if (n === undefined || op === undefined || type === undefined) return undefined;
  const fieldTok = tok(sub(n, 'field'), 'name');
  const needsField = op.image === 'sum' || op.image === 'max' || op.image === 'min';
  if (needsField && fieldTok === undefined) return undefined;
  const whereNode = sub(n, 'where');
  const withinNode = sub(n, 'within');
  const where = visitExpression(ctx, whereNode);
  const within = visitPrimary(ctx, withinNode);
  if ((whereNode !== undefined && where === undefined) || (withinNode !== undefined && within === undefined)) {
    return undefined;
  }
  return {
    kind: 'aggregate',
    op: op.image as AggregateOp,
    ...(fieldTok !== undefined && needsField ? { field: ctx.name(fieldTok) } : {}),
    recordType: ctx.name(type),
    ...(where === undefined ? {} : { where }),
    ...(within === undefined ? {} : { within }),
    span: ctx.nodeSpan(n),
  };
}

/** `per TYPE [where] [within]` of a score item: an aggregate counting records. */
export function perAggregate(ctx: VisitContext, n: CstNode, type: IToken, perTok: IToken): Aggregate | undefined {
  const whereNode = sub(n, 'where');
  const withinNode = sub(n, 'within');
  const where = visitExpression(ctx, whereNode);
  const within = visitPrimary(ctx, withinNode);
  if ((whereNode !== undefined && where === undefined) || (withinNode !== undefined && within === undefined)) {
    return undefined;
  }
  const last = within?.span ?? where?.span ?? ctx.tokenSpan(type);
  return {
    kind: 'aggregate',
    op: 'count',
    recordType: ctx.name(type),
    ...(where === undefined ? {} : { where }),
    ...(within === undefined ? {} : { within }),
    span: joinSpans(ctx.tokenSpan(perTok), last),
  };
}

export function visitCitationList(ctx: VisitContext, n: CstNode | undefined): Citation[] {
  const out: Citation[] = [];
  for (const c of subs(n, 'citation')) {
    const basis = tok(c, 'basis');
    if (basis === undefined) continue;
    const article = tok(c, 'article');
    const section = tok(c, 'section');
    out.push({
      basis: ctx.name(basis),
      ...(article === undefined ? {} : { article: article.image }),
      ...(section === undefined ? {} : { section: ctx.string(section) }),
      span: ctx.nodeSpan(c),
    });
  }
  return out;
}

/** `basis CITATION, …` clauses (a `citationClause` node) → citations. */
export function visitCitationClause(ctx: VisitContext, n: CstNode | undefined): Citation[] {
  return visitCitationList(ctx, sub(n, 'citationList'));
}
