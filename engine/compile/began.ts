// Turns a `when` condition into the tree that says the day it began to hold (SEMANTICS §2 "`when` rule"), and reads it.
import type { IrExpr } from '../../dsl/ir.js';
import { readAgg, sinceOfSlot } from './aggregates.js';
import { clearedSince, gradeSinceOf } from './since.js';
import { startedOnRecord } from './starts.js';
import type { BeganNode, Ctx, Pred, RulePlan } from './types.js';
import { outermost } from './walk.js';

type Agg = Extract<IrExpr, { op: 'agg' }>;

export interface BeganCompiler {
  slotOf(a: Agg): number;
  pred(e: IrExpr): Pred;
  list(name: string): number | undefined;
  grading(name: string): number | undefined;
}

const dated = (e: IrExpr): boolean => {
  const o = outermost(e);
  return o.aggs.length > 0 || o.lists.length > 0 || o.grades.length > 0;
};

/** Whether reading the parts can give another day than the latest candidate: an `or` over dated parts, an `any`. */
function partsMatter(e: IrExpr): boolean {
  if (e.op === 'and') return e.args.some(partsMatter);
  if (e.op === 'or') return e.args.some(dated);
  return e.op === 'agg' && e.agg === 'any';
}

/** The tree of `when`, or null where its since is the latest of its candidates anyway (most conditions). */
export function beganTree(e: IrExpr | undefined, c: BeganCompiler): BeganNode | null {
  return e === undefined || !partsMatter(e) ? null : build(e, c);
}

/** `not any …` / `not on L`: when it holds, nothing it reads is there to date it (the lapses say when it began). */
const undatedWhenTrue = (e: IrExpr): boolean =>
  e.op === 'not' && ((e.arg.op === 'agg' && e.arg.agg === 'any') || e.arg.op === 'onList');

function build(e: IrExpr, c: BeganCompiler): BeganNode {
  if (e.op === 'and') {
    return { k: 0, parts: e.args.filter((a) => dated(a) && !undatedWhenTrue(a)).map((a) => build(a, c)) };
  }
  if (e.op === 'or') return { k: 1, parts: e.args.map((a) => build(a, c)), tests: e.args.map((a) => c.pred(a)) };
  if (e.op === 'agg' && e.agg === 'any') return { k: 2, slot: c.slotOf(e) };
  const o = outermost(e);
  const known = (i: number | undefined): i is number => i !== undefined;
  return {
    k: 3,
    aggs: [...new Set(o.aggs.map((a) => c.slotOf(a)))],
    lists: [...new Set(o.lists.map((l) => c.list(l)).filter(known))],
    grades: [...new Set(o.grades.map((g) => c.grading(g)).filter(known))],
  };
}

/** The day a condition that holds began to (null when nothing in it is dated). */
export function beganOn(ctx: Ctx, n: BeganNode): string | null {
  let best: string | null = null;
  switch (n.k) {
    case 0:
      for (let i = 0; i < n.parts.length; i++) {
        const b = beganOn(ctx, n.parts[i]!);
        if (b !== null && (best === null || b > best)) best = b;
      }
      return best;
    case 1:
      for (let i = 0; i < n.parts.length; i++) {
        if (!n.tests[i]!(ctx, null)) continue;
        const b = beganOn(ctx, n.parts[i]!);
        if (b !== null && (best === null || b < best)) best = b;
      }
      return best;
    case 2:
      return earliestMatched(ctx, n.slot);
    case 3:
      for (let i = 0; i < n.aggs.length; i++) {
        const s = n.aggs[i]!;
        readAgg(ctx, s);
        const b = sinceOfSlot(ctx, s);
        if (b !== null && (best === null || b > best)) best = b;
      }
      for (let i = 0; i < n.lists.length; i++) {
        const l = n.lists[i]!;
        const b = ctx.listOn[l] === 1 ? ctx.listSince[l] : null;
        if (b !== null && b !== undefined && (best === null || b > best)) best = b;
      }
      for (let i = 0; i < n.grades.length; i++) {
        const b = gradeSinceOf(ctx, n.grades[i]!);
        if (b !== null && (best === null || b > best)) best = b;
      }
      return best;
  }
}

/** The earliest day a record an `any` matched began to count; null for none. */
export function earliestMatched(ctx: Ctx, slot: number): string | null {
  readAgg(ctx, slot);
  const starts = ctx.plan.slots[slot]!.starts;
  const recs = ctx.aggRecs[slot]!;
  let best: string | null = null;
  for (let j = 0; j < ctx.aggRecN[slot]!; j++) {
    const r = recs[j]!;
    const d = starts === null ? r.date : startedOnRecord(ctx, starts, r, r.date);
    if (best === null || d < best) best = d;
  }
  return best;
}

/**
 * The since of a `when` instance as reported: the day its condition began to hold, part by part, or the later day
 * something that kept it from holding stopped (SEMANTICS §2); `facts` (the latest candidate, from which its periods
 * count) where the parts give nothing else.
 */
export function heldSince(ctx: Ctx, rule: RulePlan, facts: string): string {
  const c = rule.candidates;
  if (c.began === null) return facts;
  const began = beganOn(ctx, c.began);
  const cleared = clearedSince(ctx, c);
  const held = began === null ? cleared : cleared === null || began > cleared ? began : cleared;
  return held ?? ctx.at;
}
