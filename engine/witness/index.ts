// Turns each change of a diff into a witness: a generated subject whose decision differs between OLD and NEW.
//
// Search: one pool of `budget` generated cases (subject, date, matter) is evaluated under OLD once and under
// OLD-with-the-changed-declaration-taken-from-NEW; a change is witnessed by a case whose decision differs *in
// the part the change is about* (its list, its measure, its grading; for a parameter or basis the declarations
// that read it; the whole decision for the header). For a witnessed change,
// the case is then shrunk greedily (records, attributes, optional fields), so a reviewer reads a small subject.
// Deterministic: same IRs, changes, budget and seed → same witnesses.
import fc from 'fast-check';
import { canonicalJson } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy } from '../compile/index.js';
import type { CompiledPolicy } from '../compile/index.js';
import type { Decision, EvaluateOptions, SubjectRecord } from '../contract.js';
import type { PolicyChange } from '../diff/types.js';
import { evaluate } from '../evaluate.js';
import { addDays } from '../time/dates.js';
import { renderExplanation } from '../explain/render.js';
import type { GeneratedCase } from '../generate/index.js';
import { arbCaseFromVocabulary } from '../generate/index.js';
import { decisionBody, decisionDelta, describeDelta } from './delta.js';

export type { DecisionDelta } from './delta.js';
export { decisionBody, decisionDelta, describeDelta } from './delta.js';

export interface WitnessOptions {
  /** generated cases tried (default 500) */
  readonly budget?: number;
  /** fast-check seed (default 1) */
  readonly seed?: number;
  /** compiled versions, when the caller has them already */
  readonly compiled?: { readonly old: CompiledPolicy; readonly new: CompiledPolicy };
}

export interface Witness {
  /** index of the change in the diff */
  readonly change: number;
  readonly found: boolean;
  /** cases tried: generated subjects on their own date, then (not found yet) on the days around it */
  readonly tried: number;
  readonly case?: GeneratedCase;
  readonly old?: Decision;
  readonly new?: Decision;
  readonly oldExplanation?: string;
  readonly newExplanation?: string;
  /** what differs for this subject, one Chinese line each */
  readonly difference?: readonly string[];
}

type Projection = (d: Decision) => string;

/** The part of a decision a change can move. */
export function projectionFor(change: PolicyChange, irs: readonly PolicyIr[] = []): Projection {
  const name = change.path[1] ?? '';
  switch (change.path[0]) {
    case 'list':
      return (d) => canonicalJson(d.lists.find((l) => l.list === name) ?? null);
    case 'measure':
      return (d) => canonicalJson(d.measures.find((m) => m.measure === name) ?? null);
    case 'grading':
      return (d) =>
        canonicalJson([
          d.grades.find((g) => g.scale === name) ?? null,
          d.supervision?.scale === name ? d.supervision : null,
        ]);
    case 'param':
      return readersProjection(irs, `"param":${JSON.stringify(name)}`);
    case 'basis':
      return readersProjection(irs, `"basis":${JSON.stringify(name)}`);
    case 'layer':
      // Which base versions were merged shows in the other changes it brought, never on its own.
      return () => '';
    case 'policy':
      return (d) => canonicalJson([d.policy.id, d.policy.version, decisionBody(d)]);
    default:
      return decisionBody;
  }
}

/**
 * For a parameter or a basis: the outcomes of the lists, measures and gradings whose declaration mentions it,
 * so that another change in the same diff does not pass for this one's witness.
 */
function readersProjection(irs: readonly PolicyIr[], needle: string): Projection {
  const lists = new Set<string>();
  const measures = new Set<string>();
  const gradings = new Set<string>();
  for (const ir of irs) {
    for (const [n, x] of Object.entries(ir.lists)) if (JSON.stringify(x).includes(needle)) lists.add(n);
    for (const [n, x] of Object.entries(ir.measures)) if (JSON.stringify(x).includes(needle)) measures.add(n);
    for (const [n, x] of Object.entries(ir.gradings)) if (JSON.stringify(x).includes(needle)) gradings.add(n);
  }
  if (lists.size + measures.size + gradings.size === 0) return decisionBody;
  return (d) =>
    canonicalJson([
      d.lists.filter((l) => lists.has(l.list)),
      d.measures.filter((m) => measures.has(m.measure)),
      d.grades.filter((g) => gradings.has(g.scale)),
    ]);
}

