// The Chinese notice: key dates written 2024年3月1日, facts, basis, measures, remedies; identity numbers masked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../cli/files.js';
import { compilePolicy, evaluate, renderExplanation } from '../../engine/index.js';
import { chineseNumeral } from '../../engine/explain/render.js';
import type { Decision, Subject, SubjectRecord } from '../../engine/index.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { CITY } from '../fixtures/ir/city.js';
import { compiled, heavy, honor, subject } from './helpers.js';

const render = (records: SubjectRecord[], at: string, extra = {}, explain = true, matter?: string): string =>
  renderExplanation(
    evaluate(compiled(), subject(records, extra), { at, explain, ...(matter === undefined ? {} : { matter }) }),
    CITY,
  );

describe('renderExplanation', () => {
  it('a black listing: since, the basis, the automatic end, the repair date and the unmet conditions', () => {
    const text = render([heavy('P1', '2022-03-01', { attrs: { discretion: '从重' } })], '2022-06-01');
    expect(text).toContain('你单位自2022年3月1日起被列入「市场监督管理严重违法失信名单」');
    expect(text).toContain('依据：《市场监督管理严重违法失信名单管理办法》第二条第二款');
    expect(text).toContain('该名单至2025年3月3日届满自动移出');
    expect(text).toContain('自2023年3月2日起可申请提前移出，尚需满足：履行日期已登记；裁量不为从重');
    expect(text).toMatch(/一、名单[\s\S]*二、措施[\s\S]*三、信用等级[\s\S]*四、救济/);
  });

  it('measures with their terms, department and basis', () => {
    const text = render([heavy('P1', '2022-03-01')], '2022-06-01');
    expect(text).toContain(
      '限制参加政府采购活动（失信惩戒措施，限制）：因被列入「市场监督管理严重违法失信名单」，自2022年3月1日起至2025年3月3日止',
    );
    expect(text).toContain('实施部门：财政部门');
    expect(text).toContain('《中华人民共和国政府采购法》第二十二条第一款第（五）项');
  });

  it('grade and supervision ratio', () => {
    const text = render([honor('H1', '2023-01-01')], '2023-06-01');
    expect(text).toContain('得分1030分，等级为B（按得分所在区间评定）');
    expect(text).toContain('抽查比例为5%至20%，频次：每年1次');
  });

  it('a natural person: 你, identity number masked as 610802********1234', () => {
    const text = render([heavy('P1', '2022-03-01')], '2022-06-01', {
      id: '610802199001011234',
      kind: 'natural_person',
      name: '张三',
    });
    expect(text).toContain('张三（610802********1234）');
    expect(text).toContain('你自2022年3月1日起');
    expect(text).not.toContain('199001011234');
  });

  it('without an explanation the identity number is still masked (recognised by its form)', () => {
    const text = render([], '2022-06-01', { id: '610802199001011234', kind: 'natural_person' }, false);
    expect(text).toContain('610802********1234');
    expect(text).not.toContain('610802199001011234');
  });

  it('an enterprise code is not masked', () => {
    expect(render([], '2022-06-01')).toContain('91610800MA703XXXX1');
  });

  it('nothing listed', () => {
    expect(render([], '2022-06-01')).toContain('你单位未被列入本政策规定的任何名单');
  });

  it('not in force: the note and nothing else', () => {
    const text = render([heavy('P1', '2021-03-01')], '2021-08-01');
    expect(text).toContain('本政策尚未施行');
    expect(text).not.toContain('一、名单');
  });

  it('the matter and the notes section', () => {
    const text = render([heavy('P1', '2024-03-01')], '2024-06-01', {}, true, '政府采购');
    expect(text).toContain('办理事项：政府采购');
    expect(text).toMatch(/五、说明\n1\. 2027年节假日安排尚未收录/);
  });

  it('numbers items in Chinese numerals past ten: 十, 十一, 二十, 二十一', () => {
    expect([1, 9, 10, 11, 12, 19, 20, 21, 35, 99].map(chineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十二',
      '十九',
      '二十',
      '二十一',
      '三十五',
      '九十九',
    ]);
    expect(chineseNumeral(100)).toBe('100');
  });
});

