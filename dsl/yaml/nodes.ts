// YAML document nodes → plain data for the schema, with a side table from every object/array back to its nodes.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { LineIndex, Span } from '../span.js';

export const LIMITS = {
  /** characters of YAML text */
  maxChars: 20 * 1024 * 1024,
  /** alias dereferences while expanding (counted per use, so nested bombs stop early) */
  maxAliases: 100,
  maxDepth: 64,
  /** values produced in total, aliases expanded */
  maxNodes: 2_000_000,
} as const;

/** Keys that would reach an object's prototype in naive consumers; refused outright. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface PairLoc {
  readonly key: Node;
  readonly value: Node | undefined;
}

export interface ObjectLoc {
  readonly node: Node;
  readonly keys: Map<string, PairLoc>;
}

export interface ArrayLoc {
  readonly node: Node;
  readonly items: (Node | undefined)[];
}

/** Where each plain object / array came from. */
export class Locator {
  readonly objects = new WeakMap<object, ObjectLoc>();
  readonly arrays = new WeakMap<object, ArrayLoc>();

  nodeOf(value: unknown): Node | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    return (this.objects.get(value) ?? this.arrays.get(value))?.node;
  }

  /** The node of `parent[key]` (value node) — works for scalars, which cannot be keys of a WeakMap. */
  childNode(parent: unknown, key: string | number): Node | undefined {
    if (parent === null || typeof parent !== 'object') return undefined;
    if (Array.isArray(parent)) return typeof key === 'number' ? this.arrays.get(parent)?.items[key] : undefined;
    return this.objects.get(parent)?.keys.get(String(key))?.value;
  }

  keyNode(parent: unknown, key: string): Node | undefined {
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
    return this.objects.get(parent)?.keys.get(key)?.key;
  }
}

export interface PlainResult {
  readonly value: unknown;
  readonly locator: Locator;
  /** false when a limit stopped the conversion: the value must not be used */
  readonly complete: boolean;
}

export function nodeSpan(lines: LineIndex, node: Node | undefined, whole = false): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return lines.span(range[0], whole ? range[2] : range[1]);
}

/** Converts the document body, enforcing depth, alias and forbidden-key limits; never throws. */
export function toPlain(doc: Document, lines: LineIndex, diagnostics: Diagnostic[]): PlainResult {
  const locator = new Locator();
  let aliases = 0;
  let nodes = 0;
  let stopped = false;

  const error = (code: string, message: string, messageEn: string, node: Node | undefined): void => {
    const span = nodeSpan(lines, node);
    diagnostics.push({ code, severity: 'error', message, messageEn, ...(span ? { span } : {}) });
  };

  const convert = (raw: unknown, depth: number): { value: unknown; node: Node | undefined } => {
    if (stopped) return { value: null, node: undefined };
    let node = raw as Node | null | undefined;
    const seen = new Set<unknown>();
    while (isAlias(node)) {
      if (++aliases > LIMITS.maxAliases) {
        error(
          'yaml.alias-limit',
          `别名展开超过 ${LIMITS.maxAliases} 次`,
          `more than ${LIMITS.maxAliases} alias expansions`,
          node,
        );
        stopped = true;
        return { value: null, node: undefined };
      }
      const alias = node;
      if (seen.has(alias)) break;
      seen.add(alias);
      const target = alias.resolve(doc) as Node | undefined;
      if (target === undefined) {
        error(
          'yaml.syntax',
          `别名 \`*${alias.source}\` 没有对应的锚点`,
          `alias \`*${alias.source}\` has no anchor`,
          alias,
        );
        return { value: null, node: alias };
      }
      node = target;
    }
    if (node === null || node === undefined) return { value: null, node: undefined };
    if (++nodes > LIMITS.maxNodes) {
      error('yaml.alias-limit', '展开后的文档过大', 'document too large once aliases are expanded', node);
      stopped = true;
      return { value: null, node: undefined };
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v)) {
        error('yaml.schema', '数值必须是有限数', 'a number must be finite', node);
        return { value: null, node };
      }
      if (typeof v === 'bigint') return { value: Number(v), node };
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        return { value: v, node };
      return { value: String(v as string), node };
    }
    if (isMap(node) || isSeq(node)) {
      if (depth >= LIMITS.maxDepth) {
        error('yaml.too-deep', `嵌套超过 ${LIMITS.maxDepth} 层`, `nesting deeper than ${LIMITS.maxDepth} levels`, node);
        stopped = true;
        return { value: null, node: undefined };
      }
      if (isSeq(node)) {
        const out: unknown[] = [];
        const items: (Node | undefined)[] = [];
        for (const item of node.items) {
          const c = convert(item, depth + 1);
          out.push(c.value);
          items.push(c.node);
        }
        locator.arrays.set(out, { node, items });
        return { value: out, node };
      }
      const out: Record<string, unknown> = {};
      const keys = new Map<string, PairLoc>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode)) {
          error('yaml.schema', '映射的键必须是标量', 'a mapping key must be a scalar', keyNode ?? node);
          continue;
        }
        const key = String(keyNode.value);
        if (FORBIDDEN_KEYS.has(key)) {
          error('yaml.forbidden-key', `不允许使用键 \`${key}\``, `the key \`${key}\` is not allowed`, keyNode);
          continue;
        }
        if (keys.has(key)) {
          // checked here, not by the yaml library: its `uniqueKeys` check is quadratic in the size of a map
          error('yaml.duplicate-key', `键 \`${key}\` 重复`, `duplicate key \`${key}\``, keyNode);
          continue;
        }
        const c = convert(pair.value, depth + 1);
        out[key] = c.value;
        keys.set(key, { key: keyNode, value: c.node });
      }
      locator.objects.set(out, { node, keys });
      return { value: out, node };
    }
    return { value: null, node: undefined };
  };

  const { value } = convert(doc.contents, 0);
  return { value, locator, complete: !stopped };
}
