// Turns a policy's IR into the vocabulary a generator needs: record types, field thresholds, periods, key dates.
import type { Duration, IrExpr, IrValue, PolicyIr } from '../../dsl/ir.js';

export interface Vocabulary {
  /** record types by key, with their fields (the union over every IR given; the first declaration wins) */
  readonly records: PolicyIr['records'];
  readonly severity: readonly string[];
  /** record types that rules, items and aggregates read: the ones worth piling up on one subject */
  readonly focusTypes: readonly string[];
  /** per field key: every number the policy compares that field with (literals and parameter values) */
  readonly thresholds: ReadonlyMap<string, readonly number[]>;
  /** per field key: every string literal the policy compares that field with */
  readonly strings: ReadonlyMap<string, readonly string[]>;
  /** per record type: the largest count the policy compares a count of that type with */
  readonly counts: ReadonlyMap<string, number>;
  /** every period of the policy (durations, windows, terms, duration parameters), sorted */
  readonly durations: readonly Duration[];
  /** dates where the policy changes: effective and end dates, parameter versions, basis dates; sorted */
  readonly anchors: readonly string[];
  /** every matter any measure names, sorted */
  readonly matters: readonly string[];
  /** the region code of the policy (or a default) */
  readonly region: string;
}

function isDuration(v: unknown): v is Duration {
  return typeof v === 'object' && v !== null && 'amount' in v && 'unit' in v;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class Collector {
  readonly thresholds = new Map<string, Set<number>>();
  readonly strings = new Map<string, Set<string>>();
  readonly counts = new Map<string, number>();
  readonly focus = new Set<string>();
  readonly durations = new Map<string, Duration>();

  constructor(private readonly irs: readonly PolicyIr[]) {}

  private paramValues(name: string): IrValue[] {
    return this.irs.flatMap((ir) => ir.params[name]?.versions.map((v) => v.value) ?? []);
  }

  private literalValues(e: IrExpr): IrValue[] {
    if (e.op === 'lit') return [e.value];
    if (e.op === 'param') return this.paramValues(e.param);
    if (e.op === 'neg') return this.literalValues(e.arg).map((v) => (typeof v === 'number' ? -v : v));
    if (e.op === 'array') return e.items.flatMap((i) => this.literalValues(i));
    return [];
  }

  private note(key: string, values: IrValue[]): void {
    for (const v of values) {
      if (typeof v === 'number') {
        const set = this.thresholds.get(key) ?? new Set<number>();
        set.add(v);
        this.thresholds.set(key, set);
      } else if (typeof v === 'string') {
        const set = this.strings.get(key) ?? new Set<string>();
        set.add(v);
        this.strings.set(key, set);
      } else if (Array.isArray(v)) {
        this.note(key, [...v]);
      }
    }
  }

  private fieldKey(e: IrExpr): string | undefined {
    if (e.op === 'field') return e.key;
    if (e.op === 'agg' && e.field !== undefined) return e.field.key;
    return undefined;
  }

  expr(e: IrExpr | undefined): void {
    if (e === undefined) return;
    switch (e.op) {
      case 'cmp': {
        const lk = this.fieldKey(e.left);
        const rk = this.fieldKey(e.right);
        if (lk !== undefined) this.note(lk, this.literalValues(e.right));
        if (rk !== undefined) this.note(rk, this.literalValues(e.left));
        for (const [agg, other] of [
          [e.left, e.right],
          [e.right, e.left],
        ] as const) {
          if (agg.op !== 'agg' || agg.agg !== 'count') continue;
          for (const v of this.literalValues(other)) {
            if (typeof v === 'number')
              this.counts.set(agg.recordType, Math.max(this.counts.get(agg.recordType) ?? 0, v));
          }
        }
        this.expr(e.left);
        this.expr(e.right);
        return;
      }
      case 'in':
      case 'has': {
        const k = this.fieldKey(e.left);
        if (k !== undefined) this.note(k, this.literalValues(e.values));
        this.expr(e.left);
        this.expr(e.values);
        return;
      }
      case 'agg':
        this.focus.add(e.recordType);
        if (e.within) this.duration(e.within);
        this.expr(e.where);
        return;
      case 'lit':
        if (isDuration(e.value)) this.duration(e.value);
        return;
      case 'param':
        for (const v of this.paramValues(e.param)) if (isDuration(v)) this.duration(v);
        return;
      case 'not':
      case 'neg':
        this.expr(e.arg);
        return;
      case 'and':
      case 'or':
        for (const a of e.args) this.expr(a);
        return;
      case 'arith':
        this.expr(e.left);
        this.expr(e.right);
        return;
      case 'dateShift':
        this.expr(e.date);
        this.expr(e.duration);
        return;
      case 'isSet':
        this.expr(e.arg);
        return;
      case 'array':
        for (const i of e.items) this.expr(i);
        return;
      default:
        return;
    }
  }

  duration(d: Duration): void {
    this.durations.set(`${d.unit}:${d.amount}`, d);
  }
}

/** The vocabulary of one policy, or the union of several (a diff generates subjects meaningful to both). */
export function vocabularyOf(input: PolicyIr | readonly PolicyIr[]): Vocabulary {
  const irs: readonly PolicyIr[] = Array.isArray(input) ? input : [input as PolicyIr];
  const c = new Collector(irs);
  const records: Record<string, PolicyIr['records'][string]> = {};
  const anchors = new Set<string>();
  const matters = new Set<string>();
  for (const ir of irs) {
    for (const [k, r] of Object.entries(ir.records)) records[k] ??= r;
    anchors.add(ir.effective);
    if (ir.until !== undefined) anchors.add(ir.until);
    for (const p of Object.values(ir.params)) for (const v of p.versions) if (v.from !== null) anchors.add(v.from);
    for (const list of Object.values(ir.lists)) {
      for (const rule of list.rules) {
        if (rule.for) c.focus.add(rule.for.recordType);
        c.expr(rule.where);
        c.expr(rule.when);
        c.expr(rule.unless);
      }
      c.expr(list.duration?.period);
      c.expr(list.earlyRemoval?.after);
      c.expr(list.earlyRemoval?.when);
      c.expr(list.earlyRemoval?.unless);
      c.expr(list.endsAt?.when);
      for (const d of list.endsAt?.dates ?? []) c.expr(d);
    }
    for (const m of Object.values(ir.measures)) {
      if (m.term) c.duration(m.term);
      for (const x of m.matters ?? []) matters.add(x);
    }
    for (const g of Object.values(ir.gradings)) {
      for (const item of g.items) {
        if (item.per) {
          c.focus.add(item.per.recordType);
          if (item.per.within) c.duration(item.per.within);
          c.expr(item.per.where);
        }
        c.expr(item.when);
      }
      for (const r of [...g.direct, ...g.caps]) c.expr(r.when);
    }
  }
  const sortedNumbers = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  const durations = [...c.durations.values()];
  if (durations.length === 0) durations.push({ amount: 1, unit: 'year' });
  const first = irs[0];
  return {
    records,
    severity: first?.severity ?? [],
    focusTypes: [...c.focus].filter((t) => t in records).sort(byText),
    thresholds: new Map([...c.thresholds].map(([k, v]) => [k, sortedNumbers(v)])),
    strings: new Map([...c.strings].map(([k, v]) => [k, [...v].sort(byText)])),
    counts: c.counts,
    durations: durations.sort((a, b) => byText(`${a.unit}:${a.amount}`, `${b.unit}:${b.amount}`)),
    anchors: [...anchors].sort(byText),
    matters: [...matters].sort(byText),
    region:
      first?.jurisdiction.code !== undefined ? String(first.jurisdiction.code).padEnd(6, '0').slice(0, 6) : '610800',
  };
}
