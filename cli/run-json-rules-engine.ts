// Runs exported listing rules in json-rules-engine: the names of the lists a subject is on.
// (Here and not in engine/: json-rules-engine's jsonpath-plus resolves to a build that needs node:vm under Node.)
//
// `prebuiltJre` builds one Engine per rule once and reuses it for every subject (the benchmark's fair
// peer); `runJreListing` builds them for each call (what the oracle test does). Both share the facts,
// operators and list order below, so they cannot drift apart.
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { IrList, IrRule } from '../dsl/ir.js';
import type { Subject, SubjectRecord } from '../engine/contract.js';
import type { JreExport } from '../engine/export/json-rules-engine.js';
import { collectCandidates, evalExpr, type Ctx, type Env } from '../engine/reference/expr.js';
import { listEffective, notBefore, periods, whenSince } from '../engine/reference/lists.js';
import { listsOff } from '../engine/compile/walk.js';
import { addDays } from '../engine/time/dates.js';
import { readField, recordCounts, withoutSuperseded, type Val } from '../engine/reference/values.js';

type Scope = { readonly record: SubjectRecord | null; readonly active: boolean; readonly suspendPending: boolean };

const ordered = (a: unknown, b: unknown): boolean =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const nn =
  (f: (a: unknown, b: unknown) => boolean) =>
  (a: unknown, b: unknown): boolean =>
    a !== null && a !== undefined && b !== null && b !== undefined && f(a, b);

