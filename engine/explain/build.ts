// Turns the evaluation scratch and the decision into the explanation tree (placeholder until the full builder lands).
import type { Decision, ExplainNode, Subject } from '../contract.js';
import type { MeasureStatus } from '../compile/measures.js';
import type { Ctx } from '../compile/types.js';

export function buildExplanation(
  _ctx: Ctx | null,
  decision: Omit<Decision, 'explanation'>,
  _subject: Subject,
  _statuses: readonly MeasureStatus[],
): ExplainNode {
  return { kind: 'decision', outcome: 'info', text: `评价日期 ${decision.at}` };
}
