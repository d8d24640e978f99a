// Impact of a new policy version: a JSONL stream of subjects (or a decision log) → counts and the subjects affected.
//
// Memory stays bounded whatever the population: workers get batches of lines, results are folded into counters
// (bounded by the number of lists, measures and grades) and each affected subject is appended to a temporary
// JSONL file that the report then streams. Results are consumed in input order, so the report is the same for
// the same input whatever the number of workers.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { canonicalJson } from '../../dsl/index.js';
import type { PolicyIr } from '../../dsl/ir.js';
import type { CompiledPolicy } from '../../engine/index.js';
import { evaluate, renderExplanation } from '../../engine/index.js';
import { describeDelta } from '../../engine/witness/delta.js';
import { readLineBatches } from '../lines.js';
import { runInOrder } from '../pool.js';
import { Progress } from '../progress.js';
import { tsWorker } from '../workers.js';
import type { ImpactJob, ImpactLine } from './impact-line.js';

export interface ImpactVersion {
  readonly file?: string;
  readonly ir: PolicyIr;
  readonly hash: string;
  readonly compiled: CompiledPolicy;
}

export interface ImpactOptions {
  readonly old: ImpactVersion;
  readonly new: ImpactVersion;
  readonly input: string;
  readonly job: ImpactJob;
  readonly workers?: number;
  /** affected subjects shown with both explanations (the first ones in input order); default 100 */
  readonly details?: number;
  /** suppress the progress line (benchmarks) */
  readonly quiet?: boolean;
}

export interface Counter {
  listed: number;
  delisted: number;
  changed: number;
}

export interface ImpactTally {
  evaluated: number;
  failed: number;
  unchanged: number;
  affected: number;
  newlyListed: number;
  delisted: number;
  listingChanged: number;
  gainingMeasures: number;
  losingMeasures: number;
  measureChanged: number;
  gradeChanged: number;
  otherOnly: number;
  otherVersion: number;
  replayMismatch: number;
  readonly perList: Map<string, Counter>;
  readonly perMeasure: Map<string, Counter>;
  readonly gradeMoves: Map<string, number>;
}

export interface AffectedLine {
  readonly n: number;
  readonly line: number;
  readonly subject: string;
  readonly at: string;
  readonly matter: string | null;
  readonly changes: readonly string[];
  readonly oldExplanation?: string;
  readonly newExplanation?: string;
}

export interface ImpactResult {
  readonly tally: ImpactTally;
  /** temporary files: every affected subject, and the detailed ones; removed by `dispose` */
  readonly affectedFile: string;
  readonly detailsFile: string;
  dispose(): void;
}

const BATCH_LINES = 512;
const MAX_ERRORS_SHOWN = 20;

function counter(map: Map<string, Counter>, name: string): Counter {
  let c = map.get(name);
  if (c === undefined) {
    c = { listed: 0, delisted: 0, changed: 0 };
    map.set(name, c);
  }
  return c;
}

export function emptyTally(): ImpactTally {
  return {
    evaluated: 0,
    failed: 0,
    unchanged: 0,
    affected: 0,
    newlyListed: 0,
    delisted: 0,
    listingChanged: 0,
    gainingMeasures: 0,
    losingMeasures: 0,
    measureChanged: 0,
    gradeChanged: 0,
    otherOnly: 0,
    otherVersion: 0,
    replayMismatch: 0,
    perList: new Map(),
    perMeasure: new Map(),
    gradeMoves: new Map(),
  };
}

