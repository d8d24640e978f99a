// End to end: `xinyong diff` exit codes and formats, `xinyong impact` counts against a direct evaluation.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { runImpactStream } from '../../cli/review/impact.js';
import { arbSubjectFromVocabulary } from '../../engine/generate/index.js';
import { compilePolicy, evaluate } from '../../engine/index.js';
import { decisionDelta } from '../../engine/witness/delta.js';
import { BASE, compile, variant } from './base-policy.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-review-test-'));
const write = (name: string, text: string): string => {
  mkdirSync(join(dir, name), { recursive: true });
  const file = join(dir, name, `${name}.xy`);
  writeFileSync(file, text);
  return file;
};
const oldFile = write('old', BASE);
const sameFile = write('same', '# 仅注释不同\n' + BASE);
const newText = variant(['where fineAmount >= 100万元', 'where fineAmount >= 50万元']);
const newFile = write('new', newText);

const tempFolders = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('xinyong-impact-'));

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xinyong diff', () => {
  it('exits 0 and says so when only comments differ', async () => {
    const { code, out } = await run(['diff', oldFile, sameFile]);
    expect(code).toBe(0);
    expect(out).toContain('no change in effect');
  });

  it('exits 1 with the change, its direction, both locations and a witness', async () => {
    const { code, out } = await run(['diff', oldFile, newFile, '--witnesses', '300', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      changes: { direction: string; spans: { old?: { file: string }; new?: { file: string } } }[];
      witnesses: { found: boolean }[];
    };
    expect(report.changes.map((c) => c.direction)).toEqual(['从严']);
    expect(report.changes[0]?.spans.old?.file).toBe(oldFile);
    expect(report.changes[0]?.spans.new?.file).toBe(newFile);
    expect(report.witnesses[0]?.found).toBe(true);
  });

  it('writes a markdown report with a sign-off block', async () => {
    const { out } = await run(['diff', oldFile, newFile, '--witnesses', '0', '--format', 'md']);
    expect(out).toContain('# 政策版本差异审查报告');
    expect(out).toContain('审核人（签字）');
  });
});

describe('xinyong impact', () => {
  const oldC = compile(BASE);
  const newC = compile(newText);
  const at = '2025-06-01';
  const subjects = fc.sample(arbSubjectFromVocabulary([oldC.ir, newC.ir], { at }), { numRuns: 600, seed: 9 });
  const subjectsFile = join(dir, 'subjects.jsonl');
  writeFileSync(subjectsFile, subjects.map((s) => JSON.stringify(s)).join('\n') + '\nnot json\n');
  const oc = compilePolicy(oldC.ir, oldC.hash);
  const nc = compilePolicy(newC.ir, newC.hash);
  const expected = subjects.filter(
    (s) => decisionDelta(evaluate(oc, s, { at, explain: false }), evaluate(nc, s, { at, explain: false })) !== null,
  ).length;

  it('counts what a direct evaluation counts, whatever the number of workers, and reports bad lines', async () => {
    const versions = {
      old: { ir: oldC.ir, hash: oldC.hash, compiled: oc },
      new: { ir: newC.ir, hash: newC.hash, compiled: nc },
    };
    for (const workers of [1, 2]) {
      const r = await runImpactStream({
        ...versions,
        input: subjectsFile,
        job: { mode: 'subjects', at },
        workers,
        details: 3,
        quiet: true,
      });
      try {
        expect(r.tally.evaluated).toBe(600);
        expect(r.tally.failed).toBe(1);
        expect(r.tally.affected).toBe(expected);
        expect(r.tally.newlyListed).toBeGreaterThan(0);
        const details = readFileSync(r.detailsFile, 'utf8').trim().split('\n');
        expect(details).toHaveLength(Math.min(3, expected));
      } finally {
        r.dispose();
      }
    }
    expect(expected).toBeGreaterThan(0);
  });

  it('a missing subjects file is a clear error (exit 2), not a crash, and leaves no temporary folder', async () => {
    const missing = join(dir, 'no-such-subjects.jsonl');
    const before = tempFolders();
    const { code } = await run(['impact', oldFile, newFile, '--subjects', missing, '--at', '2025-06-01']);
    expect(code).toBe(2);
    expect(tempFolders()).toEqual(before);
  });

  it('over a decision log: which past decisions would change', async () => {
    const log = join(dir, 'decisions.jsonl');
    writeFileSync(
      log,
      subjects
        .slice(0, 100)
        .map((s) =>
          JSON.stringify({
            at,
            matter: null,
            policy: { id: oldC.ir.id, version: oldC.ir.version, hash: oldC.hash },
            input: s,
            decision: evaluate(oc, s, { at, explain: false }),
          }),
        )
        .join('\n') + '\n',
    );
    const { code, out } = await run([
      'impact',
      oldFile,
      newFile,
      '--decisions',
      log,
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    const report = JSON.parse(out) as { summary: { counts: Record<string, number> } };
    expect(report.summary.counts['evaluated']).toBe(100);
    expect(report.summary.counts['replayMismatch']).toBe(0);
    expect(report.summary.counts['affected']).toBeGreaterThan(0);
    expect(code).toBe(1);
  });
});
