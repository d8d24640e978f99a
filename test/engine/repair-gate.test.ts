// A recorded repair ends an instance only where the law allows it then (SEMANTICS §2): from the instance's
// repairFrom on, never while an `early removal … unless` bar holds (令54 第二十二条, 令45 第十四条第三款
// 不得提前停止公示), not when the record or the lists show a condition of early removal unmet on the repair's day
// (令45 第十四条), and whenever it came on a list without early removal (an authority's own 移出 decision).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { addDays } from '../../engine/time/index.js';
import { bothEvaluators, validated } from './helpers.js';

function load(file: string) {
  const loaded = loadPolicy(file);
  return { ir: loaded.ir!, hash: loaded.hash!, compiled: compilePolicy(loaded.ir!, loaded.hash!) };
}
const tax = load('policies/tax_blacklist/tax_blacklist.xy');
const samr = load('policies/samr_penalty_publicity/samr_penalty_publicity.xy');

const subject = (ir: typeof tax.ir, records: readonly Record<string, unknown>[]): Subject =>
  validated({ id: '91610800MA70YL011L', kind: 'enterprise', records }, ir);
/** The same bytes from the compiled evaluator and the reference interpreter. */
const agree = (s: Subject, day: string): void => {
  const [compiled, reference] = bothEvaluators(tax.ir, tax.hash, tax.compiled, s, day);
  expect(reference).toBe(compiled);
};

const determination = (repairedOn: string, extra: Record<string, unknown> = {}) =>
  subject(tax.ir, [
    {
      id: 'T1',
      type: 'major_tax_violation',
      date: '2022-08-31',
      fulfilledOn: '2022-09-30',
      repairedOn,
      attrs: { ground: '偷税', evadedAmount: 2_000_000, maxYearRatio: 0.2, publishedOn: '2022-08-31', ...extra },
    },
  ]);
const TAX_LIST = '重大税收违法失信主体名单';
const at = '2023-06-01';
const onTaxList = (s: Subject) =>
  evaluate(tax.compiled, s, { at, explain: false }).lists.some((l) => l.list === TAX_LIST);

