// One generated subject under test: its variants (a record removed, raised, repaired) and their decisions, memoised.
import type { PolicyIr } from '../../dsl/ir.js';
import type { CompiledPolicy } from '../compile/index.js';
import type { Subject, SubjectRecord } from '../contract.js';
import { evaluate } from '../evaluate.js';
import { recordCounts, withoutSuperseded } from '../reference/values.js';
import type { Vocabulary } from '../generate/index.js';
import type { Evaluated } from './types.js';

export interface VerifyContext {
  readonly ir: PolicyIr;
  readonly compiled: CompiledPolicy;
  readonly adverse: ReadonlySet<string>;
  readonly vocabulary: Vocabulary;
}

export const BASE_LABEL = '生成的主体';

export class Probe {
  private readonly memo = new Map<string, Evaluated>();

  constructor(
    readonly ctx: VerifyContext,
    readonly subject: Subject,
    readonly at: string,
    /** a free choice the laws use to pick among candidates, so that fast-check can shrink it */
    readonly pick: number,
  ) {}

  /** Decided without an explanation; the label names the variant and keys the memo (same label, same subject). */
  decide(label: string, subject: Subject, at: string = this.at): Evaluated {
    const key = `${label}@${at}`;
    const known = this.memo.get(key);
    if (known) return known;
    const decision = evaluate(this.ctx.compiled, subject, { at, explain: false });
    const out: Evaluated = { label, subject, at, decision };
    this.memo.set(key, out);
    return out;
  }

  base(): Evaluated {
    return this.decide(BASE_LABEL, this.subject);
  }

  /** The n-th of `items`, chosen by the shrinkable pick. */
  choose<T>(items: readonly T[], salt = 0): T | undefined {
    if (items.length === 0) return undefined;
    return items[(this.pick + salt) % items.length];
  }

  /** Records that count at `at` in the sense of SEMANTICS §1 (not future, not revoked, not upheld, not superseded). */
  counting(): SubjectRecord[] {
    return withoutSuperseded(this.ctx.ir, this.subject, this.at).records.filter((r) => recordCounts(r, this.at, false));
  }

  isAdverse(r: SubjectRecord): boolean {
    return this.ctx.adverse.has(r.type);
  }

  withoutRecord(id: string): Evaluated {
    return this.decide(
      `删去记录 ${id} 后`,
      withRecords(
        this.subject,
        this.subject.records.filter((r) => r.id !== id),
      ),
    );
  }
}

export function withRecords(subject: Subject, records: readonly SubjectRecord[]): Subject {
  return { ...subject, records };
}

export function replaceRecord(subject: Subject, record: SubjectRecord): Subject {
  return withRecords(
    subject,
    subject.records.map((r) => (r.id === record.id ? record : r)),
  );
}

export function typeLabel(ir: PolicyIr, type: string): string {
  const label = ir.records[type]?.label;
  return label === undefined ? type : `${type}（${label}）`;
}
