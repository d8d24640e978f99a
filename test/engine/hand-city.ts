// A hand-written evaluator of the city fixture's rules: the speed baseline, and a second opinion on the decisions.
import type { Duration } from '../../dsl/ir.js';
import { CONTRACT_VERSION } from '../../engine/contract.js';
import type {
  Decision,
  GradeOutcome,
  ListOutcome,
  MeasureOutcome,
  Subject,
  SubjectRecord,
} from '../../engine/contract.js';
import { addDays, lastDay, shiftDate } from '../../engine/time/index.js';

const Y1: Duration = { amount: 1, unit: 'year' };
const Y2: Duration = { amount: 2, unit: 'year' };
const Y3: Duration = { amount: 3, unit: 'year' };
const Y5: Duration = { amount: 5, unit: 'year' };
const SEV = ['轻微', '一般', '较重', '严重'];
const L44 = '《市场监督管理严重违法失信名单管理办法》';
const TX = '《测试市诚信典型管理办法》';
const PJ = '《测试市公共信用综合评价办法》';

type Inst = {
  rec: SubjectRecord | null;
  since: string;
  until: string | null;
  repair: string | null;
  active: boolean;
  /** ended by a recorded repair the list allows */
  repaired?: boolean;
};

const by = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ids = (rs: SubjectRecord[]): string[] => [...new Set(rs.map((r) => r.id))].sort(by);

