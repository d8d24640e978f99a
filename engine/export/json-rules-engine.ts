// Turns the listing rules of an IR into json-rules-engine rule objects plus a description of the facts they read.
//
// Fact model (what a runner must register; see cli/run-json-rules-engine.ts). A runner runs a `for` rule once per
// record that counts at `at` (SEMANTICS §1, `latest per` included) and computes every fact over those records only.
// - `expr` (dynamic, params `{ id }`): the value of the non-boolean IR subexpression `exprs[id]` in the current
//   scope (the `for` record, or none for a `when` rule). Aggregates, arithmetic, date shifts, parameters and
//   fields are such subexpressions: json-rules-engine has no iteration and no date arithmetic, so they are
//   precomputed. Severity / level values are turned into their position in the scale by `expr` (params
//   `{ id, scale }`), so ordering needs no knowledge of the scale.
// - `onList` (dynamic, params `{ list }`): whether the subject is on that list (lists run in dependency order).
// - `instanceActive` (dynamic): whether the instance the rule would create is active at `at` (since ≤ at ≤
//   until, not repaired) — periods need the civil calendar, so this is precomputed too.
// - `at` (static): the evaluation date, `YYYY-MM-DD`. A rule of a layer that can be out of force while the
//   policy is in force (SEMANTICS §5) compares it with the layer's dates, so the list is off outside them.
// The boolean structure (and / or / not / unless) and every comparison, membership and `is set` test are
// json-rules-engine conditions, with the custom operators listed in OPERATORS (null operands make every
// comparison false, as SEMANTICS §7 says; json-rules-engine's own numeric operators cannot compare dates).
import type { IrExpr, IrLayer, IrList, IrRule, PolicyIr } from '../../dsl/ir.js';
import { listReplacing } from '../../dsl/ir.js';

export interface JreFactRef {
  readonly fact: string;
  readonly params?: Readonly<Record<string, string>>;
}

export interface JreLeaf {
  readonly fact: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly operator: string;
  readonly value: unknown;
}

export type JreCondition =
  | JreLeaf
  | { readonly all: readonly JreCondition[] }
  | { readonly any: readonly JreCondition[] }
  | { readonly not: JreCondition };

export interface JreRule {
  readonly name: string;
  readonly conditions: { readonly all: readonly JreCondition[] };
  readonly event: { readonly type: 'listed'; readonly params: { readonly list: string; readonly rule: string } };
}

export interface JreExport {
  readonly rules: readonly JreRule[];
  /** the precomputed subexpressions the `expr` fact evaluates, by id */
  readonly exprs: Readonly<Record<string, IrExpr>>;
  readonly facts: Readonly<Record<string, string>>;
  readonly operators: Readonly<Record<string, string>>;
  /** list → its kind, record type of each `for` rule, and the lists it reads (dependency order) */
  readonly lists: Readonly<Record<string, { kind: IrList['kind']; dependsOn: readonly string[] }>>;
  readonly ir: PolicyIr;
}

export const OPERATORS: Readonly<Record<string, string>> = {
  'xy:==': 'equal, false when either side is null',
  'xy:!=': 'not equal, false when either side is null',
  'xy:<': 'less than (numbers, or strings by code units: dates, enums), false with null',
  'xy:<=': 'less than or equal, as xy:<',
  'xy:>': 'greater than, as xy:<',
  'xy:>=': 'greater than or equal, as xy:<',
  'xy:in': 'the fact is one of the values (an array); false when the fact is null',
  'xy:notIn': 'the fact is not one of the values; false when the fact is null',
  'xy:hasAny': 'the fact (a list) holds one of the values',
  'xy:hasAll': 'the fact (a list) holds every one of the values',
  'xy:isSet': 'value true: the fact is not null; value false: it is null',
  'xy:true': 'the fact is exactly true',
};

export const FACTS: Readonly<Record<string, string>> = {
  expr: 'params { id, scale? }: value of exprs[id] in the rule scope; with scale, its position in the scale. Aggregates range over the records that count at `at` (SEMANTICS §1: not future, not revoked, no upheld objection, not superseded by a later record of a `latestPer` type)',
  onList: 'params { list }: the subject is on the list (red lists voided under black ones)',
  instanceActive: 'the instance this rule creates for the current scope is active at `at`',
  at: 'the evaluation date (YYYY-MM-DD)',
};

class Builder {
  readonly exprs: Record<string, IrExpr> = {};
  private next = 0;

  ref(e: IrExpr, scale?: 'severity' | 'level'): JreFactRef {
    const id = `e${this.next++}`;
    this.exprs[id] = e;
    return scale === undefined ? { fact: 'expr', params: { id } } : { fact: 'expr', params: { id, scale } };
  }

