// The since of a `when` listing held back by `not any …` (SEMANTICS §2 "`when` rule"): a record that counted
// against it stops counting on a date — its repair, its payment, the end of its look-back — and the listing
// holds from the day the last such record stopped, not from an older good record. 陕西条例 第二十七条: 守信激励对象
// are those with no 不良信用记录 (five years here) and an honour; a penalty of 2019 bars a 2020 honour until it
// has aged out.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import type { IrExpr } from '../../dsl/ir.js';
import { canLapse, lapsedOn, lapses, throughMask } from '../../engine/compile/walk.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { addDays } from '../../engine/time/dates.js';
import { bothEvaluators, validated } from './helpers.js';

const loaded = loadPolicy('policies/shaanxi/shaanxi.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const LIST = '守信激励对象名单';
const HONOUR = { id: 'H1', type: 'honor', date: '2020-01-10', attrs: { honorLevel: '省级' } };

function withRecords(records: unknown[]): Subject {
  return validated({ id: '91610100MA6TG0020E', kind: 'enterprise', records: [HONOUR, ...records] }, ir);
}
const sinceOf = (s: Subject, at: string): string | undefined =>
  evaluate(compiled, s, { at, explain: false }).lists.find((l) => l.list === LIST)?.since;

describe('since of a when listing after a record stops counting', () => {
  const penalty = (extra: Record<string, unknown>): unknown => ({
    id: 'P1',
    type: 'administrative_penalty',
    date: '2019-06-01',
    attrs: { penaltyKinds: ['罚款'] },
    ...extra,
  });

  it('a penalty aged out of its five years: from the day after its last day', () => {
    const s = withRecords([penalty({})]);
    // 2019-06-01 + 5 years = 2024-06-01, a Saturday: the period runs through Monday 2024-06-03 (民法典 第二百零三条,
    // `日期 + 5 years counted civil >= at`), and the penalty counts until then
    expect(sinceOf(s, '2024-06-01')).toBeUndefined();
    expect(sinceOf(s, '2024-06-03')).toBeUndefined();
    expect(sinceOf(s, '2024-06-04')).toBe('2024-06-04');
    expect(sinceOf(s, '2025-01-01')).toBe('2024-06-04');
  });

  it('a repaired penalty: from the repair', () => {
    const s = withRecords([penalty({ date: '2021-03-01', repairedOn: '2023-02-01' })]);
    expect(sinceOf(s, '2023-01-31')).toBeUndefined();
    expect(sinceOf(s, '2023-02-01')).toBe('2023-02-01');
  });

  it('the latest of several: the honour when it came after every bad record stopped', () => {
    const late = { ...HONOUR, id: 'H2', date: '2024-09-09' };
    const s = validated(
      {
        id: '91610100MA6TG0020E',
        kind: 'enterprise',
        records: [penalty({}), penalty({ id: 'P2', date: '2019-01-01' }), late],
      },
      ir,
    );
    // 第三十三条: from the day after its ten-working-day notice (2024-09-14, a Saturday, was a working day)
    expect(sinceOf(s, '2025-01-01')).toBe('2024-09-25');
  });

  it('a later honour does not move a listing the first one already held: from the day the penalties aged out', () => {
    const late = { ...HONOUR, id: 'H2', date: '2024-09-09' };
    const s = withRecords([penalty({}), penalty({ id: 'P2', date: '2019-01-01' }), late]);
    expect(sinceOf(s, '2025-01-01')).toBe('2024-06-04');
    const [mine, reference] = bothEvaluators(ir, hash, compiled, s, '2025-01-01');
    expect(mine).toBe(reference);
  });

  it('arrears paid, a 严重失信主体名单 removed: from the payment, the removal', () => {
    const arrears = { id: 'T1', type: 'tax_arrears', date: '2022-01-01', fulfilledOn: '2022-08-08', attrs: {} };
    expect(sinceOf(withRecords([arrears]), '2023-01-01')).toBe('2022-08-08');
    const listed = {
      id: 'S1',
      type: 'serious_dishonesty_listing',
      date: '2021-01-01',
      attrs: { listName: '某名单', listCategory: '破坏市场秩序和社会秩序', removedOn: '2023-05-05' },
    };
    expect(sinceOf(withRecords([listed]), '2024-01-01')).toBe('2023-05-05');
  });

  it('a record that never counted (不予处罚) moves nothing; nor does any listing begin before the 条例 (2022-03-01)', () => {
    const s = withRecords([penalty({ date: '2022-05-01', attrs: { penaltyKinds: ['警告'], discretion: '不予处罚' } })]);
    // the 2020 honour qualifies, but the list exists only from the 条例's effective date (R64)
    expect(sinceOf(s, '2022-02-28')).toBeUndefined();
    expect(sinceOf(s, '2023-01-01')).toBe('2022-03-01');
    const late = validated(
      { id: '91610100MA6TG0020E', kind: 'enterprise', records: [{ ...HONOUR, id: 'H2', date: '2022-06-01' }] },
      ir,
    );
    // its notice: ten working days after 2022-06-01, 端午 (06-03) not counted
    expect(sinceOf(late, '2023-01-01')).toBe('2022-06-17');
    // with the 2020 honour as well, the listing has held since the 条例 took effect: a second ground renews nothing
    const both = withRecords([{ ...HONOUR, id: 'H2', date: '2022-06-01' }]);
    expect(sinceOf(both, '2023-01-01')).toBe('2022-03-01');
  });

  it('a `for` instance (a highest 行业信用评价) is reported from the day its `not any …` cleared, its period from the record', () => {
    const s = validated(
      {
        id: '91610100MA6TG0020E',
        kind: 'enterprise',
        records: [
          {
            id: 'E1',
            type: 'credit_evaluation',
            date: '2023-01-10',
            attrs: { evaluationKind: '行业信用评价', highestGrade: true, validUntil: '2026-01-09' },
          },
          {
            id: 'P1',
            type: 'administrative_penalty',
            date: '2022-03-01',
            repairedOn: '2024-06-03',
            attrs: { penaltyKinds: ['罚款'] },
          },
        ],
      },
      ir,
    );
    const l = evaluate(compiled, s, { at: '2025-01-01', explain: false }).lists.find((x) => x.list === LIST);
    expect(l?.since).toBe('2024-06-03');
    expect(l?.until).toBe('2026-01-09');
    const [mine, reference] = bothEvaluators(ir, hash, compiled, s, '2025-01-01');
    expect(mine).toBe(reference);
    expect(renderExplanation(evaluate(compiled, s, { at: '2025-01-01', explain: true }), ir)).toContain(
      '列入自2024年6月3日起算：记录 P1（2022年3月1日）自该日起不再计入。',
    );
  });

  it('before the penalty ages out, the explanation and the notice say from when the honour will list the subject', () => {
    const d = evaluate(compiled, withRecords([penalty({})]), { at: '2024-03-01', explain: true });
    const list = d.explanation!.children!.find((c) => c.kind === 'list' && c.name === LIST)!;
    const remedy = list.children!.flatMap((r) => r.children ?? []).find((c) => c.kind === 'remedy');
    expect(remedy?.dates).toEqual({ from: '2024-06-04' });
    expect(renderExplanation(d, ir)).toContain(
      '你单位暂未列入「陕西省守信激励对象名单」：其他条件均已满足；记录 P1（2019年6月1日，计入至2024年6月3日）不再计入后，如无其他变化，可自2024年6月4日起列入。',
    );
    // Without a ground (no honour) nothing is promised: the rule fails on more than records that age out.
    const none = validated({ id: '91610100MA6TG0020E', kind: 'enterprise', records: [penalty({})] }, ir);
    const text = renderExplanation(evaluate(compiled, none, { at: '2024-03-01', explain: true }), ir);
    expect(text).not.toContain('暂未列入');
    // A record with no end of its own (a 严重失信 listing not removed) promises nothing either.
    const listed = {
      id: 'S1',
      type: 'serious_dishonesty_listing',
      date: '2021-01-01',
      attrs: { listName: '某名单', listCategory: '破坏市场秩序和社会秩序' },
    };
    const held = renderExplanation(evaluate(compiled, withRecords([listed]), { at: '2024-03-01', explain: true }), ir);
    expect(held).not.toContain('暂未列入');
  });

  it('explaining never fails where deciding did not: a ground that needs a year the calendar lacks promises nothing', () => {
    // The penalty bars the list, so deciding never asks the honour's ten working days (in 2027, not yet published).
    const s = withRecords([penalty({ date: '2024-01-01' }), { ...HONOUR, id: 'H2', date: '2027-02-20' }]);
    expect(sinceOf(s, '2027-03-01')).toBeUndefined();
    const d = evaluate(compiled, s, { at: '2027-03-01', explain: true });
    expect(renderExplanation(d, ir)).not.toContain('暂未列入');
  });

  it('the notice says why the listing holds from that day', () => {
    const notice = (s: Subject, at: string): string =>
      renderExplanation(evaluate(compiled, s, { at, explain: true }), ir);
    expect(notice(withRecords([penalty({})]), '2025-01-01')).toContain(
      '自2024年6月4日起被列入「陕西省守信激励对象名单」',
    );
    expect(notice(withRecords([penalty({})]), '2025-01-01')).toContain(
      '列入自2024年6月4日起算：记录 P1（2019年6月1日）自该日起不再计入。',
    );
    const debtor = { id: 'C1', type: 'court_dishonest_debtor', date: '2021-03-01', attrs: { ground: '规避执行' } };
    expect(notice(withRecords([debtor]), '2025-01-01')).toContain(
      '列入自2023年3月2日起算：自该日起不再被列入「失信被执行人名单（第一条第二项至第六项，有纳入期限）」。',
    );
    // A since the honour itself gave needs no word.
    expect(notice(withRecords([]), '2025-01-01')).not.toContain('起算');
  });

  it('the reference interpreter decides the same bytes', () => {
    const subjects = [
      withRecords([penalty({})]),
      withRecords([penalty({ date: '2021-03-01', repairedOn: '2023-02-01' })]),
      withRecords([{ id: 'T1', type: 'tax_arrears', date: '2022-01-01', fulfilledOn: '2022-08-08', attrs: {} }]),
    ];
    for (const s of subjects)
      for (const at of ['2023-02-01', '2024-06-02', '2024-06-04', '2025-01-01']) {
        const [fast, reference] = bothEvaluators(ir, hash, compiled, s, at);
        expect(reference).toBe(fast);
      }
  });
});

describe('canLapse: whether a condition that holds can stop holding with time alone', () => {
  const at: IrExpr = { op: 'at' };
  const date: IrExpr = { op: 'field', key: 'date', builtin: true };
  const five: IrExpr = { op: 'lit', type: 'duration', value: { amount: 5, unit: 'year' } };
  const shifted: IrExpr = { op: 'dateShift', sign: 1, date, duration: five };
  const cmp = (c: '<' | '>=', left: IrExpr, right: IrExpr): IrExpr => ({
    op: 'cmp',
    cmp: c,
    type: 'date',
    left,
    right,
  });
  const any = (where?: IrExpr, within?: boolean): IrExpr => ({
    op: 'agg',
    agg: 'any',
    recordType: 'honor',
    ...(where === undefined ? {} : { where }),
    ...(within === true ? { within: { amount: 3, unit: 'year' } } : {}),
  });

  it('a notice that must have run, records that age out, not being listed: no', () => {
    expect(canLapse(any(cmp('<', shifted, at)))).toBe(false);
    expect(canLapse({ op: 'not', arg: any(cmp('>=', shifted, at)) })).toBe(false);
    expect(canLapse({ op: 'not', arg: { op: 'onList', list: 'x' } })).toBe(false);
    expect(canLapse(any())).toBe(false);
  });

  it('a look-back window, a stop, a listing or grade needed, a date running out: yes', () => {
    expect(canLapse(any(undefined, true))).toBe(true);
    expect(canLapse(any(cmp('>=', shifted, at)))).toBe(true);
    expect(canLapse({ op: 'onList', list: 'x' })).toBe(true);
    expect(canLapse({ op: 'grade', grading: 'g' })).toBe(true);
    expect(canLapse(cmp('>=', shifted, at))).toBe(true);
    expect(canLapse({ op: 'not', arg: cmp('<', shifted, at) })).toBe(true);
  });

  it('the shaanxi ground itself cannot: the counterfactual may be promised', () => {
    const rule = ir.lists[LIST]!.rules.find((r) => r.when !== undefined)!;
    const conjuncts = rule.when!.op === 'and' ? rule.when!.args : [rule.when!];
    const positives = conjuncts.filter((c) => !(c.op === 'not' && c.arg.op === 'agg'));
    expect(positives.length).toBeGreaterThan(0);
    expect(positives.some((c) => canLapse(c))).toBe(false);
  });
});

describe('lapses', () => {
  const rule = ir.lists[LIST]!.rules.find((r) => r.when !== undefined)!;
  const found = lapses(rule.when);

  it('finds the `not any …` conjuncts whose records stop on a date, and leaves out the rest', () => {
    expect(found.map((l) => l.agg.recordType)).toEqual([
      'administrative_penalty',
      'criminal_penalty',
      'tax_arrears',
      'abnormal_operation',
      'serious_dishonesty_listing',
      'credit_commitment',
    ]);
    // `rating == D and ratingYear == max ratingYear of …` reads another aggregate: no day it stops is known
    expect(found.some((l) => l.agg.recordType === 'tax_credit_rating')).toBe(false);
  });

  it('stops on the first of its dates that has come; never before the record itself', () => {
    const penalty = found[0]!; // not repairedOn <= at (before), 日期 + 5 years >= at (through)
    const next = (d: string): string => addDays(d, 1);
    expect(lapsedOn(throughMask(penalty), '2025-01-01', '2019-06-01', ['2023-01-01', '2024-06-01'], null, next)).toBe(
      '2023-01-01',
    );
    expect(lapsedOn(throughMask(penalty), '2025-01-01', '2019-06-01', [null, '2024-06-01'], null, next)).toBe(
      '2024-06-02',
    );
    // still counting: the repair is after at, the five years not over
    expect(
      lapsedOn(throughMask(penalty), '2024-06-01', '2019-06-01', ['2024-07-01', '2024-06-01'], null, next),
    ).toBeNull();
    // a repair dated before the record: it never counted
    expect(
      lapsedOn(throughMask(penalty), '2025-01-01', '2019-06-01', ['2019-05-01', '2024-06-01'], null, next),
    ).toBeNull();
    // a `within` window that left it out first
    expect(lapsedOn(throughMask(penalty), '2025-01-01', '2019-06-01', [null, '2024-06-01'], '2020-06-02', next)).toBe(
      '2020-06-02',
    );
  });
});
