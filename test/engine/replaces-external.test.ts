// `replaces LIST` (a later instrument takes over an earlier layer's list while it is in force) and `external` (a
// list another authority keeps: it triggers measures and is not reported) — the 企业信息公示条例 第十九条 shape:
// the base restricts on the department's list as reported, and 令44 takes that list over from its date.
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import { canonicalJson } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { parsePolicyYaml, printPolicyYaml } from '../../dsl/yaml/index.js';
import { runJreListing } from '../../cli/run-json-rules-engine.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { exportJsonRulesEngine } from '../../engine/export/json-rules-engine.js';
import { renderExplanation } from '../../engine/explain/render.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Decision, Subject } from '../../engine/index.js';
import { checkLayered, findNode, layeredIr } from './helpers.js';
import { evaluateReference } from '../../engine/reference/index.js';

const BASE = `
policy 公示 "企业信息公示（示例）" jurisdiction national version "1" effective 2020-01-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 警示 < 约谈 < 加强监管 < 限制 < 禁入
basis 条例 "企业信息公示暂行条例" rank 行政法规 articles 第十九条
record serious_dishonesty_listing "严重失信主体名单(他机关认定)"
  field listName "名单名称" string required
  field removedOn "移出日期" date
list 部门名单 black "市场监督管理严重违法失信名单" scope national
  external
  rule 列入决定 basis 条例 第十九条
    for serious_dishonesty_listing
    where listName == "市场监督管理严重违法失信名单"
    unless removedOn <= at
measure 条例限制 "依法予以限制或者禁入"
  penalty level 限制 action restrict
  applies to 部门名单
  basis 条例 第十九条
`;

// Takes effect after the city policy that extends it, as 令44 (2021-09-01) after 平顶山 (2021-02-03).
const LATER = `
policy 总局 "严重违法失信名单管理办法（示例）" jurisdiction national version "1" effective 2022-02-01
  extends 公示
basis 办法 "严重违法失信名单管理办法" rank 部门规章 articles 第十三条 第二十一条
list 严重违法失信名单 black "市场监督管理严重违法失信名单" scope national
  replaces 部门名单
  duration 3 years basis 办法 第二十一条
  rule 列入决定 basis 办法 第十三条
    for serious_dishonesty_listing
    where listName == "市场监督管理严重违法失信名单"
    unless removedOn <= at
measure 办法限制 "依法予以限制或者禁入"
  penalty level 限制 action restrict
  applies to 严重违法失信名单
  basis 条例 第十九条
`;

const CITY = `
policy 城市 "测试城市" jurisdiction city 610800 version "1" effective 2021-01-01
  extends 公示, 总局
basis 城市办法 "测试城市办法" rank 规范性文件 articles 第一条
list 守信名单 red "守信激励对象名单" scope local
  rule 无记录 basis 城市办法 第一条
    when not any serious_dishonesty_listing
list 重点关注 grey "城市重点关注名单" scope local
  rule 部门列严 basis 城市办法 第一条
    when on 部门名单
`;

const TEXTS: Record<string, string> = { 公示: BASE, 总局: LATER, 城市: CITY };
const irOf = (root: string, texts: Record<string, string> = TEXTS): PolicyIr => layeredIr(root, texts);
const errorsOf = (root: string, texts: Record<string, string>): string[] =>
  checkLayered(root, texts)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.code);

const IR = irOf('城市');
const COMPILED = compilePolicy(IR, 'sha256:replaces');
const SUBJECT: Subject = {
  id: '91610800MA703XXXX1',
  kind: 'enterprise',
  name: '测试某某公司',
  records: [
    {
      id: 'S1',
      type: 'serious_dishonesty_listing',
      date: '2021-03-01',
      attrs: { listName: '市场监督管理严重违法失信名单' },
    },
  ],
};
const decide = (at: string, explain = false): Decision => evaluate(COMPILED, SUBJECT, { at, explain });
const lists = (d: Decision): string[] => d.lists.map((l) => l.list);
const measures = (d: Decision): string[] => d.measures.map((m) => m.measure);

const find = findNode;