  cond(e: IrExpr): JreCondition {
    switch (e.op) {
      case 'and':
        return { all: e.args.map((a) => this.cond(a)) };
      case 'or':
        return { any: e.args.map((a) => this.cond(a)) };
      case 'not':
        return { not: this.cond(e.arg) };
      case 'onList':
        return { fact: 'onList', params: { list: e.list }, operator: 'xy:true', value: true };
      case 'cmp': {
        const scale = e.type === 'severity' || e.type === 'level' ? e.type : undefined;
        return { ...this.ref(e.left, scale), operator: `xy:${e.cmp}`, value: this.ref(e.right, scale) };
      }
      case 'in':
        return { ...this.ref(e.left), operator: e.negated ? 'xy:notIn' : 'xy:in', value: this.ref(e.values) };
      case 'has':
        return {
          ...this.ref(e.left),
          operator: e.mode === 'any' ? 'xy:hasAny' : 'xy:hasAll',
          value: this.ref(e.values),
        };
      case 'isSet':
        return { ...this.ref(e.arg), operator: 'xy:isSet', value: !e.negated };
      default:
        // aggregates, boolean fields and literals: precomputed, must be exactly true
        return { ...this.ref(e), operator: 'xy:true', value: true };
    }
  }
}

function listsRead(e: unknown, out: Set<string>): void {
  if (e === null || typeof e !== 'object') return;
  if (Array.isArray(e)) {
    for (const x of e) listsRead(x, out);
    return;
  }
  const o = e as Record<string, unknown>;
  if (o['op'] === 'onList' && typeof o['list'] === 'string') out.add(o['list']);
  for (const x of Object.values(o)) listsRead(x, out);
}

/**
 * The conditions on `at` that keep a list of `layer` off while the layer is not in force; none when the layer is
 * in force whenever the policy is (every shipped policy), so those exports do not change.
 */
function layerDates(ir: PolicyIr, layer: IrLayer | undefined): JreCondition[] {
  if (layer === undefined) return [];
  const out: JreCondition[] = [];
  if (layer.effective > ir.effective) out.push({ fact: 'at', operator: 'xy:>=', value: layer.effective });
  if (layer.until !== undefined && (ir.until === undefined || layer.until < ir.until)) {
    out.push({ fact: 'at', operator: 'xy:<=', value: layer.until });
  }
  return out;
}

/**
 * The condition on `at` that keeps a replaced list off while the layer of the list that `replaces` it is in force:
 * `at` before that layer took effect or after it ended. A replacement in force whenever the policy is gives a
 * condition no date in the policy's span meets.
 */
function replacedDates(ir: PolicyIr, name: string): JreCondition[] {
  const by = listReplacing(ir, name);
  if (by === undefined) return [];
  // A layer id the IR does not list is the policy's own layer, in force whenever the policy is.
  const layer = ir.layers.find((l) => l.id === by.layer) ?? { effective: ir.effective, until: undefined };
  const off: JreCondition[] = [{ fact: 'at', operator: 'xy:<', value: layer.effective }];
  if (layer.until !== undefined) off.push({ fact: 'at', operator: 'xy:>', value: layer.until });
  return [{ any: off }];
}

function ruleOf(b: Builder, list: IrList, rule: IrRule, dates: readonly JreCondition[]): JreRule | null {
  const body = rule.for !== undefined ? rule.where : rule.when;
  if (rule.for === undefined && rule.when === undefined) return null;
  const all: JreCondition[] = [...dates];
  if (body !== undefined) all.push(b.cond(body));
  if (rule.unless !== undefined) all.push({ not: b.cond(rule.unless) });
  all.push({ fact: 'instanceActive', operator: 'xy:true', value: true });
  return {
    name: `${list.name}/${rule.name}`,
    conditions: { all },
    event: { type: 'listed', params: { list: list.name, rule: rule.name } },
  };
}

export function exportJsonRulesEngine(ir: PolicyIr): JreExport {
  const b = new Builder();
  const rules: JreRule[] = [];
  const lists: Record<string, { kind: IrList['kind']; dependsOn: readonly string[] }> = {};
  for (const name of Object.keys(ir.lists).sort()) {
    const list = ir.lists[name];
    if (list === undefined) continue;
    const dates = [
      ...layerDates(
        ir,
        ir.layers.find((l) => l.id === list.layer),
      ),
      ...replacedDates(ir, name),
    ];
    for (const rule of list.rules) {
      const r = ruleOf(b, list, rule, dates);
      if (r !== null) rules.push(r);
    }
    const deps = new Set<string>();
    // The lists its periods read too (`early removal when not on LIST`): the runner decides those first.
    listsRead([list.rules, list.duration, list.earlyRemoval], deps);
    lists[name] = { kind: list.kind, dependsOn: [...deps].sort() };
  }
  return { rules, exprs: b.exprs, facts: FACTS, operators: OPERATORS, lists, ir };
}
