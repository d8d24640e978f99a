// One JSONL line (a subject, or a logged decision record) → how its decision moves from OLD to NEW.
import type { PolicyIr } from '../../dsl/ir.js';
import type { Decision, Subject } from '../../engine/contract.js';
import type { CompiledPolicy } from '../../engine/index.js';
import { evaluate } from '../../engine/index.js';
import { validateSubject } from '../../engine/subject/validate.js';
import type { DecisionDelta } from '../../engine/witness/delta.js';
import { decisionBody, decisionDelta } from '../../engine/witness/delta.js';

export interface ImpactJob {
  readonly mode: 'subjects' | 'decisions';
  /** subjects mode: the evaluation date and matter for every line */
  readonly at?: string;
  readonly matter?: string;
  /**
   * Skip the full contract validation: for inputs the system produced itself (a decision log stores the
   * subject as validated when it was decided). A line that is not even shaped like a subject still fails.
   */
  readonly trusted?: boolean;
}

export interface Versions {
  readonly old: { readonly ir: PolicyIr; readonly compiled: CompiledPolicy };
  readonly new: { readonly ir: PolicyIr; readonly compiled: CompiledPolicy };
}

/**
 * null: evaluated, the same decision under both versions, nothing flagged: almost every line, so it travels
 * back to the main thread as nothing more than a null.
 */
export type ImpactLine =
  | null
  | { readonly ok: false; readonly error: string }
  | {
      readonly ok: true;
      readonly subject: string;
      readonly at: string;
      readonly matter: string | null;
      /** null: the decision is the same under both versions */
      readonly delta: DecisionDelta | null;
      /** the subject as validated, only when the decision changed (for the report's explanations) */
      readonly input?: Subject;
      /** decisions mode: the logged decision was made under another version than OLD */
      readonly otherVersion?: boolean;
      /** decisions mode: re-evaluating the logged input under OLD does not give the logged decision */
      readonly replayMismatch?: boolean;
    };

function parse(text: string | undefined): unknown {
  if (text === undefined) throw new Error('行过长，已跳过 (line too long, skipped)');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`不是合法的 JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function shaped(input: unknown): Subject {
  const s = input as Partial<Subject> | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.id !== 'string' ||
    typeof s.kind !== 'string' ||
    !Array.isArray(s.records)
  )
    throw new Error('不是主体数据 (not a subject)');
  return s as Subject;
}

/** A subject must fit the new vocabulary, or else the old one (a record type the new version dropped). */
function validate(input: unknown, v: Versions, trusted: boolean): Subject {
  if (trusted) return shaped(input);
  const checked = validateSubject(input, v.new.ir);
  if (checked.ok) return checked.subject;
  const old = validateSubject(input, v.old.ir);
  if (old.ok) return old.subject;
  const shown = checked.problems.slice(0, 3).map((p) => `${p.path || '/'} ${p.message}`);
  throw new Error(
    `主体数据无效：${shown.join('；')}${checked.problems.length > 3 ? `；另有 ${checked.problems.length - 3} 处` : ''}`,
  );
}

export function impactLine(text: string | undefined, v: Versions, job: ImpactJob): ImpactLine {
  try {
    const value = parse(text);
    let input: unknown = value;
    let at = job.at ?? '';
    let matter = job.matter;
    let logged: Decision | undefined;
    let otherVersion = false;
    if (job.mode === 'decisions') {
      const record = value as { at?: unknown; matter?: unknown; input?: unknown; decision?: unknown; policy?: unknown };
      if (record === null || typeof record !== 'object' || typeof record.at !== 'string' || !('input' in record))
        throw new Error('不是决定记录 (not a decision record)');
      input = record.input;
      at = record.at;
      matter = typeof record.matter === 'string' ? record.matter : undefined;
      logged = record.decision as Decision;
      const hash = (record.policy as { hash?: unknown } | undefined)?.hash;
      otherVersion = hash !== v.old.compiled.hash;
    }
    const subject = validate(input, v, job.trusted === true || job.mode === 'decisions');
    const opts = { at, explain: false, ...(matter !== undefined ? { matter } : {}) };
    const before = evaluate(v.old.compiled, subject, opts);
    const after = evaluate(v.new.compiled, subject, opts);
    const delta = decisionDelta(before, after);
    if (delta === null && job.mode === 'subjects') return null;
    const replayMismatch =
      job.mode === 'decisions' &&
      (logged === undefined || typeof logged !== 'object' || decisionBody(logged) !== decisionBody(before));
    if (delta === null && !otherVersion && !replayMismatch) return null;
    return {
      ok: true,
      subject: subject.id,
      at,
      matter: matter ?? null,
      delta,
      ...(delta !== null ? { input: subject } : {}),
      ...(job.mode === 'decisions' ? { otherVersion, replayMismatch } : {}),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
