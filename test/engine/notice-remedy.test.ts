// What the notice tells a subject to do: whom to object or apply to — the authority each record behind a listing
// names, a court's 执行法院 (notice review N7 F07); a pending objection on a court's list as a request for
// correction (N7 F26); which measures of a matter's notice concern every matter (N7 F31); why a tax determination
// paid before publication is not published (令54 第十四条; N7 F10); a bar the prose cannot word, by its instrument (R49).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import type { SubjectRecord } from '../../engine/index.js';
import { validated } from './helpers.js';

function load(file: string) {
  const loaded = loadPolicy(file);
  return { ir: loaded.ir!, compiled: compilePolicy(loaded.ir!, loaded.hash!) };
}
const yulin = load('policies/yulin/yulin.xy');
const court = load('policies/court_dishonest/court_dishonest.xy');
const tax = load('policies/tax_blacklist/tax_blacklist.xy');
const repair = load('policies/credit_repair/credit_repair.xy');

/** A 食品安全 penalty with 责令停产停业: the 严重违法失信名单 (令44 第二条第二款第（三）项). */
const penalty = (extra: Partial<SubjectRecord> = {}): SubjectRecord => ({
  id: 'P1',
  type: 'administrative_penalty',
  date: '2024-03-01',
  severity: '较重',
  ...extra,
  attrs: {
    penaltyKinds: ['罚款', '责令停产停业'],
    fineAmount: 50000,
    procedure: '普通程序',
    sector: '市场监督管理',
    conductCategory: '食品安全违法',
  },
});

function notice(
  p: { ir: PolicyIr; compiled: ReturnType<typeof compilePolicy> },
  records: SubjectRecord[],
  matter?: string,
) {
  const s = validated({ id: '91610800MA703AAA0A', kind: 'enterprise', records }, p.ir);
  const d = evaluate(p.compiled, s, { at: '2024-06-01', ...(matter === undefined ? {} : { matter }) });
  return { d, text: renderExplanation(d, p.ir) };
}

function authorityNotice(authority: boolean): string {
  return notice(yulin, [
    penalty(authority ? { authority: '榆林市市场监督管理局' } : {}),
    {
      id: 'C1',
      type: 'court_dishonest_debtor',
      date: '2024-05-10',
      attrs: { ground: '违反财产报告制度', ...(authority ? { courtName: '榆林市榆阳区人民法院' } : {}) },
    },
  ]).text;
}

describe('the notice names whom to apply to', () => {
  it('the deciding authority and the court, as the records name them', () => {
    const text = authorityNotice(true);
    expect(text).toContain('可以向认定机关（榆林市市场监督管理局）提出异议');
    expect(text).toContain('可以向人民法院（榆林市榆阳区人民法院）申请纠正');
  });

  it('records that name none: the generic words', () => {
    const text = authorityNotice(false);
    expect(text).toContain('可以向认定机关提出异议');
    expect(text).toContain('可以向人民法院申请纠正');
  });
});

describe('a pending objection in the notice', () => {
  it('on a platform list is marked, and the subject is told the listing and its measures go on meanwhile', () => {
    const { d, text } = notice(yulin, [penalty({ objection: 'pending' })]);
    expect(d.lists.find((l) => l.list === '严重违法失信名单')?.marked).toEqual(['P1']);
    expect(text).toContain('记录 P1 正在异议处理中，已予标注；异议处理期间，列入状态和相关措施不停止执行。');
  });

  it('on a court list is a request for correction, not a platform objection with its 标注', () => {
    const { text } = notice(court, [
      {
        id: 'C1',
        type: 'court_dishonest_debtor',
        date: '2024-05-10',
        objection: 'pending',
        attrs: { ground: '违反财产报告制度' },
      },
    ]);
    expect(text).toContain('记录 C1 的纠正申请正在处理中。');
    expect(text).not.toContain('已予标注');
  });
});

