// `outer F` (LANGUAGE.md "Expressions"): inside an aggregate's `where`, the field of the record the aggregate is
// reached from — the record a listing is about. 令45 第十四条第一款第（三）项 (no early stop after another penalty
// for the same kind of violation) and 令36 第二十五条 (repair of the original record waits 3 years) need it.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, repairAfterEndOf, validated } from './helpers.js';
import { checkTexts, codes, header } from '../check/helpers.js';

const samr = loadPolicy('policies/samr_penalty_publicity/samr_penalty_publicity.xy');
const samrIr = samr.ir!;
const samrCompiled = compilePolicy(samrIr, samr.hash!);
const LIST = '行政处罚信息公示';

/** A published penalty; an attribute given as null is left out, `top` holds built-in fields (revokedOn). */
function penalty(
  id: string,
  date: string,
  publishedOn: string,
  attrs: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): object {
  const all: Record<string, unknown> = {
    penaltyKinds: ['罚款', '没收违法所得'],
    procedure: '普通程序',
    sector: '市场监督管理',
    publishedOn,
    fineAmount: 20000,
    conductCategory: '侵害消费者权益违法',
    ...attrs,
  };
  return {
    id,
    type: 'administrative_penalty',
    date,
    ...top,
    attrs: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)),
  };
}

const subjectOf = (records: object[]): Subject =>
  validated({ id: '91610100MA6TG0080L', kind: 'enterprise', records }, samrIr);

const R1 = penalty('R1', '2024-03-20', '2024-04-02');

describe('outer F: a condition tied to the record a listing is about', () => {
  it('a later penalty for the same kind of violation bars early stop of the earlier one only', () => {
    const s = subjectOf([R1, penalty('R2', '2024-08-01', '2024-08-10')]);
    const d = evaluate(samrCompiled, s, { at: '2024-12-01', explain: false });
    // R1 is barred, so the listing has no repairFrom; R2 alone would have one (2025-02-11)
    expect(d.lists.find((l) => l.list === LIST)?.repairFrom).toBeNull();
    const later = subjectOf([penalty('R2', '2024-08-01', '2024-08-10')]);
    expect(evaluate(samrCompiled, later, { at: '2024-12-01', explain: false }).lists[0]?.repairFrom).toBe('2025-02-11');
  });

  it('another kind of violation, another department or an earlier date is not 同一类 再次', () => {
    const cases: [object, string | null][] = [
      [penalty('R2', '2024-08-01', '2024-08-10', { conductCategory: '其他违法' }), '2025-02-11'],
      [penalty('R2', '2024-08-01', '2024-08-10', { sector: '生态环境' }), '2024-10-09'],
      // an unstated kind cannot be matched as the same kind
      [penalty('R2', '2024-08-01', '2024-08-10', { conductCategory: null }), '2025-02-11'],
    ];
    for (const [r2, repairFrom] of cases) {
      const d = evaluate(samrCompiled, subjectOf([R1, r2]), { at: '2024-12-01', explain: false });
      expect(d.lists.find((l) => l.list === LIST)?.repairFrom).toBe(repairFrom);
    }
  });

  it('the reference interpreter decides the same bytes, across dates around both records', () => {
    const subjects = [
      subjectOf([R1, penalty('R2', '2024-08-01', '2024-08-10')]),
      subjectOf([penalty('R0', '2023-09-01', '2023-09-05'), R1]),
      subjectOf([R1, penalty('R2', '2024-08-01', '2024-08-10', {}, { revokedOn: '2024-11-01' })]),
    ];
    for (const s of subjects) {
      for (const at of ['2024-06-01', '2024-08-01', '2024-10-09', '2024-11-01', '2025-03-01']) {
        const [fast, reference] = bothEvaluators(samrIr, samr.hash!, samrCompiled, s, at);
        expect(reference).toBe(fast);
      }
    }
  });

  it('the notice words the bar against the original record, naming the listing barred and the record that bars it', () => {
    const s = subjectOf([R1, penalty('R2', '2024-08-01', '2024-08-10')]);
    const text = renderExplanation(evaluate(samrCompiled, s, { at: '2024-12-01' }), samrIr);
    expect(text).toContain(
      '依规定不予提前停止公示（记录 R1：有「行政处罚」记录（日期晚于原记录的日期，且违法行为类别与原记录相同，且实施部门类别为市场监督管理、药品监督管理之一），即记录 R2）',
    );
  });

  it('the notice gives each record of a publication its own period and early-stop status', () => {
    const s = subjectOf([R1, penalty('R2', '2024-08-01', '2024-08-10')]);
    const text = renderExplanation(evaluate(samrCompiled, s, { at: '2024-12-01' }), samrIr);
    expect(text).toContain(
      '其中：记录 R1 自2024年4月2日起至2027年4月2日止，不予提前停止公示；记录 R2 自2024年8月10日起至2027年8月10日止，自2025年2月11日起可申请提前停止公示。',
    );
    // one record, or records with the same period: nothing to add
    const alone = renderExplanation(evaluate(samrCompiled, subjectOf([R1]), { at: '2024-12-01' }), samrIr);
    expect(alone).not.toContain('其中：');
  });

  it('令36 第二十五条: only the record the false material concerns waits three years', () => {
    const loaded = loadPolicy('policies/credit_repair/credit_repair.xy');
    const ir = loaded.ir!;
    const compiled = compilePolicy(ir, loaded.hash!);
    const repairFrom = (originalRecord: string | undefined): string | null | undefined => {
      const s = validated(
        {
          id: '91610800MA703XXX03',
          kind: 'enterprise',
          records: [
            {
              id: 'R1',
              type: 'administrative_penalty',
              date: '2026-04-10',
              severity: '一般',
              attrs: { penaltyKinds: ['罚款'], fineAmount: 50000, procedure: '普通程序' },
            },
            {
              id: 'F1',
              type: 'repair_dishonesty',
              date: '2026-08-03',
              attrs: { conduct: '提供虚假材料', ...(originalRecord === undefined ? {} : { originalRecord }) },
            },
          ],
        },
        ir,
      );
      const d = evaluate(compiled, s, { at: '2026-09-01', explain: true });
      const l = d.lists.find((x) => x.list === '一般失信信息公示');
      // Three years from the false material come after the listing's own end (2027-04-10): no repairFrom, and the
      // explanation names the day it would have been.
      return l?.repairFrom ?? repairAfterEndOf(d, '一般失信信息公示');
    };
    expect(repairFrom('R1')).toBe('2029-08-04');
    expect(repairFrom('R9')).toBe('2026-07-11');
    expect(repairFrom(undefined)).toBe('2029-08-04');
  });
});

