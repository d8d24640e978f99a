// Legal review commands: `diff` (what changed in effect, which way, with witnesses) and `impact` (on whom it falls).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { renderDiagnostics } from '../../dsl/index.js';
import type { DiffFormat } from '../../engine/diff/index.js';
import { diffPolicies, renderDiff } from '../../engine/diff/index.js';
import { compilePolicy } from '../../engine/index.js';
import { findWitnesses } from '../../engine/witness/index.js';
import type { LoadedPolicy } from '../files.js';
import { CliError, loadPolicy } from '../files.js';
import { requireDate } from '../session.js';
import type { ImpactVersion } from '../review/impact.js';
import { runImpactStream } from '../review/impact.js';
import type { ImpactFormat } from '../review/impact-report.js';
import { renderImpact } from '../review/impact-report.js';

const FORMATS = ['text', 'json', 'md', 'html'] as const;

function format(value: string | undefined): DiffFormat & ImpactFormat {
  const f = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(f))
    throw new CliError(`--format 须为 ${FORMATS.join('|')} (bad format)`);
  return f as DiffFormat;
}

function integer(value: string | undefined, option: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${option} 须为 ${min}–${max} 的整数`);
  return n;
}

/** Both versions must check clean: a diff of a broken policy would report the breakage as changes. */
function load(file: string): LoadedPolicy & { ir: NonNullable<LoadedPolicy['ir']>; hash: string } {
  const loaded = loadPolicy(file);
  if (!loaded.ir || !loaded.hash) {
    process.stderr.write(renderDiagnostics(loaded.diagnostics, loaded.texts) + '\n');
    throw new CliError(`政策 \`${file}\` 未通过检查 (policy has errors)`, 2);
  }
  return loaded as LoadedPolicy & { ir: NonNullable<LoadedPolicy['ir']>; hash: string };
}

const refOf = (p: { file: string; ir: { id: string; version: string }; hash: string }) => ({
  file: p.file,
  id: p.ir.id,
  version: p.ir.version,
  hash: p.hash,
});

export function runDiff(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, witnesses: { type: 'string' }, seed: { type: 'string' } },
  });
  const [oldFile, newFile] = positionals;
  if (oldFile === undefined || newFile === undefined)
    throw new CliError('用法: diff OLD NEW [--format text|json|md|html] [--witnesses N] [--seed S]');
  const fmt = format(values.format);
  const budget = integer(values.witnesses, '--witnesses', 500, 0, 1_000_000);
  const seed = integer(values.seed, '--seed', 1, -2_147_483_648, 2_147_483_647);
  const a = load(oldFile);
  const b = load(newFile);
  const equal = a.hash === b.hash;
  const changes = equal ? [] : diffPolicies(a.ir, b.ir, { old: a.sources, new: b.sources });
  const witnesses =
    equal || budget === 0
      ? undefined
      : findWitnesses(a.ir, b.ir, changes, {
          budget,
          seed,
          compiled: { old: compilePolicy(a.ir, a.hash), new: compilePolicy(b.ir, b.hash) },
        });
  const report = {
    old: refOf(a),
    new: refOf(b),
    changes,
    ...(witnesses !== undefined ? { witnesses } : {}),
  };
  process.stdout.write(renderDiff(report, fmt));
  return equal ? 0 : 1;
}

function version(file: string): ImpactVersion {
  const p = load(file);
  return { file, ir: p.ir, hash: p.hash, compiled: compilePolicy(p.ir, p.hash) };
}

export async function runImpact(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      subjects: { type: 'string' },
      decisions: { type: 'string' },
      at: { type: 'string' },
      matter: { type: 'string' },
      format: { type: 'string' },
      workers: { type: 'string' },
      details: { type: 'string' },
      out: { type: 'string' },
      trusted: { type: 'boolean', default: false },
    },
  });
  const [oldFile, newFile] = positionals;
  const usage =
    '用法: impact OLD NEW --subjects FILE.jsonl --at DATE [--matter M] | --decisions decisions.jsonl  [--format text|json|md|html] [--workers N] [--details K] [--out FILE] [--trusted]';
  if (oldFile === undefined || newFile === undefined) throw new CliError(usage);
  if ((values.subjects === undefined) === (values.decisions === undefined))
    throw new CliError(`需要 --subjects 或 --decisions 之一\n${usage}`);
  const fmt = format(values.format);
  const mode = values.subjects !== undefined ? 'subjects' : 'decisions';
  const at = mode === 'subjects' ? requireDate(values.at, '--at') : undefined;
  const input = (values.subjects ?? values.decisions) as string;
  const workers = integer(values.workers, '--workers', 0, 0, 64) || undefined;
  const details = integer(values.details, '--details', 100, 0, 100_000);
  const old = version(oldFile);
  const next = version(newFile);
  const job = {
    mode,
    ...(at !== undefined ? { at } : {}),
    ...(values.matter !== undefined && mode === 'subjects' ? { matter: values.matter } : {}),
    ...(values.trusted ? { trusted: true } : {}),
  } as const;
  const result = await runImpactStream({
    old,
    new: next,
    input,
    job,
    details,
    ...(workers !== undefined ? { workers } : {}),
  });
  try {
    const out: Writable = values.out !== undefined ? createWriteStream(values.out) : process.stdout;
    await renderImpact(
      out,
      fmt,
      {
        old: refOf({ file: oldFile, ir: old.ir, hash: old.hash }),
        new: refOf({ file: newFile, ir: next.ir, hash: next.hash }),
        input,
        mode,
        ...(at !== undefined ? { at } : {}),
        ...(values.matter !== undefined ? { matter: values.matter } : {}),
      },
      result,
    );
    if (values.out !== undefined) {
      out.end();
      await once(out, 'finish');
    }
  } finally {
    result.dispose();
  }
  return result.tally.failed > 0 ? 2 : result.tally.affected > 0 ? 1 : 0;
}