function options(c: GeneratedCase, explain: boolean): EvaluateOptions {
  return c.matter === undefined ? { at: c.at, explain } : { at: c.at, matter: c.matter, explain };
}

/** Evaluation can throw for a case the calendar cannot handle; such a case witnesses nothing. */
function safely(compiled: CompiledPolicy, c: GeneratedCase, explain: boolean): Decision | undefined {
  try {
    return evaluate(compiled, c.subject, options(c, explain));
  } catch {
    return undefined;
  }
}

const ENTITY_SECTION = {
  list: 'lists',
  measure: 'measures',
  grading: 'gradings',
  param: 'params',
  basis: 'bases',
  // a record type: an attribute added or its type changed changes what validation keeps, nothing else
  record: 'records',
} as const;

/**
 * OLD with one declaration taken from NEW: evaluating it isolates what that declaration's change does, so a
 * witness for it is not borrowed from another change in the same diff. Undefined when the mix does not compile
 * (the new declaration needs something else that is new); the search then compares OLD with NEW.
 */
function hybrid(oldIr: PolicyIr, newIr: PolicyIr, change: PolicyChange): PolicyIr | undefined {
  const section = ENTITY_SECTION[change.path[0] as keyof typeof ENTITY_SECTION] as
    (typeof ENTITY_SECTION)[keyof typeof ENTITY_SECTION] | undefined;
  const name = change.path[1];
  if (
    change.path[0] === 'policy' &&
    (name === 'effective' || name === 'until' || name === 'version' || name === 'id')
  ) {
    const { [name]: _drop, ...rest } = oldIr;
    const value = newIr[name];
    return (value === undefined ? rest : { ...rest, [name]: value }) as PolicyIr;
  }
  if (section === undefined || name === undefined) return undefined;
  const merged: Record<string, unknown> = { ...(oldIr[section] as Record<string, unknown>) };
  const fromNew = (newIr[section] as Record<string, unknown>)[name];
  if (fromNew === undefined) delete merged[name];
  else merged[name] = fromNew;
  return { ...oldIr, [section]: merged };
}

/** Days added to a pooled case's date when the pool itself witnessed nothing: nearest first, either side. */
const NEAR_DAYS = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 7, -7, 10, -10] as const;

function nearDate(at: string, days: number): string | null {
  try {
    return addDays(at, days);
  } catch {
    return null;
  }
}

interface Probe {
  readonly compiled: CompiledPolicy;
  readonly project: Projection;
}

