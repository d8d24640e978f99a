// Plain YAML data → schema diagnostics (`yaml.schema`), each pointing at the YAML node the error is about.
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { LineIndex, Span } from '../span.js';
import { nodeSpan } from './nodes.js';
import type { Locator } from './nodes.js';
import { ARTICLE_PATTERN, CATEGORY_REF_PATTERN, DATE_PATTERN, NAME_PATTERN, POLICY_SCHEMA } from './schema.js';

const MAX_SCHEMA_DIAGNOSTICS = 100;

// Compiled once: compiling costs far more than validating.
const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
const validatePolicy = ajv.compile(POLICY_SCHEMA);

/** `lists.严重违法失信名单.rules[0].where`; the root is `文档` / `document`. */
export function renderPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function parsePointer(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const i = Number(seg);
      out.push(i);
      current = current[i];
    } else {
      out.push(seg);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

interface Located {
  /** the value at the path */
  readonly value: unknown;
  readonly node: Node | undefined;
  /** the key node under which the value sits, when its parent is a map */
  readonly keyNode: Node | undefined;
}

function locate(
  root: unknown,
  rootNode: Node | undefined,
  path: readonly (string | number)[],
  locator: Locator,
): Located {
  let value = root;
  let node = rootNode;
  let keyNode: Node | undefined;
  for (const seg of path) {
    const parent = value;
    node = locator.childNode(parent, seg);
    keyNode = typeof seg === 'string' ? locator.keyNode(parent, seg) : undefined;
    value =
      parent !== null && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[seg] : undefined;
  }
  return { value, node, keyNode };
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值（true/false）',
  array: '列表',
  object: '映射',
  null: '空值',
};

function typeText(t: unknown, zh: boolean): string {
  const list = Array.isArray(t) ? t : String(t).split(',');
  return list.map((x) => (zh ? (TYPE_ZH[String(x)] ?? String(x)) : String(x))).join(zh ? '或' : ' or ');
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
}

/** Levenshtein distance, small inputs only. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

function suggest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function patternText(pattern: unknown, zh: boolean): string {
  switch (pattern) {
    case NAME_PATTERN:
      return zh
        ? '合法的名称（字母、汉字、数字、下划线，不以数字开头）'
        : 'a valid name (letters, digits, `_`, not starting with a digit)';
    case DATE_PATTERN:
      return zh ? '`YYYY-MM-DD` 格式的日期' : 'a date `YYYY-MM-DD`';
    case CATEGORY_REF_PATTERN:
      return zh ? '`类别集.值` 形式的类别' : 'a category `SET.VALUE`';
    case ARTICLE_PATTERN:
      return zh ? '条款（如 `第二条第二款`）' : 'an article (e.g. `第二条第二款`)';
    default:
      return zh ? `符合 \`${String(pattern)}\` 的文本` : `text matching \`${String(pattern)}\``;
  }
}

interface Rendered {
  readonly message: string;
  readonly messageEn: string;
  readonly help?: string;
  /** point at the key (unknown / misnamed keys) rather than the value */
  readonly at: 'key' | 'value' | 'propertyKey';
  readonly key?: string;
}

function render(e: ErrorObject, where: string): Rendered | undefined {
  const p = e.params as Record<string, unknown>;
  const propertyName = (e as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    // an error about a key of a map keyed by name
    const what = e.keyword === 'pattern' ? patternText(e.schema, true) : `以下之一：${describeAllowed(p)}`;
    const whatEn = e.keyword === 'pattern' ? patternText(e.schema, false) : `one of ${describeAllowed(p)}`;
    return {
      message: `\`${where}\` 的键 \`${propertyName}\` 应为${what}`,
      messageEn: `key \`${propertyName}\` of \`${where}\` must be ${whatEn}`,
      at: 'propertyKey',
      key: propertyName,
    };
  }
  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // the errors of the branch taken / of the key say it better
    case 'required': {
      // inside a `oneOf` / `anyOf` branch that error names every alternative; one per branch would contradict itself
      if (e.schemaPath.includes('/oneOf/') || e.schemaPath.includes('/anyOf/')) return undefined;
      const missing = String(p.missingProperty);
      return {
        message: `\`${where}\` 缺少必填字段 \`${missing}\``,
        messageEn: `\`${where}\` is missing required field \`${missing}\``,
        at: 'key',
      };
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const close = suggest(extra, allowed);
      const help =
        close !== undefined
          ? `是否想写 \`${close}\`？ / did you mean \`${close}\`?`
          : allowed.length > 0
            ? `可用字段 / allowed fields: ${allowed.map((a) => `\`${a}\``).join(', ')}`
            : undefined;
      return {
        message: `\`${where}\` 有未知字段 \`${extra}\``,
        messageEn: `\`${where}\` has unknown field \`${extra}\``,
        ...(help !== undefined ? { help } : {}),
        at: 'propertyKey',
        key: extra,
      };
    }
    case 'type':
      return {
        message: `\`${where}\` 应为${typeText(p.type, true)}`,
        messageEn: `\`${where}\` must be ${typeText(p.type, false)}`,
        ...typeHelp(e),
        at: 'value',
      };
    case 'enum':
    case 'const':
      return {
        message: `\`${where}\` 应为以下之一：${describeAllowed(p)}，而不是 \`${describeValue(e.data)}\``,
        messageEn: `\`${where}\` must be one of ${describeAllowed(p)}, not \`${describeValue(e.data)}\``,
        at: 'value',
      };
    case 'pattern':
      return {
        message: `\`${where}\` 应为${patternText(e.schema, true)}，而不是 \`${describeValue(e.data)}\``,
        messageEn: `\`${where}\` must be ${patternText(e.schema, false)}, not \`${describeValue(e.data)}\``,
        at: 'value',
      };
    case 'minItems':
    case 'maxItems':
      return {
        message: `\`${where}\` 的项数不对（${e.keyword === 'minItems' ? '至少' : '至多'} ${String(p.limit)} 项）`,
        messageEn: `\`${where}\` must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} items`,
        at: 'value',
      };
    case 'minProperties':
    case 'maxProperties':
      return {
        message: `\`${where}\` 应恰好有一个字段`,
        messageEn: `\`${where}\` must have exactly one field`,
        at: 'value',
      };
    case 'minLength':
      return { message: `\`${where}\` 不能为空`, messageEn: `\`${where}\` must not be empty`, at: 'value' };
    case 'oneOf': {
      // Alternatives that differ by the key they require (`extendTo: field | fields`): name the keys.
      const keys = requiredKeys(e.schema);
      if (keys.length > 0)
        return {
          message: `\`${where}\` 须写且只写以下字段之一：${keys.join('、')}`,
          messageEn: `\`${where}\` must have exactly one of ${keys.join(', ')}`,
          at: 'value',
        };
      return invalid(e, where);
    }
    case 'anyOf': {
      // Alternatives that differ by the key they require (`until: field | fields | dates`): name the keys.
      const keys = requiredKeys(e.schema);
      if (keys.length > 0)
        return {
          message: `\`${where}\` 须至少写以下字段之一：${keys.join('、')}`,
          messageEn: `\`${where}\` must have at least one of ${keys.join(', ')}`,
          at: 'value',
        };
      return invalid(e, where);
    }
    case 'not': {
      // `not: { required: [a, b] }`: the two keys exclude each other (`until: field` or `fields`, not both).
      const keys = requiredKeys([e.schema]);
      if (keys.length > 1)
        return {
          message: `\`${where}\` 不能同时写 ${keys.join('、')}`,
          messageEn: `\`${where}\` must not have both ${keys.join(' and ')}`,
          at: 'value',
        };
      return invalid(e, where);
    }
    default:
      return invalid(e, where);
  }
}

