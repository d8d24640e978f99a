// `early removal … unless BAR` (SEMANTICS §2): a bar to early removal, not a condition still to meet — 令54
// 第二十二条 不予提前停止公布. While it holds the listing has no repairFrom, and the explanation says why.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { canonicalJson } from '../../dsl/canonical.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { validateSubject } from '../../engine/subject/index.js';

const loaded = loadPolicy('policies/tax_blacklist/tax_blacklist.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const LIST = '重大税收违法失信主体名单';
const at = '2023-06-01';

function determination(attrs: Record<string, unknown>, more: readonly Record<string, unknown>[] = []): Subject {
  const record = (id: string, date: string, extra: Record<string, unknown>) => ({
    id,
    type: 'major_tax_violation',
    date,
    fulfilledOn: '2022-09-30',
    attrs: { ground: '偷税', evadedAmount: 2_000_000, maxYearRatio: 0.2, publishedOn: date, ...extra },
  });
  const v = validateSubject(
    {
      id: '91610800MA70YL011L',
      kind: 'enterprise',
      records: [record('T1', '2022-08-31', attrs), ...more.map((m, i) => record(`T${i + 2}`, String(m['date']), {}))],
    },
    ir,
  );
  if (!v.ok) throw new Error(v.problems.map((p) => p.messageEn).join('; '));
  return v.subject;
}

const listOf = (s: Subject) => evaluate(compiled, s, { at, explain: false }).lists.find((l) => l.list === LIST);

describe('early removal unless', () => {
  it('without a bar: from the day after six months of publication', () => {
    expect(listOf(determination({}))?.repairFrom).toBe('2023-03-01');
  });

  it('第二十二条（一）: punished again after the determination → no early removal, no date', () => {
    const s = determination({ laterViolation: true });
    expect(listOf(s)).toMatchObject({ until: '2025-09-01', repairFrom: null });
    const d = evaluate(compiled, s, { at });
    const remedy = d.explanation?.children?.find((c) => c.kind === 'remedy' && c.name === LIST);
    expect(remedy?.children?.some((c) => c.text.startsWith('不予提前停止公布：'))).toBe(true);
    expect(renderExplanation(d, ir)).toContain('依规定不予提前停止公布');
  });

  it('第二十二条（二）: determined twice within five years of each other → barred', () => {
    expect(listOf(determination({}, [{ date: '2019-05-10' }]))?.repairFrom).toBeNull();
    // more than five years before `at` but within five years of T1 (2022-08-31): still barred
    expect(listOf(determination({}, [{ date: '2018-05-31' }]))?.repairFrom).toBeNull();
    // five years to the day before T1 is within them; a day earlier is not (the corresponding day counts)
    expect(listOf(determination({}, [{ date: '2017-08-31' }]))?.repairFrom).toBeNull();
    expect(listOf(determination({}, [{ date: '2017-08-30' }]))?.repairFrom).toBe('2023-03-01');
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const s of [
      determination({}),
      determination({ laterViolation: true }),
      determination({}, [{ date: '2019-05-10' }]),
    ]) {
      expect(canonicalJson(evaluateReference(ir, hash, s, { at, explain: false }))).toBe(
        canonicalJson(evaluate(compiled, s, { at, explain: false })),
      );
    }
  });

  it('a bar added is 从严 for a black list, removed 从宽', () => {
    const list = ir.lists[LIST]!;
    const { unless: _bar, ...open } = list.earlyRemoval!;
    const older = { ...ir, lists: { ...ir.lists, [LIST]: { ...list, earlyRemoval: open } } };
    const added = diffPolicies(older, ir).filter((c) => c.path.join('/').endsWith('earlyRemoval/unless'));
    expect(added.map((c) => c.direction)).toEqual(['从严']);
    const removed = diffPolicies(ir, older).filter((c) => c.path.join('/').endsWith('earlyRemoval/unless'));
    expect(removed.map((c) => c.direction)).toEqual(['从宽']);
  });
});