describe('令54 第二十二条第（二）项: two determinations within five years of each other', () => {
  const loaded = loadPolicy('policies/tax_blacklist/tax_blacklist.xy');
  const ir = loaded.ir!;
  const compiled = compilePolicy(ir, loaded.hash!);
  const determination = (id: string, date: string, fulfilledOn: string, publishedOn: string): object => ({
    id,
    type: 'major_tax_violation',
    date,
    fulfilledOn,
    attrs: { ground: '虚开增值税专用发票', publishedOn },
  });
  const subject = validated(
    {
      id: '91610800MA70TC060X',
      kind: 'enterprise',
      records: [
        determination('M1', '2022-03-01', '2022-04-01', '2022-04-15'),
        determination('M2', '2026-12-01', '2027-01-05', '2027-01-15'),
      ],
    },
    ir,
  );

  it('bar the later listing however long the subject waits (not counted back from the evaluation date)', () => {
    // at 2027-09-01 the first determination is more than five years back, the second listing still runs
    const d = evaluate(compiled, subject, { at: '2027-09-01', explain: true });
    expect(d.lists.find((l) => l.list === '重大税收违法失信主体名单')?.repairFrom).toBeNull();
    const [fast, reference] = bothEvaluators(ir, loaded.hash!, compiled, subject, '2027-09-01');
    expect(reference).toBe(fast);
    expect(renderExplanation(d, ir)).toContain(
      '依规定不予提前停止公布（记录 M2：与原记录前后5年内符合条件的「重大税收违法失信主体确定」记录不少于2条，即记录 M1、M2）',
    );
  });
});

