// `fill`: a layer gives the values of a parameter its base delegates (令45 第十三条 较低数额罚款) — text and
// YAML alike, checked, evaluated, formatted, converted and diffed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stripSpans } from '../../dsl/ast-compare.js';
import type { PolicyAst } from '../../dsl/ast.js';
import type { CheckResult } from '../../dsl/index.js';
import { compileSource, parsePolicySource } from '../../dsl/index.js';
import { printPolicy } from '../../dsl/print.js';
import { parsePolicy } from '../../dsl/syntax/index.js';
import { parsePolicyYaml, printPolicyYaml } from '../../dsl/yaml/index.js';
import { main } from '../../cli/main.js';
import { diffPolicies } from '../../engine/diff/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { SubjectRecord } from '../../engine/index.js';

const BASE = `
policy 总局 "市场监督管理行政处罚信息公示（示例）" jurisdiction national version "1" effective 2021-09-01
scale severity 轻微 < 一般 < 较重 < 严重
scale level 提示 < 约谈 < 加强监管 < 限制 < 禁入
basis 令45 "市场监督管理行政处罚信息公示规定" rank 部门规章 articles 第十三条
record administrative_penalty "行政处罚"
  severity
  field fineAmount "罚款金额" money
# 令45 第十三条: 较低数额罚款由省级以上市场监督管理部门结合工作实际规定
param 较低数额罚款 "较低数额罚款" money unset
param 公示期限 "公示期限" duration
  3 months from 2021-09-01 basis 令45 第十三条
list 较轻处罚公示 grey "仅较低数额罚款，公示三个月"
  rule 较低数额 basis 令45 第十三条
    for administrative_penalty
    where fineAmount <= 较低数额罚款
`;

const layer = (fills: string, id = '宁夏', ext = '总局'): string => `
policy ${id} "宁夏回族自治区市场监管行政处罚信息公示细则" jurisdiction province 640000 version "1" effective 2023-10-27
  extends ${ext}
basis 宁夏细则 "宁夏回族自治区市场监督管理行政处罚信息公示实施细则" rank 规范性文件 sections "二"
${fills}`;

const FILL = 'fill 较低数额罚款 3000元 from 2023-10-27 basis 宁夏细则 section "二"\n';

const FILL_YAML = `policy: 宁夏
title: 宁夏回族自治区市场监管行政处罚信息公示细则
jurisdiction: { province: 640000 }
version: "1"
effective: 2023-10-27
extends: [总局]
bases:
  宁夏细则:
    title: 宁夏回族自治区市场监督管理行政处罚信息公示实施细则
    rank: 规范性文件
    sections: ["二"]
fill:
  较低数额罚款:
    - { value: 3000元, from: 2023-10-27, basis: [宁夏细则 section "二"] }
`;

function check(root: string, file = 'root.xy', others: Record<string, string> = {}): CheckResult {
  const texts: Record<string, string> = { 总局: BASE, ...others };
  return compileSource(root, file, (id) => {
    const text = texts[id];
    if (text === undefined) return undefined;
    const parsed = parsePolicySource(text, `${id}.xy`);
    return { ast: parsed.ast, diagnostics: parsed.diagnostics };
  });
}

function errors(r: CheckResult): { code: string; line: number; column: number; file: string }[] {
  return r.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({
      code: d.code,
      line: d.span?.start.line ?? 0,
      column: d.span?.start.column ?? 0,
      file: d.span?.file ?? '',
    }));
}

const fine = (id: string, amount: number, date = '2024-03-01'): SubjectRecord => ({
  id,
  type: 'administrative_penalty',
  date,
  severity: '一般',
  attrs: { fineAmount: amount },
});

function listed(r: CheckResult, records: SubjectRecord[], at = '2024-06-01'): string[] {
  if (!r.ir || !r.hash) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const d = evaluate(compilePolicy(r.ir, r.hash), { id: 'x', kind: 'enterprise', records }, { at });
  return d.lists.map((l) => l.list);
}

function parsed(text: string): PolicyAst {
  const r = parsePolicy(text, 'p.xy');
  expect(r.diagnostics).toEqual([]);
  if (!r.value) throw new Error('no AST');
  return r.value;
}

