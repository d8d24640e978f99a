// Replay a decision log: re-evaluate every record under a policy and report each difference (audit: must be none).
import { canonicalJson } from '../dsl/index.js';
import type { DecisionRecord } from './evaluate-line.js';
import { evaluateLine } from './evaluate-line.js';
import { readLines } from './lines.js';
import { openPolicy } from './session.js';

export interface ReplaySummary {
  readonly replayed: number;
  readonly differences: number;
  readonly failed: number;
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
    differences++;
    const now = JSON.parse(again.output) as DecisionRecord;
    const summary = describeChange(record, now);
    if (format === 'json')
      process.stdout.write(
        canonicalJson({ line: line.number, subject: summary.subject, changes: summary.changes }) + '\n',
      );
    else process.stdout.write(`第 ${line.number} 行 ${summary.subject}: ${summary.changes.join('；')}\n`);
  }
  const note = otherPolicy > 0 ? `，其中 ${otherPolicy} 条原由其他政策版本作出` : '';
  process.stderr.write(`复核 ${replayed} 条决定：${differences} 条不同，${failed} 条失败${note}\n`);
  return { replayed, differences, failed };
}

interface Named {
  readonly list?: string;
  readonly measure?: string;
}

function names(items: unknown, key: 'list' | 'measure'): Set<string> {
  return new Set(Array.isArray(items) ? (items as Named[]).map((item) => item[key] ?? '') : []);
}

function describeChange(before: DecisionRecord, after: DecisionRecord): { subject: string; changes: string[] } {
  const b = before.decision as Record<string, unknown>;
  const a = after.decision as Record<string, unknown>;
  const changes: string[] = [];
  if (before.policy.hash !== after.policy.hash)
    changes.push(`政策版本 ${before.policy.hash.slice(0, 15)} → ${after.policy.hash.slice(0, 15)}`);
  for (const key of ['list', 'measure'] as const) {
    const field = key === 'list' ? 'lists' : 'measures';
    const was = names(b[field], key);
    const now = names(a[field], key);
    for (const name of now) if (!was.has(name)) changes.push(`新增${key === 'list' ? '名单' : '措施'} ${name}`);
    for (const name of was) if (!now.has(name)) changes.push(`不再${key === 'list' ? '列入' : '适用'} ${name}`);
  }
  const grade = (d: Record<string, unknown>): string => String((d['grade'] as { grade?: string } | null)?.grade ?? '—');
  if (grade(a) !== grade(b)) changes.push(`等级 ${grade(b)} → ${grade(a)}`);
  if (changes.length === 0) changes.push('决定内容（日期、依据或说明）不同');
  const subject = String((before.input as { id?: unknown } | null)?.id ?? '?');
  return { subject, changes };
}