describe('a recorded repair and the law that allows it', () => {
  it('令54 第十八条: granted on or after repairFrom (2023-03-01), the publication stops', () => {
    expect(onTaxList(determination('2023-03-01'))).toBe(false);
    expect(onTaxList(determination('2023-05-10'))).toBe(false);
  });

  it('dated before repairFrom, it ends nothing, and the explanation says so', () => {
    const s = determination('2023-02-28');
    expect(onTaxList(s)).toBe(true);
    const d = evaluate(tax.compiled, s, { at });
    const text = JSON.stringify(d.explanation);
    expect(text).toContain('所记2023年2月28日的信用修复早于可申请提前停止公布之日2023年3月1日');
    expect(renderExplanation(d, tax.ir)).toContain(
      '记录 T1 所记2023年2月28日的信用修复早于可申请提前停止公布之日2023年3月1日，不发生提前停止公布的效力',
    );
  });

  it('令54 第二十二条: barred (punished again), even a late repair ends nothing', () => {
    const s = determination('2023-05-10', { laterViolation: true });
    expect(onTaxList(s)).toBe(true);
    expect(JSON.stringify(evaluate(tax.compiled, s, { at }).explanation)).toContain('依规定不予提前停止公布');
  });

  it('令45 第十四条第三款 (unless true): 责令停产停业 stays published whatever repair is recorded', () => {
    const s = subject(samr.ir, [
      {
        id: 'P1',
        type: 'administrative_penalty',
        date: '2022-03-01',
        severity: '较重',
        fulfilledOn: '2022-03-20',
        repairedOn: '2022-10-10',
        attrs: {
          penaltyKinds: ['罚款', '责令停产停业'],
          fineAmount: 50000,
          procedure: '普通程序',
          sector: '市场监督管理',
          publishedOn: '2022-03-05',
          // outside 令44 第五至第十条, so the publication alone is at issue (no 严重违法失信名单)
          conductCategory: '其他违法',
        },
      },
    ]);
    const d = evaluate(samr.compiled, s, { at: '2023-01-10' });
    expect(d.lists.map((l) => l.list)).toEqual(['较严重行政处罚信息公示']);
    expect(d.lists[0]!.repairFrom).toBeNull();
    // the bar is the instrument's, with no condition to name
    expect(renderExplanation(d, samr.ir)).toContain(
      '依规定不予提前停止公示；记录 P1 所记2022年10月10日的信用修复不发生提前停止公示的效力。',
    );
  });

  it('a repair recorded before the bar held stands; one recorded while it held ends nothing (令54 第二十二条（二）)', () => {
    const record = (id: string, date: string, repairedOn?: string) => ({
      id,
      type: 'major_tax_violation',
      date,
      fulfilledOn: date,
      ...(repairedOn === undefined ? {} : { repairedOn }),
      attrs: { ground: '偷税', evadedAmount: 2_000_000, maxYearRatio: 0.2, publishedOn: date },
    });
    const at2 = '2024-06-01';
    // T1 stopped early on 2023-03-05, when it was the only determination; T2 came in 2024: T1 stays ended.
    const later = subject(tax.ir, [record('T1', '2022-08-31', '2023-03-05'), record('T2', '2024-01-10')]);
    const d1 = evaluate(tax.compiled, later, { at: at2, explain: false }).lists.find((l) => l.list === TAX_LIST);
    expect(d1).toMatchObject({ since: '2024-01-10', because: [{ records: ['T2'] }] });
    // T0 (2019) was there when T1 was stopped: the bar held, the repair ends nothing.
    const earlier = subject(tax.ir, [record('T0', '2019-05-10'), record('T1', '2022-08-31', '2023-03-05')]);
    const d2 = evaluate(tax.compiled, earlier, { at: at2, explain: false }).lists.find((l) => l.list === TAX_LIST);
    expect(d2?.because[0]?.records).toContain('T1');
    // A third determination after the repair does not validate it: two were there on its day (verify, monotonicity).
    const third = subject(tax.ir, [
      record('T0', '2019-05-10'),
      record('T1', '2022-08-31', '2023-03-05'),
      record('T2', '2024-01-10'),
    ]);
    const d3 = evaluate(tax.compiled, third, { at: at2, explain: false }).lists.find((l) => l.list === TAX_LIST);
    expect(d3?.because.flatMap((b) => b.records)).toContain('T1');
    for (const s of [later, earlier, third]) agree(s, at2);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const s of [
      determination('2023-03-01'),
      determination('2023-02-28'),
      determination('2023-05-10', { laterViolation: true }),
    ])
      agree(s, at);
  });
});

