// Turns untrusted input into a checked Subject for a policy, or the full list of problems with JSON paths.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Subject, SubjectRecord } from '../contract.js';
import type { IrField, IrRecordType, PolicyIr } from '../../dsl/ir.js';
import { SUBJECT_KINDS } from '../../dsl/ir.js';
import { isValidDate } from '../time/dates.js';
import { isValidResidentId, isValidUscc, isWellFormedUscc, residentIdCheckChar, usccCheckChar } from './identity.js';
import { SUBJECT_SCHEMA } from './schemas.js';
import { quickValidCopy } from './quick.js';
import { attributeLayout, laidOutAttrs, laidOutRecord } from './layout.js';
import { attrMatches, FORBIDDEN_KEYS } from './shape.js';

export interface SubjectProblem {
  /** JSON Pointer into the input, e.g. /records/3/attrs/fineAmount */
  readonly path: string;
  readonly code: string;
  /** Chinese */
  readonly message: string;
  readonly messageEn: string;
}

export interface SubjectLimits {
  readonly maxRecords?: number;
  readonly maxStringLength?: number;
  readonly maxDepth?: number;
  /** problems beyond this are summarised in one last problem */
  readonly maxProblems?: number;
}

export const DEFAULT_SUBJECT_LIMITS: Required<SubjectLimits> = {
  maxRecords: 100_000,
  maxStringLength: 10_000,
  maxDepth: 8,
  maxProblems: 1_000,
};

export type SubjectValidation =
  | { readonly ok: true; readonly subject: Subject }
  | { readonly ok: false; readonly problems: readonly SubjectProblem[] };

const ID_RE = new RegExp(SUBJECT_SCHEMA.properties.id.pattern);

// Compiled on first need, once per thread: compiling costs a few hundred ms, and the quick path accepts valid
// subjects without the schema validator, so a worker that only sees valid subjects never pays for it.
let schemaCheck: ValidateFunction | undefined;

function schemaErrors(input: unknown): readonly ErrorObject[] {
  schemaCheck ??= new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(SUBJECT_SCHEMA);
  return schemaCheck(input) ? [] : (schemaCheck.errors ?? []);
}

function escapePointer(key: string | number): string {
  const text = String(key);
  // Called for every key of every subject: skip the two regex passes for the usual key with nothing to escape.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Document order: segment by segment, array indexes numerically; ties keep the order found. */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^[0-9]+$/.test(x) ? Number(x) : NaN;
    const ny = /^[0-9]+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

class Problems {
  readonly list: SubjectProblem[] = [];
  private dropped = 0;
  /** paths the guard cut out (too deep, cyclic): already reported, so nothing more is said at or below them */
  private cut: readonly string[] = [];
  constructor(private readonly max: number) {}
  silenceBelow(paths: readonly string[]): void {
    this.cut = paths;
  }
  add(path: string, code: string, message: string, messageEn: string): void {
    if (this.cut.length > 0 && this.cut.some((c) => path === c || path.startsWith(c + '/'))) return;
    if (this.list.length < this.max) this.list.push({ path, code, message, messageEn });
    else this.dropped++;
  }
  finish(): SubjectProblem[] {
    this.list.sort((a, b) => comparePaths(a.path, b.path));
    if (this.dropped > 0) {
      return [
        ...this.list,
        {
          path: '',
          code: 'subject.too-many-problems',
          message: `另有 ${this.dropped} 个问题未列出（上限 ${this.max} 个）`,
          messageEn: `${this.dropped} more problems not listed (limit ${this.max})`,
        },
      ];
    }
    return this.list;
  }
}

/**
 * Structural guard before anything else reads the input: forbidden keys, depth, string length, cycles.
 * Returns the JSON Pointers of the values it cut out (too deep, or a cycle back to an ancestor): the input is not
 * safe to hand to the schema validator as it is, but its copy with those values replaced by null is.
 */
function guard(input: unknown, limits: Required<SubjectLimits>, problems: Problems): string[] {
  const cuts: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) {
        problems.add(
          path,
          'subject.limit.string-length',
          `字符串过长：${v.length} 个字符，超过上限 maxStringLength = ${limits.maxStringLength}`,
          `string too long: ${v.length} characters, over the limit maxStringLength = ${limits.maxStringLength}`,
        );
      }
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth > limits.maxDepth) {
      problems.add(
        path,
        'subject.limit.depth',
        `嵌套过深，超过上限 maxDepth = ${limits.maxDepth}`,
        `nested too deeply, over the limit maxDepth = ${limits.maxDepth}`,
      );
      cuts.push(path);
      return;
    }
    if (seen.has(v)) {
      problems.add(path, 'subject.cyclic', '输入含有循环引用', 'the input contains a cycle');
      cuts.push(path);
      return;
    }
    seen.add(v);
    if (Array.isArray(v)) {
      if (path === '/records' && v.length > limits.maxRecords) return; // reported by the caller; not walked
      for (let i = 0; i < v.length; i++) walk(v[i], path + '/' + i, depth + 1);
    } else {
      for (const key of Object.keys(v)) {
        const p = path + '/' + escapePointer(key);
        if (FORBIDDEN_KEYS.has(key)) {
          problems.add(
            p,
            'subject.forbidden-key',
            `不允许的字段名 "${key}"`,
            `forbidden key "${key}" (reserved by the JavaScript object model)`,
          );
          continue;
        }
        walk((v as Record<string, unknown>)[key], p, depth + 1);
      }
    }
    seen.delete(v);
  };
  walk(input, '', 0);
  return cuts;
}