describe('external lists', () => {
  it('trigger their measures and `on` without being reported', () => {
    const d = decide('2021-06-30');
    expect(lists(d)).toEqual(['重点关注']);
    expect(measures(d)).toEqual(['条例限制']);
    expect(d.measures[0]!.because).toEqual(['部门名单']);
    expect(d.measures[0]!.since).toBe('2021-03-01');
  });

  it('void red lists as any black list does', () => {
    const clean: Subject = { ...SUBJECT, records: [] };
    expect(lists(evaluate(COMPILED, clean, { at: '2021-06-30', explain: false }))).toEqual(['守信名单']);
    const removed: Subject = {
      ...SUBJECT,
      records: [{ ...SUBJECT.records[0]!, attrs: { ...SUBJECT.records[0]!.attrs, removedOn: '2021-05-01' } }],
    };
    // `not any serious_dishonesty_listing` fails on the removed record: neither list holds.
    expect(lists(evaluate(COMPILED, removed, { at: '2021-06-30', explain: false }))).toEqual([]);
  });

  it('are explained as listed by the authority that keeps them, and named in the notice', () => {
    const e = decide('2021-06-30', true).explanation!;
    const node = find(e, 'list', '部门名单')!;
    expect(node.outcome).toBe('applies');
    expect(node.text).toBe(
      '经有关部门列入「市场监督管理严重违法失信名单」（该名单由有关部门管理，本政策不作列入决定，据此适用本政策的措施），自2021年3月1日起，无固定期限',
    );
    expect(find(e, 'measure', '条例限制')!.text).toContain('「市场监督管理严重违法失信名单」');
    const notice = renderExplanation(decide('2021-06-30', true), IR);
    expect(notice).toContain('因被有关部门列入「市场监督管理严重违法失信名单」');
    expect(notice).not.toContain('曾被列入');
  });
});

describe('replaced lists', () => {
  it('are off while the replacing layer is in force, and apply as written before it', () => {
    const before = decide('2022-01-31');
    expect(measures(before)).toEqual(['条例限制']);
    const after = decide('2022-02-01');
    expect(lists(after)).toEqual(['严重违法失信名单']);
    expect(measures(after)).toEqual(['办法限制']);
    // `on 部门名单` reads false once it is replaced: the city's grey list follows.
    expect(lists(after)).not.toContain('重点关注');
    expect(after.lists[0]!.until).toBe('2024-03-01');
  });

  it('are explained by the list and instrument that took their place', () => {
    const node = find(decide('2022-02-01', true).explanation!, 'list', '部门名单')!;
    expect(node.outcome).toBe('not-applies');
    expect(node.text).toBe(
      '未列入「市场监督管理严重违法失信名单」：自《严重违法失信名单管理办法（示例）》施行之日（2022年2月1日）起由该规定的「市场监督管理严重违法失信名单」取代，本名单不适用',
    );
  });

  it('are named as replaced by the measures they triggered, not as lists the subject is not on', () => {
    // Before: the department's list holds, the 办法's measure is not triggered (its list is not in force yet).
    const before = decide('2022-01-31', true).explanation!;
    expect(find(before, 'measure', '条例限制')!.outcome).toBe('applies');
    // After: 办法限制 applies through the replacing list of the same title; 条例限制 must not read "not on" that title.
    const after = decide('2022-02-01', true).explanation!;
    expect(find(after, 'measure', '办法限制')!.outcome).toBe('applies');
    expect(find(after, 'measure', '条例限制')!.text).toBe(
      '不适用「依法予以限制或者禁入」：「市场监督管理严重违法失信名单」自《严重违法失信名单管理办法（示例）》施行之日（2022年2月1日）起由该规定的「市场监督管理严重违法失信名单」取代，本措施不因其适用',
    );
    // A subject on no list before the replacing layer: the plain wording.
    const clean = evaluate(COMPILED, { ...SUBJECT, records: [] }, { at: '2021-06-30', explain: true });
    expect(find(clean.explanation!, 'measure', '条例限制')!.text).toBe(
      '不适用「依法予以限制或者禁入」：主体未被列入「市场监督管理严重违法失信名单」',
    );
  });

  it('are off on every date of a policy whose replacing layer is always in force (the plain path)', () => {
    const own = irOf('总局');
    const compiled = compilePolicy(own, 'h');
    expect(compiled.plan.layered).toBe(false);
    const d = evaluate(compiled, SUBJECT, { at: '2023-01-01', explain: true });
    expect(lists(d)).toEqual(['严重违法失信名单']);
    expect(measures(d)).toEqual(['办法限制']);
    expect(find(d.explanation!, 'list', '部门名单')!.text).toContain('取代，本名单不适用');
    const plain = evaluate(compiled, SUBJECT, { at: '2023-01-01', explain: false });
    expect(canonicalJson(plain)).toBe(canonicalJson(evaluateReference(own, 'h', SUBJECT, { at: '2023-01-01' })));
  });

  it('give the reference interpreter’s bytes on both sides of the date, explained or not', () => {
    for (const at of ['2021-01-01', '2021-06-30', '2022-01-31', '2022-02-01', '2024-03-01', '2024-03-02']) {
      const ref = evaluateReference(IR, 'sha256:replaces', SUBJECT, { at });
      expect(canonicalJson(decide(at)), at).toBe(canonicalJson(ref));
    }
    // One evaluator moving between dates decides as a fresh one.
    for (const at of ['2022-02-01', '2021-06-30', '2022-02-01', '2021-06-30']) {
      const fresh = evaluate(compilePolicy(IR, 'sha256:replaces'), SUBJECT, { at, explain: true });
      expect(canonicalJson(decide(at, true)), at).toBe(canonicalJson(fresh));
    }
  });

  it('list in json-rules-engine what the evaluator lists', async () => {
    const exported = exportJsonRulesEngine(IR);
    for (const at of ['2021-06-30', '2022-02-01', '2024-03-02']) {
      const jre = await runJreListing(exported, SUBJECT, at);
      expect([...jre].sort(), at).toEqual(lists(decide(at)));
    }
  });
});