describe('renderExplanation of an early removal the subject cannot yet ask for', () => {
  it('says a bar keeps it listed to the end, in prose, not "现已可申请"', () => {
    const loaded = loadPolicy('policies/tax_blacklist/tax_blacklist.xy');
    const policy = compilePolicy(loaded.ir!, loaded.hash!);
    const records: SubjectRecord[] = [
      {
        id: 'T1',
        type: 'major_tax_violation',
        date: '2022-03-01',
        attrs: { ground: '抗税', publishedOn: '2022-04-10' },
      },
      {
        id: 'T2',
        type: 'major_tax_violation',
        date: '2023-03-01',
        fulfilledOn: '2023-05-01',
        attrs: { ground: '骗取出口退税', publishedOn: '2023-04-10' },
      },
    ];
    const decision = evaluate(policy, { id: '91610800MA703XXX03', kind: 'enterprise', records }, { at: '2024-06-01' });
    const text = renderExplanation(decision, loaded.ir!);
    // 令54 第二十二条第（二）项: two determinations within five years of each other bar the early stop (不予提前停止
    // 公布) of both; of the bar's alternatives, the notice names the one that holds, and the records.
    expect(text).toContain(
      '该名单信息至2026年4月10日届满，届满后停止公布；依规定不予提前停止公布（记录 T1、T2：与原记录前后5年内符合条件的「重大税收违法失信主体确定」记录不少于2条，即记录 T1、T2）',
    );
    expect(text).not.toContain('以下之一');
    expect(text).not.toContain('可申请提前停止公布');
    expect(text).not.toContain('移出');
  });

  it('names the date the wait ends and what is still unmet, not "现已可申请"', () => {
    const loaded = loadPolicy('policies/tax_blacklist/tax_blacklist.xy');
    const policy = compilePolicy(loaded.ir!, loaded.hash!);
    const records: SubjectRecord[] = [
      {
        id: 'T1',
        type: 'major_tax_violation',
        date: '2023-03-01',
        attrs: { ground: '抗税', publishedOn: '2023-04-10' },
      },
    ];
    const decision = evaluate(policy, { id: '91610800MA703XXX03', kind: 'enterprise', records }, { at: '2024-06-01' });
    const text = renderExplanation(decision, loaded.ir!);
    expect(text).toContain('自2023年10月11日起可申请提前停止公布，尚需满足：已履行相关义务');
    expect(text).not.toContain('现已可申请提前停止公布');
  });
});