/**
 * A copy of the input with the values at `cuts` replaced by null, so that the rest of a subject that holds one
 * too-deep or cyclic value is still checked and every other problem listed. Copies only along the cut paths.
 */
function pruned(input: unknown, cuts: readonly string[]): unknown {
  // Values copied on an earlier cut path are this call's own: they are written into, not copied again.
  const copies = new Set<object>();
  const copyOf = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || copies.has(v)) return v;
    const copy: object = Array.isArray(v) ? [...(v as unknown[])] : { ...(v as Record<string, unknown>) };
    copies.add(copy);
    return copy;
  };
  const root: { v: unknown } = { v: input };
  for (const cut of cuts) {
    const keys = cut === '' ? [] : cut.slice(1).split('/').map(unescapePointer);
    if (keys.length === 0) return null;
    let parent = (root.v = copyOf(root.v)) as Record<string, unknown>;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      const child = copyOf(parent[key]) as Record<string, unknown>;
      parent[key] = child;
      parent = child;
    }
    parent[keys[keys.length - 1]!] = null;
  }
  return root.v;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  null: 'null',
  array: '数组',
  object: '对象',
};

function typeNames(t: unknown): [string, string] {
  const list = Array.isArray(t) ? t.map(String) : [String(t)];
  return [list.map((x) => TYPE_ZH[x] ?? x).join('或'), list.join(' or ')];
}

function fieldKind(path: string): 'id' | 'region' | 'date' | 'other' {
  if (path === '/id') return 'id';
  if (path === '/region') return 'region';
  if (/\/records\/\d+\/(date|fulfilledOn|repairedOn|revokedOn)$/.test(path)) return 'date';
  return 'other';
}

