// Golden cases: a `*.cases.yaml` file → each case evaluated and compared with its written expectation.
import { CalendarCoverageError } from '../engine/time/calendar.js';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import type { PolicyIr } from '../dsl/ir.js';
import type { Decision } from '../engine/contract.js';
import { evaluate } from '../engine/index.js';
import { validateSubject } from '../engine/subject/validate.js';
import { CliError, readText } from './files.js';
import type { PolicySession } from './session.js';
import { openPolicy } from './session.js';

interface ListExpectation {
  readonly list: string;
  readonly since?: string;
  readonly until?: string | null;
  readonly repairFrom?: string | null;
}

export interface CaseSpec {
  readonly name: string;
  readonly note?: string;
  readonly at: string;
  readonly matter?: string;
  readonly subject: unknown;
  readonly invalid?: boolean;
  readonly problems?: readonly string[];
  readonly expect?: {
    readonly lists?: readonly (ListExpectation | string)[];
    readonly listsInclude?: readonly (ListExpectation | string)[];
    readonly listsExclude?: readonly string[];
    readonly measures?: readonly string[];
    readonly measuresInclude?: readonly string[];
    readonly measuresExclude?: readonly string[];
    readonly grade?: { readonly grading?: string; readonly grade?: string; readonly score?: number } | string | null;
    readonly supervision?: { readonly spotCheckRatio?: number; readonly frequency?: string } | null;
    readonly inForce?: boolean;
  };
}

export interface CaseResult {
  readonly name: string;
  readonly note?: string;
  readonly failures: readonly string[];
}

export interface CasesFile {
  readonly file: string;
  readonly policy: string;
  readonly cases: readonly CaseSpec[];
}

/**
 * A cases file as data, or a CliError naming file:line:column: a case file is hand-written, and a YAML slip
 * (an unclosed bracket, an alias whose anchor is missing) must read as a message, not a stack trace.
 */
export function readCasesFile(file: string): CasesFile {
  const lineCounter = new LineCounter();
  // Dates stay strings: the YAML 1.2 core schema has no timestamp type.
  const doc = parseDocument(readText(file), { schema: 'core', lineCounter, prettyErrors: false });
  const at = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const message = syntax.message.split('\n')[0] ?? '';
    throw new CliError(`${at(syntax.pos[0])}: 案例文件不是有效的 YAML (not valid YAML): ${message}`);
  }
  let unresolved: string | null = null;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      unresolved = `${at(alias.range?.[0] ?? 0)}: 别名 *${alias.source} 没有对应的锚点 (alias without an anchor)`;
      return visit.BREAK;
    },
  });
  if (unresolved !== null) throw new CliError(unresolved);
  let data: { policy?: unknown; cases?: unknown } | null;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as { policy?: unknown; cases?: unknown } | null;
  } catch (error) {
    throw new CliError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!data || typeof data.policy !== 'string' || !Array.isArray(data.cases)) {
    throw new CliError(`${file}: 案例文件须有 policy 与 cases (a cases file needs policy and cases)`);
  }
  return { file, policy: resolve(dirname(file), data.policy), cases: data.cases as CaseSpec[] };
}

function sameSet(label: string, actual: readonly string[], expected: readonly string[]): string[] {
  const missing = expected.filter((x) => !actual.includes(x));
  const extra = actual.filter((x) => !expected.includes(x));
  const out: string[] = [];
  if (missing.length > 0) out.push(`${label}缺少 (missing): ${missing.join('、')}`);
  if (extra.length > 0) out.push(`${label}多出 (unexpected): ${extra.join('、')}`);
  return out;
}

function checkLists(decision: Decision, expected: readonly (ListExpectation | string)[], exact: boolean): string[] {
  const wanted = expected.map((e) => (typeof e === 'string' ? { list: e } : e));
  const actualNames = decision.lists.map((l) => l.list);
  const failures = exact
    ? sameSet(
        '名单',
        actualNames,
        wanted.map((w) => w.list),
      )
    : sameSet(
        '名单',
        actualNames,
        wanted.map((w) => w.list),
      ).filter((f) => f.startsWith('名单缺少'));
  for (const want of wanted) {
    const got = decision.lists.find((l) => l.list === want.list);
    if (!got) continue;
    for (const key of ['since', 'until', 'repairFrom'] as const) {
      const value = want[key];
      if (value !== undefined && got[key] !== value)
        failures.push(`${want.list}.${key}: 应为 ${String(value)}，实为 ${String(got[key])}`);
    }
  }
  return failures;
}

const CASE_KEYS = ['name', 'note', 'at', 'matter', 'subject', 'invalid', 'problems', 'expect'];
const EXPECT_KEYS = [
  'lists',
  'listsInclude',
  'listsExclude',
  'measures',
  'measuresInclude',
  'measuresExclude',
  'grade',
  'supervision',
  'inForce',
];
const LIST_KEYS = ['list', 'since', 'until', 'repairFrom'];
const GRADE_KEYS = ['grading', 'grade', 'score'];
const SUPERVISION_KEYS = ['spotCheckRatio', 'frequency'];

/**
 * Keys the runner does not know, by path: a misspelt `measuresIncludes` would otherwise check nothing and pass
 * (independent review R58).
 */
