// Test helpers: compact record builders and a cached compiled fixture, so cases state only what they are about.
import { canonicalJson } from '../../dsl/canonical.js';
import type { CheckResult } from '../../dsl/index.js';
import { compileSource, parsePolicySource } from '../../dsl/index.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { CompiledPolicy, Decision, ExplainNode, Subject, SubjectRecord } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { validateSubject } from '../../engine/subject/index.js';
import { CITY } from '../fixtures/ir/city.js';

type Extra = Partial<Omit<SubjectRecord, 'id' | 'type' | 'date'>>;

export const rec = (id: string, type: string, date: string, extra: Extra = {}): SubjectRecord => ({
  id,
  type,
  date,
  ...extra,
});
/** A penalty heavy enough for the black list (fine ≥ 100万元). */
export const heavy = (id: string, date: string, extra: Extra = {}): SubjectRecord =>
  rec(id, 'administrative_penalty', date, {
    severity: '较重',
    ...extra,
    attrs: { fineAmount: 1_200_000, penaltyKinds: ['罚款'], ...extra.attrs },
  });
/** An ordinary penalty: not enough for the black list. */
export const light = (id: string, date: string, extra: Extra = {}): SubjectRecord =>
  rec(id, 'administrative_penalty', date, {
    severity: '一般',
    ...extra,
    attrs: { fineAmount: 5000, penaltyKinds: ['罚款'], ...extra.attrs },
  });
export const honor = (id: string, date: string, rank = '市级', extra: Extra = {}): SubjectRecord =>
  rec(id, 'honor', date, { ...extra, attrs: { rank } });

export const subject = (records: SubjectRecord[], extra: Partial<Subject> = {}): Subject => ({
  id: '91610800MA703XXXX1',
  kind: 'enterprise',
  name: '测试市某某能源有限公司',
  records,
  ...extra,
});

const cache = new Map<PolicyIr, CompiledPolicy>();
export function compiled(ir: PolicyIr = CITY): CompiledPolicy {
  let c = cache.get(ir);
  if (c === undefined) {
    c = compilePolicy(ir, 'sha256:fixture');
    cache.set(ir, c);
  }
  return c;
}

export function decide(records: SubjectRecord[], at: string, matter?: string, explain = false): Decision {
  return evaluate(compiled(), subject(records), { at, explain, ...(matter === undefined ? {} : { matter }) });
}

export const listNames = (d: Decision): string[] => d.lists.map((l) => l.list);
export const measureNames = (d: Decision): string[] => d.measures.map((m) => m.measure);
export const bytes = (d: Decision): string => canonicalJson(d);

/** A test input through the evaluator's input validation (its laid-out copy); a test subject must be valid. */
export function validated(subject: unknown, ir: PolicyIr): Subject {
  const v = validateSubject(subject, ir);
  if (!v.ok) throw new Error(v.problems.map((p) => p.messageEn).join('; '));
  return v.subject;
}

/** The decision bytes of the compiled evaluator and of the reference interpreter (explanation off), to compare. */
export function bothEvaluators(
  ir: PolicyIr,
  hash: string,
  policy: CompiledPolicy,
  s: Subject,
  at: string,
): [compiled: string, reference: string] {
  return [
    canonicalJson(evaluate(policy, s, { at, explain: false })),
    canonicalJson(evaluateReference(ir, hash, s, { at, explain: false })),
  ];
}

/** The first explanation node of `kind` named `name`, depth first. */
export function findNode(n: ExplainNode, kind: ExplainNode['kind'], name: string): ExplainNode | undefined {
  if (n.kind === kind && n.name === name) return n;
  for (const c of n.children ?? []) {
    const hit = findNode(c, kind, name);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The checker's diagnostics for policy `root` of in-memory sources (`extends` resolves among them). */
export function checkLayered(root: string, texts: Readonly<Record<string, string>>): CheckResult {
  return compileSource(texts[root]!, `${root}.xy`, (id) => {
    const text = texts[id];
    if (text === undefined) return undefined;
    const parsed = parsePolicySource(text, `${id}.xy`);
    return { ast: parsed.ast, diagnostics: parsed.diagnostics };
  });
}

/** The IR of policy `root` of in-memory sources; throws with the errors when it does not check. */
export function layeredIr(root: string, texts: Readonly<Record<string, string>>): PolicyIr {
  const result = checkLayered(root, texts);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.ir === undefined || errors.length > 0) throw new Error(JSON.stringify(errors, null, 2));
  return result.ir;
}

/**
 * The day early removal of `list` would have come, named by the explanation when it comes only after the listing's
 * end (the decision's repairFrom is null then); undefined when the explanation names none.
 */
export function repairAfterEndOf(d: Decision, list: string): string | undefined {
  const remedy = d.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === list);
  const v = remedy?.children?.find((c) => typeof c.values?.['repairAfterEnd'] === 'string')?.values?.['repairAfterEnd'];
  return typeof v === 'string' ? v : undefined;
}

/** The head of an inline test policy `t`: national, in force from 2010, the usual scales and one basis 条例. */
export function testPolicyHead(articles: readonly string[]): string {
  return `policy t "测试"
  jurisdiction national
  version "1"
  effective 2010-01-01

scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 限制
basis 条例 "测试条例" rank 地方性法规 articles ${articles.join(' ')}
`;
}
