// Witnesses (a generated subject whose decision differs), the vocabulary generator, and 从旧兼从轻.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../engine/diff/index.js';
import { chooseLenient } from '../../engine/diff/lenient.js';
import { arbCaseFromVocabulary, arbSubjectFromVocabulary, vocabularyOf } from '../../engine/generate/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { validateSubject } from '../../engine/subject/validate.js';
import { findWitnesses } from '../../engine/witness/index.js';
import { BASE, compile, variant } from './base-policy.js';

const base = compile(BASE);
const RULE_WHERE = 'where fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]';

describe('witnesses', () => {
  it.each([
    ['threshold lowered', 'where fineAmount >= 50万元 or penaltyKinds has any [吊销许可证件]', '新列入“严重失信名单”'],
    [
      'threshold raised',
      'where fineAmount >= 200万元 or penaltyKinds has any [吊销许可证件]',
      '不再列入“严重失信名单”',
    ],
  ])('%s: a subject whose listing differs, with the fine between the thresholds', (_, where, expected) => {
    const next = compile(variant([RULE_WHERE, where])).ir;
    const changes = diffPolicies(base.ir, next);
    const [w] = findWitnesses(base.ir, next, changes, { budget: 400, seed: 7 });
    expect(w?.found).toBe(true);
    expect(w?.difference?.join('；')).toContain(expected);
    const fines = (w?.case?.subject.records ?? []).map((r) => r.attrs?.['fineAmount']).filter((x) => x !== undefined);
    expect(fines.length).toBeGreaterThan(0);
    const old = w?.old;
    const now = w?.new;
    expect(old && now && JSON.stringify(old.lists) !== JSON.stringify(now.lists)).toBe(true);
    expect(w?.oldExplanation).toBeTypeOf('string');
  });

  it('a period end moved off a rest day: a witness on the days around a generated date, and the direction', () => {
    const within = (counted: string) =>
      compile(
        variant([
          RULE_WHERE,
          `where (fineAmount >= 100万元 or penaltyKinds has any [吊销许可证件]) and 日期 + 1 year${counted} >= at`,
        ]),
      ).ir;
    const plain = within('');
    const civil = within(' counted civil');
    const changes = diffPolicies(plain, civil);
    expect(changes.map((c) => c.direction)).toEqual(['从严']);
    const [w] = findWitnesses(plain, civil, changes, { budget: 60, seed: 3 });
    expect(w?.found).toBe(true);
    // Only a date from the corresponding day (a rest day) to the working day after it tells the two apart.
    expect(w?.tried).toBeGreaterThan(60);
    expect(w?.difference?.join('；')).toContain('严重失信名单');
  });

  it('an `until` date counted civil holds a black listing longer: stricter', () => {
    const until = (counted: string) =>
      compile(
        variant([
          '  duration 3 years basis 令44 第二十一条\n',
          `  duration 3 years basis 令44 第二十一条\n  until 日期 + 1 year${counted} basis 令44 第二十一条\n`,
        ]),
      ).ir;
    const changes = diffPolicies(until(''), until(' counted civil'));
    expect(changes.map((c) => [c.direction, c.text])).toEqual([
      [
        '从严',
        '名单“严重失信名单”的截止日期字段由“日期 + 1年”改为“日期 + 1年（末日遇休息日顺延至次一工作日）”（从严）',
      ],
    ]);
    expect(diffPolicies(until(' counted civil'), until('')).map((c) => c.direction)).toEqual(['从宽']);
  });

  it('a change with no effect on decisions has no witness, and says how many subjects were tried', () => {
    const next = compile(variant(['  department "财政部门"', '  department "财政局"'])).ir;
    const changes = diffPolicies(base.ir, next);
    // The department is reported on the measure, so the witness is a subject with that measure.
    const [w] = findWitnesses(base.ir, next, changes, { budget: 200, seed: 1 });
    expect(w?.change).toBe(0);
    const layerOnly = findWitnesses(base.ir, base.ir, [{ ...changes[0]!, path: ['layer', 'x'] }], { budget: 50 });
    // 50 generated cases on their own dates, then on fourteen days around each
    expect(layerOnly[0]).toEqual({ change: 0, found: false, tried: 50 * 15 });
  });

  it('a record type changed beside a rule change borrows no witness from the rule change', () => {
    const both = variant(
      [RULE_WHERE, 'where fineAmount >= 50万元 or penaltyKinds has any [吊销许可证件]'],
      [
        '  field honorRank "表彰级别" enum [国家级, 省级, 市级]',
        '  field honorRank "表彰级别" enum [国家级, 省级, 市级]\n  field refused "拒绝公开" boolean',
      ],
    );
    const next = compile(both).ir;
    const changes = diffPolicies(base.ir, next);
    const record = changes.findIndex((c) => c.path[0] === 'record');
    const rule = changes.findIndex((c) => c.path[0] === 'list');
    expect(record).toBeGreaterThanOrEqual(0);
    expect(rule).toBeGreaterThanOrEqual(0);
    const witnesses = findWitnesses(base.ir, next, changes, { budget: 300, seed: 5 });
    expect(witnesses.find((w) => w.change === record)?.found).toBe(false);
    expect(witnesses.find((w) => w.change === rule)?.found).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const next = compile(variant(['  band B from 900', '  band B from 950'])).ir;
    const changes = diffPolicies(base.ir, next);
    const a = findWitnesses(base.ir, next, changes, { budget: 300, seed: 3 });
    const b = findWitnesses(base.ir, next, changes, { budget: 300, seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a[0]?.found).toBe(true);
  });
});

describe('arbSubjectFromVocabulary', () => {
  it('generates subjects the public contract accepts for the policy', () => {
    fc.assert(
      fc.property(arbSubjectFromVocabulary(base.ir, { at: '2025-06-01' }), (s: Subject) => {
        const checked = validateSubject(JSON.parse(JSON.stringify(s)), base.ir);
        expect(checked.ok ? [] : checked.problems).toEqual([]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('draws amounts at the policy thresholds and dates at its period boundaries', () => {
    const v = vocabularyOf(base.ir);
    expect(v.thresholds.get('fineAmount')).toContain(1_000_000);
    expect(v.counts.get('administrative_penalty')).toBe(3);
    const cases = fc.sample(arbCaseFromVocabulary(base.ir, { at: '2025-06-01' }), { numRuns: 500, seed: 5 });
    const fines = new Set(cases.flatMap((c) => c.subject.records.map((r) => r.attrs?.['fineAmount'])));
    expect(fines.has(999_999) && fines.has(1_000_000) && fines.has(1_000_001)).toBe(true);
    // 3 years before 2025-06-01, give or take a day: the black list's period boundary.
    const dates = new Set(cases.flatMap((c) => c.subject.records.map((r) => r.date)));
    expect(['2022-05-31', '2022-06-01', '2022-06-02'].some((d) => dates.has(d))).toBe(true);
  });
});

describe('从旧兼从轻 (evaluateLenient)', () => {
  const NEW_EFFECTIVE = ['  effective 2022-01-01', '  effective 2025-01-01'] as const;
  const oldC = compilePolicy(base.ir, base.hash);
  const heavy = (date: string, fine: number): Subject => ({
    id: '91610800MA703XXXX1',
    kind: 'enterprise',
    records: [{ id: 'R1', type: 'administrative_penalty', date, severity: '较重', attrs: { fineAmount: fine } }],
  });

  it('keeps the old rule when the new one is heavier for the subject', () => {
    const stricter = compile(variant(NEW_EFFECTIVE, [RULE_WHERE, 'where fineAmount >= 50万元'])).ir;
    const newC = compilePolicy(stricter, 'sha256:new');
    const choice = chooseLenient(oldC, newC, heavy('2024-06-01', 600_000), { at: '2025-06-01', explain: true });
    expect(choice.applied).toBe('old');
    expect(choice.decision.lists).toEqual([]);
    expect(choice.decision.notes.join()).toContain('适用旧规定');
    expect(JSON.stringify(choice.decision.explanation)).toContain('从旧兼从轻');
  });

  it('applies the new rule when it is lighter for the subject', () => {
    const lighter = compile(
      variant(NEW_EFFECTIVE, ['  duration 3 years basis 令44 第二十一条', '  duration 1 year basis 令44 第二十一条']),
    ).ir;
    const newC = compilePolicy(lighter, 'sha256:new');
    const subject = heavy('2024-06-01', 2_000_000);
    const choice = chooseLenient(oldC, newC, subject, { at: '2025-03-01' });
    expect(evaluate(oldC, subject, { at: '2025-03-01' }).lists.map((l) => l.list)).toContain('严重失信名单');
    expect(choice.applied).toBe('new');
    expect(choice.decision.lists.find((l) => l.list === '严重失信名单')?.until).toBe(
      evaluate(newC, subject, { at: '2025-03-01' }).lists.find((l) => l.list === '严重失信名单')?.until,
    );
    expect(choice.reason).toContain('较轻');
  });

  it('applies the new rule to conduct after its effective date', () => {
    const stricter = compile(variant(NEW_EFFECTIVE, [RULE_WHERE, 'where fineAmount >= 50万元'])).ir;
    const newC = compilePolicy(stricter, 'sha256:new');
    const choice = chooseLenient(oldC, newC, heavy('2025-02-01', 600_000), { at: '2025-06-01' });
    expect(choice.applied).toBe('new');
    expect(choice.decision.lists.map((l) => l.list)).toContain('严重失信名单');
  });
});
