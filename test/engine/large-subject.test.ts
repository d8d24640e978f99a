// Subjects with many records of one type: the paths that switch from insertion to sorting, from scanning to
// sets, must give what the small paths give (the reference interpreter, and every record shown once).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import type { ExplainNode, Subject, SubjectRecord } from '../../engine/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { disagreement } from '../oracle/differential.js';

const loaded = loadPolicy('policies/yulin/yulin.xy');
const ir = loaded.ir!;
const compiled = compilePolicy(ir, loaded.hash!);

/** `n` penalties in reverse date order, three per day, ids not in date order: the worst case for insertion. */
function penalties(n: number): SubjectRecord[] {
  const out: SubjectRecord[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + (Math.floor(i / 3) % 28);
    const month = 1 + (Math.floor(i / 84) % 12);
    out.push({
      id: `P${(i * 7919) % 1000}`,
      type: 'administrative_penalty',
      date: `2024-${String(13 - month).padStart(2, '0')}-${String(29 - day).padStart(2, '0')}`,
      severity: i % 4 === 0 ? '轻微' : i % 5 === 0 ? '较重' : '一般',
      attrs: { penaltyKinds: ['罚款'], fineAmount: 1000 * (i % 1500) },
    });
  }
  return out;
}

const subject = (records: SubjectRecord[]): Subject => ({ id: '91610800MA703XXX1X', kind: 'enterprise', records });

function rulesNamed(n: ExplainNode, name: string, into: ExplainNode[] = []): ExplainNode[] {
  if (n.kind === 'rule' && n.name === name) into.push(n);
  for (const c of n.children ?? []) rulesNamed(c, name, into);
  return into;
}

describe('a subject with many records of one type', () => {
  for (const n of [33, 200, 1000]) {
    it(`${n} penalties in reverse order: the compiled decision is the reference interpreter's`, () => {
      expect(disagreement(ir, [{ subject: subject(penalties(n)), at: '2025-06-30' }])).toBeNull();
    });
  }

  it('the explanation shows every counting record of a rule once, as an instance or as not triggered', () => {
    const recs = penalties(200);
    const d = evaluate(compiled, subject(recs), { at: '2025-06-30' });
    const [rule] = rulesNamed(d.explanation!, '一般失信行为');
    expect(rule).toBeDefined();
    const shown = (rule!.children ?? []).map((c) => c.records?.[0]).filter((x) => x !== undefined);
    expect(new Set(shown)).toEqual(new Set(recs.map((r) => r.id)));
    expect(shown.length).toBe(new Set(shown).size);
    // Instances first, then the records that did not trigger, each group in date-then-id order.
    const key = new Map(recs.map((r) => [r.id, `${r.date} ${r.id}`]));
    for (const outcome of ['applies', 'not-applies'] as const) {
      const order = (rule!.children ?? []).filter((c) => c.outcome === outcome).map((c) => key.get(c.records![0]!)!);
      expect(order.length).toBeGreaterThan(0);
      expect(order).toEqual([...order].sort());
    }
  });
});
