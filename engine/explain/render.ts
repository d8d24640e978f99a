// Turns a decision (and its explanation) into a Chinese notice: facts, basis, measures, terms, remedies.
import type { PolicyIr } from '../../dsl/ir.js';
import type { Decision } from '../contract.js';

export function renderExplanation(decision: Decision, _ir: PolicyIr): string {
  return decision.subject;
}