function fromAjv(e: ErrorObject, problems: Problems): void {
  const path = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      problems.add(
        path + '/' + escapePointer(missing),
        'subject.required',
        `缺少必填字段 ${missing}`,
        `missing required field ${missing}`,
      );
      return;
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      if (FORBIDDEN_KEYS.has(extra)) return; // already reported by the guard
      problems.add(
        path + '/' + escapePointer(extra),
        'subject.unknown-field',
        `未知字段 ${extra}`,
        `unknown field ${extra}`,
      );
      return;
    }
    case 'type': {
      const [zh, en] = typeNames(params['type']);
      problems.add(path, 'subject.type', `类型错误：应为${zh}`, `wrong type: expected ${en}`);
      return;
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      if (path === '/kind') {
        problems.add(
          path,
          'subject.kind.unknown',
          `未知的主体类型，应为 ${Object.entries(SUBJECT_KINDS)
            .map(([k, zh]) => `${k}（${zh}）`)
            .join('、')} 之一`,
          `unknown subject kind; expected one of ${allowed}`,
        );
      } else {
        problems.add(
          path,
          'subject.enum',
          `取值无效，应为 ${allowed} 之一`,
          `invalid value; expected one of ${allowed}`,
        );
      }
      return;
    }
    case 'pattern': {
      const kind = fieldKind(path);
      if (kind === 'id') {
        problems.add(
          path,
          'subject.id.format',
          '主体代码格式错误：应为18位统一社会信用代码或居民身份证号码（数字和大写字母，不含 I、O、Z、S、V）',
          'malformed subject id: expected an 18-character unified social credit code or resident id (digits and capitals, no I, O, Z, S, V)',
        );
      } else if (kind === 'region') {
        problems.add(
          path,
          'subject.region.format',
          '行政区划代码应为6位数字',
          'region must be a 6-digit division code',
        );
      } else {
        problems.add(
          path,
          'subject.date.format',
          '日期格式错误：应为 YYYY-MM-DD',
          'malformed date: expected YYYY-MM-DD',
        );
      }
      return;
    }
    case 'minLength':
      problems.add(path, 'subject.empty', '不能为空字符串', 'must not be empty');
      return;
    default:
      problems.add(path, `subject.schema.${e.keyword}`, `不符合数据格式：${e.message ?? ''}`, e.message ?? 'invalid');
  }
}

function checkId(subject: Record<string, unknown>, problems: Problems): void {
  const id = subject['id'];
  const kind = subject['kind'];
  if (typeof id !== 'string' || !ID_RE.test(id)) return; // the schema reported it
  const first17 = id.slice(0, 17);
  const asResident = (): boolean => isValidResidentId(id);
  const asUscc = (): boolean => isValidUscc(id);
  if (typeof kind !== 'string' || !own(SUBJECT_KINDS, kind)) {
    // The kind is wrong (reported by the schema), so which code applies is unknown: accept either.
    if (!asUscc() && !asResident()) {
      problems.add(
        '/id',
        'subject.id.invalid',
        '主体代码既不是有效的统一社会信用代码，也不是有效的居民身份证号码',
        'the subject id is neither a valid unified social credit code nor a valid resident id',
      );
    }
    return;
  }
  if (kind === 'natural_person') {
    if (asResident()) return;
    const want = residentIdCheckChar(first17);
    if (want !== undefined && want !== id.charAt(17) && /^[0-9]{17}$/.test(first17)) {
      problems.add(
        '/id',
        'subject.id.check-char',
        `居民身份证号码校验码错误：第18位应为 ${want}`,
        `resident id check character is wrong: the 18th character should be ${want}`,
      );
    } else {
      problems.add(
        '/id',
        'subject.id.invalid',
        '自然人的主体代码应为有效的18位居民身份证号码（GB 11643-1999，含有效的地址码和真实出生日期）',
        'a natural person is identified by a valid 18-character resident id (GB 11643-1999, with a valid address code and a real birth date)',
      );
    }
    return;
  }
  // 农户 may be registered by the household head's resident id as well as by a code.
  if (asUscc() || (kind === 'rural_household' && asResident())) return;
  if (asResident()) {
    problems.add(
      '/id',
      'subject.id.invalid',
      `这是居民身份证号码；${SUBJECT_KINDS[kind as keyof typeof SUBJECT_KINDS]}的主体代码应为统一社会信用代码`,
      `this is a resident id; a subject of kind ${kind} is identified by a unified social credit code`,
    );
    return;
  }
  const want = usccCheckChar(first17);
  if (isWellFormedUscc(id) && want !== undefined) {
    problems.add(
      '/id',
      'subject.id.check-char',
      `统一社会信用代码校验码错误：第18位应为 ${want}`,
      `unified social credit code check character is wrong: the 18th character should be ${want}`,
    );
  } else {
    problems.add(
      '/id',
      'subject.id.invalid',
      `${SUBJECT_KINDS[kind as keyof typeof SUBJECT_KINDS]}的主体代码应为有效的统一社会信用代码（GB 32100-2015）`,
      'an organisation is identified by a valid unified social credit code (GB 32100-2015)',
    );
  }
}