describe('the language of replaces and external', () => {
  it('prints and reads back both clauses, in text and YAML', () => {
    for (const text of [BASE, LATER]) {
      const ast = parsePolicy(text, 'p.xy').value!;
      expect(stripSpans(parsePolicy(printPolicy(ast), 'p.xy').value)).toEqual(stripSpans(ast));
      const yaml = printPolicyYaml(ast);
      expect(yaml).toMatch(/external: true|replaces: 部门名单/);
      const back = parsePolicyYaml(yaml, 'p.yaml');
      expect(back.diagnostics).toEqual([]);
      // The YAML form groups declarations by kind: compare the lists, where the two clauses live.
      const listsOf = (a: typeof ast | undefined) => stripSpans(a?.decls.filter((d) => d.kind === 'list'));
      expect(listsOf(back.value)).toEqual(listsOf(ast));
    }
  });

  it('rejects a replacement of an unknown list, of a list not inherited, of another kind, or twice', () => {
    const unknown = { ...TEXTS, 总局: LATER.replace('replaces 部门名单', 'replaces 部门名册') };
    expect(errorsOf('城市', unknown)).toEqual(['check.unknown-name']);
    // The city does not extend a layer that declares 严重违法失信名单 beside it: same layer is refused too.
    const sameLayer = {
      ...TEXTS,
      城市: CITY.replace('"守信激励对象名单" scope local', '"守信激励对象名单" scope local\n  replaces 守信名单'),
    };
    expect(errorsOf('城市', sameLayer)).toEqual(['check.replaces-not-inherited']);
    const kind = {
      ...TEXTS,
      城市: CITY.replace(
        'list 重点关注 grey "城市重点关注名单" scope local',
        'list 重点关注 grey "城市重点关注名单" scope local\n  replaces 部门名单',
      ),
    };
    expect(errorsOf('城市', kind)).toEqual(['check.replaces-kind']);
    const twice = {
      ...TEXTS,
      城市: `${CITY}list 城市黑名单 black "城市黑名单" scope local
  replaces 部门名单
  rule 列严 basis 城市办法 第一条
    for serious_dishonesty_listing
`,
    };
    expect(errorsOf('城市', twice)).toContain('check.replaces-twice');
  });

  it('reports in a diff a list that starts replacing another, and one that stops being reported', () => {
    const before = irOf('城市');
    const after = irOf('城市', {
      ...TEXTS,
      总局: LATER.replace('  replaces 部门名单\n', ''),
      公示: BASE.replace('  external\n', ''),
    });
    const changes = diffPolicies(after, before);
    const aspects = changes.map((c) => `${c.path[1]}:${c.aspect}`);
    expect(aspects).toContain('严重违法失信名单:replaces');
    expect(aspects).toContain('部门名单:external');
    const replaced = changes.find((c) => c.aspect === 'replaces')!;
    expect(replaced.text).toContain('由不取代其他名单改为取代“部门名单”');
  });
});
