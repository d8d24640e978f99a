// Cheap contradiction finding: a conjunction that bounds one value from both sides with no room between.
import type { Diagnostic } from '../diagnostic.js';
import type { IrExpr, PolicyIr } from '../ir.js';
import type { Span } from '../span.js';
import { diagnostic } from './messages.js';

interface Bound {
  lo: number;
  loInclusive: boolean;
  hi: number;
  hiInclusive: boolean;
}

function operandKey(expr: IrExpr): string | undefined {
  if (expr.op === 'field') return `field:${expr.key}`;
  if (expr.op === 'subject') return `subject:${expr.key}`;
  if (expr.op === 'agg' && expr.agg === 'count') return `count:${JSON.stringify(expr)}`;
  return undefined;
}

function literalNumber(expr: IrExpr): number | undefined {
  return expr.op === 'lit' && typeof expr.value === 'number' ? expr.value : undefined;
}

/** Bounds implied by one comparison, normalised to `key OP number`. */
function comparison(expr: IrExpr): { key: string; op: string; value: number } | undefined {
  if (expr.op !== 'cmp' || expr.type !== 'number') return undefined;
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
  const leftKey = operandKey(expr.left);
  const rightValue = literalNumber(expr.right);
  if (leftKey !== undefined && rightValue !== undefined) return { key: leftKey, op: expr.cmp, value: rightValue };
  const rightKey = operandKey(expr.right);
  const leftValue = literalNumber(expr.left);
  if (rightKey !== undefined && leftValue !== undefined)
    return { key: rightKey, op: flip[expr.cmp] ?? expr.cmp, value: leftValue };
  return undefined;
}

function contradictory(args: readonly IrExpr[]): string | undefined {
  const bounds = new Map<string, Bound>();
  for (const arg of args) {
    const c = comparison(arg);
    if (!c) continue;
    const b = bounds.get(c.key) ?? { lo: -Infinity, loInclusive: false, hi: Infinity, hiInclusive: false };
    if (c.op === '>' || c.op === '>=' || c.op === '==') {
      const inclusive = c.op !== '>';
      if (c.value > b.lo || (c.value === b.lo && !inclusive)) Object.assign(b, { lo: c.value, loInclusive: inclusive });
    }
    if (c.op === '<' || c.op === '<=' || c.op === '==') {
      const inclusive = c.op !== '<';
      if (c.value < b.hi || (c.value === b.hi && !inclusive)) Object.assign(b, { hi: c.value, hiInclusive: inclusive });
    }
    if (c.key.startsWith('count:') && (b.hi < 0 || (b.hi === 0 && !b.hiInclusive))) return '记录条数不可能小于 0';
    bounds.set(c.key, b);
    if (b.lo > b.hi || (b.lo === b.hi && !(b.loInclusive && b.hiInclusive))) {
      return `${c.key.replace(/^\w+:/, '')} 须同时 ≥ ${b.lo} 且 ≤ ${b.hi}`;
    }
  }
  return undefined;
}

function visit(expr: IrExpr | undefined, report: (what: string) => void): void {
  if (!expr) return;
  if (expr.op === 'and') {
    const found = contradictory(expr.args);
    if (found) report(found);
  } else {
    const found = contradictory([expr]);
    if (found) report(found);
  }
  switch (expr.op) {
    case 'and':
    case 'or':
      for (const arg of expr.args) visit(arg, report);
      break;
    case 'not':
      visit(expr.arg, report);
      break;
    case 'agg':
      visit(expr.where, report);
      break;
    default:
      break;
  }
}

export function findUnsatisfiable(ir: PolicyIr, sources: Readonly<Record<string, Span>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const list of Object.values(ir.lists)) {
    for (const rule of list.rules) {
      const span = sources[`rule:${list.name}/${rule.name}`];
      const report = (what: string): void => {
        out.push(diagnostic('check.unsatisfiable', span, [`名单 \`${list.name}\` 规则 \`${rule.name}\`：${what}`]));
      };
      visit(rule.where, report);
      visit(rule.when, report);
    }
  }
  return out;
}
