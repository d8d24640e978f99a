// Runs exported listing rules in json-rules-engine for one subject: the names of the lists the subject is on.
// (Here and not in engine/: json-rules-engine's jsonpath-plus resolves to a build that needs node:vm under Node.)
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { IrList, IrRule } from '../dsl/ir.js';
import type { Subject, SubjectRecord } from '../engine/contract.js';
import type { JreExport } from '../engine/export/json-rules-engine.js';
import { collectCandidates, evalExpr, type Ctx, type Env } from '../engine/reference/expr.js';
import { isDuration, readField, recordCounts, type Val } from '../engine/reference/values.js';
import { lastDay } from '../engine/time/period.js';

type Scope = { readonly record: SubjectRecord | null; readonly active: boolean };

const ORDERED = (a: unknown, b: unknown): boolean =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addOperators(engine: Engine): void {
  const nn = (f: (a: unknown, b: unknown) => boolean) => (a: unknown, b: unknown) =>
    a !== null && a !== undefined && b !== null && b !== undefined && f(a, b);
  engine.addOperator('xy:==', nn(same));
  engine.addOperator(
    'xy:!=',
    nn((a, b) => !same(a, b)),
  );
  engine.addOperator(
    'xy:<',
    nn((a, b) => ORDERED(a, b) && (a as number) < (b as number)),
  );
  engine.addOperator(
    'xy:<=',
    nn((a, b) => ORDERED(a, b) && (a as number) <= (b as number)),
  );
  engine.addOperator(
    'xy:>',
    nn((a, b) => ORDERED(a, b) && (a as number) > (b as number)),
  );
  engine.addOperator(
    'xy:>=',
    nn((a, b) => ORDERED(a, b) && (a as number) >= (b as number)),
  );
  engine.addOperator(
    'xy:in',
    nn((a, b) => Array.isArray(b) && b.includes(a)),
  );
  engine.addOperator(
    'xy:notIn',
    nn((a, b) => Array.isArray(b) && !b.includes(a)),
  );
  engine.addOperator(
    'xy:hasAny',
    nn((a, b) => Array.isArray(a) && Array.isArray(b) && b.some((v) => a.includes(v))),
  );
  engine.addOperator(
    'xy:hasAll',
    nn((a, b) => Array.isArray(a) && Array.isArray(b) && b.every((v) => a.includes(v))),
  );
  engine.addOperator('xy:isSet', (a: unknown, b: unknown) => (a !== null && a !== undefined) === b);
  engine.addOperator('xy:true', (a: unknown) => a === true);
}

/** until of an instance starting `since` (SEMANTICS §2), null = indefinite; the record when a `for` rule. */
function untilOf(ctx: Ctx, env: Env, list: IrList, since: string, record: SubjectRecord | null): string | null {
  if (list.duration === undefined) return null;
  const period = evalExpr(ctx, env, list.duration.period);
  if (!isDuration(period)) return null;
  let until = lastDay(since, period, list.duration.counting).date;
  if (list.extendTo !== undefined && record !== null) {
    const v = readField(record, list.extendTo.field.key, list.extendTo.field.builtin);
    if (typeof v === 'string' && v > until) until = v;
  }
  return until;
}

export async function runJreListing(exported: JreExport, subject: Subject, at: string): Promise<Set<string>> {
  const ir = exported.ir;
  const on = new Map<string, string | null>(); // list → since when on, null when not
  const ctx: Ctx = {
    ir,
    subject,
    at,
    notes: new Set(),
    isOn: (l) => (on.get(l) ?? null) !== null,
    listSince: (l) => on.get(l) ?? null,
    gradeOf: () => null,
  };
  // Black and grey lists never read red ones, and red ones are voided by black ones: run them first.
  const names = Object.keys(exported.lists).sort();
  const order: string[] = [];
  const visit = (n: string): void => {
    if (order.includes(n)) return;
    for (const d of exported.lists[n]?.dependsOn ?? []) visit(d);
    order.push(n);
  };
  for (const n of names.filter((n) => exported.lists[n]?.kind !== 'red')) visit(n);
  for (const n of names) visit(n);

  for (const name of order) {
    const list = ir.lists[name];
    if (list === undefined) continue;
    const suspendPending = list.objectionPending === 'suspend';
    let since: string | null = null;
    for (const rule of exported.rules.filter((r) => r.event.params.list === name)) {
      const irRule: IrRule | undefined = list.rules.find((r) => r.name === rule.event.params.rule);
      if (irRule === undefined) continue;
      const engine = new Engine([rule as unknown as RuleProperties], { allowUndefinedFacts: true });
      addOperators(engine);
      engine.addFact('expr', async (params: Record<string, string>, almanac) => {
        const scope = (await almanac.factValue('scope')) as Scope;
        const e = exported.exprs[params['id'] ?? ''];
        if (e === undefined) return null;
        const v: Val = evalExpr(ctx, { record: scope.record, suspendPending }, e);
        if (params['scale'] === undefined) return v;
        const scale = params['scale'] === 'severity' ? ir.severity : ir.levels;
        const i = typeof v === 'string' ? scale.indexOf(v) : -1;
        return i < 0 ? null : i;
      });
      engine.addFact('onList', async (params: Record<string, string>) => ctx.isOn(params['list'] ?? ''));
      engine.addFact(
        'instanceActive',
        async (_p: unknown, almanac) => ((await almanac.factValue('scope')) as Scope).active,
      );

      const scopes: { scope: Scope; since: string }[] = [];
      if (irRule.for !== undefined) {
        const spec = irRule.for;
        for (const r of subject.records) {
          if (r.type !== spec.recordType || !recordCounts(r, at, suspendPending)) continue;
          const s = spec.from === undefined ? r.date : readField(r, spec.from.key, spec.from.builtin);
          if (typeof s !== 'string') continue;
          const until = untilOf(ctx, { record: r, suspendPending }, list, s, r);
          const repaired = r.repairedOn !== undefined && r.repairedOn !== null && r.repairedOn <= at;
          const active = s <= at && (until === null || at <= until) && !repaired;
          scopes.push({ scope: { record: r, active }, since: s });
        }
      } else if (irRule.when !== undefined) {
        const env: Env = { record: null, suspendPending };
        const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
        collectCandidates(ctx, env, irRule.when, found);
        const s = found.dates.reduce((a, b) => (b > a ? b : a), found.dates.length > 0 ? '' : at);
        const until = untilOf(ctx, env, list, s, null);
        scopes.push({ scope: { record: null, active: until === null || at <= until }, since: s });
      }
      for (const { scope, since: s } of scopes) {
        const { events } = await engine.run({ scope });
        if (events.length > 0 && (since === null || s < since)) since = s;
      }
    }
    const voided =
      list.kind === 'red' &&
      !list.allowBlack &&
      [...on.entries()].some(([l, s]) => s !== null && ir.lists[l]?.kind === 'black');
    on.set(name, voided ? null : since);
  }
  return new Set([...on.entries()].filter(([, s]) => s !== null).map(([l]) => l));
}
