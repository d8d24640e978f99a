// The verify library itself: which record types are adverse, how decisions compare, and reproducibility.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadPolicy } from '../../cli/files.js';
import type { Decision, MeasureOutcome } from '../../engine/contract.js';
import { betterGrade, gainedRewards, lighterMatter, OTHER_MATTER } from '../../engine/verify/compare.js';
import { adverseRecordTypes, renderVerifyReport, verifyPolicy } from '../../engine/verify/index.js';

function policy(id: string): NonNullable<ReturnType<typeof loadPolicy>['ir']> {
  const ir = loadPolicy(join(BUNDLED_POLICIES, id, `${id}.xy`)).ir;
  if (!ir) throw new Error(`${id} does not check`);
  return ir;
}

function measure(name: string, level: string, matters: string[] | null, kind: MeasureOutcome['kind'] = 'penalty') {
  return {
    measure: name,
    kind,
    action: kind === 'reward' ? 'prioritize' : 'restrict',
    level,
    because: ['L'],
    basis: [],
    mandatory: true,
    matters,
    since: '2024-01-01',
    until: null,
  } satisfies MeasureOutcome;
}

function decision(measures: MeasureOutcome[], grade = 'B'): Decision {
  const g = { scale: 'G', score: 0, grade, by: 'score' as const, items: [] };
  return {
    contract: 'xinyong.decision/1',
    subject: 's',
    at: '2024-06-01',
    matter: null,
    policy: { id: 'p', version: '1', hash: 'h' },
    inForce: true,
    lists: [],
    grade: g,
    grades: [g],
    supervision: null,
    measures,
    notes: [],
  };
}

describe('adverse record types', () => {
  it('are the fault records of yulin, not its honours or evaluation results', () => {
    const adverse = adverseRecordTypes(policy('yulin'));
    for (const t of ['administrative_penalty', 'court_dishonest_debtor', 'tax_arrears', 'abnormal_operation'])
      expect(adverse).toContain(t);
    for (const t of ['honor', 'public_credit_evaluation', 'taohua_score', 'credit_evaluation', 'tax_credit_rating'])
      expect(adverse).not.toContain(t);
  });

  it('leave out a type the policy reads both ways (tax_credit: tax_violation sinks and, through 判D不保留, lifts)', () => {
    expect(adverseRecordTypes(policy('tax_credit'))).not.toContain('tax_violation');
  });
});

describe('comparing decisions', () => {
  const ir = policy('yulin');

  it('accepts a penalty replaced by one at least as heavy in every matter it covered', () => {
    const grey = decision([
      measure('灰名单提示约谈', '约谈', null),
      measure('灰名单不适用告知承诺', '限制', ['行政审批']),
    ]);
    const black = decision([
      measure('黑名单警示约谈', '约谈', null),
      measure('限制享受审批便利', '限制', ['行政审批', '资质认定']),
    ]);
    expect(lighterMatter(ir, grey, black)).toBeUndefined();
  });

  it('finds the matter where the heaviest burden drops', () => {
    const before = decision([measure('a', '限制', ['政府采购']), measure('b', '约谈', null)]);
    const after = decision([measure('b', '约谈', null)]);
    expect(lighterMatter(ir, before, after)?.matter).toBe('政府采购');
    expect(lighterMatter(ir, decision([measure('b', '约谈', null)]), decision([]))?.matter).toBe(OTHER_MATTER);
  });

  it('finds a better grade and a gained reward', () => {
    expect(betterGrade(ir, decision([], 'C'), decision([], 'B'))).toBeUndefined();
    const g = policy('yulin').primaryGrading ?? '';
    const d = (grade: string): Decision => ({
      ...decision([]),
      grades: [{ scale: g, score: 0, grade, by: 'score', items: [] }],
    });
    expect(betterGrade(ir, d('C'), d('B'))).toEqual({ scale: g, before: 'C', after: 'B' });
    expect(betterGrade(ir, d('B'), d('C'))).toBeUndefined();
    expect(gainedRewards(decision([]), decision([measure('r', '提示', null, 'reward')])).map((m) => m.measure)).toEqual(
      ['r'],
    );
  });
});

describe('verifyPolicy', () => {
  it('gives the same report for the same seed and runs', () => {
    const loaded = loadPolicy(join(BUNDLED_POLICIES, 'samr_blacklist', 'samr_blacklist.xy'));
    const ir = loaded.ir!;
    const a = verifyPolicy(ir, loaded.hash!, { runs: 60, seed: 5 });
    const b = verifyPolicy(ir, loaded.hash!, { runs: 60, seed: 5 });
    expect(renderVerifyReport(b)).toBe(renderVerifyReport(a));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('checks only the laws asked for', () => {
    const loaded = loadPolicy(join(BUNDLED_POLICIES, 'national', 'national.xy'));
    const report = verifyPolicy(loaded.ir!, loaded.hash!, { runs: 20, seed: 1, laws: ['time'] });
    expect(report.laws.map((l) => l.law)).toEqual(['time']);
    expect(report.laws[0]?.status).toBe('holds');
  });
});