function isAttrValueShape(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' || typeof x === 'number');
  return typeof v !== 'object';
}

/** Each value of a list attribute that is not one of the field's values, by its own JSON path. */
function reportListItems(
  values: readonly string[],
  items: readonly unknown[],
  path: string,
  label: string,
  key: string,
  problems: Problems,
): void {
  items.forEach((item, k) => {
    if (typeof item === 'string' && values.includes(item)) return;
    const shown = typeof item === 'string' ? item : JSON.stringify(item);
    problems.add(
      `${path}/${k}`,
      'record.attr.type',
      `属性 ${label} 的第${k + 1}项 ${shown} 不是可选值，应为 ${values.join('、')} 之一`,
      `item ${k} of attribute ${key}, ${shown}, is not one of ${values.join(', ')}`,
    );
  });
}

function describeField(field: IrField): [string, string] {
  const t = field.type;
  switch (t.t) {
    case 'string':
      return ['字符串', 'a string'];
    case 'integer':
      return ['整数', 'an integer'];
    case 'decimal':
      return ['数字', 'a number'];
    case 'money':
      return ['不小于0的金额（元）', 'an amount in 元, not negative'];
    case 'date':
      return ['真实存在的日期 YYYY-MM-DD', 'a real date YYYY-MM-DD'];
    case 'boolean':
      return ['布尔值', 'a boolean'];
    case 'duration':
      return ['期间，如 "3年"、"6个月"、"15日"、"7个工作日"', 'a duration such as "3 years", "6 months", "15 days"'];
    case 'enum':
      return [`${t.values.join('、')} 之一`, `one of ${t.values.join(', ')}`];
    case 'list':
      return [`由 ${t.values.join('、')} 中的值组成的数组`, `an array of values from ${t.values.join(', ')}`];
  }
}

