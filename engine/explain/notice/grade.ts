// Turns a decision's grades into the notice's 信用等级: each grade with its cause, the primary one's spot-check ratio.
import type { PolicyIr } from '../../../dsl/ir.js';
import type { Decision, GradeOutcome } from '../../contract.js';
import { formatPercent } from '../format.js';
import { joinBasis } from './basis.js';

/**
 * The conditions of the direct or cap rules that set a grade, in prose: the explanation's nodes of the rules that
 * held (`direct D`) carry it; one the prose cannot word (a computed year, a set test) is named by its articles.
 */
function causes(decision: Decision, ir: PolicyIr, g: GradeOutcome): string[] {
  const node = decision.explanation?.children?.find((c) => c.kind === 'grade' && c.name === g.scale);
  if (node === undefined || g.by === 'score') return [];
  const out: string[] = [];
  for (const held of node.children ?? []) {
    if (held.kind !== 'rule' || held.outcome !== 'applies' || held.name !== g.rule) continue;
    const said = held.values?.['requirement'];
    // The prose is worded as a requirement ("不得有…"); a cause that held states a fact ("没有…").
    const worded =
      typeof said === 'string'
        ? said.replaceAll('不得有', '没有')
        : `符合${joinBasis(held.basis ?? [], ir, decision.at)}规定的情形`;
    if (!out.includes(worded)) out.push(worded);
  }
  return out;
}

function gradeSentence(decision: Decision, ir: PolicyIr, g: GradeOutcome): string {
  const title = ir.gradings[g.scale]?.title ?? g.scale;
  const why = causes(decision, ir, g);
  const because = why.length === 0 ? '' : `因${why.join('，或')}，`;
  let s: string;
  // "评定为", not "直接评定为": 直接判级 is a term of art (纳税信用 第十八条) a rule reading a recorded score or an
  // evaluation result is not.
  if (g.by === 'direct') s = `「${title}」等级为${g.grade}：${because}评定为${g.grade}。`;
  else if (g.by === 'cap') s = `「${title}」等级为${g.grade}：${because}等级不高于${g.grade}。`;
  // Without score items the score is the grading's base, not a result: "得分0分" would read as the worst score.
  else if (g.items.length === 0)
    // A grading without score items grades by results and situations only (a city's 公共信用综合评价): none held.
    s =
      (ir.gradings[g.scale]?.items.length ?? 0) === 0
        ? `「${title}」等级为${g.grade}（无据以评级的评价结果或情形，按基础等级评定）。`
        : `「${title}」等级为${g.grade}（无加减分事项，按基础等级评定）。`;
  else s = `「${title}」得分${g.score}分，等级为${g.grade}（按得分所在区间评定）。`;
  // Each item with its points in brackets ("本年度加扣11分（-11分）", not "…11分-11分"); an item that counted
  // nothing (a score field read as 0) is not a score.
  const counted = g.items.filter((it) => it.points !== 0);
  if (counted.length > 0) {
    s +=
      '计分情况：' +
      counted.map((it) => `${it.label ?? it.item}（${it.points > 0 ? '+' : ''}${it.points}分）`).join('，') +
      '。';
  }
  return s;
}

/** The primary grade first, with its spot-check ratio; then every other grade a measure may refer to. */
export function gradeParagraphs(decision: Decision, ir: PolicyIr, you: string): string[] {
  const primary = decision.grade;
  const out: string[] = [];
  if (primary !== null) {
    let s = gradeSentence(decision, ir, primary);
    const sup = decision.supervision;
    if (sup !== null) {
      const [lo, hi] = sup.spotCheckRange;
      s += `按此等级，“双随机、一公开”抽查比例为${formatPercent(lo)}至${formatPercent(hi)}`;
      s += sup.frequency === undefined ? '。' : `，频次：${sup.frequency}。`;
      if (sup.basis.length > 0) s += `依据：${joinBasis(sup.basis, ir, decision.at)}。`;
    }
    out.push(s);
  } else {
    // The primary grading does not grade this subject (`applies when`): said, so the missing grade is not a gap.
    const scale = ir.primaryGrading;
    const node = decision.explanation?.children?.find((c) => c.kind === 'grade' && c.name === scale);
    if (scale !== undefined && node?.outcome === 'not-applies' && node.text.includes('主体不在评价范围内')) {
      out.push(node.text.replace('不予评级：主体不在评价范围内', `不予评级：${you}不在评价范围内`) + '。');
    }
  }
  // Another grading's grade answers only for the measures that name it: said, so two grades do not seem to clash.
  for (const g of decision.grades) {
    if (g.scale === primary?.scale) continue;
    const title = ir.gradings[g.scale]?.title ?? g.scale;
    const used = decision.measures.some((m) => m.because.includes(`${g.scale}:${g.grade}`));
    out.push(
      gradeSentence(decision, ir, g) +
        (used ? `「${title}」的等级仅用于以其为条件的措施。` : `「${title}」的等级不影响本次评价的抽查比例和措施。`),
    );
  }
  return out;
}
