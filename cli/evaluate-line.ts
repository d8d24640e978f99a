// One JSONL line → one decision record line (or an error naming the line), shared by the batch workers and replay.
import { canonicalJson } from '../dsl/index.js';
import type { PolicyIr } from '../dsl/ir.js';
import type { CompiledPolicy } from '../engine/index.js';
import { evaluate } from '../engine/index.js';
import { validateSubject } from '../engine/subject/validate.js';
import { CalendarCoverageError } from '../engine/time/calendar.js';

export interface LineJob {
  readonly at: string;
  readonly matter?: string;
  readonly explain: boolean;
}

export type LineResult =
  { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: string };

/** The decision record of the log: what was asked, under which exact policy, and what was decided. */
export interface DecisionRecord {
  readonly at: string;
  readonly matter: string | null;
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  readonly input: unknown;
  readonly decision: unknown;
}

export function evaluateLine(
  text: string | undefined,
  ir: PolicyIr,
  compiled: CompiledPolicy,
  job: LineJob,
): LineResult {
  if (text === undefined) return { ok: false, error: '行过长，已跳过 (line too long, skipped)' };
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, error: `不是合法的 JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const checked = validateSubject(input, ir);
  if (!checked.ok) {
    const shown = checked.problems.slice(0, 5).map((p) => `${p.path || '/'} ${p.message}`);
    const more = checked.problems.length > 5 ? `；另有 ${checked.problems.length - 5} 处` : '';
    return { ok: false, error: `主体数据无效：${shown.join('；')}${more}` };
  }
  let decision: ReturnType<typeof evaluate>;
  try {
    decision = evaluate(compiled, checked.subject, {
      at: job.at,
      ...(job.matter !== undefined ? { matter: job.matter } : {}),
      explain: job.explain,
    });
  } catch (error) {
    // A working-day period in a year the holiday calendar does not cover: this subject cannot be decided.
    if (error instanceof CalendarCoverageError) return { ok: false, error: `无法评价：${error.message}` };
    throw error;
  }
  const record: DecisionRecord = {
    at: job.at,
    matter: job.matter ?? null,
    policy: decision.policy,
    input: checked.subject,
    decision,
  };
  return { ok: true, output: canonicalJson(record) };
}
