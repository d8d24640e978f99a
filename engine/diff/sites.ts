// Turns a policy into the places where a condition or period decides an outcome, each with its polarity.
//
// A parameter's new value is judged by what it does where it is used: substituted into every site, each site
// says whether the outcome moves towards the subject or against it.
import type { IrExpr, IrList, IrParam, IrValue, PolicyIr, ValueType } from '../../dsl/ir.js';
import type { Effect } from './monotone.js';
import { compareCond, compareValue, same } from './monotone.js';
import type { Polarity } from './sink.js';

export function listPolarity(list: IrList): Polarity {
  return list.kind === 'red' ? -1 : 1;
}

export function measurePolarity(kind: 'reward' | 'penalty' | 'management'): Polarity {
  return kind === 'reward' ? -1 : 1;
}

/** An item that deducts burdens the subject when it applies more; one that adds favours it. */
export function pointsPolarity(points: number): Polarity {
  return points < 0 ? 1 : points > 0 ? -1 : 0;
}

export function negate(p: Polarity): Polarity {
  return p === 1 ? -1 : p === -1 ? 1 : 0;
}

export interface Site {
  /** 'cond': the expression is a condition; 'period': a duration value (longer = 'more') */
  readonly role: 'cond' | 'period';
  readonly expr: IrExpr;
  /** the polarity of the expression holding more / being longer */
  readonly polarity: Polarity;
}

export function sitesOf(ir: PolicyIr): Site[] {
  const sites: Site[] = [];
  const add = (role: Site['role'], expr: IrExpr | undefined, polarity: Polarity): void => {
    if (expr !== undefined) sites.push({ role, expr, polarity });
  };
  for (const list of Object.values(ir.lists)) {
    const p = listPolarity(list);
    for (const rule of list.rules) {
      add('cond', rule.where, p);
      add('cond', rule.when, p);
      add('cond', rule.unless, negate(p));
    }
    add('period', list.duration?.period, p);
    // A longer wait before early removal holds the subject longer; an easier condition lets it go sooner.
    add('period', list.earlyRemoval?.after, p);
    add('cond', list.earlyRemoval?.when, negate(p));
  }
  for (const grading of Object.values(ir.gradings)) {
    const worst = grading.grades[grading.grades.length - 1];
    for (const item of grading.items) {
      const p = pointsPolarity(item.points);
      add('cond', item.per?.where, p);
      add('cond', item.when, p);
    }
    for (const d of grading.direct) add('cond', d.when, d.grade === worst ? 1 : 0);
    for (const c of grading.caps) add('cond', c.when, 1);
  }
  return sites;
}

export function mentionsParam(e: IrExpr, name: string): boolean {
  return JSON.stringify(e).includes(`"param":${JSON.stringify(name)}`);
}

function litType(param: IrParam): ValueType {
  switch (param.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    default:
      return param.type;
  }
}

export function substitute(e: IrExpr, name: string, value: IrValue, type: ValueType): IrExpr {
  const walk = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(walk);
    const o = x as Record<string, unknown>;
    if (o['op'] === 'param' && o['param'] === name) return { op: 'lit', type, value };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]));
  };
  return walk(e) as IrExpr;
}

/**
 * What replacing `from` by `to` as the value of parameter `name` does at every site of both versions:
 * one effect per site, already oriented by the site's polarity ('more' = heavier for the subject).
 */
export function paramSiteEffects(
  name: string,
  param: IrParam,
  from: IrValue,
  to: IrValue,
  irs: readonly PolicyIr[],
): Effect[] {
  const type = litType(param);
  const effects: Effect[] = [];
  for (const ir of irs) {
    for (const site of sitesOf(ir)) {
      if (!mentionsParam(site.expr, name)) continue;
      const a = substitute(site.expr, name, from, type);
      const b = substitute(site.expr, name, to, type);
      if (same(a, b)) continue;
      const raw = site.role === 'cond' ? compareCond(a, b, ir) : compareValue(a, b, 'duration', ir);
      effects.push(site.polarity === 0 ? 'unknown' : site.polarity === 1 ? raw : flipEffect(raw));
    }
  }
  return effects;
}

function flipEffect(e: Effect): Effect {
  return e === 'more' ? 'less' : e === 'less' ? 'more' : e;
}

/** The value in force on `date` (null date = the beginning of time), or undefined when no version covers it. */
export function valueInForce(param: IrParam, date: string | null): IrParam['versions'][number] | undefined {
  let found: IrParam['versions'][number] | undefined;
  for (const v of param.versions) {
    if (v.from === null || (date !== null && v.from <= date)) found = v;
  }
  return found;
}
