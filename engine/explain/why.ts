// Turns a condition that did not hold into the part that failed and the value that failed it, in Chinese.
import type { IrExpr, PolicyIr } from '../../dsl/ir.js';
import type { Ctx, Fn, Rec } from '../compile/types.js';
import { childrenOf } from '../compile/walk.js';
import type { AttrValue } from '../contract.js';
import { fieldLabel, fieldValueType, formatValue, printExprCached } from './print.js';

/** What the explainer needs to re-run sub-expressions: the compiled closures, found by node identity. */
export interface Probe {
  readonly ir: PolicyIr;
  readonly ctx: Ctx;
  readonly fnOf: (e: IrExpr) => Fn;
  /** record type in scope (null outside a record scope) */
  readonly type: string | null;
  readonly rec: Rec | null;
}

const truthy = (p: Probe, e: IrExpr): boolean => p.fnOf(e)(p.ctx, p.rec) === true;
const valueOf = (p: Probe, e: IrExpr): unknown => p.fnOf(e)(p.ctx, p.rec);
const code = (p: Probe, e: IrExpr): string => '`' + printExprCached(p.ir, e, p.type) + '`';

function shown(p: Probe, e: IrExpr, v: unknown, type = e.op === 'cmp' ? e.type : undefined): string {
  if (e.op === 'field') return formatValue(v, fieldValueType(p.ir, p.type, e.key, e.builtin));
  return formatValue(v, type);
}

function listTitle(p: Probe, name: string): string {
  return p.ir.lists[name]?.title ?? name;
}

/** One sentence saying why `e` (which evaluated to false) failed: the first failing part and what it read. */
export function whyFalse(p: Probe, e: IrExpr): string {
  switch (e.op) {
    case 'and': {
      const first = e.args.find((a) => !truthy(p, a));
      return first === undefined ? `不满足 ${code(p, e)}` : whyFalse(p, first);
    }
    case 'or':
      if (e.args.length === 1) return whyFalse(p, e.args[0]!);
      return `以下条件均不满足：${e.args.map((a) => whyFalse(p, a)).join('；')}`;
    case 'not':
      if (e.arg.op === 'onList') return `已被列入「${listTitle(p, e.arg.list)}」`;
      return `${code(p, e.arg)} 成立`;
    case 'cmp': {
      const l = valueOf(p, e.left);
      const left = printExprCached(p.ir, e.left, p.type);
      const right =
        e.right.op === 'lit'
          ? ''
          : `（${printExprCached(p.ir, e.right, p.type)} = ${shown(p, e.right, valueOf(p, e.right), e.type)}）`;
      const want = '`' + `${e.cmp} ${printExprCached(p.ir, e.right, p.type)}` + '`';
      if (l === null || l === undefined) return `${left} 未登记，不满足 ${want}${right}`;
      const verb = e.cmp === '>=' || e.cmp === '>' ? '未达到' : e.cmp === '<=' || e.cmp === '<' ? '超出' : '不满足';
      return `${left} = ${shown(p, e.left, l, e.type)}，${verb} ${want}${right}`;
    }
    case 'in':
    case 'has': {
      const l = valueOf(p, e.left);
      return `${printExprCached(p.ir, e.left, p.type)} = ${shown(p, e.left, l)}，不满足 ${code(p, e)}`;
    }
    case 'isSet':
      if (!e.negated) return `${printExprCached(p.ir, e.arg, p.type)} 未登记`;
      return `${printExprCached(p.ir, e.arg, p.type)} 已登记（${shown(p, e.arg, valueOf(p, e.arg))}）`;
    case 'agg':
      if (e.agg === 'any') return `没有符合 ${code(p, e)} 的记录`;
      return `不满足 ${code(p, e)}`;
    case 'onList':
      return `未被列入「${listTitle(p, e.list)}」`;
    case 'field':
      return `${printExprCached(p.ir, e, p.type)} = ${shown(p, e, valueOf(p, e))}`;
    default:
      return `不满足 ${code(p, e)}`;
  }
}

const OP_ZH = { '>=': '不低于', '>': '高于', '<=': '不高于', '<': '低于', '==': '为', '!=': '不为' } as const;

/** The positive wording of a requirement (an early-removal condition), for "尚需满足：…". */
export function requirement(p: Probe, e: IrExpr): string {
  switch (e.op) {
    case 'isSet':
      return `${printExprCached(p.ir, e.arg, p.type)}${e.negated ? '未登记' : '已登记'}`;
    case 'cmp': {
      // `已消除不良影响 == true` reads as the fact itself, not as "…为true".
      if (e.type === 'boolean' && e.right.op === 'lit' && typeof e.right.value === 'boolean') {
        const affirmed = (e.cmp === '==') === e.right.value;
        return `${affirmed ? '' : '并非'}${printExprCached(p.ir, e.left, p.type)}`;
      }
      return `${printExprCached(p.ir, e.left, p.type)}${OP_ZH[e.cmp]}${printExprCached(p.ir, e.right, p.type)}`;
    }
    case 'not':
      if (e.arg.op === 'onList') return `未被列入「${listTitle(p, e.arg.list)}」`;
      return `不得${requirement(p, e.arg)}`;
    case 'onList':
      return `被列入「${listTitle(p, e.list)}」`;
    case 'field':
      return printExprCached(p.ir, e, p.type);
    case 'or':
      return `以下之一：${e.args.map((a) => requirement(p, a)).join('，或')}`;
    default:
      return printExprCached(p.ir, e, p.type);
  }
}

/** The conjuncts of `e` that do not hold, each as a requirement with what was read; empty when `e` holds. */
export function unmetParts(p: Probe, e: IrExpr): { requirement: string; why: string }[] {
  if (truthy(p, e)) return [];
  if (e.op === 'and') return e.args.flatMap((a) => unmetParts(p, a));
  return [{ requirement: requirement(p, e), why: whyFalse(p, e) }];
}

/** The record fields a condition reads directly (not inside aggregates), labelled, with the values read. */
export function valuesRead(
  ir: PolicyIr,
  exprs: readonly (IrExpr | undefined)[],
  type: string,
  rec: Rec,
): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  const walk = (e: IrExpr): void => {
    if (e.op === 'agg') return;
    if (e.op === 'field') {
      const label = fieldLabel(ir, type, e.key, e.builtin);
      const v = e.builtin ? (rec as unknown as Record<string, unknown>)[e.key] : rec.attrs?.[e.key];
      out[label] = (v ?? null) as AttrValue;
      return;
    }
    for (const c of childrenOf(e)) walk(c);
  };
  for (const e of exprs) if (e !== undefined) walk(e);
  return out;
}