function checkRecordAgainstPolicy(
  rec: Record<string, unknown>,
  i: number,
  ir: PolicyIr,
  seenIds: Map<string, number>,
  problems: Problems,
): void {
  const base = '/records/' + i;
  const id = rec['id'];
  if (typeof id === 'string') {
    const first = seenIds.get(id);
    if (first !== undefined) {
      problems.add(
        base + '/id',
        'record.id.duplicate',
        `记录编号 ${id} 重复（与 /records/${first} 相同）`,
        `duplicate record id ${id} (same as /records/${first})`,
      );
    } else {
      seenIds.set(id, i);
    }
  }
  for (const key of ['date', 'fulfilledOn', 'repairedOn', 'revokedOn']) {
    const v = rec[key];
    if (typeof v === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) && !isValidDate(v)) {
      problems.add(`${base}/${key}`, 'record.date.invalid', `日期 ${v} 不存在`, `the date ${v} does not exist`);
    }
  }
  // A decision cannot be revoked before it was made (independent review R70): such a record would never have counted.
  const date = rec['date'];
  const revoked = rec['revokedOn'];
  if (isValidDate(date) && isValidDate(revoked) && revoked < date) {
    problems.add(
      `${base}/revokedOn`,
      'record.revoked.before-date',
      `撤销日期 ${revoked} 早于记录日期 ${date}`,
      `revokedOn ${revoked} is before the record's date ${date}`,
    );
  }
  const type = rec['type'];
  if (typeof type !== 'string' || type === '') return;
  if (!own(ir.records, type)) {
    const known = Object.keys(ir.records).sort().join(', ');
    problems.add(
      base + '/type',
      'record.type.unknown',
      `未知的记录类型 ${type}，本政策声明的类型有：${known}`,
      `unknown record type ${type}; this policy declares: ${known}`,
    );
    return;
  }
  const rt: IrRecordType = ir.records[type] as IrRecordType;
  const severity = rec['severity'];
  if (typeof severity === 'string') {
    if (!rt.hasSeverity) {
      problems.add(
        base + '/severity',
        'record.severity.not-allowed',
        `记录类型 ${type} 没有严重程度`,
        `record type ${type} has no severity`,
      );
    } else if (!ir.severity.includes(severity)) {
      problems.add(
        base + '/severity',
        'record.severity.unknown',
        `未知的严重程度 ${severity}，应为 ${ir.severity.join('、')} 之一`,
        `unknown severity ${severity}; expected one of ${ir.severity.join(', ')}`,
      );
    }
  }
  const attrs = rec['attrs'];
  const attrsObj = isPlainObject(attrs) ? attrs : undefined;
  if (attrs !== undefined && attrsObj === undefined) return; // the schema reported the type
  if (attrsObj !== undefined) {
    for (const key of Object.keys(attrsObj)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const path = `${base}/attrs/${escapePointer(key)}`;
      if (!own(rt.fields, key)) {
        problems.add(
          path,
          'record.attr.unknown',
          `记录类型 ${type} 没有属性 ${key}`,
          `record type ${type} has no attribute ${key}`,
        );
        continue;
      }
      const field = rt.fields[key] as IrField;
      const v = attrsObj[key];
      if (v === null) continue; // null = unset; a required field is reported below
      if (!isAttrValueShape(v)) continue; // the schema reported it
      if (!attrMatches(field, v)) {
        const label = field.label !== undefined ? `${key}（${field.label}）` : key;
        if (field.type.t === 'list' && Array.isArray(v)) {
          // An array of the right shape with a value outside the set: point at the value itself.
          reportListItems(field.type.values, v, path, label, key, problems);
          continue;
        }
        const [zh, en] = describeField(field);
        problems.add(path, 'record.attr.type', `属性 ${label} 应为${zh}`, `attribute ${key} must be ${en}`);
      }
    }
  }
  for (const key of Object.keys(rt.fields).sort()) {
    const field = rt.fields[key] as IrField;
    if (!field.required) continue;
    const v = attrsObj !== undefined && own(attrsObj, key) ? attrsObj[key] : undefined;
    if (v === undefined || v === null) {
      const label = field.label !== undefined ? `${key}（${field.label}）` : key;
      problems.add(
        `${base}/attrs/${escapePointer(key)}`,
        'record.attr.missing',
        `记录类型 ${type} 缺少必填属性 ${label}`,
        `record type ${type} is missing the required attribute ${key}`,
      );
    }
  }
}

/** A fresh Subject holding only contract fields, laid out as layout.ts says: the input object itself is never handed on. */
function copySubject(s: Record<string, unknown>, ir: PolicyIr): Subject {
  const records = (s['records'] as Record<string, unknown>[]).map((r): SubjectRecord => {
    const field = (key: string): unknown => (own(r, key) ? r[key] : undefined);
    const attrs = r['attrs'];
    const rt = ir.records[r['type'] as string] as IrRecordType;
    return laidOutRecord({
      id: r['id'],
      type: r['type'],
      date: r['date'],
      authority: field('authority'),
      severity: field('severity'),
      fulfilledOn: field('fulfilledOn'),
      repairedOn: field('repairedOn'),
      revokedOn: field('revokedOn'),
      objection: field('objection'),
      attrs: isPlainObject(attrs) ? laidOutAttrs(attrs, attributeLayout(rt)) : undefined,
    });
  });
  const out: Record<string, unknown> = { id: s['id'], kind: s['kind'] };
  if (typeof s['name'] === 'string') out['name'] = s['name'];
  if (typeof s['region'] === 'string') out['region'] = s['region'];
  out['records'] = records;
  return out as unknown as Subject;
}