describe('outer F in the checker, the formatter and the diff', () => {
  const list = (where: string, rule = '    for administrative_penalty\n'): string =>
    header(
      `list 名单 grey "名单"\n  duration 2 years basis 法A 第一条\n` +
        `  early removal after 6 months when fulfilledOn <= at\n    unless ${where}\n    basis 法A 第一条\n` +
        `  rule 规则 "规则" basis 法A 第一条\n${rule}`,
    );

  it('reads a field of the record the aggregate is reached from, typed as that field', () => {
    const ok = checkTexts(list('any administrative_penalty where 日期 > outer 日期 and discretion == outer 裁量'));
    expect(codes(ok)).toEqual([]);
    const unless = ok.ir?.lists['名单']?.earlyRemoval?.unless;
    expect(JSON.stringify(unless)).toContain('{"op":"outerField","key":"discretion","builtin":false}');
    // a comparison across types is caught as for any field
    const bad = checkTexts(list('any administrative_penalty where fineAmount > outer 日期'));
    expect(codes(bad)).toContain('check.bad-operands');
  });

  it('is an error outside an aggregate, and where no record is in scope', () => {
    const outside = checkTexts(list('outer 日期 < at'));
    const d = outside.diagnostics.find((x) => x.code === 'check.outer-outside-aggregate')!;
    expect(d.message).toContain('只能用在汇总');
    expect(d.messageEn).toContain("inside an aggregate's `where`");
    const whenRule = checkTexts(
      list('fulfilledOn is set', '    when any administrative_penalty where 日期 > outer 日期\n'),
    );
    expect(codes(whenRule)).toContain('check.outer-no-record');
    const unknown = checkTexts(list('any administrative_penalty where outer 没有的字段 is set'));
    expect(codes(unknown)).toContain('check.unknown-field');
  });

  it('the formatter keeps it, and a diff words it against the original record', () => {
    const without = samrIr.lists[LIST]!;
    const { unless: _bar, ...removal } = without.earlyRemoval!;
    const older = { ...samrIr, lists: { ...samrIr.lists, [LIST]: { ...without, earlyRemoval: removal } } };
    const changes = diffPolicies(older, samrIr).filter((c) => c.path.includes('earlyRemoval'));
    expect(changes.map((c) => c.text).join('\n')).toContain('原记录的日期');
  });
});

const EFFECTS_GONE = { effectsEliminated: true };
// R1's early stop granted on 2024-10-15, after its unbarred repair date.
const GRANTED = penalty('R1', '2024-03-20', '2024-04-02', EFFECTS_GONE, {
  repairedOn: '2024-10-15',
  fulfilledOn: '2024-04-20',
});
const SAME_KIND_BEFORE = penalty('R2', '2024-08-01', '2024-08-10', EFFECTS_GONE);
const SAME_KIND_AFTER = penalty('R3', '2025-01-10', '2025-01-20', EFFECTS_GONE);
const BAR_AT = '2025-03-01';

const listsR1 = (s: Subject): boolean =>
  evaluate(samrCompiled, s, { at: BAR_AT, explain: false })
    .lists.find((l) => l.list === LIST)
    ?.because.some((b) => b.records.includes('R1')) ?? false;

// A repair recorded on a barred listing (SEMANTICS §2) is void when the bar already held on the repair's day, and the
// bar held from the day the records it needs were there: the first later penalty for `any`, not the last.
describe('outer F: a repair recorded on a barred listing', () => {
  it('stands when the bar came after it', () => {
    expect(listsR1(subjectOf([GRANTED, SAME_KIND_AFTER]))).toBe(false);
  });

  it('is void when the bar held on its day, however many bar records came later', () => {
    expect(listsR1(subjectOf([GRANTED, SAME_KIND_BEFORE]))).toBe(true);
    expect(listsR1(subjectOf([GRANTED, SAME_KIND_BEFORE, SAME_KIND_AFTER]))).toBe(true);
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const records of [
      [GRANTED, SAME_KIND_AFTER],
      [GRANTED, SAME_KIND_BEFORE],
      [GRANTED, SAME_KIND_BEFORE, SAME_KIND_AFTER],
    ]) {
      for (const at of ['2024-10-15', '2024-12-01', BAR_AT]) {
        const [fast, reference] = bothEvaluators(samrIr, samr.hash!, samrCompiled, subjectOf(records), at);
        expect(reference).toBe(fast);
      }
    }
  });
});
