// Turns the values a listing rule read from each record into the notice's facts (失信情形为规避执行, 罚款金额为5万元).
import { BUILTIN_RECORD_FIELDS } from '../../../dsl/ir.js';
import type { PolicyIr } from '../../../dsl/ir.js';
import type { Decision } from '../../contract.js';
import { formatDate, formatMoney, formatPercent } from '../format.js';

/** A value a rule read, as the notice says it ('' for one not worth saying: unset, or a false flag). */
function factValue(label: string, v: unknown, money: ReadonlySet<string>): string {
  // The record's own date is the listing's since, said already.
  if (v === null || v === undefined || v === false || v === '' || label === BUILTIN_RECORD_FIELDS.date.label) return '';
  if (v === true) return label;
  // "有效期至2025年10月31日", not "有效期至为…": a label that ends in 至 takes its date directly.
  const is = label.endsWith('至') ? '' : '为';
  if (Array.isArray(v)) return v.length === 0 ? '' : `${label}${is}${v.join('、')}`;
  if (typeof v === 'string') return `${label}${is}${formatDate(v)}`;
  if (typeof v === 'number') {
    // A share written as a decimal (0.15) reads as the articles write it (15%, 令54 第六条 "10%以上").
    const shown = money.has(label)
      ? formatMoney(v)
      : label.includes('比例') && v >= 0 && v <= 1
        ? formatPercent(v)
        : String(v);
    return `${label}${is}${shown}`;
  }
  return '';
}

/** Labels of the money attributes of a policy's record types (the explanation's values are keyed by label). */
const moneyLabels = new WeakMap<PolicyIr, ReadonlySet<string>>();

function moneyLabelsOf(ir: PolicyIr): ReadonlySet<string> {
  let set = moneyLabels.get(ir);
  if (set === undefined) {
    const found = new Set<string>();
    for (const t of Object.values(ir.records))
      for (const f of Object.values(t.fields)) if (f.type.t === 'money') found.add(f.label ?? f.key);
    set = found;
    moneyLabels.set(ir, set);
  }
  return set;
}

/**
 * Rule → record → the values its conditions read, from the explanation's instances: the facts of the kind actually
 * found, where the rule's label names every alternative it covers.
 */
export function recordFacts(decision: Decision, ir: PolicyIr, list: string): Map<string, Map<string, string>> {
  const money = moneyLabelsOf(ir);
  const out = new Map<string, Map<string, string>>();
  const node = decision.explanation?.children?.find((c) => c.kind === 'list' && c.name === list);
  for (const rule of node?.children ?? []) {
    if (rule.kind !== 'rule' || rule.name === undefined) continue;
    const byRecord = new Map<string, string>();
    for (const inst of rule.children ?? []) {
      if (inst.kind !== 'instance' || inst.records?.length !== 1) continue;
      const said = Object.entries(inst.values ?? {})
        .map(([k, v]) => factValue(k, v, money))
        .filter((x) => x !== '');
      byRecord.set(inst.records[0]!, said.join('，'));
    }
    out.set(rule.name, byRecord);
  }
  return out;
}