// Found by reading notices as their subjects would (seventh session): each sentence below was wrong or
// misleading before, against the article or the decision itself.
describe('renderExplanation reads as the law and the decision say', () => {
  /** A shipped policy's decision (explanation on) for a fixture subject, with the policy's IR. */
  const decide = (policy: string, file: string, at: string, matter?: string): { decision: Decision; ir: PolicyIr } => {
    const loaded = loadPolicy(`policies/${policy}/${policy}.xy`);
    const subject = JSON.parse(readFileSync(`test/fixtures/${file}`, 'utf8')) as Subject;
    const decision = evaluate(compilePolicy(loaded.ir!, loaded.hash!), subject, {
      at,
      ...(matter === undefined ? {} : { matter }),
    });
    return { decision, ir: loaded.ir! };
  };
  const notice = (policy: string, file: string, at: string, matter?: string): string => {
    const { decision, ir } = decide(policy, file, at, matter);
    return renderExplanation(decision, ir);
  };

  it('a restriction that outlasts the listing: no early removal before it ends, and no repair date offered', () => {
    // 令44 第十六条第二款: 实施相应管理措施期限尚未届满的，不得申请提前移出 (限制从业 to 2029-01-29)
    const text = notice('samr_blacklist', 'subject-restriction-outlasts.json', '2025-02-06', '政府采购');
    expect(text).toContain('该名单至2029年1月29日届满自动移出；届满前不能申请提前移出。');
    expect(text).not.toContain('可申请提前移出');
    expect(text).not.toContain('按上述日期申请信用修复');
  });

  it('a performance recorded for a day after the evaluation date is not yet met', () => {
    const text = notice('samr_blacklist', 'subject-future-fulfilment.json', '2023-12-01', '评优评先');
    expect(text).toContain('尚需满足：已履行相关义务');
    expect(text).not.toContain('条件已满足');
  });

  it('a grade set directly from an evaluation shows no score of its own', () => {
    const text = notice('pingdingshan', 'subject-direct-grade.json', '2024-10-08');
    expect(text).toContain('」等级为C：因有最近一次的「公共信用综合评价结果」记录（评价等级为C），评定为C。');
    expect(text).not.toContain('得分0分');
  });

  it('score items read with their points in brackets, and a grade a rule sets is 评定, not 直接评定', () => {
    // 纳税缴费信用: a D by score the year before costs 11 points (本年度加扣11分)
    const text = notice('tax_credit', 'subject-tax-score-d.json', '2026-06-01');
    expect(text).toContain(
      '计分情况：年度评价指标得分（+95分），上一年度因评价指标得分评为D级，本年度加扣11分（-11分）。',
    );
    expect(text).not.toContain('11分-11分');
    expect(text).not.toContain('直接评定');
  });

  it('a grade set by one of several alternatives names the one that holds', () => {
    // 榆林 direct D: on any of four black lists; this subject is on the 市场监管 list only
    const text = notice('yulin', 'subject-samr-black.json', '2025-06-01');
    expect(text).toContain('等级为D：因被列入「市场监督管理严重违法失信名单」，评定为D。');
    expect(text).not.toContain('因以下之一');
  });

  it('a parameter version is not noted when the notice states no list and no measure', () => {
    // a fine repaired before the evaluation: 较低数额罚款 was read (unset, with its transition) and decided nothing
    const { decision, ir } = decide('samr_penalty_publicity', 'subject-repaired-fine.json', '2024-06-01');
    expect(decision.notes.some((n) => n.startsWith('参数「较低数额罚款」'))).toBe(true);
    expect(renderExplanation(decision, ir)).not.toContain('较低数额罚款');
  });

  it('a listing on a black list can be contested as a decision; a publication alone cannot', () => {
    const black = notice('yulin', 'subject-samr-black.json', '2025-06-01');
    expect(black).toContain(
      '对列入「市场监督管理严重违法失信名单」的决定不服的，可以依法申请行政复议或者提起行政诉讼。',
    );
    const grey = notice('credit_repair', 'subject-repair-2024.json', '2024-12-01');
    expect(grey).not.toContain('行政复议');
  });

  it('an aggregate requirement reads as prose, not as the policy language', () => {
    const text = notice('credit_repair', 'subject-repair-commitment.json', '2024-04-30');
    expect(text).toContain('尚需满足：有「信用承诺」记录（承诺类型为信用修复型）');
    expect(text).not.toMatch(/any |where |==/);
  });

  it('a listing on the subject’s state has no empty record list; one without a term says how it ends', () => {
    const d = notice('tax_credit', 'subject-tax-rating-d.json', '2024-06-03');
    expect(d).not.toContain('（记录 ）');
    // 税收征管法 第四十四条: 结清税款、滞纳金 or 提供担保 ends it, not credit repair
    const arrears = notice('yulin', 'subject-tax-arrears.json', '2025-03-03', '出境');
    expect(arrears).toContain('该名单无固定期限，列入情形消除或者有关机关决定移出时移出');
    expect(arrears).not.toContain('须经信用修复方可移出');
  });

  it('names the instruments in force on the evaluation date among those a rule cites', () => {
    // D-level measures cite 2014 第三十二条 and 2025 第三十四条; in 2024 only the 2014 办法 is in force
    const text = notice('tax_credit', 'subject-tax-rating-d.json', '2024-06-03');
    expect(text).toContain('依据：《纳税信用管理办法（试行）》第三十二条');
    expect(text).not.toContain('《纳税缴费信用管理办法》');
  });

  it('a discretionary measure is one the department may apply, not one applied', () => {
    // 税收征管法 第四十四条: 税务机关可以通知出境管理机关阻止其出境
    const text = notice('yulin', 'subject-tax-arrears.json', '2025-03-03', '出境');
    expect(text).toContain(
      '通知出境管理机关阻止出境（失信惩戒措施，禁入）：因被列入「欠缴税款未结清且未提供担保的纳税人」，自2025年1月2日起可由实施部门依法决定实施。',
    );
  });

  it('a list is named by its own title: a grey list gets no second name, a black list its national category', () => {
    const grey = notice('yulin', 'subject-tax-arrears.json', '2025-03-03', '出境');
    expect(grey).toContain('被列入「欠缴税款未结清且未提供担保的纳税人」。');
    expect(grey).not.toContain('重点关注名单');
    const court = notice('court_dishonest', 'subject-court-evasion.json', '2024-06-01');
    expect(court).toContain('有纳入期限）」（严重失信主体名单）。');
  });

  it('a court list is contested and ended early at the court, not by objection or credit repair', () => {
    // 《若干规定》第十二条 (纠正), 第二条第二款 (人民法院可以决定提前删除失信信息)
    const text = notice('court_dishonest', 'subject-court-evasion.json', '2024-06-01');
    expect(text).toContain(
      '可以向人民法院申请纠正；已履行义务或者主动纠正失信行为的，可以按上述日期申请人民法院删除失信信息。',
    );
    expect(text).not.toContain('向认定机关提出异议');
    expect(text).not.toContain('申请信用修复');
  });

  it('says a title once per run of citations, and an article once per run of its items', () => {
    // three grounds of 第一条, one rule each: the items the court found, in order, the article said once
    const text = notice('court_dishonest', 'subject-court-two-grounds.json', '2024-06-01');
    expect(text).toContain(
      '依据：《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（三）项、第（四）项、第（五）项。',
    );
  });

  it('cites the item of 第一条 the court found, not every item of the rule', () => {
    const text = notice('court_dishonest', 'subject-court-evasion.json', '2024-06-01');
    expect(text).toContain('依据：《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（三）项。');
  });

  it('cites a local document’s numbered items as the document writes them', () => {
    // 《榆林市2019年社会信用体系建设工作要点》numbers its items (一) … (二十二) across its parts
    const text = notice('yulin', 'subject-court-evasion.json', '2024-06-01');
    expect(text).toContain('《榆林市2019年社会信用体系建设工作要点》（十一）');
    expect(text).not.toMatch(/要点》[一二三四五六七八九十]/);
  });

  it('the facts say what each record holds among the alternatives a rule covers', () => {
    // 第一条: the record is 规避执行, item (三)
    const court = notice('court_dishonest', 'subject-court-evasion.json', '2024-06-01');
    expect(court).toContain(
      '事实：以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行（记录 C1：失信情形为规避执行）。',
    );
    const samr = notice('samr_blacklist', 'subject-restriction-outlasts.json', '2025-02-06', '政府采购');
    // the rule of the article the conduct falls under (第五条 食品安全) names it, and its record reads the rest
    expect(samr).toContain(
      '事实：因食品安全违法行为受到市场监督管理部门较重行政处罚（记录 P-2024-0129A：违法行为类别为食品安全违法，实施部门类别为市场监督管理，裁量为从重，处罚种类为罚款、限制从业）',
    );
    expect(samr).toContain('《市场监督管理严重违法失信名单管理办法》第二条第二款、第五条、第二十五条');
    expect(samr).not.toMatch(/日期为\d/);
    // money in the policy's units: 罚款金额 50000 → 5万元 (政府采购法实施条例 第十九条 较大数额罚款)
    const fine = notice('yulin', 'subject-procurement-fine.json', '2025-06-30', '政府采购');
    expect(fine).toContain('罚款金额为5万元');
  });

  it('a record decided under an earlier regime: the instrument of its time, not one in force only later', () => {
    // 2024 records are published under 令58; the rules also cite 527号 and 令36 for the other eras
    const text = notice('credit_repair', 'subject-repair-2024.json', '2024-12-01');
    expect(text).toContain('依据：《失信行为纠正后的信用信息修复管理办法（试行）》。该信息公示至');
    expect(text).not.toContain('信用修复管理办法》第九条');
    // the periods' instrument is not said twice when it is the listing's own
    expect(text).not.toContain('期限依据：《失信行为纠正后的信用信息修复管理办法（试行）》');
    // evaluated after 令36 took effect, a 2024 record's listing still names the instrument it began under
    const later = notice('credit_repair', 'subject-repair-2024.json', '2026-06-01');
    expect(later).toContain('依据：《失信行为纠正后的信用信息修复管理办法（试行）》。该信息公示至');
    expect(later).not.toContain('发改办财金〔2019〕527号');
  });

  it('parameter versions chosen for one reason are noted once; a presumed calendar only for a year the notice uses', () => {
    const text = notice('credit_repair', 'subject-repair-2024.json', '2024-12-01');
    expect(text).toContain(
      '参数「一般失信信息最短公示期」、「一般失信信息最长公示期」、「严重失信信息最短公示期」、「严重失信信息最长公示期」适用',
    );
    expect(text.match(/适用2023年5月1日起施行的版本/g)).toHaveLength(1);
    // the listings end in 2027: the 2027 calendar note stays
    expect(text).toContain('2027年节假日安排尚未收录');
    // a presumed calendar of a year no date of the notice falls in (a period a repair cut short) is not said
    const { decision, ir } = decide('credit_repair', 'subject-repair-2024.json', '2024-12-01');
    const unused = '2031年节假日安排尚未收录，期间末日按周末和法定节日推定（未计调休），以国务院公布的放假安排为准';
    expect(renderExplanation({ ...decision, notes: [...decision.notes, unused] }, ir)).not.toContain('2031年');
  });

  it('with a matter, says the measures of other matters were left out', () => {
    const text = notice('yulin', 'subject-tax-arrears.json', '2025-03-03', '出境');
    expect(text).toContain('以上为办理「出境」事项适用的措施，其他事项适用的措施未列出。');
  });

  it('a red list a black list keeps the subject off is said, not left out', () => {
    // 陕西条例 第二十七条: 无不良信用记录 — a 失信被执行人 gets no 守信激励 for its provincial honour
    const text = notice('yulin', 'subject-honour-and-debtor.json', '2025-06-01');
    expect(text).toMatch(
      /因已被列入「失信被执行人名单[^」]*」，你单位不予列入「陕西省守信激励对象名单」，相关守信激励措施不予适用。/,
    );
    // a red list voided by a black list (SEMANTICS: red lists without allow black)
    const voided = render([honor('H1', '2022-01-01'), heavy('P1', '2022-03-01')], '2022-06-01');
    expect(voided).toContain('你单位被列入严重失信主体名单期间，不予列入「诚信典型名单」，相关守信激励措施不予适用。');
  });

  it('a 农户 is 你户 and its head’s identity number is masked', () => {
    const text = notice('yulin_plan', 'subject-rural-household.json', '2025-06-01');
    expect(text).toContain('（610802********0021）');
    expect(text).not.toContain('610802198001010021');
    expect(text).toContain('你户自2025年3月1日起');
  });

  it('every grade a measure may refer to, each with its cause', () => {
    const text = notice('yulin', 'subject-grade-d.json', '2025-06-01');
    expect(text).toContain(
      '「榆林市公共信用综合评价（分级分类监管）」等级为D：因有最近一次的「公共信用综合评价结果」记录',
    );
    expect(text).toContain(
      '「陕西省信用分级分类监管」等级为D：因有最近一次的「信用评价结果」记录（信用风险分类为高风险',
    );
    // the province's grade beside the city's: said what it is for, so the two do not seem to clash
    expect(text).toContain('「陕西省信用分级分类监管」的等级仅用于以其为条件的措施。');
    // A cap on a list (平顶山 had one for a breached commitment until review R49; no shipped policy has one now):
    // worded as the list, not in the policy language.
    const loaded = loadPolicy('policies/pingdingshan/pingdingshan.xy');
    const ir = loaded.ir!;
    const grading = ir.gradings['公共信用综合评价']!;
    const withCap: PolicyIr = {
      ...ir,
      gradings: {
        ...ir.gradings,
        公共信用综合评价: {
          ...grading,
          caps: [{ grade: 'C', when: { op: 'onList', list: '违诺信息公示' }, basis: [] }],
        },
      },
    };
    const breach = JSON.parse(readFileSync('test/fixtures/subject-commitment-breach.json', 'utf8')) as Subject;
    const d = evaluate(compilePolicy(withCap, 'sha256:cap'), breach, { at: '2025-06-01' });
    const capped = renderExplanation(d, withCap);
    expect(capped).toContain('等级为C：因被列入「平顶山市违背信用承诺信息归集公示」，等级不高于C。');
    expect(capped).not.toContain('得分0分');
    // the tree words the cap as the notice does, not in the policy language
    const grade = d.explanation?.children?.find((c) => c.kind === 'grade');
    expect(grade?.children?.map((c) => c.text)).toContain('最高评为C：被列入「平顶山市违背信用承诺信息归集公示」');
  });

  it('names the policy in 「」, not as a published instrument in 《》', () => {
    const text = notice('yulin', 'subject-tax-arrears.json', '2025-03-03');
    expect(text).toContain('适用政策：「榆林市社会信用联合奖惩与分级分类监管」');
  });

  it('a measure whose level repeats its action says it once', () => {
    const text = notice('samr_blacklist', 'subject-restriction-outlasts.json', '2025-02-06', '政府采购');
    expect(text).not.toMatch(/限制，限制/);
  });

  it('a grading by results alone says none held, not that no score item counted', () => {
    const ir = loadPolicy('policies/yulin/yulin.xy').ir!;
    const d = evaluate(
      compilePolicy(ir, 'h'),
      { id: '91610800MA703A240N', kind: 'enterprise', records: [] },
      {
        at: '2025-06-01',
      },
    );
    const text = renderExplanation(d, ir);
    expect(text).toContain('等级为B（无据以评级的评价结果或情形，按基础等级评定）');
    expect(text).not.toContain('无加减分事项');
  });

  it('a list its instrument gives no early end (the 政府采购 look-back) offers objection, not credit repair', () => {
    const text = notice('government_procurement', 'subject-procurement-fine.json', '2025-06-01');
    expect(text).toContain('三、救济\n你单位对所依据的信用信息有异议的，可以向认定机关提出异议。');
    expect(text).not.toContain('申请信用修复');
  });

  it('a falsification listing is barred from early removal by its own record, not by a later penalty', () => {
    // 令44 第十六条第二款 with 公示条例 第十八条第二款: the 3-year 任职限制 outlasts any early removal
    const ir = loadPolicy('policies/samr_blacklist/samr_blacklist.xy').ir!;
    const record: SubjectRecord = {
      id: 'P1',
      type: 'administrative_penalty',
      date: '2024-08-01',
      fulfilledOn: '2024-08-20',
      attrs: {
        penaltyKinds: ['罚款'],
        fineAmount: 80000,
        sector: '市场监督管理',
        domain: '企业信息公示',
        conductCategory: '许可登记及妨碍监管违法',
        procedure: '普通程序',
        effectsEliminated: true,
      },
    };
    const d = evaluate(
      compilePolicy(ir, 'h'),
      { id: '91610800MA703A240N', kind: 'enterprise', records: [record] },
      {
        at: '2025-09-01',
      },
    );
    const text = renderExplanation(d, ir);
    expect(text).toContain('依规定不予提前移出（主体类型为企业，且领域为企业信息公示');
    expect(text).not.toContain('有「行政处罚」记录（以下之一');
  });
});