export function findWitnesses(
  oldIr: PolicyIr,
  newIr: PolicyIr,
  changes: readonly PolicyChange[],
  opts: WitnessOptions = {},
): Witness[] {
  const budget = opts.budget ?? 500;
  const seed = opts.seed ?? 1;
  const oldC = opts.compiled?.old ?? compilePolicy(oldIr, 'sha256:old');
  const newC = opts.compiled?.new ?? compilePolicy(newIr, 'sha256:new');
  const arb = arbCaseFromVocabulary([newIr, oldIr]);

  // One probe per changed declaration (changes to one list share it).
  const probes = new Map<string, Probe>();
  const probeOf = changes.map((change) => {
    const key = change.path.slice(0, 2).join('\u0000');
    if (!probes.has(key)) {
      const project = projectionFor(change, [oldIr, newIr]);
      let compiled = newC;
      const mixed = hybrid(oldIr, newIr, change);
      if (mixed !== undefined) {
        try {
          compiled = compilePolicy(mixed, 'sha256:hybrid');
        } catch {
          compiled = newC;
        }
      }
      probes.set(key, { compiled, project });
    }
    return key;
  });
  const differs = (c: GeneratedCase, probe: Probe): boolean => {
    const a = safely(oldC, c, false);
    const b = safely(probe.compiled, c, false);
    return a !== undefined && b !== undefined && probe.project(a) !== probe.project(b);
  };

  // One pass over the pool finds which declarations' changes can be witnessed at all, and how soon.
  const firstHit = new Map<string, { readonly tried: number; readonly case: GeneratedCase }>();
  const pool = budget > 0 && changes.length > 0 ? (fc.sample(arb, { numRuns: budget, seed }) as GeneratedCase[]) : [];
  const ask = (c: GeneratedCase, tried: number): void => {
    const a = safely(oldC, c, false);
    if (a === undefined) return;
    for (const [key, probe] of probes) {
      if (firstHit.has(key)) continue;
      const b = safely(probe.compiled, c, false);
      if (b !== undefined && probe.project(a) !== probe.project(b)) firstHit.set(key, { tried, case: c });
    }
  };
  for (let i = 0; i < pool.length && firstHit.size < probes.size; i++) ask(pool[i]!, i + 1);
  // A change at a period's end (a last day moved off a rest day, a term a little longer) shows only on the few days
  // around it, which a subject's random date rarely is: the pool is asked again on the days either side of each
  // case's date, nearest first.
  for (let d = 0; d < NEAR_DAYS.length && firstHit.size < probes.size; d++) {
    for (let i = 0; i < pool.length && firstHit.size < probes.size; i++) {
      const c = pool[i]!;
      const at = nearDate(c.at, NEAR_DAYS[d]!);
      if (at !== null) ask({ ...c, at }, (d + 1) * pool.length + i + 1);
    }
  }

  const minimised = new Map<string, GeneratedCase>();
  return changes.map((_, k): Witness => {
    const key = probeOf[k] as string;
    const probe = probes.get(key) as Probe;
    const hit = firstHit.get(key);
    if (hit === undefined) return { change: k, found: false, tried: pool.length * (NEAR_DAYS.length + 1) };
    let c = minimised.get(key);
    if (c === undefined) {
      c = minimise(hit.case, (x) => differs(x, probe));
      minimised.set(key, c);
    }
    // Shown as the reviewer will meet it: the old version against the whole new one.
    const before = safely(oldC, c, true) as Decision;
    const after = safely(newC, c, true) as Decision;
    const delta = decisionDelta(before, after);
    return {
      change: k,
      found: true,
      tried: hit.tried,
      case: c,
      old: before,
      new: after,
      oldExplanation: renderExplanation(before, oldIr),
      newExplanation: renderExplanation(after, newIr),
      difference: delta === null ? ['与本次其他变化相互抵消，新旧版本的最终结果相同'] : describeDelta(delta),
    };
  });
}

const OPTIONAL_RECORD_KEYS = ['fulfilledOn', 'repairedOn', 'revokedOn', 'objection', 'severity'] as const;

/**
 * Greedy shrinking that keeps the witness a witness: drop whole records, then attributes and optional record
 * fields, one at a time. (fast-check's own shrinking cannot see through the dependent generators.)
 */
export function minimise(c: GeneratedCase, stillWitness: (c: GeneratedCase) => boolean): GeneratedCase {
  let best = c;
  const withRecords = (records: SubjectRecord[]): GeneratedCase => ({ ...best, subject: { ...best.subject, records } });
  for (let i = best.subject.records.length - 1; i >= 0; i--) {
    const candidate = withRecords(best.subject.records.filter((_, j) => j !== i));
    if (stillWitness(candidate)) best = candidate;
  }
  for (let i = 0; i < best.subject.records.length; i++) {
    const simpler = (change: (r: SubjectRecord) => SubjectRecord): void => {
      const records = best.subject.records.map((r, j) => (j === i ? change(r) : r));
      const candidate = withRecords(records);
      if (stillWitness(candidate)) best = candidate;
    };
    for (const key of Object.keys(best.subject.records[i]?.attrs ?? {})) {
      simpler((r) => {
        const { [key]: _drop, ...attrs } = r.attrs ?? {};
        return { ...r, attrs };
      });
    }
    for (const key of OPTIONAL_RECORD_KEYS) {
      simpler((r) => {
        const { [key]: _drop, ...rest } = r;
        return rest as SubjectRecord;
      });
    }
  }
  if (best.matter !== undefined) {
    const { matter: _m, ...rest } = best;
    if (stillWitness(rest)) best = rest;
  }
  return best;
}