describe('the conditions of early removal on the day of the repair (令45 第十四条)', () => {
  const PUBLIC = '行政处罚信息公示';
  const penalty = (attrs: Record<string, unknown>) => ({
    id: 'P1',
    type: 'administrative_penalty',
    date: '2024-03-12',
    severity: '较重',
    fulfilledOn: '2024-04-01',
    repairedOn: '2025-01-10',
    attrs: {
      penaltyKinds: ['罚款'],
      fineAmount: 50000,
      procedure: '普通程序',
      sector: '市场监督管理',
      conductCategory: '其他违法',
      publishedOn: '2024-03-20',
      ...attrs,
    },
  });
  const abnormal = (date: string) => ({
    id: 'A1',
    type: 'abnormal_operation',
    date,
    attrs: { reason: '未按期公示年度报告' },
  });
  const at3 = '2025-06-30';
  const published = (s: Subject) =>
    evaluate(samr.compiled, s, { at: at3, explain: false }).lists.some((l) => l.list === PUBLIC);
  const agreeSamr = (s: Subject): void => {
    const [compiled, reference] = bothEvaluators(samr.ir, samr.hash, samr.compiled, s, at3);
    expect(reference).toBe(compiled);
  };

  it('a record that states the effects were not eliminated (第十四条（二）): the repair ends nothing', () => {
    const s = subject(samr.ir, [penalty({ effectsEliminated: false })]);
    expect(published(s)).toBe(true);
    const d = evaluate(samr.compiled, s, { at: at3 });
    expect(renderExplanation(d, samr.ir)).toContain(
      '记录 P1 所记2025年1月10日的信用修复之日尚不满足提前停止公示的条件（已消除不良影响），不发生提前停止公示的效力',
    );
    agreeSamr(s);
  });

  it('a record silent on it, or stating it, leaves the grant standing', () => {
    for (const attrs of [{}, { effectsEliminated: true }]) {
      const s = subject(samr.ir, [penalty(attrs)]);
      expect(published(s)).toBe(false);
      agreeSamr(s);
    }
  });

  it('第十四条（四）: on 经营异常名录 since before the repair, the repair ends nothing; listed only later, it stands', () => {
    const before = subject(samr.ir, [penalty({ effectsEliminated: true }), abnormal('2024-07-01')]);
    expect(published(before)).toBe(true);
    expect(JSON.stringify(evaluate(samr.compiled, before, { at: at3 }).explanation)).toContain(
      '尚不满足提前停止公示的条件（未被列入「经营异常名录」）',
    );
    const after = subject(samr.ir, [penalty({ effectsEliminated: true }), abnormal('2025-02-01')]);
    expect(published(after)).toBe(false);
    // Removed from the 名录 the day after the repair: on it that day, so the repair still ends nothing (R48).
    const removedNext = subject(samr.ir, [
      penalty({ effectsEliminated: true }),
      { ...abnormal('2024-07-01'), fulfilledOn: '2025-01-11', repairedOn: '2025-01-11' },
    ]);
    expect(published(removedNext)).toBe(true);
    // Removed on the repair's day itself: no longer on it then.
    const removedSame = subject(samr.ir, [
      penalty({ effectsEliminated: true }),
      { ...abnormal('2024-07-01'), fulfilledOn: '2025-01-10', repairedOn: '2025-01-10' },
    ]);
    expect(published(removedSame)).toBe(false);
    for (const s of [before, after, removedNext, removedSame]) agreeSamr(s);
  });

  it('compiled and reference agree on generated repairs, conditions and listings around them', () => {
    const day = (from: string) => fc.integer({ min: 0, max: 900 }).map((n) => addDays(from, n));
    fc.assert(
      fc.property(
        day('2023-01-01'),
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom(true, false, undefined),
        fc.option(day('2023-01-01'), { nil: undefined }),
        fc.option(day('2023-01-01'), { nil: undefined }),
        day('2024-06-01'),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        (date, repairAfter, effects, abnormalOn, blackOn, at, removedAfter) => {
          const records: Record<string, unknown>[] = [
            {
              ...penalty(effects === undefined ? {} : { effectsEliminated: effects }),
              date,
              fulfilledOn: date,
              repairedOn: addDays(date, repairAfter),
              attrs: {
                ...penalty({}).attrs,
                publishedOn: date,
                ...(effects === undefined ? {} : { effectsEliminated: effects }),
              },
            },
          ];
          if (abnormalOn !== undefined)
            records.push(
              removedAfter === undefined
                ? abnormal(abnormalOn)
                : {
                    ...abnormal(abnormalOn),
                    fulfilledOn: addDays(abnormalOn, removedAfter),
                    repairedOn: addDays(abnormalOn, removedAfter),
                  },
            );
          if (blackOn !== undefined)
            records.push({
              id: 'P2',
              type: 'administrative_penalty',
              date: blackOn,
              severity: '严重',
              attrs: {
                penaltyKinds: ['罚款', '吊销营业执照'],
                fineAmount: 2_000_000,
                procedure: '普通程序',
                sector: '市场监督管理',
                conductCategory: '食品安全违法',
                discretion: '从重',
                publishedOn: blackOn,
              },
            });
          const s = subject(samr.ir, records);
          const [compiled, reference] = bothEvaluators(samr.ir, samr.hash, samr.compiled, s, at);
          expect(reference).toBe(compiled);
        },
      ),
      { numRuns: 400, seed: 20261206 },
    );
  });
});
