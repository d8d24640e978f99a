// Turns a size and a seed into the text of a large, realistic, check-clean policy (.xy) for compile-time figures.
//
// The shape follows the shipped city policies: cited bases, enums, record types with typed fields,
// effective-dated parameters, lists of per-record and subject-level rules (thresholds, enum tests,
// severity, `unless`, windows, counts, lists referring to lists), measures on lists and grades, and
// gradings with score items, bands, direct and cap rules and supervision ratios.
import { Prng } from './prng.js';

export interface SyntheticShape {
  readonly lists: number;
  readonly rulesPerList: number;
  readonly measures: number;
  readonly gradings: number;
  readonly recordTypes: number;
  readonly seed: number;
}

export interface SyntheticPolicy {
  readonly text: string;
  readonly lines: number;
  /** listing rules + measures + score items + direct / cap rules */
  readonly rules: number;
  readonly listingRules: number;
}

const ARTICLES = ['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条'];
const MATTERS = ['政府采购', '招标投标', '行政审批', '财政补贴', '评优评先', '市场准入', '资质认定', '银行信贷'];
const REWARD_MATTERS = ['政务服务', '公共交通', '文化服务', '医疗服务'];
const SEVERITY = ['轻微', '一般', '较重', '严重'];
const BASES = 24;
const ENUMS = 12;
const PARAMS = 24;

/** A shape of about `lines` lines (the generator lands within a few percent; the result says exactly). */
export function shapeForLines(lines: number, seed = 20_240_601): SyntheticShape {
  // Measured on this generator: about 34 lines per list with its share of measures and gradings, and a fixed
  // part (bases, enums, records, parameters) of about 550 lines.
  const lists = Math.max(1, Math.round((lines - 550) / 35.4));
  return {
    lists,
    rulesPerList: 4,
    measures: Math.round(lists * 1.2),
    gradings: Math.max(1, Math.round(lists / 30)),
    recordTypes: 24,
    seed,
  };
}

