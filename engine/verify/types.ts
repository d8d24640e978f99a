// The shapes `verifyPolicy` returns: one outcome per proportionality law, with a shrunk counterexample on failure.
import type { Decision, Subject } from '../contract.js';

export type LawName = 'monotonicity' | 'leniency' | 'time' | 'exclusivity' | 'cumulative-cap';

export const LAW_NAMES: readonly LawName[] = ['monotonicity', 'leniency', 'time', 'exclusivity', 'cumulative-cap'];

export interface VerifyOptions {
  /** generated subjects per law (default 1000) */
  readonly runs?: number;
  /** fast-check seed; the same seed and runs reproduce the same report (default 1) */
  readonly seed?: number;
  /** check only these laws (default: all) */
  readonly laws?: readonly LawName[];
}

/** One evaluation the law looked at: the subject, the date, and what the engine decided. */
export interface Evaluated {
  /** what this subject is, in Chinese: 生成的主体, 删去记录 R2 后, … */
  readonly label: string;
  readonly subject: Subject;
  readonly at: string;
  /** decided without the explanation tree (canonical, comparable) */
  readonly decision: Decision;
  /** the Chinese notice for this decision (renderExplanation); present on counterexamples */
  readonly explanation?: string;
}

export interface Counterexample {
  /** the clause of the law that failed, e.g. `add-record`, `repair`, `future-records` */
  readonly clause: string;
  /** what went wrong, one Chinese sentence */
  readonly message: string;
  /** the subject the law is about (for a comparison: the one whose decision is wrong) */
  readonly subject: Evaluated;
  /** the subject it was compared with, when the law compares two decisions */
  readonly compared?: Evaluated;
}

export interface LawOutcome {
  readonly law: LawName;
  /** Chinese name of the law */
  readonly title: string;
  /** the exact statement checked (Chinese) */
  readonly statement: string;
  readonly status: 'holds' | 'violated' | 'not-applicable' | 'error';
  /** generated subjects on which the law had something to check */
  readonly checked: number;
  /** why the law does not apply to this policy (status not-applicable), or the error message */
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  /** shrinking steps fast-check took to reach the counterexample */
  readonly shrinks?: number;
}

export interface VerifyReport {
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  readonly seed: number;
  readonly runs: number;
  /** record types the laws treat as adverse (added, raised, repaired) */
  readonly adverseTypes: readonly string[];
  readonly laws: readonly LawOutcome[];
  /** every law holds or does not apply */
  readonly ok: boolean;
}