describe('fill', () => {
  it('gives the parameter the filled versions, keeps the declaring layer and records who filled it', () => {
    const r = check(layer(FILL));
    expect(errors(r)).toEqual([]);
    expect(r.ir?.params['较低数额罚款']).toEqual({
      name: '较低数额罚款',
      label: '较低数额罚款',
      type: 'money',
      versions: [{ from: '2023-10-27', value: 3000, basis: [{ basis: '宁夏细则', section: '二' }] }],
      layer: '总局',
      filledIn: '宁夏',
    });
    // the base's "office must fill it" warning is answered by the fill
    expect(r.diagnostics.map((d) => d.code)).not.toContain('check.unset-param');
    // an unfilled parameter carries no `filledIn`: existing IR stays byte-identical
    expect(r.ir?.params['公示期限']).not.toHaveProperty('filledIn');
  });

  it('the DSL and the YAML form give the same IR hash', () => {
    const text = check(layer(FILL));
    const yaml = check(FILL_YAML, 'root.yaml');
    expect(errors(yaml)).toEqual([]);
    expect(yaml.hash).toBeDefined();
    expect(yaml.hash).toBe(text.hash);
    expect(stripSpans(parsePolicyYaml(FILL_YAML, 'root.yaml').value)).toEqual(stripSpans(parsed(layer(FILL))));
  });

  it('evaluation uses the filled value: a 3000元 fine is listed after filling, not before', () => {
    const records = [fine('a', 3000), fine('b', 5000)];
    expect(listed(check(layer('')), records)).toEqual([]);
    expect(listed(check(layer(FILL)), records)).toEqual(['较轻处罚公示']);
    // the version is chosen by the record's date: a fine decided before the figure existed is not caught
    expect(listed(check(layer(FILL)), [fine('c', 1000, '2023-01-01')])).toEqual([]);
  });

  it('takes several dated versions, each with its own basis', () => {
    const r = check(
      layer(
        'fill 较低数额罚款\n  3000元 from 2023-10-27 basis 宁夏细则 section "二"\n  5000元 from 2025-01-01 basis 宁夏细则\n',
      ),
    );
    expect(errors(r)).toEqual([]);
    expect(r.ir?.params['较低数额罚款']?.versions.map((v) => v.value)).toEqual([3000, 5000]);
    expect(listed(r, [fine('a', 4000, '2025-03-01')], '2025-06-01')).toEqual(['较轻处罚公示']);
    expect(listed(r, [fine('a', 4000, '2024-03-01')], '2025-06-01')).toEqual([]);
  });

  describe('errors, with code, line and column', () => {
    // `layer()` puts the first line of the fills on line 5
    it('a parameter no extended layer declares (did you mean)', () => {
      const r = check(layer('fill 较低数额罚 3000元 basis 宁夏细则\n'));
      expect(errors(r)).toEqual([{ code: 'check.unknown-name', line: 5, column: 6, file: 'root.xy' }]);
      expect(r.diagnostics[0]?.help).toContain('较低数额罚款');
    });

    it('a parameter of this very layer', () => {
      const r = check(layer('param 本地罚款 money unset\nfill 本地罚款 1元 basis 宁夏细则\n'));
      expect(errors(r)).toEqual([{ code: 'check.fill-not-inherited', line: 6, column: 6, file: 'root.xy' }]);
    });

    it('a parameter of a layer that is not extended (a sibling in a diamond)', () => {
      const sibling = layer('param 旁支罚款 money unset\n', '旁支');
      const root = `
policy 市 "市" jurisdiction city 640100 version "1" effective 2024-01-01 extends 旁支, 填写
`;
      const filler = layer('fill 旁支罚款 1元 basis 宁夏细则\n', '填写');
      const r = check(root, 'root.xy', { 旁支: sibling, 填写: filler });
      expect(errors(r)).toEqual([{ code: 'check.fill-not-inherited', line: 5, column: 6, file: '填写.xy' }]);
    });

    it('a parameter the base already sets', () => {
      const r = check(layer('fill 公示期限 6 months basis 宁夏细则\n'));
      expect(errors(r)).toEqual([{ code: 'check.fill-set', line: 5, column: 6, file: 'root.xy' }]);
      expect(r.diagnostics.find((d) => d.code === 'check.fill-set')?.message).toBe(
        '基础层已规定「公示期限」的取值，扩展层只可填写未规定的参数',
      );
    });

    it('a value of the wrong type, a date that does not exist, a basis nobody declares', () => {
      const r = check(layer('fill 较低数额罚款\n  3 years from 2023-10-27\n  3000元 from 2024-01-01 basis 陕西细则\n'));
      expect(errors(r)).toEqual([
        { code: 'check.type-mismatch', line: 6, column: 3, file: 'root.xy' },
        { code: 'check.unknown-basis', line: 7, column: 31, file: 'root.xy' },
      ]);
      const bad = parsePolicySource(layer('fill 较低数额罚款 3000元 from 2023-02-30\n'), 'root.xy');
      expect(bad.diagnostics.map((d) => d.code)).toEqual(['syntax.invalid-date']);
    });

    it('`unset` in a fill', () => {
      const r = check(layer('fill 较低数额罚款 unset from 2023-10-27\n'));
      expect(errors(r)).toEqual([{ code: 'check.fill-unset', line: 5, column: 13, file: 'root.xy' }]);
    });

    it('two layers filling the same parameter, both named', () => {
      const first = layer(FILL, '宁夏');
      const root = `
policy 银川 "银川" jurisdiction city 640100 version "1" effective 2024-01-01 extends 宁夏
basis 银川细则 "银川细则"
fill 较低数额罚款 5000元 basis 银川细则
`;
      const r = check(root, 'root.xy', { 宁夏: first });
      expect(errors(r)).toEqual([{ code: 'check.fill-twice', line: 4, column: 6, file: 'root.xy' }]);
      const d = r.diagnostics.find((x) => x.code === 'check.fill-twice');
      expect(d?.message).toContain('宁夏');
      expect(d?.message).toContain('银川');
      expect(d?.related?.[0]?.span.file).toBe('宁夏.xy');
    });

    it('a fill without a value is a syntax error', () => {
      const r = parsePolicySource(layer('fill 较低数额罚款\n'), 'root.xy');
      expect(r.diagnostics.map((d) => [d.code, d.span?.start.line, d.span?.start.column])).toEqual([
        ['syntax.missing-clause', 5, 1],
      ]);
    });

    it('in YAML: the same checks, at the YAML positions', () => {
      const r = check(FILL_YAML.replace('  较低数额罚款:', '  公示期限:'), 'root.yaml');
      expect(errors(r)).toEqual([{ code: 'check.fill-set', line: 13, column: 3, file: 'root.yaml' }]);
    });

    it('in YAML: a fill with no versions is a schema error', () => {
      const r = parsePolicyYaml(FILL_YAML.replace(/fill:[\s\S]*$/, 'fill:\n  较低数额罚款: []\n'), 'root.yaml');
      expect(r.diagnostics.map((d) => d.code)).toContain('yaml.schema');
    });
  });

  it('the formatter prints it and is idempotent', () => {
    const text = layer(
      '# 宁夏细则 二\nfill 较低数额罚款    3000元 from 2023-10-27\n basis 宁夏细则 section "二"\nfill 其他 1 from 2024-01-01\n  2 from 2025-01-01\n',
    );
    const once = printPolicy(parsed(text));
    expect(once).toContain(
      '# 宁夏细则 二\nfill 较低数额罚款 3000元 from 2023-10-27 basis 宁夏细则 section "二"\n\nfill 其他\n  1 from 2024-01-01\n  2 from 2025-01-01\n',
    );
    expect(printPolicy(parsed(once))).toBe(once);
  });

  it('convert round-trips it both ways', () => {
    const text = parsed(layer(`# 宁夏\n${FILL}`));
    const yaml = printPolicyYaml(text);
    expect(yaml).toContain(
      'fill:\n  # 宁夏\n  较低数额罚款:\n    - {value: 3000元, from: 2023-10-27, basis: [宁夏细则 section "二"]}',
    );
    const back = parsePolicyYaml(yaml, 'p.yaml');
    expect(back.diagnostics).toEqual([]);
    expect(stripSpans(back.value)).toEqual(stripSpans(text));
    if (!back.value) throw new Error('no AST');
    expect(stripSpans(parsed(printPolicy(back.value)))).toEqual(stripSpans(text));
    // a repeated name takes the list form
    const twice = parsed(layer(`${FILL}fill 较低数额罚款 1元\n`));
    const listForm = printPolicyYaml(twice);
    expect(listForm).toContain('fill:\n  - param: 较低数额罚款\n');
    expect(stripSpans(parsePolicyYaml(listForm, 'p.yaml').value)).toEqual(stripSpans(twice));
  });

  it('the diff reports a change of a filled value, and the fill itself, in Chinese', () => {
    const unfilled = check(layer(''));
    const filled = check(layer(FILL));
    const raised = check(layer(FILL.replace('3000元', '5000元')));
    if (!unfilled.ir || !filled.ir || !raised.ir) throw new Error('does not check');
    const changes = diffPolicies(filled.ir, raised.ir, { old: filled.sources, new: raised.sources });
    expect(changes.map((c) => c.text)).toEqual([
      '参数“较低数额罚款”自2023年10月27日起的取值由3000元改为5000元（从严）',
    ]);
    expect(changes[0]?.spans.new?.file).toBe('root.xy');
    expect(changes[0]?.spans.new?.start.line).toBe(5);
    const texts = diffPolicies(unfilled.ir, filled.ir).map((c) => c.text);
    expect(texts).toContain('参数“较低数额罚款”的填写层级新增为“宁夏”（中性）');
    expect(texts.some((t) => t.includes('2023年10月27日') && t.includes('3000元'))).toBe(true);
  });

  it('`xinyong diff` prints the change of a filled value', async () => {
    const root = mkdtempSync(join(tmpdir(), 'xinyong-fill-'));
    const version = (name: string, fills: string): string => {
      for (const [id, text] of [
        ['总局', BASE],
        ['宁夏', layer(fills)],
      ] as const) {
        mkdirSync(join(root, name, id), { recursive: true });
        writeFileSync(join(root, name, id, `${id}.xy`), text);
      }
      return join(root, name, '宁夏', '宁夏.xy');
    };
    const before = version('old', FILL);
    const after = version('new', FILL.replace('3000元', '5000元'));
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      expect(await main(['diff', before, after])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(out).toContain('参数“较低数额罚款”自2023年10月27日起的取值由3000元改为5000元');
  });
});