describe('measures for a matter in the notice', () => {
  it('names the measures that concern every matter', () => {
    const { d, text } = notice(yulin, [penalty()], '政府采购');
    const general = d.measures.flatMap((m, i) => (m.matters === null ? [i] : []));
    expect(general.length).toBeGreaterThan(0);
    expect(general.length).toBeLessThan(d.measures.length);
    expect(text).toContain('以上为办理「政府采购」事项适用的措施，其他事项适用的措施未列出。');
    expect(text).toMatch(/其中第（[一二三四五六七八九十]+）(、（[一二三四五六七八九十]+）)*项措施不限于特定事项/);
  });

  it('says so when no measure is particular to the matter', () => {
    const general = penalty({ severity: '一般' });
    const { d, text } = notice(
      yulin,
      [{ ...general, attrs: { ...general.attrs, penaltyKinds: ['罚款'] } }],
      '政府采购',
    );
    expect(d.measures.length).toBeGreaterThan(0);
    expect(d.measures.every((m) => m.matters === null)).toBe(true);
    expect(text).toContain(
      '以上措施均不限于特定事项，办理各类事项均适用；没有专门适用于「政府采购」事项的措施，仅适用于其他事项的措施未列出。',
    );
    expect(text).not.toContain('以上为办理「政府采购」事项适用的措施');
  });

  it('says nothing of the kind without a matter', () => {
    expect(notice(yulin, [penalty()]).text).not.toContain('不限于特定事项');
  });
});

describe('a tax determination paid before publication (令54 第十四条)', () => {
  const determination = (fulfilledOn: string): SubjectRecord => ({
    id: 'T1',
    type: 'major_tax_violation',
    date: '2024-03-12',
    fulfilledOn,
    attrs: { ground: '偷税', evadedAmount: 2_000_000, maxYearRatio: 0.2, publishedOn: '2024-04-15' },
  });

  it('says it is not published for good, and why', () => {
    const { d, text } = notice(tax, [determination('2024-03-20')]);
    expect(d.lists.map((l) => [l.list, l.because.map((b) => b.rule)])).toEqual([
      ['已确定未公布失信主体', ['缴清不予公布']],
    ]);
    expect(text).toContain('在失信信息公布前缴清税款、滞纳金和罚款，经税务机关确认，不向社会公布');
    expect(text).toContain('《重大税收违法失信主体信息公布管理办法》第十四条、第十五条');
  });

  it('paid only after publication: published, no word of 第十四条', () => {
    const { d, text } = notice(tax, [determination('2024-05-20')]);
    expect(d.lists.map((l) => l.list)).toEqual(['重大税收违法失信主体名单']);
    expect(text).not.toContain('不向社会公布');
  });
});

describe('a bar that reads as the policy (527号 特定严重失信)', () => {
  it('is named by the instrument in force that sets it, not by its dates and catalogues', () => {
    const s = validated(
      {
        id: '91610800MA703AAA0A',
        kind: 'enterprise',
        records: [
          {
            id: 'P1',
            type: 'administrative_penalty',
            date: '2021-06-01',
            severity: '严重',
            fulfilledOn: '2021-06-20',
            attrs: {
              penaltyKinds: ['罚款', '责令停产停业'],
              fineAmount: 200000,
              procedure: '普通程序',
              sector: '生态环境',
              domain: '生态环境',
            },
          },
        ],
      },
      repair.ir,
    );
    const text = renderExplanation(evaluate(repair.compiled, s, { at: '2022-06-01' }), repair.ir);
    expect(text).toContain(
      '依规定不予提前停止公示（属于《国家发展改革委办公厅关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知》规定的情形）',
    );
    expect(text).not.toContain('2019-07-01');
  });
});

describe('what a repair ends, beside a listing it cannot end (N8 F04)', () => {
  it("says only the repaired listing's measures end, not the 政府采购 look-back", () => {
    const p = penalty({ severity: '严重', fulfilledOn: '2024-04-20' });
    const { d, text } = notice(
      yulin,
      [{ ...p, attrs: { ...p.attrs, businessRelated: true, discretion: '从重' } }],
      '政府采购',
    );
    expect(d.lists.map((l) => l.list)).toContain('政府采购重大违法记录');
    expect(text).toContain('修复后依据已修复名单实施的措施同时终止；依规定不予提前移出的名单及其措施不因修复而终止');
    expect(text).not.toContain('修复后相关措施同时终止');
  });
});