function unknownKeys(spec: CaseSpec): string[] {
  const out: string[] = [];
  const check = (value: unknown, known: readonly string[], path: string): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value))
      if (!known.includes(key)) out.push(`未知的键 ${path}${key}（unknown key; one of ${known.join(', ')}）`);
  };
  check(spec, CASE_KEYS, '');
  const expect = spec.expect as Record<string, unknown> | undefined;
  check(expect, EXPECT_KEYS, 'expect.');
  for (const key of ['lists', 'listsInclude'] as const) {
    const items = expect?.[key];
    if (Array.isArray(items)) items.forEach((item, i) => check(item, LIST_KEYS, `expect.${key}[${i}].`));
  }
  check(expect?.['grade'], GRADE_KEYS, 'expect.grade.');
  check(expect?.['supervision'], SUPERVISION_KEYS, 'expect.supervision.');
  return out;
}

export function runCase(session: PolicySession, spec: CaseSpec): string[] {
  const unknown = unknownKeys(spec);
  if (unknown.length > 0) return unknown;
  const checked = validateSubject(spec.subject, session.ir);
  if (spec.invalid) {
    if (checked.ok) return ['主体数据应被拒绝，实际通过了校验 (expected the subject to be rejected)'];
    const paths = checked.problems.map((p) => p.path);
    // A problem inside the expected place counts for it: a bad item at /attrs/penaltyKinds/1 is a problem of
    // /attrs/penaltyKinds.
    const reported = (p: string): boolean => paths.some((q) => q === p || q.startsWith(p + '/'));
    return (spec.problems ?? [])
      .filter((p) => !reported(p))
      .map((p) => `未报告路径 ${p} 的问题 (problem at ${p} not reported)`);
  }
  if (!checked.ok) return checked.problems.map((p) => `主体数据无效 ${p.path}: ${p.message}`);
  const at = String(spec.at);
  let decision: ReturnType<typeof evaluate>;
  try {
    decision = evaluate(session.compiled, checked.subject, {
      at,
      ...(spec.matter !== undefined ? { matter: String(spec.matter) } : {}),
      explain: false,
    });
  } catch (error) {
    if (error instanceof CalendarCoverageError) return [`无法评价 (cannot be evaluated): ${error.message}`];
    throw error;
  }
  const expect = spec.expect ?? {};
  const failures: string[] = [];
  if (expect.lists) failures.push(...checkLists(decision, expect.lists, true));
  if (expect.listsInclude) failures.push(...checkLists(decision, expect.listsInclude, false));
  for (const name of expect.listsExclude ?? []) {
    if (decision.lists.some((l) => l.list === name)) failures.push(`不应列入名单 ${name}`);
  }
  const measureNames = decision.measures.map((m) => m.measure);
  if (expect.measures) failures.push(...sameSet('措施', measureNames, expect.measures));
  for (const name of expect.measuresInclude ?? []) if (!measureNames.includes(name)) failures.push(`措施缺少 ${name}`);
  for (const name of expect.measuresExclude ?? [])
    if (measureNames.includes(name)) failures.push(`不应适用措施 ${name}`);
  if (expect.grade !== undefined) failures.push(...checkGrade(decision, expect.grade));
  if (expect.supervision !== undefined) {
    if (expect.supervision === null) {
      if (decision.supervision !== null) failures.push('不应有监管安排');
    } else {
      const s = decision.supervision;
      if (!s) failures.push('缺少监管安排 (supervision missing)');
      else {
        if (expect.supervision.spotCheckRatio !== undefined && s.spotCheckRatio !== expect.supervision.spotCheckRatio) {
          failures.push(`抽查比例应为 ${expect.supervision.spotCheckRatio}，实为 ${s.spotCheckRatio}`);
        }
        if (expect.supervision.frequency !== undefined && s.frequency !== expect.supervision.frequency) {
          failures.push(`抽查频次应为 ${expect.supervision.frequency}，实为 ${String(s.frequency)}`);
        }
      }
    }
  }
  if (expect.inForce !== undefined && decision.inForce !== expect.inForce)
    failures.push(`inForce 应为 ${expect.inForce}`);
  return failures;
}

function checkGrade(decision: Decision, expected: NonNullable<CaseSpec['expect']>['grade']): string[] {
  if (expected === undefined) return [];
  if (expected === null) return decision.grade === null ? [] : [`不应有等级，实为 ${decision.grade.grade}`];
  const want = typeof expected === 'string' ? { grade: expected } : expected;
  const got = want.grading === undefined ? decision.grade : decision.grades.find((g) => g.scale === want.grading);
  if (!got) return [`缺少评价 ${want.grading ?? '(primary)'}`];
  const failures: string[] = [];
  if (want.grade !== undefined && got.grade !== want.grade)
    failures.push(`${got.scale} 等级应为 ${want.grade}，实为 ${got.grade}`);
  if (want.score !== undefined && got.score !== want.score)
    failures.push(`${got.scale} 分数应为 ${want.score}，实为 ${got.score}`);
  return failures;
}

export function runCasesFile(file: string): { session: PolicySession; results: CaseResult[] } {
  const cases = readCasesFile(file);
  const session = openPolicy(cases.policy);
  const results = cases.cases.map((spec) => {
    let failures: string[];
    try {
      failures = runCase(session, spec);
    } catch (error) {
      failures = [`评价出错 (error): ${error instanceof Error ? error.message : String(error)}`];
    }
    return { name: spec.name, ...(spec.note !== undefined ? { note: spec.note } : {}), failures };
  });
  return { session, results };
}

export type { PolicyIr };