export function handCity(subject: Subject, at: string, matter: string | null, hash: string): Decision {
  const head = {
    contract: CONTRACT_VERSION as typeof CONTRACT_VERSION,
    subject: subject.id,
    at,
    matter,
    policy: { id: 'testcity', version: '2024.1', hash },
  };
  if (at < '2021-09-01') {
    return {
      ...head,
      inForce: false,
      lists: [],
      grade: null,
      grades: [],
      supervision: null,
      measures: [],
      notes: ['评价日期' + zh(at) + '早于本政策施行日期2021年9月1日，本政策尚未施行，不适用任何名单和措施'],
    };
  }
  const notes = new Set<string>();
  const ld = (s: string, d: Duration, c: 'civil' | 'calendar' = 'civil'): string => {
    const r = lastDay(s, d, c);
    if (r.note !== undefined) notes.add(r.note);
    return r.date;
  };
  const pen: SubjectRecord[] = [];
  const hon: SubjectRecord[] = [];
  const com: SubjectRecord[] = [];
  for (const r of subject.records) {
    if (
      r.date > at ||
      (r.revokedOn !== null && r.revokedOn !== undefined && r.revokedOn <= at) ||
      r.objection === 'upheld'
    )
      continue;
    if (r.type === 'administrative_penalty') pen.push(r);
    else if (r.type === 'honor') hon.push(r);
    else if (r.type === 'credit_commitment') com.push(r);
  }
  // `within` windows keep the corresponding day itself (民法典 第二百零二条: it is the period's last day)
  const w1 = shiftDate(at, -1, Y1);
  const w2 = shiftDate(at, -1, Y2);
  const w3 = shiftDate(at, -1, Y3);

  // 严重违法失信名单
  const black: Inst[] = [];
  for (const r of pen) {
    const a = r.attrs ?? {};
    const fine = a['fineAmount'];
    const kinds = a['penaltyKinds'];
    const heavy =
      (typeof fine === 'number' && fine >= 1_000_000) ||
      (Array.isArray(kinds) && (kinds.includes('吊销许可证件') || kinds.includes('责令停产停业')));
    if (!heavy || a['noIntent'] === true) continue;
    let until = ld(r.date, Y3);
    const ext = a['restrictionEnds'];
    if (typeof ext === 'string' && ext > until) until = ext;
    const repair = addDays(ld(r.date, Y1), 1);
    // A repair ends the listing only from the day early removal may be asked, and not when the record itself says
    // a condition of it was unmet (从重: `discretion != 从重` fails on any day) (SEMANTICS §2).
    const repaired =
      r.repairedOn !== null &&
      r.repairedOn !== undefined &&
      r.repairedOn <= at &&
      r.repairedOn >= repair &&
      a['discretion'] !== '从重';
    black.push({ rec: r, since: r.date, until, repair, active: r.date <= at && at <= until && !repaired, repaired });
  }
  // 国家级表彰名单 (allow black, indefinite)
  const nat: Inst[] = hon
    .filter((r) => r.attrs?.['rank'] === '国家级')
    .map((r) => ({ rec: r, since: r.date, until: null, repair: null, active: true }));
  // 诚信典型: any honor within 3 years
  const hon3 = hon.filter((r) => r.date >= w3);
  const model: Inst[] = [];
  if (hon3.length > 0) {
    // held since the earliest honour in the window (reported not before the city policy took effect, 2021-09-01);
    // its term counts from the latest, which renews it
    const facts = hon3.reduce((m, r) => (r.date > m ? r.date : m), '');
    const first = hon3.reduce((m, r) => (r.date < m ? r.date : m), facts);
    const until = ld(facts, Y2);
    const since = first < '2021-09-01' ? '2021-09-01' : first;
    model.push({ rec: null, since, until, repair: null, active: since <= at && at <= until });
  }
  // 重点关注名单: suspend pending, count within 2 years >= 3, param 1y / 2y from 2024, calendar counting
  const pen2 = pen.filter((r) => r.objection !== 'pending' && r.date >= w2);
  const grey: Inst[] = [];
  if (pen2.length >= 3) {
    const facts = pen2.reduce((m, r) => (r.date > m ? r.date : m), '');
    if (at >= '2024-01-01')
      notes.add('参数「重点关注名单期限」适用2024年1月1日起施行的版本：此前已列入的是否适用新期限，办法未作规定');
    const until = ld(facts, at >= '2024-01-01' ? Y2 : Y1, 'calendar');
    const since = facts < '2021-09-01' ? '2021-09-01' : facts;
    grey.push({ rec: null, since, until, repair: null, active: since <= at && at <= until });
  }

  const lists: ListOutcome[] = [];
  const out = (
    name: string,
    title: string,
    kind: ListOutcome['kind'],
    inst: Inst[],
    rule: string,
    basis: string[],
    recs: SubjectRecord[] | null,
    label?: string,
    mark = true,
  ): ListOutcome | null => {
    const act = inst.filter((i) => i.active);
    if (act.length === 0) return null;
    const rs = recs ?? act.map((i) => i.rec!);
    const untils = act.map((i) => i.until);
    const repairs = act.map((i) => i.repair).filter((x): x is string => x !== null);
    const marked = mark ? ids(rs.filter((r) => r.objection === 'pending')) : [];
    const o: ListOutcome = {
      list: name,
      title,
      kind,
      since: act.map((i) => i.since).sort(by)[0]!,
      until: untils.includes(null) ? null : (untils as string[]).sort(by).at(-1)!,
      repairFrom: repairs.length === 0 ? null : repairs.sort(by).at(-1)!,
      because: [{ rule, ...(label === undefined ? {} : { label }), records: ids(rs), basis }],
    };
    return marked.length > 0 ? { ...o, marked } : o;
  };
  const bo = out(
    '严重违法失信名单',
    '市场监督管理严重违法失信名单',
    'black',
    black,
    '较重行政处罚',
    [L44 + '第二条第二款'],
    null,
    '受到较重行政处罚',
  );
  const no = out('国家级表彰名单', '国家级表彰获得者名单', 'red', nat, '国家级表彰', [TX + '第五条'], null);
  const mo = bo === null ? out('诚信典型', '诚信典型名单', 'red', model, '近三年获表彰', [TX + '第五条'], hon3) : null;
  const go = out(
    '重点关注名单',
    '重点关注名单',
    'grey',
    grey,
    '多次处罚',
    [PJ + '第十一条'],
    pen2,
    '两年内三次以上行政处罚',
    false,
  );
  for (const o of [bo, no, mo, go]) if (o !== null) lists.push(o);
  lists.sort((a, b) => by(a.list, b.list));

  // 公共信用评价
  const items: GradeOutcome['items'][number][] = [];
  let score = 1000;
  const gen = pen.filter((r) => r.date >= w3 && r.severity === '一般');
  if (gen.length > 0)
    items.push({
      item: '一般处罚',
      label: '一般行政处罚扣分',
      points: Math.max(-100, -20 * gen.length),
      records: ids(gen),
    });
  const kept = com.filter((r) => r.attrs?.['kept'] === true);
  if (kept.length > 0) items.push({ item: '承诺履约', points: 10, records: ids(kept) });
  if (hon3.length > 0) items.push({ item: '表彰', points: Math.min(90, 30 * hon3.length), records: ids(hon3) });
  const hv = pen.filter((r) => r.date >= w3 && SEV.indexOf(r.severity ?? '') >= 2);
  if (hv.length > 0) items.push({ item: '较重处罚', points: -150 * hv.length, records: ids(hv) });
  for (const it of items) score += it.points;
  score = Math.min(1200, Math.max(0, score));
  let grade = score >= 1050 ? 'A' : score >= 900 ? 'B' : score >= 600 ? 'C' : 'D';
  let byWhat: GradeOutcome['by'] = 'score';
  let rule: string | undefined;
  if (bo !== null) {
    grade = 'D';
    byWhat = 'direct';
    rule = 'direct D';
  }
  if (pen.some((r) => r.date >= w1) && grade === 'A') {
    grade = 'B';
    byWhat = 'cap';
    rule = 'cap B';
  }
  const g: GradeOutcome = {
    scale: '公共信用评价',
    score,
    grade,
    by: byWhat,
    ...(rule === undefined ? {} : { rule }),
    items,
  };
  const SUP = {
    A: [0, 0.05, '每年少于1次', [PJ + '三']],
    B: [0.05, 0.2, '每年1次', []],
    C: [0.2, 0.5, undefined, []],
    D: [0.5, 1, '每年不少于2次', []],
  } as const;
  const s = SUP[grade as keyof typeof SUP];
  const supervision: Decision['supervision'] = {
    scale: '公共信用评价',
    grade,
    spotCheckRatio: s[1],
    spotCheckRange: [s[0], s[1]],
    ...(s[2] === undefined ? {} : { frequency: s[2] }),
    basis: [...s[3]],
  };

  // measures
  const measures: MeasureOutcome[] = [];
  const allow = (ms: string[] | null): boolean => matter === null || ms === null || ms.includes(matter);
  if (grade === 'C' || grade === 'D') {
    if (allow(null)) {
      measures.push({
        measure: '加强检查',
        kind: 'management',
        action: 'inspect',
        level: '加强监管',
        because: ['公共信用评价:' + grade],
        basis: [PJ + '第十三条'],
        mandatory: true,
        matters: null,
        // The grade began with the black listing when that gave it (SEMANTICS §3); a grade from the score, on `at`.
        since: byWhat === 'direct' && bo !== null ? (bo.since < '2021-09-01' ? '2021-09-01' : bo.since) : at,
        until: null,
      });
    }
  }
  const reds = [no, mo].filter((x): x is ListOutcome => x !== null);
  if (reds.length > 0 && bo === null && allow(['行政审批'])) {
    const u = reds.map((r) => r.until);
    measures.push({
      measure: '容缺受理',
      kind: 'reward',
      action: 'simplify',
      because: reds.map((r) => r.list).sort(by),
      basis: [TX + '第八条'],
      mandatory: false,
      matters: ['行政审批'],
      since: reds.map((r) => r.since).sort(by)[0]!,
      until: u.includes(null) ? null : (u as string[]).sort(by).at(-1)!,
    });
  }
  // 禁止评优评先: own 5-year term, held past the list end, never past a repair
  let tSince: string | null = null;
  let tUntil: string | null = null;
  if (bo !== null) {
    tSince = bo.since;
    const t = ld(bo.since, Y5);
    tUntil = bo.until !== null && t > bo.until ? t : bo.until;
  } else {
    for (const i of black) {
      if (i.since > at || i.until === null || at <= i.until || i.repaired === true) continue;
      const t = ld(i.since, Y5);
      if (t < at) continue;
      if (tSince === null || i.since < tSince) tSince = i.since;
      if (tUntil === null || t > tUntil) tUntil = t;
    }
  }
  if (tSince !== null && allow(['评优评先'])) {
    measures.push({
      measure: '禁止评优评先',
      kind: 'penalty',
      action: 'block',
      level: '限制',
      because: ['严重违法失信名单'],
      basis: [L44 + '第二十一条'],
      mandatory: true,
      matters: ['评优评先'],
      since: tSince,
      until: tUntil,
    });
  }
  if (go !== null) {
    measures.push({
      measure: '重点关注提示',
      kind: 'management',
      action: 'warn',
      level: '提示',
      because: ['重点关注名单'],
      basis: [PJ + '第十一条'],
      mandatory: true,
      matters: null,
      since: go.since,
      until: go.until,
    });
  }
  if (bo !== null && allow(['招标投标', '政府采购'])) {
    measures.push({
      measure: '限制参加政府采购',
      label: '限制参加政府采购活动',
      kind: 'penalty',
      action: 'block',
      level: '限制',
      because: ['严重违法失信名单'],
      basis: ['《中华人民共和国政府采购法》第二十二条第一款第（五）项'],
      department: '财政部门',
      mandatory: true,
      matters: ['招标投标', '政府采购'],
      since: bo.since,
      until: bo.until,
    });
  }
  measures.sort((a, b) => by(a.measure, b.measure));
  return { ...head, inForce: true, lists, grade: g, grades: [g], supervision, measures, notes: [...notes].sort(by) };
}

function zh(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}