function addOperators(engine: Engine): void {
  engine.addOperator('xy:==', nn(same));
  engine.addOperator(
    'xy:!=',
    nn((a, b) => !same(a, b)),
  );
  engine.addOperator(
    'xy:<',
    nn((a, b) => ordered(a, b) && (a as number) < (b as number)),
  );
  engine.addOperator(
    'xy:<=',
    nn((a, b) => ordered(a, b) && (a as number) <= (b as number)),
  );
  engine.addOperator(
    'xy:>',
    nn((a, b) => ordered(a, b) && (a as number) > (b as number)),
  );
  engine.addOperator(
    'xy:>=',
    nn((a, b) => ordered(a, b) && (a as number) >= (b as number)),
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

/** An instance the rules of a list matched, active at `at` or not. */
interface Held {
  readonly since: string;
  readonly until: string | null;
  /** the day a recorded repair ended it */
  readonly endedOn: string | null;
}

interface Step {
  readonly list: IrList;
  readonly rules: readonly { readonly ir: IrRule; readonly engine: Engine }[];
}

/** A runner for one export: `(subject, at) → the names of the lists the subject is on`. */
export function prebuiltJre(exported: JreExport): (subject: Subject, at: string) => Promise<Set<string>> {
  const ir = exported.ir;
  let ctx: Ctx | null = null;
  const on = new Map<string, string | null>();

  const names = Object.keys(exported.lists).sort();
  const order: string[] = [];
  const visit = (n: string): void => {
    if (order.includes(n)) return;
    for (const d of exported.lists[n]?.dependsOn ?? []) visit(d);
    order.push(n);
  };
  for (const n of names.filter((n) => exported.lists[n]?.kind !== 'red')) visit(n);
  for (const n of names) visit(n);

  const steps: Step[] = [];
  for (const name of order) {
    const list = ir.lists[name];
    if (list === undefined) continue;
    const rules: { ir: IrRule; engine: Engine }[] = [];
    for (const rule of exported.rules.filter((r) => r.event.params.list === name)) {
      const irRule = list.rules.find((r) => r.name === rule.event.params.rule);
      if (irRule === undefined) continue;
      const engine = new Engine([rule as unknown as RuleProperties], { allowUndefinedFacts: true });
      addOperators(engine);
      engine.addFact('expr', async (params: Record<string, string>, almanac) => {
        const scope = (await almanac.factValue('scope')) as Scope;
        const e = exported.exprs[params['id'] ?? ''];
        if (e === undefined || ctx === null) return null;
        const v: Val = evalExpr(ctx, { record: scope.record, suspendPending: scope.suspendPending }, e);
        if (params['scale'] === undefined) return v;
        const scale = params['scale'] === 'severity' ? ir.severity : ir.levels;
        const i = typeof v === 'string' ? scale.indexOf(v) : -1;
        return i < 0 ? null : i;
      });
      engine.addFact('onList', async (params: Record<string, string>) => ctx?.isOn(params['list'] ?? '') ?? false);
      engine.addFact(
        'instanceActive',
        async (_p: unknown, almanac) => ((await almanac.factValue('scope')) as Scope).active,
      );
      rules.push({ ir: irRule, engine });
    }
    steps.push({ list, rules });
  }

  // Lists a recorded repair's conditions ask about on its day (`early removal when not on LIST`): their instances
  // are kept, active or not, for `wasOn` (SEMANTICS §2).
  const askedOnDay = new Set<string>();
  for (const l of Object.values(ir.lists)) {
    const when = l.earlyRemoval?.when;
    for (const c of when === undefined ? [] : when.op === 'and' ? when.args : [when])
      if (c.op === 'not' && c.arg.op === 'onList') askedOnDay.add(c.arg.list);
    // and those a `when` rule needs the subject off, whose ended listings date its since
    for (const r of l.rules) for (const name of listsOff(r.when, r.unless)) askedOnDay.add(name);
  }
  const held = new Map<string, Held[]>();

  return async (given, at) => {
    // The facts the exported rules are run on: records §1 leaves out are not among them (json-rules-engine has no
    // notion of a record superseding another).
    const subject = withoutSuperseded(ir, given, at);
    on.clear();
    held.clear();
    const current: Ctx = {
      ir,
      subject,
      at,
      notes: new Set(),
      isOn: (l) => (on.get(l) ?? null) !== null,
      listSince: (l) => on.get(l) ?? null,
      listingEnded: (l) => {
        let last: string | null = null;
        for (const i of held.get(l) ?? []) {
          if (i.since > at) continue;
          const end = i.endedOn ?? (i.until !== null && i.until < at ? addDays(i.until, 1) : null);
          if (end !== null && (last === null || end > last)) last = end;
        }
        return last;
      },
      wasOn: (l, day) =>
        (held.get(l) ?? []).some(
          (i) => i.since <= day && (i.until === null || day <= i.until) && (i.endedOn === null || day < i.endedOn),
        ),
      gradeOf: () => null,
      gradeSince: () => null,
    };
    ctx = current;
    for (const { list, rules } of steps) {
      const suspendPending = list.objectionPending === 'suspend';
      let since: string | null = null;
      for (const { ir: irRule, engine } of rules) {
        const scopes: { scope: Scope; since: string; until: string | null; endedOn: string | null }[] = [];
        if (irRule.for !== undefined) {
          const spec = irRule.for;
          for (const r of subject.records) {
            if (r.type !== spec.recordType || !recordCounts(r, at, suspendPending)) continue;
            const s =
              spec.from !== undefined
                ? readField(r, spec.from.key, spec.from.builtin)
                : spec.fromExpr !== undefined
                  ? evalExpr(current, { record: r, suspendPending }, spec.fromExpr)
                  : r.date;
            if (typeof s !== 'string') continue;
            const env: Env = { record: r, suspendPending };
            // The reference's periods: the instance's end, and when a recorded repair ends it (SEMANTICS §2).
            const { until, repairGate: gate } = periods(current, env, list, s, r);
            const repaired =
              r.repairedOn !== undefined &&
              r.repairedOn !== null &&
              r.repairedOn <= at &&
              gate !== null &&
              r.repairedOn >= gate;
            const active = s <= at && (until === null || at <= until) && !repaired;
            scopes.push({
              scope: { record: r, active, suspendPending },
              since: s,
              until,
              endedOn: repaired ? r.repairedOn! : null,
            });
          }
        } else if (irRule.when !== undefined) {
          const env: Env = { record: null, suspendPending };
          const found: { records: SubjectRecord[]; dates: string[] } = { records: [], dates: [] };
          collectCandidates(current, env, irRule.when, found);
          const facts = whenSince(current, irRule, found.dates, suspendPending);
          const s = notBefore(facts, listEffective(current, list));
          const until = periods(current, env, list, facts, null).until;
          scopes.push({
            scope: { record: null, active: until === null || at <= until, suspendPending },
            since: s,
            until,
            endedOn: null,
          });
        }
        for (const { scope, since: s, until, endedOn } of scopes) {
          const { events } = await engine.run({ scope, at });
          if (events.length > 0 && (since === null || s < since)) since = s;
          // An instance not active now may still have held the subject on an earlier day: its rule, asked as if active.
          if (
            askedOnDay.has(list.name) &&
            (events.length > 0 || (await engine.run({ scope: { ...scope, active: true }, at })).events.length > 0)
          )
            (held.get(list.name) ?? held.set(list.name, []).get(list.name)!).push({ since: s, until, endedOn });
        }
      }
      const voided =
        list.kind === 'red' &&
        !list.allowBlack &&
        [...on.entries()].some(([l, s]) => s !== null && ir.lists[l]?.kind === 'black');
      on.set(list.name, voided ? null : since);
    }
    // As a decision reports them: a list another authority keeps (`external`) counts for `on`, and is not reported.
    return new Set([...on.entries()].filter(([l, s]) => s !== null && ir.lists[l]?.external !== true).map(([l]) => l));
  };
}

/** One subject, engines built for this call only. */
export async function runJreListing(exported: JreExport, subject: Subject, at: string): Promise<Set<string>> {
  return prebuiltJre(exported)(subject, at);
}
