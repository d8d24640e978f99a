// What a proportionality law is to the runner: a statement, a test of applicability, and a check of one subject.
import type { Probe, VerifyContext } from '../probe.js';
import type { Counterexample, LawName } from '../types.js';

/** `skip`: this subject gives the law nothing to check (it is not counted). */
export type CheckResult = Counterexample | null | 'skip';

export interface Law {
  readonly name: LawName;
  readonly title: string;
  readonly statement: string;
  /** null when the law applies to the policy, else the reason it does not (Chinese) */
  applicable(ctx: VerifyContext): string | null;
  check(probe: Probe): CheckResult;
}
