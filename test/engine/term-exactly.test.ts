// `term exactly P` (SEMANTICS §4): a measure that lasts P from the listing and no longer, however long the
// listing lasts — 企业信息公示条例 第十八条第二款 "3年内不得担任其他企业的法定代表人、负责人" beside a listing that
// 令44 第二十一条 holds to the end of a longer 限制从业.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { bothEvaluators, validated } from './helpers.js';

const loaded = loadPolicy('policies/samr_blacklist/samr_blacklist.xy');
const ir = loaded.ir!;
const hash = loaded.hash!;
const compiled = compilePolicy(ir, hash);
const BAN = '法定代表人任职限制';

function restricted(restrictionEnds: string): Subject {
  const subject = {
    id: '91110000MA01B0040D',
    kind: 'enterprise',
    records: [
      {
        id: 'R1',
        type: 'administrative_penalty',
        date: '2023-06-30',
        attrs: {
          penaltyKinds: ['罚款', '限制从业'],
          fineAmount: 100000,
          procedure: '普通程序',
          sector: '市场监督管理',
          // 公示信息弄虚作假 (a fine over 5万元): the listing the 任职限制 follows (第十八条第二款)
          domain: '企业信息公示',
          conductCategory: '质量安全违法',
          restrictionEnds,
        },
      },
    ],
  };
  return validated(subject, ir);
}

describe('term exactly', () => {
  it('a later listing starts a term of its own while an earlier one still holds the list (verify, seed 1028)', () => {
    // R1 2023-11-27 held to 2026-11-29 by its restriction; R2 2026-06-01 listed again: the ban runs from R2
    const penalty = (id: string, date: string, extra: Record<string, unknown>): object => ({
      id,
      type: 'administrative_penalty',
      date,
      attrs: {
        penaltyKinds: ['罚款'],
        sector: '市场监督管理',
        domain: '企业信息公示',
        fineAmount: 60000,
        refusedToPerform: true,
        ...extra,
      },
    });
    const s = validated(
      {
        id: '91110000MA01B0040D',
        kind: 'enterprise',
        records: [penalty('R1', '2023-11-27', { restrictionEnds: '2026-11-29' }), penalty('R2', '2026-06-01', {})],
      },
      ir,
    );
    const d = evaluate(compiled, s, { at: '2026-11-29', explain: false });
    expect(d.lists.find((l) => l.list === '严重违法失信名单')?.since).toBe('2023-11-27');
    const ban = d.measures.find((m) => m.measure === BAN);
    expect([ban?.since, ban?.until]).toEqual(['2026-06-01', '2029-06-01']);
    const [fast, reference] = bothEvaluators(ir, hash, compiled, s, '2026-11-29');
    expect(reference).toBe(fast);
  });

  it('spans the term from the listing, not the listing held longer', () => {
    const s = restricted('2028-06-29');
    const on = evaluate(compiled, s, { at: '2026-06-30', explain: false });
    expect(on.lists.find((l) => l.list === '严重违法失信名单')?.until).toBe('2028-06-29');
    expect(on.measures.find((m) => m.measure === BAN)?.until).toBe('2026-06-30');
    const after = evaluate(compiled, s, { at: '2026-07-01', explain: true });
    expect(after.lists.map((l) => l.list)).toContain('严重违法失信名单');
    expect(after.measures.map((m) => m.measure)).not.toContain(BAN);
    const why = after.explanation?.children?.find((c) => c.kind === 'measure' && c.name === BAN);
    expect(why?.text).toContain('自列入名单之日起3年的措施期限已届满（名单仍在期内）');
  });

  it('the reference interpreter decides the same bytes', () => {
    for (const ends of ['2024-12-31', '2028-06-29']) {
      const s = restricted(ends);
      for (const at of ['2025-01-01', '2026-06-30', '2026-07-01', '2028-06-29']) {
        const [fast, reference] = bothEvaluators(ir, hash, compiled, s, at);
        expect(reference).toBe(fast);
      }
    }
  });

  it('a diff names the change from a minimum term to an exact one, its direction open', () => {
    const m = ir.measures[BAN]!;
    const { termExact: _exact, ...minimum } = m;
    const older = { ...ir, measures: { ...ir.measures, [BAN]: minimum } };
    const changes = diffPolicies(older, ir).filter((c) => c.path.includes('term'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.text).toContain('自列入起3年');
    expect(changes[0]!.direction).toBe('不确定');
  });
});
