// A repair recorded on a barred listing (SEMANTICS §2): it is void when the bar already held on the repair's day,
// and the bar held from the day the records it needs were there — the first later penalty for `any`, not the last.
// 令45 第十四条第一款第（三）项: 未因同一类违法行为再次受到市场监督管理部门行政处罚.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, validated } from './helpers.js';

const samr = loadPolicy('policies/samr_penalty_publicity/samr_penalty_publicity.xy');
const ir = samr.ir!;
const compiled = compilePolicy(ir, samr.hash!);
const LIST = '行政处罚信息公示';

function penalty(id: string, date: string, publishedOn: string, top: Record<string, unknown> = {}): object {
  const attrs = {
    penaltyKinds: ['罚款', '没收违法所得'],
    procedure: '普通程序',
    sector: '市场监督管理',
    publishedOn,
    fineAmount: 20000,
    conductCategory: '侵害消费者权益违法',
    effectsEliminated: true,
  };
  return { id, type: 'administrative_penalty', date, ...top, attrs };
}

const subjectOf = (records: object[]): Subject =>
  validated({ id: '91610100MA6TG0080L', kind: 'enterprise', records }, ir);

// R1's early stop granted on 2024-10-15, after its unbarred repair date.
const R1 = penalty('R1', '2024-03-20', '2024-04-02', { repairedOn: '2024-10-15', fulfilledOn: '2024-04-20' });
const SAME_KIND_BEFORE = penalty('R2', '2024-08-01', '2024-08-10');
const SAME_KIND_AFTER = penalty('R3', '2025-01-10', '2025-01-20');
const AT = '2025-03-01';

const listsR1 = (s: Subject): boolean =>
  evaluate(compiled, s, { at: AT, explain: false })
    .lists.find((l) => l.list === LIST)
    ?.because.some((b) => b.records.includes('R1')) ?? false;

describe('a repair recorded on a barred listing', () => {
  it('stands when the bar came after it', () => {
    expect(listsR1(subjectOf([R1, SAME_KIND_AFTER]))).toBe(false);
  });

  it('is void when the bar held on its day, however many bar records came later', () => {
    expect(listsR1(subjectOf([R1, SAME_KIND_BEFORE]))).toBe(true);
    expect(listsR1(subjectOf([R1, SAME_KIND_BEFORE, SAME_KIND_AFTER]))).toBe(true);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const records of [
      [R1, SAME_KIND_AFTER],
      [R1, SAME_KIND_BEFORE],
      [R1, SAME_KIND_BEFORE, SAME_KIND_AFTER],
    ]) {
      for (const at of ['2024-10-15', '2024-12-01', AT]) {
        const [fast, reference] = bothEvaluators(ir, samr.hash!, compiled, subjectOf(records), at);
        expect(reference).toBe(fast);
      }
    }
  });
});
