// Replay a decision log: re-evaluate every record under a policy and report each difference (audit: must be none).
import { canonicalJson } from '../dsl/index.js';
import type { DecisionRecord } from './evaluate-line.js';
import { evaluateLine } from './evaluate-line.js';
import { readLines } from './lines.js';
import { openPolicy } from './session.js';

export interface ReplaySummary {
  readonly replayed: number;
  /** decisions whose content differs (lists, measures, grade, dates, basis, explanation) */
  readonly differences: number;
  /** decisions made under another policy version whose content is the same: only the pinned hash differs */
  readonly versionOnly: number;
  readonly failed: number;
}

/** A decision record with its policy version blanked: what is left is what the decision says. */
function content(record: DecisionRecord): string {
  const decision = record.decision as unknown as Record<string, unknown>;
  return canonicalJson({ ...record, policy: null, decision: { ...decision, policy: null } });
}

function isRecord(value: unknown): value is DecisionRecord {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record['at'] === 'string' && 'input' in record && 'decision' in record;
}

export async function runReplayFile(log: string, policyFile: string, format: 'text' | 'json'): Promise<ReplaySummary> {
  const session = openPolicy(policyFile);
  let replayed = 0;
  let differences = 0;
  let versionOnly = 0;
  let failed = 0;
  let otherPolicy = 0;
  for await (const line of readLines(log)) {
    let record: unknown;
    try {
      record = line.text === undefined ? undefined : (JSON.parse(line.text) as unknown);
    } catch {
      record = undefined;
    }
    if (!isRecord(record)) {
      failed++;
      process.stderr.write(`第 ${line.number} 行不是决定记录 (line ${line.number} is not a decision record)\n`);
      continue;
    }
    if (record.policy.hash !== session.hash) otherPolicy++;
    const explain = typeof record.decision === 'object' && record.decision !== null && 'explanation' in record.decision;
    const again = evaluateLine(JSON.stringify(record.input), session.ir, session.compiled, {
      at: record.at,
      ...(record.matter !== null ? { matter: record.matter } : {}),
      explain,
    });
    replayed++;
    if (!again.ok) {
      failed++;
      process.stderr.write(`第 ${line.number} 行: ${again.error}\n`);
      continue;
    }
    const before = canonicalJson(record);
    if (again.output === before) continue;
    const now = JSON.parse(again.output) as DecisionRecord;
    // Replayed under another version (`--policy NEWER`), most decisions differ only by the hash they pin.
    if (record.policy.hash !== session.hash && content(record) === content(now)) {
      versionOnly++;
      continue;
    }
    differences++;
    const summary = describeChange(record, now);
    if (format === 'json')
      process.stdout.write(
        canonicalJson({ line: line.number, subject: summary.subject, changes: summary.changes }) + '\n',
      );
    else process.stdout.write(`第 ${line.number} 行 ${summary.subject}: ${summary.changes.join('；')}\n`);
  }
  const note =
    otherPolicy > 0
      ? `，其中 ${otherPolicy} 条原由其他政策版本作出（${versionOnly} 条内容相同，仅所据政策版本不同）`
      : '';
  process.stderr.write(
    `复核 ${replayed} 条决定：${differences} 条不同，${failed} 条失败${note}` +
      ` (replayed ${replayed}: ${differences} differ, ${failed} failed)\n`,
  );
  return { replayed, differences, versionOnly, failed };
}

interface Named {
  readonly list?: string;
  readonly measure?: string;
  readonly since?: string;
  readonly until?: string | null;
  readonly repairFrom?: string | null;
}

function byName(items: unknown, key: 'list' | 'measure'): Map<string, Named> {
  return new Map(Array.isArray(items) ? (items as Named[]).map((item) => [item[key] ?? '', item]) : []);
}

const DATE_FIELDS = [
  ['since', '起始日'],
  ['until', '届满日'],
  ['repairFrom', '可申请修复日'],
] as const;

const day = (d: string | null | undefined): string => (d === null || d === undefined ? '无' : d);

function describeChange(before: DecisionRecord, after: DecisionRecord): { subject: string; changes: string[] } {
  const b = before.decision as Record<string, unknown>;
  const a = after.decision as Record<string, unknown>;
  const changes: string[] = [];
  for (const key of ['list', 'measure'] as const) {
    const field = key === 'list' ? 'lists' : 'measures';
    const word = key === 'list' ? '名单' : '措施';
    const was = byName(b[field], key);
    const now = byName(a[field], key);
    for (const [name, item] of now) {
      const old = was.get(name);
      if (old === undefined) {
        changes.push(`新增${word} ${name}`);
        continue;
      }
      for (const [f, label] of DATE_FIELDS) {
        if (old[f] !== item[f]) changes.push(`${word} ${name} ${label} ${day(old[f])} → ${day(item[f])}`);
      }
    }
    for (const name of was.keys()) if (!now.has(name)) changes.push(`不再${key === 'list' ? '列入' : '适用'} ${name}`);
  }
  const grade = (d: Record<string, unknown>): string => String((d['grade'] as { grade?: string } | null)?.grade ?? '—');
  if (grade(a) !== grade(b)) changes.push(`等级 ${grade(b)} → ${grade(a)}`);
  if (changes.length === 0) changes.push('决定内容（依据、说明或附注）不同');
  if (before.policy.hash !== after.policy.hash)
    changes.unshift(`政策版本 ${before.policy.hash.slice(0, 15)} → ${after.policy.hash.slice(0, 15)}`);
  const subject = String((before.input as { id?: unknown } | null)?.id ?? '?');
  return { subject, changes };
}
