// Turns two evaluators' decisions over a population into an agreement report: same lists, measures and grades.
import { canonicalJson } from '../dsl/canonical.js';
import type { Decision, Subject } from '../engine/contract.js';

export interface Agreement {
  readonly subjects: number;
  /** same list names, measure names and grades (every grading) */
  readonly sameSets: number;
  /** byte-identical canonical decisions (dates, records, notes too) */
  readonly identical: number;
  /** the first subject whose sets differ, with both summaries */
  readonly firstDifference?: { readonly subject: string; readonly a: string; readonly b: string };
  /** the first subject whose canonical decisions differ (only when bytes are compared) */
  readonly firstByteDifference?: string;
}

/** The part of a decision the bench's fairness check compares: which lists, which measures, which grades. */
export function summary(d: Decision): string {
  const lists = d.lists.map((l) => l.list).join(',');
  const measures = d.measures.map((m) => m.measure).join(',');
  const grades = d.grades.map((g) => `${g.scale}:${g.grade}`).join(',');
  return `lists[${lists}] measures[${measures}] grades[${grades}]`;
}

/** `bytes` also compares canonical JSON (slower: two serialisations per subject); `identical` is 0 without it. */
export function compareDecisions(
  subjects: readonly Subject[],
  a: (s: Subject) => Decision,
  b: (s: Subject) => Decision,
  bytes = true,
): Agreement {
  let sameSets = 0;
  let identical = 0;
  let first: Agreement['firstDifference'];
  let firstBytes: string | undefined;
  for (const s of subjects) {
    const da = a(s);
    const db = b(s);
    const sa = summary(da);
    const sb = summary(db);
    if (sa === sb) sameSets++;
    else first ??= { subject: s.id, a: sa, b: sb };
    if (bytes) {
      if (canonicalJson(da) === canonicalJson(db)) identical++;
      else firstBytes ??= s.id;
    }
  }
  return {
    subjects: subjects.length,
    sameSets,
    identical,
    ...(first === undefined ? {} : { firstDifference: first }),
    ...(firstBytes === undefined ? {} : { firstByteDifference: firstBytes }),
  };
}