/** A scalar of the wrong kind where text is expected: usually YAML read `2021` or `true` as a number / boolean. */
function typeHelp(e: ErrorObject): { help?: string } {
  const scalar = typeof e.data === 'number' || typeof e.data === 'boolean';
  if ((e.params as { type?: unknown }).type !== 'string' || !scalar) return {};
  const quoted = `"${String(e.data)}"`;
  const dsl = (e.parentSchema as { minLength?: number } | undefined)?.minLength === 1;
  return {
    help: dsl
      ? `条件、引用和期限都写成 DSL 文本字符串，如 ${quoted} / conditions, citations and durations are DSL text in a string, e.g. ${quoted}`
      : `加引号写成字符串：${quoted} / quote it to make it a string: ${quoted}`,
  };
}

function describeAllowed(p: Record<string, unknown>): string {
  const values = Array.isArray(p.allowedValues) ? p.allowedValues : [p.allowedValue];
  return values.map((v) => `\`${describeValue(v)}\``).join(', ');
}

/** Validates `value` against the policy schema; returns diagnostics (empty when valid). */
export function validateYamlValue(
  value: unknown,
  locator: Locator,
  rootNode: Node | undefined,
  lines: LineIndex,
): Diagnostic[] {
  if (validatePolicy(value)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validatePolicy.errors ?? []) {
    const path = parsePointer(e.instancePath, value);
    const where = path.length === 0 ? '文档' : renderPath(path);
    const r = render(e, path.length === 0 ? '文档' : where);
    if (r === undefined) continue;
    const dedupe = `${e.instancePath}|${r.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const here = locate(value, rootNode, path, locator);
    let span: Span | undefined;
    if (r.at === 'propertyKey' && r.key !== undefined) {
      span = nodeSpan(lines, locator.keyNode(here.value, r.key) ?? here.node);
    } else if (r.at === 'key') {
      span = nodeSpan(lines, here.keyNode) ?? firstLine(lines, here.node);
    } else {
      span = nodeSpan(lines, here.node) ?? nodeSpan(lines, here.keyNode);
    }
    span ??= nodeSpan(lines, rootNode);
    out.push({
      code: 'yaml.schema',
      severity: 'error',
      message: r.message,
      messageEn: r.messageEn,
      ...(span ? { span } : {}),
      ...(r.help !== undefined ? { help: r.help } : {}),
    });
    if (out.length >= MAX_SCHEMA_DIAGNOSTICS) break;
  }
  return out;
}

/** A map's whole range is too wide to underline: its first line is enough. */
function firstLine(lines: LineIndex, node: Node | undefined): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  const nl = lines.text.indexOf('\n', range[0]);
  const end = nl < 0 || nl > range[1] ? range[1] : nl;
  return lines.span(range[0], end);
}

/** The keys the branches of a `oneOf` / `anyOf` (or one `not`) require, quoted for a message. */
function requiredKeys(branches: unknown): string[] {
  return (Array.isArray(branches) ? (branches as { required?: unknown }[]) : [])
    .flatMap((b) => (Array.isArray(b?.required) ? b.required.map(String) : []))
    .map((k) => `\`${k}\``);
}

/** The general message for a value that breaks a schema rule no better message names. */
function invalid(e: ErrorObject, where: string): Rendered {
  return {
    message: `\`${where}\` 不符合格式：${e.message ?? e.keyword}`,
    messageEn: `\`${where}\` is invalid: ${e.message ?? e.keyword}`,
    at: 'value',
  };
}
