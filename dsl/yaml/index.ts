// Public entry of the YAML front end: policy YAML text → surface AST + diagnostics, and back.
import { parseDocument } from 'yaml';
import type { Node, YAMLError } from 'yaml';
import type { Decl, PolicyAst } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { LineIndex } from '../span.js';
import { LIMITS, toPlain } from './nodes.js';
import { validateYamlValue } from './validate.js';
import { AstBuilder } from './yaml-to-ast.js';

export { printPolicyYaml } from './ast-to-yaml.js';
export { POLICY_SCHEMA } from './schema.js';
export { LIMITS } from './nodes.js';

export interface YamlParseResult {
  readonly value: PolicyAst | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Order of the YAML sections, hence of the declarations a YAML file yields. */
export const DECL_SECTION_ORDER: readonly Decl['kind'][] = [
  'setting',
  'basis',
  'categories',
  'scale',
  'enum',
  'record',
  'param',
  'fill',
  'list',
  'measure',
  'narrow',
  'grading',
];

/**
 * The YAML form groups declarations by kind, so a text policy that interleaves kinds comes back grouped. The IR
 * never depends on declaration order; this puts an AST's declarations in the YAML order (stable within a kind).
 */
export function canonicalDeclOrder(ast: PolicyAst): PolicyAst {
  const rank = (d: Decl): number => DECL_SECTION_ORDER.indexOf(d.kind);
  const decls = ast.decls
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
  return { ...ast, decls };
}

const SYNTAX_ZH: Readonly<Record<string, string>> = {
  BAD_INDENT: '缩进错误',
  BAD_SCALAR_START: '标量的开头不合法',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为隐式键',
  BLOCK_IN_FLOW: '流式结构中不能出现块结构',
  DUPLICATE_KEY: '键重复',
  IMPOSSIBLE: '无法解析',
  KEY_OVER_1024_CHARS: '隐式键超过 1024 个字符',
  MISSING_CHAR: '缺少字符',
  MULTILINE_IMPLICIT_KEY: '隐式键必须在同一行',
  MULTIPLE_ANCHORS: '一个节点有多个锚点',
  MULTIPLE_DOCS: '文件只能包含一个 YAML 文档',
  MULTIPLE_TAGS: '一个节点有多个标签',
  TAB_AS_INDENT: '不能用制表符缩进',
  TAG_RESOLVE_FAILED: '标签无法解析',
  UNEXPECTED_TOKEN: '意外的符号',
  BAD_COLLECTION_TYPE: '集合类型不对',
};

function syntaxDiagnostic(e: YAMLError, lines: LineIndex): Diagnostic {
  const duplicate = e.code === 'DUPLICATE_KEY';
  const [start, end] = e.pos;
  const zh = SYNTAX_ZH[e.code] ?? 'YAML 语法错误';
  const en = e.message.split('\n')[0] ?? e.message;
  return {
    code: duplicate ? 'yaml.duplicate-key' : 'yaml.syntax',
    severity: 'error',
    message: duplicate ? `键 \`${lines.text.slice(start, end)}\` 重复` : `YAML 语法错误：${zh}`,
    messageEn: duplicate ? `duplicate key \`${lines.text.slice(start, end)}\`` : `YAML syntax error: ${en}`,
    span: lines.span(start, Math.max(start, end)),
  };
}

function tooLarge(text: string, file: string): YamlParseResult {
  return {
    value: undefined,
    diagnostics: [
      {
        code: 'yaml.too-large',
        severity: 'error',
        message: `文件过大（${text.length} 个字符，上限 ${LIMITS.maxChars}）`,
        messageEn: `file too large (${text.length} characters, limit ${LIMITS.maxChars})`,
        span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      },
    ],
  };
}

/**
 * Parses a policy in its YAML form. Never throws: every problem (YAML syntax, limits, schema, DSL text inside
 * strings) is a diagnostic with a position in `file`; `value` is undefined when any of them is an error.
 */
export function parsePolicyYaml(text: string, file: string): YamlParseResult {
  if (text.length > LIMITS.maxChars) return tooLarge(text, file);
  const lines = new LineIndex(file, text);
  const diagnostics: Diagnostic[] = [];
  try {
    const doc = parseDocument(text, {
      prettyErrors: false,
      uniqueKeys: false, // duplicates are reported by toPlain, in linear time
      version: '1.2',
      schema: 'core',
      strict: true,
      keepSourceTokens: false,
    });
    for (const e of doc.errors) diagnostics.push(syntaxDiagnostic(e, lines));
    if (diagnostics.length > 0) return { value: undefined, diagnostics };

    const plain = toPlain(doc, lines, diagnostics);
    if (!plain.complete) return { value: undefined, diagnostics };
    const rootNode = (doc.contents ?? undefined) as Node | undefined;
    diagnostics.push(...validateYamlValue(plain.value, plain.locator, rootNode, lines));
    if (diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics };

    const builder = new AstBuilder(lines, plain.locator, rootNode, doc.commentBefore ?? undefined, diagnostics);
    const value = builder.build(plain.value as Record<string, unknown>);
    return { value: diagnostics.some((d) => d.severity === 'error') ? undefined : value, diagnostics };
  } catch (e) {
    // the yaml library can overflow the stack on pathological nesting; that is a limit, not a crash
    const deep = e instanceof RangeError;
    diagnostics.push({
      code: deep ? 'yaml.too-deep' : 'yaml.internal',
      severity: 'error',
      message: deep ? 'YAML 嵌套过深，无法解析' : `无法读取 YAML：${e instanceof Error ? e.message : String(e)}`,
      messageEn: deep
        ? 'YAML nested too deeply to parse'
        : `cannot read YAML: ${e instanceof Error ? e.message : String(e)}`,
      span: lines.span(0, 0),
    });
    return { value: undefined, diagnostics };
  }
}