function validateUnsafe(input: unknown, ir: PolicyIr, limits: Required<SubjectLimits>): SubjectValidation {
  const problems = new Problems(limits.maxProblems);
  if (!isPlainObject(input)) {
    problems.add('', 'subject.type', '主体应为 JSON 对象', 'the subject must be a JSON object');
    return { ok: false, problems: problems.finish() };
  }
  const records = input['records'];
  if (Array.isArray(records) && records.length > limits.maxRecords) {
    problems.add(
      '/records',
      'subject.limit.records',
      `记录过多：${records.length} 条，超过上限 maxRecords = ${limits.maxRecords}`,
      `too many records: ${records.length}, over the limit maxRecords = ${limits.maxRecords}`,
    );
    return { ok: false, problems: problems.finish() };
  }
  const cuts = guard(input, limits, problems);
  if (cuts.length > 0) {
    // The rest of the subject is still checked, on a copy without the values cut out; it is not evaluated.
    problems.silenceBelow(cuts);
    const rest = pruned(input, cuts);
    if (isPlainObject(rest)) listOtherProblems(rest, ir, problems);
    return { ok: false, problems: problems.finish() };
  }
  listOtherProblems(input, ir, problems);
  const list = problems.finish();
  if (list.length > 0) return { ok: false, problems: list };
  return { ok: true, subject: copySubject(input, ir) };
}

function listOtherProblems(input: Record<string, unknown>, ir: PolicyIr, problems: Problems): void {
  const records = input['records'];
  for (const e of schemaErrors(input)) fromAjv(e, problems);
  checkId(input, problems);
  if (Array.isArray(records)) {
    const seenIds = new Map<string, number>();
    for (let i = 0; i < records.length; i++) {
      const rec: unknown = records[i];
      if (isPlainObject(rec)) checkRecordAgainstPolicy(rec, i, ir, seenIds, problems);
    }
  }
}

/**
 * Checks a subject against the public contract and the policy's record vocabulary. Lists every problem
 * (JSON Pointer, code, Chinese and English message); never throws, whatever the input.
 */
export function validateSubject(input: unknown, ir: PolicyIr, limits?: SubjectLimits): SubjectValidation {
  const effective = effectiveLimits(limits);
  try {
    const subject = quickValidCopy(input, ir, effective);
    if (subject !== undefined) return { ok: true, subject };
  } catch {
    // Hostile input (a throwing getter, a proxy): the full validation below says what is wrong with it.
  }
  return validateFully(input, ir, effective);
}

/** The same answer as `validateSubject`, without its quick path: tests hold the quick path to it. */
export function validateSubjectFully(input: unknown, ir: PolicyIr, limits?: SubjectLimits): SubjectValidation {
  return validateFully(input, ir, effectiveLimits(limits));
}

function effectiveLimits(limits: SubjectLimits | undefined): Required<SubjectLimits> {
  return limits === undefined ? DEFAULT_SUBJECT_LIMITS : { ...DEFAULT_SUBJECT_LIMITS, ...definedOnly(limits) };
}

function validateFully(input: unknown, ir: PolicyIr, effective: Required<SubjectLimits>): SubjectValidation {
  try {
    return validateUnsafe(input, ir, effective);
  } catch (e) {
    // Exotic inputs (getters that throw, proxies) end here rather than in the caller.
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problems: [
        {
          path: '',
          code: 'subject.unreadable',
          message: `无法读取输入：${msg}`,
          messageEn: `the input could not be read: ${msg}`,
        },
      ],
    };
  }
}

function definedOnly(limits: SubjectLimits | undefined): Partial<Required<SubjectLimits>> {
  const out: { -readonly [K in keyof SubjectLimits]: number } = {};
  if (limits === undefined) return out;
  for (const key of ['maxRecords', 'maxStringLength', 'maxDepth', 'maxProblems'] as const) {
    const v = limits[key];
    if (typeof v === 'number' && v >= 0) out[key] = v;
  }
  return out as Partial<Required<SubjectLimits>>;
}
