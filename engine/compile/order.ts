// Turns the lists and gradings of a policy into an evaluation order that respects `on LIST` / `grade G` references.
import type { IrExpr, PolicyIr } from '../../dsl/ir.js';
import type { Step } from './types.js';
import { collect, isGradeRef, isOnList } from './walk.js';

function refsOf(exprs: readonly (IrExpr | undefined)[]): { lists: Set<string>; gradings: Set<string> } {
  const lists = new Set<string>();
  const gradings = new Set<string>();
  for (const e of exprs) {
    if (e === undefined) continue;
    for (const r of collect(e, isOnList)) lists.add(r.list);
    for (const r of collect(e, isGradeRef)) gradings.add(r.grading);
  }
  return { lists, gradings };
}

const KIND_RANK = { black: 0, grey: 1, red: 2 } as const;

/**
 * Kahn's algorithm; among the ready steps black lists go first (so a red list can see whether it is void), then
 * grey, red, gradings, each by name. The checker rejects cycles; a cycle here is a compiler bug and throws.
 */
export function decisionOrder(ir: PolicyIr, listNames: readonly string[], gradingNames: readonly string[]): Step[] {
  type Node = { key: string; step: Step; rank: number; name: string; deps: Set<string> };
  const nodes = new Map<string, Node>();
  listNames.forEach((name, i) => {
    const l = ir.lists[name]!;
    const exprs: (IrExpr | undefined)[] = [
      l.duration?.period,
      l.earlyRemoval?.after,
      l.earlyRemoval?.when,
      l.earlyRemoval?.unless,
      l.endsAt?.when,
      ...(l.endsAt?.dates ?? []),
    ];
    for (const r of l.rules) exprs.push(r.where, r.when, r.unless);
    const refs = refsOf(exprs);
    const deps = new Set([...refs.lists].map((n) => 'l:' + n));
    for (const g of refs.gradings) deps.add('g:' + g);
    nodes.set('l:' + name, { key: 'l:' + name, step: { t: 'list', i }, rank: KIND_RANK[l.kind], name, deps });
  });
  gradingNames.forEach((name, i) => {
    const g = ir.gradings[name]!;
    const exprs: (IrExpr | undefined)[] = [];
    for (const it of g.items) exprs.push(it.when, it.per?.where);
    for (const r of [...g.direct, ...g.caps]) exprs.push(r.when);
    const refs = refsOf(exprs);
    const deps = new Set([...refs.lists].map((n) => 'l:' + n));
    for (const h of refs.gradings) deps.add('g:' + h);
    nodes.set('g:' + name, { key: 'g:' + name, step: { t: 'grading', i }, rank: 3, name, deps });
  });
  for (const n of nodes.values()) for (const d of [...n.deps]) if (!nodes.has(d)) n.deps.delete(d);

  const done = new Set<string>();
  const out: Step[] = [];
  while (done.size < nodes.size) {
    let best: Node | undefined;
    for (const n of nodes.values()) {
      if (done.has(n.key) || [...n.deps].some((d) => !done.has(d))) continue;
      if (best === undefined || n.rank < best.rank || (n.rank === best.rank && n.name < best.name)) best = n;
    }
    if (best === undefined) {
      const left = [...nodes.values()].filter((n) => !done.has(n.key)).map((n) => n.name);
      throw new Error(`engine.dependency-cycle: lists/gradings refer to each other in a cycle: ${left.join(', ')}`);
    }
    done.add(best.key);
    out.push(best.step);
  }
  return out;
}