function fold(t: ImpactTally, r: Extract<NonNullable<ImpactLine>, { ok: true }>): void {
  t.evaluated++;
  if (r.otherVersion === true) t.otherVersion++;
  if (r.replayMismatch === true) t.replayMismatch++;
  const d = r.delta;
  if (d === null) {
    t.unchanged++;
    return;
  }
  t.affected++;
  if (d.listed.length > 0) t.newlyListed++;
  if (d.delisted.length > 0) t.delisted++;
  if (d.listChanged.length > 0) t.listingChanged++;
  if (d.measuresGained.length > 0) t.gainingMeasures++;
  if (d.measuresLost.length > 0) t.losingMeasures++;
  if (d.measuresChanged.length > 0) t.measureChanged++;
  if (d.other) t.otherOnly++;
  for (const l of d.listed) counter(t.perList, l).listed++;
  for (const l of d.delisted) counter(t.perList, l).delisted++;
  for (const l of d.listChanged) counter(t.perList, l).changed++;
  for (const m of d.measuresGained) counter(t.perMeasure, m).listed++;
  for (const m of d.measuresLost) counter(t.perMeasure, m).delisted++;
  for (const m of d.measuresChanged) counter(t.perMeasure, m).changed++;
  if (d.grade) {
    t.gradeChanged++;
    const move = `${d.grade.from ?? '无'} → ${d.grade.to ?? '无'}`;
    t.gradeMoves.set(move, (t.gradeMoves.get(move) ?? 0) + 1);
  }
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

async function discard(out: WriteStream): Promise<void> {
  if (out.closed) return;
  const closed = once(out, 'close');
  out.destroy();
  await closed;
}

export async function runImpactStream(options: ImpactOptions): Promise<ImpactResult> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-impact-'));
  const affectedFile = join(dir, 'affected.jsonl');
  const detailsFile = join(dir, 'details.jsonl');
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  const affectedOut = createWriteStream(affectedFile);
  const detailsOut = createWriteStream(detailsFile);
  const tally = emptyTally();
  const detailsWanted = options.details ?? 100;
  const count = Math.max(1, options.workers ?? availableParallelism());
  const payload = {
    old: { ir: options.old.ir, hash: options.old.hash },
    new: { ir: options.new.ir, hash: options.new.hash },
    job: options.job,
  };
  const workers = Array.from({ length: count }, () =>
    tsWorker(new URL('./impact-worker.ts', import.meta.url), { data: payload }),
  );
  const progress = new Progress('影响评估 (impact)');
  let errorsShown = 0;

  const explain = (
    r: Extract<NonNullable<ImpactLine>, { ok: true }>,
  ): { oldExplanation: string; newExplanation: string } => {
    const opts = { at: r.at, explain: true, ...(r.matter !== null ? { matter: r.matter } : {}) };
    const subject = r.input;
    if (subject === undefined) return { oldExplanation: '', newExplanation: '' };
    return {
      oldExplanation: renderExplanation(evaluate(options.old.compiled, subject, opts), options.old.ir),
      newExplanation: renderExplanation(evaluate(options.new.compiled, subject, opts), options.new.ir),
    };
  };

  const onBatch = async (lineNumbers: readonly number[], results: readonly ImpactLine[]): Promise<void> => {
    for (let i = 0; i < results.length; i++) {
      const r = results[i] as ImpactLine;
      if (r === null) {
        tally.evaluated++;
        tally.unchanged++;
        continue;
      }
      const line = lineNumbers[i] ?? 0;
      if (!r.ok) {
        tally.failed++;
        if (errorsShown++ < MAX_ERRORS_SHOWN) {
          progress.clear();
          process.stderr.write(`第 ${line} 行 (line ${line}): ${r.error}\n`);
        }
        continue;
      }
      fold(tally, r);
      if (r.delta === null) continue;
      const entry: AffectedLine = {
        n: tally.affected,
        line,
        subject: r.subject,
        at: r.at,
        matter: r.matter,
        changes: describeDelta(r.delta),
      };
      await write(affectedOut, canonicalJson(entry) + '\n');
      if (tally.affected <= detailsWanted) await write(detailsOut, canonicalJson({ ...entry, ...explain(r) }) + '\n');
    }
    if (!options.quiet) progress.update(tally.evaluated + tally.failed, tally.failed);
  };

  try {
    await runInOrder(workers, readLineBatches(options.input, BATCH_LINES), onBatch);
    await close(affectedOut);
    await close(detailsOut);
  } catch (error) {
    // The streams may still be opening their files: removing the folder under them would turn this error
    // into an unhandled one (ENOENT on affected.jsonl) and hide the real cause, e.g. a missing input file.
    await Promise.all([discard(affectedOut), discard(detailsOut)]);
    dispose();
    throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    if (!options.quiet) progress.done(tally.evaluated + tally.failed, tally.failed);
    if (errorsShown > MAX_ERRORS_SHOWN)
      process.stderr.write(`另有 ${errorsShown - MAX_ERRORS_SHOWN} 行出错未逐一列出 (more errors not shown)\n`);
  }
  return { tally, affectedFile, detailsFile, dispose };
}
