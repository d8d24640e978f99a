// The CLI as a user runs it: exit codes, JSON diagnostics, evaluation, batch and replay, bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';

let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const YULIN = 'policies/yulin/yulin.xy';
const SUBJECT = 'examples/yulin-subject.json';
const dir = mkdtempSync(join(tmpdir(), 'xinyong-cli-'));

describe('xinyong CLI', () => {
  it('check: exit 0 on a shipped policy', async () => {
    expect(await main(['check', YULIN])).toBe(0);
    expect(out).toContain('检查通过');
  });

  it('test: a malformed cases file is a message with file:line:column, not a stack trace', async () => {
    const alias = join(dir, 'alias.cases.yaml');
    writeFileSync(alias, 'policy: x.xy\ncases:\n  - name: a\n    subject: *missing\n');
    expect(await main(['test', alias])).toBe(2);
    expect(err).toContain(`${alias}:4:14`);
    expect(err).toContain('*missing');
    const unclosed = join(dir, 'unclosed.cases.yaml');
    writeFileSync(unclosed, 'policy: x.xy\ncases: [\n');
    expect(await main(['test', unclosed])).toBe(2);
    expect(err).toContain(`${unclosed}:`);
    expect(err).toContain('not valid YAML');
    const empty = join(dir, 'empty.cases.yaml');
    writeFileSync(empty, 'cases: []\n');
    expect(await main(['test', empty])).toBe(2);
    expect(err).toContain('a cases file needs policy and cases');
  });

  it('test: a misspelt expectation key fails the case instead of checking nothing', async () => {
    const cases = join(dir, 'typo.cases.yaml');
    const subject = readFileSync(SUBJECT, 'utf8');
    writeFileSync(
      cases,
      `policy: ${join(process.cwd(), YULIN)}\ncases:\n  - name: typo\n    at: '2025-06-01'\n` +
        `    subject: ${subject.replace(/\n/g, ' ')}\n    expect:\n      measuresIncludes: [不存在的措施]\n`,
    );
    expect(await main(['test', cases])).toBe(1);
    expect(out).toContain('未知的键 expect.measuresIncludes');
  });

  it('check --format json: every diagnostic with code, severity, file, line and column', async () => {
    const file = join(dir, 'broken.xy');
    writeFileSync(
      file,
      `policy 坏 "坏政策" jurisdiction national version "1" effective 2021-02-03
scale severity 一般 < 严重
scale level 提示 < 限制
list 名单 black
  rule 无依据 for 未知类型 where x > 1
`,
    );
    expect(await main(['check', file, '--format', 'json'])).toBe(1);
    const diagnostics = JSON.parse(out) as {
      code: string;
      line: number;
      column: number;
      file: string;
      severity: string;
    }[];
    const found = diagnostics.map((d) => d.code);
    expect(found).toEqual(expect.arrayContaining(['check.missing-basis', 'check.unknown-name']));
    for (const d of diagnostics) {
      expect(d.file).toBe(file);
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
    }
  });

  it('check: a syntax error names the line and column and never throws', async () => {
    const file = join(dir, 'syntax.xy');
    writeFileSync(
      file,
      'policy x "x" jurisdiction national version "1" effective 2021-01-01\nlist 名单 purple\n\u0000\u0001 ###',
    );
    expect(await main(['check', file])).toBe(1);
    expect(out).toMatch(/syntax\.[a-z-]+/);
    expect(out).toContain(`${file}:2:`);
  });

  it('check: a date that does not exist is refused where it is written', async () => {
    const file = join(dir, 'date.xy');
    writeFileSync(file, 'policy x "x" jurisdiction national version "1" effective 2021-02-30\n');
    expect(await main(['check', file, '--format', 'json'])).toBe(1);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ code: 'syntax.invalid-date', line: 1 })]);
  });

  it('check: a missing file is a usage error', async () => {
    expect(await main(['check', join(dir, 'nope.xy')])).toBe(2);
    expect(err).toContain('找不到文件');
  });

  it('eval: a canonical decision pinned to the policy hash', async () => {
    expect(await main(['hash', YULIN])).toBe(0);
    const hash = out.trim();
    out = '';
    expect(await main(['eval', YULIN, '--subject', SUBJECT, '--at', '2024-06-01', '--matter', '政府采购'])).toBe(0);
    const decision = JSON.parse(out) as { policy: { hash: string }; lists: unknown[]; measures: { measure: string }[] };
    expect(decision.policy.hash).toBe(hash);
    expect(decision.lists.length).toBeGreaterThan(0);
    expect(decision.measures.length).toBeGreaterThan(0);
  });

  it('eval: an impossible date and an invalid subject are refused with the JSON path', async () => {
    expect(await main(['eval', YULIN, '--subject', SUBJECT, '--at', '2025-02-29'])).toBe(2);
    expect(await main(['eval', YULIN, '--subject', SUBJECT, '--at', '2025-2-01'])).toBe(2);
    // The engine's calendar, not Date.UTC's (which reads year 1 as 1901): a real date far back is accepted.
    expect(await main(['eval', YULIN, '--subject', SUBJECT, '--at', '0001-01-02'])).toBe(0);
    const subject = join(dir, 'subject.json');
    writeFileSync(
      subject,
      JSON.stringify({
        id: '91610800MA703XXXXX',
        kind: 'enterprise',
        records: [{ id: 'R', type: '不存在', date: '2024-13-01' }],
      }),
    );
    expect(await main(['eval', YULIN, '--subject', subject, '--at', '2025-01-01'])).toBe(1);
    expect(err).toContain('/id');
    expect(err).toContain('/records/0/type');
    expect(err).toContain('/records/0/date');
  });

  it('eval: working days in a year the holiday calendar lacks are a clear error, per line in a batch', async () => {
    const agency = (date: string) =>
      JSON.stringify({
        id: '11610900MB0AK00058',
        kind: 'government_agency',
        records: [{ id: 'P1', type: 'agency_publication', date, attrs: { infoKind: '行政处罚' } }],
      });
    const ANKANG = 'policies/ankang/ankang.xy';
    const late = join(dir, 'agency-2027.json');
    writeFileSync(late, agency('2027-03-01'));
    // 7 working days after 2027-03-01 need the 2027 arrangement, not yet published: no stack trace.
    expect(await main(['eval', ANKANG, '--subject', late, '--at', '2027-04-01'])).toBe(2);
    expect(err).toContain('2027年节假日安排尚未收录');
    expect(err).toContain('working days cannot be computed');
    expect(err).not.toContain('    at ');
    err = '';
    const lines = join(dir, 'agencies.jsonl');
    writeFileSync(lines, agency('2026-12-28') + '\n' + agency('2024-03-01') + '\n');
    const log = join(dir, 'agencies-out.jsonl');
    expect(await main(['eval', ANKANG, '--subjects', lines, '--at', '2027-02-01', '--out', log])).toBe(1);
    expect(err).toContain('第 1 行');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('explain: Chinese prose with dates and articles', async () => {
    expect(await main(['explain', YULIN, '--subject', SUBJECT, '--at', '2024-06-01'])).toBe(0);
    expect(out).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(out).toContain('《');
  });

  it('eval batch then replay: zero differences; a changed log line is reported', async () => {
    const log = join(dir, 'decisions.jsonl');
    expect(
      await main([
        'eval',
        YULIN,
        '--subjects',
        'examples/yulin-population.jsonl',
        '--at',
        '2025-06-01',
        '--out',
        log,
        '--workers',
        '2',
      ]),
    ).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.length).toBe(readFileSync('examples/yulin-population.jsonl', 'utf8').trim().split('\n').length);
    // A second run onto the same log is refused and leaves it as it was; --force replaces it.
    const kept = readFileSync(log, 'utf8');
    const again = ['eval', YULIN, '--subjects', 'examples/yulin-population.jsonl', '--at', '2024-01-01', '--out', log];
    expect(await main(again)).toBe(2);
    expect(err).toContain('--force');
    expect(readFileSync(log, 'utf8')).toBe(kept);
    expect(await main([...again.slice(0, 5), '2025-06-01', '--out', log, '--force', '--workers', '1'])).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(kept);
    out = '';
    expect(await main(['replay', log, '--policy', YULIN])).toBe(0);
    const tampered = join(dir, 'tampered.jsonl');
    const first = JSON.parse(lines[0] ?? '{}') as { decision: { notes: string[] } };
    first.decision.notes = ['事后篡改'];
    writeFileSync(tampered, [JSON.stringify(first), ...lines.slice(1)].join('\n') + '\n');
    expect(await main(['replay', tampered, '--policy', YULIN])).toBe(1);
    expect(out).toContain('第 1 行');

    // Under a newer version: only the decisions whose content changes are listed; the rest differ by hash only.
    const newer = join(dir, 'yulin-newer.xy');
    const text = readFileSync(YULIN, 'utf8');
    const longer = text.replace('duration 2 years basis 商务部名单办法', 'duration 3 years basis 商务部名单办法');
    expect(longer).not.toBe(text);
    writeFileSync(newer, longer);
    out = '';
    err = '';
    expect(await main(['replay', log, '--policy', newer])).toBe(1);
    const reported = out.trim().split('\n');
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.length).toBeLessThan(lines.length);
    for (const r of reported) expect(r).toMatch(/重点关注名单/);
    expect(out).toMatch(/名单 重点关注名单 届满日 \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}/);
    expect(err).toContain(`${lines.length - reported.length} 条内容相同，仅所据政策版本不同`);
  });

  it('convert and hash: the YAML form has the same hash', async () => {
    const yaml = join(dir, 'yulin.yaml');
    expect(await main(['convert', YULIN, '--to', 'yaml', '--out', yaml])).toBe(0);
    expect(await main(['hash', YULIN])).toBe(0);
    const a = out.trim();
    out = '';
    expect(await main(['hash', yaml])).toBe(0);
    expect(out.trim()).toBe(a);
  });

  it('unknown command and missing arguments exit 2', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['eval', YULIN])).toBe(2);
  });
});