export function syntheticPolicy(shape: SyntheticShape): SyntheticPolicy {
  const rng = new Prng(shape.seed);
  const out: string[] = [];
  const cite = (): string => `法规${rng.int(1, BASES)} ${rng.pick(ARTICLES)}`;
  let listingRules = 0;
  let otherRules = 0;

  out.push(
    'policy synthetic "合成城市社会信用政策（编译基准）"',
    '  jurisdiction city 610800',
    '  version "2025.1"',
    '  effective 2020-01-01',
    '',
    'scale severity 轻微 < 一般 < 较重 < 严重',
    'scale level 提示 < 警示 < 约谈 < 加强监管 < 限制 < 禁入',
    '',
  );
  for (let b = 1; b <= BASES; b++) {
    out.push(
      `basis 法规${b} "合成地方性法规第${b}号"`,
      `  rank ${b % 3 === 0 ? '法律' : '地方性法规'}`,
      `  issuer "合成市人民代表大会常务委员会"`,
      `  number "合成公告〔2020〕${b}号"`,
      `  effective 2020-01-01`,
      `  articles ${ARTICLES.join(' ')}`,
      `  certainty verified`,
      '',
    );
  }
  for (let e = 1; e <= ENUMS; e++) {
    out.push(`enum 类别${e} [${Array.from({ length: 6 }, (_, k) => `类${e}值${k + 1}`).join(', ')}]`);
  }
  out.push('');
  const enumOf = (t: number): number => (t % ENUMS) + 1;
  for (let t = 1; t <= shape.recordTypes; t++) {
    out.push(
      `record 记录${t} "合成记录类型${t}"`,
      '  severity',
      `  field 金额${t} "涉案金额" money`,
      `  field 类别 "类别" enum 类别${enumOf(t)} required`,
      `  field 种类 "处理种类" list of 类别${enumOf(t + 1)}`,
      `  field 故意 "主观故意" boolean`,
      `  field 次数 "违法次数" integer`,
      `  field 期满日 "限制期满日" date`,
      `  field 公示日 "公示日期" date`,
      '',
    );
  }
  for (let p = 1; p <= PARAMS; p++) {
    out.push(
      `param 阈值${p} "金额阈值${p}" money`,
      `  ${rng.int(1, 50) * 10}万元 from 2020-01-01 basis ${cite()}`,
      `  ${rng.int(1, 50) * 10}万元 from 2024-01-01 basis ${cite()}`,
      '',
    );
  }
  out.push(
    'param 列入期限 "一般列入期限" duration',
    `  3 years from 2020-01-01 basis ${cite()}`,
    `  2 years from 2024-07-01 basis ${cite()}`,
    '',
  );

  const kinds: ('black' | 'grey' | 'red')[] = [];
  for (let l = 1; l <= shape.lists; l++) {
    const kind = l % 5 === 0 ? 'red' : l % 2 === 0 ? 'black' : 'grey';
    kinds.push(kind);
    out.push(`list 名单${l} ${kind} "合成名单${l}"`, '  scope local', `  basis ${cite()}`);
    if (kind !== 'red') {
      out.push(
        l % 3 === 0 ? `  duration 列入期限 basis ${cite()}` : `  duration ${rng.int(1, 5)} years basis ${cite()}`,
      );
      if (l % 4 === 0) out.push(`  extend to 期满日 basis ${cite()}`);
      out.push(`  early removal after ${rng.int(3, 12)} months when fulfilledOn is set basis ${cite()}`);
      if (l % 7 === 0) out.push('  objection pending suspend');
    }
    for (let r = 1; r <= shape.rulesPerList; r++) {
      listingRules++;
      const t = rng.int(1, shape.recordTypes);
      const e = enumOf(t);
      out.push(`  rule 规则${l}_${r} "合成规则${l}之${r}"`, `    basis ${cite()}`);
      if (kind === 'red') {
        out.push(
          `    when not (any 记录${t} where severity >= 一般 within 3 years)`,
          `      and count 记录${rng.int(1, shape.recordTypes)} where 故意 != true within 2 years >= ${rng.int(1, 3)}`,
        );
        continue;
      }
      const earlier = l > 2 && kinds[l - 3] !== 'red' ? l - 2 : 0;
      if (r === shape.rulesPerList && earlier > 0) {
        out.push(
          `    when on 名单${earlier} and count 记录${t} where 类别 in [类${e}值1, 类${e}值2] within 1 year >= 2`,
        );
        continue;
      }
      out.push(
        `    for 记录${t}${r % 3 === 0 ? ' from 公示日' : ''}`,
        `    where 金额${t} >= 阈值${rng.int(1, PARAMS)} and 类别 in [类${e}值${rng.int(1, 3)}, 类${e}值${rng.int(4, 6)}]`,
        kind === 'black'
          ? `      and severity >= 较重 and (种类 has any [类${enumOf(t + 1)}值${rng.int(1, 6)}] or 次数 >= ${rng.int(2, 4)})`
          : `      and (种类 has any [类${enumOf(t + 1)}值${rng.int(1, 6)}] or severity >= ${rng.pick(SEVERITY)})`,
      );
      if (r % 2 === 0) out.push(`    unless 故意 == false and 次数 < ${rng.int(2, 5)} basis ${cite()}`);
    }
    out.push('');
  }

  const gradings: string[] = [];
  for (let g = 1; g <= shape.gradings; g++) gradings.push(`评价${g}`);
  for (let m = 1; m <= shape.measures; m++) {
    otherRules++;
    const l = rng.int(1, shape.lists);
    const kind = kinds[l - 1]!;
    const matters = kind === 'red' ? REWARD_MATTERS : MATTERS;
    const m1 = rng.pick(matters);
    const m2 = rng.pick(matters.filter((x) => x !== m1));
    out.push(`measure 措施${m} "合成措施${m}"`);
    if (kind === 'red') out.push(`  reward action ${rng.pick(['prioritize', 'simplify'])}`);
    else
      out.push(`  ${rng.pick(['penalty', 'management'])} level ${rng.pick(['警示', '约谈', '限制'])} action restrict`);
    out.push(`  applies to 名单${l}`);
    if (kind !== 'red' && m % 4 === 0) out.push(`  applies to grade ${rng.pick(gradings)} D`);
    out.push(
      `  matters [${m1}, ${m2}]`,
      `  department "合成市第${m}部门"`,
      m % 3 === 0 ? '  discretionary' : '  mandatory',
    );
    if (m % 10 === 0 && kind !== 'red') out.push('  term 3 years');
    out.push(`  basis ${cite()}`, '');
  }

  for (let g = 1; g <= shape.gradings; g++) {
    const black = kinds.findIndex((k, i) => k === 'black' && i >= g) + 1;
    out.push(
      `grading 评价${g} "合成公共信用综合评价${g}"`,
      '  grades A > B > C > D',
      '  base 1000',
      '  range 0 .. 1200',
    );
    for (let i = 1; i <= 6; i++) {
      otherRules++;
      const t = rng.int(1, shape.recordTypes);
      out.push(
        i % 2 === 0
          ? `  item 加分${g}_${i} "守信加分" add ${rng.int(1, 5) * 10} per 记录${t} where 故意 != true within 3 years cap 90 basis ${cite()}`
          : `  item 扣分${g}_${i} "失信扣分" deduct ${rng.int(1, 10) * 10} per 记录${t} where severity >= 一般 within 3 years cap 300 basis ${cite()}`,
      );
    }
    out.push('  band A from 1050', '  band B from 900', '  band C from 600', '  band D from 0');
    otherRules += 2;
    if (black > 0) out.push(`  direct D when on 名单${black} basis ${cite()}`);
    out.push(
      `  cap B when count 记录${rng.int(1, shape.recordTypes)} where severity >= 较重 within 1 year > 0 basis ${cite()}`,
    );
    const sup: [string, string, string][] = [
      ['A', '0% .. 5%', '每年少于1次'],
      ['B', '5% .. 20%', '每年1次'],
      ['C', '20% .. 50%', '每年2次'],
      ['D', '50% .. 100%', '每年不少于3次'],
    ];
    for (const [grade, ratio, freq] of sup)
      out.push(`  supervision ${grade} ratio ${ratio} frequency "${freq}" basis ${cite()}`);
    out.push('');
  }
  const text = out.join('\n');
  return { text, lines: out.length, rules: listingRules + otherRules, listingRules };
}
