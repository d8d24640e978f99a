// Batch evaluation: a JSONL stream of subjects → a JSONL decision log, on every core, in input order.
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { LineResult } from './evaluate-line.js';
import { readLineBatches } from './lines.js';
import { runInOrder } from './pool.js';
import { Progress } from './progress.js';
import { tsWorker } from './workers.js';
import { openPolicy } from './session.js';

export { tsWorker } from './workers.js';

const BATCH_LINES = 256;

export interface BatchOptions {
  readonly policyFile: string;
  readonly input: string;
  readonly output: string;
  readonly at: string;
  readonly matter?: string;
  readonly workers?: number;
  readonly explain?: boolean;
}

export interface BatchSummary {
  readonly evaluated: number;
  readonly failed: number;
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const session = openPolicy(options.policyFile);
  const count = options.workers ?? availableParallelism();
  const job = {
    at: options.at,
    ...(options.matter !== undefined ? { matter: options.matter } : {}),
    explain: options.explain ?? false,
  };
  const workers = Array.from({ length: count }, () =>
    tsWorker(new URL('./batch-worker.ts', import.meta.url), { ir: session.ir, hash: session.hash, job }),
  );
  // Written to a temporary file and renamed at the end: a crash never leaves a half-written log behind.
  const temporary = `${options.output}.partial`;
  const out = createWriteStream(temporary);
  const progress = new Progress('评价 (evaluating)');
  let evaluated = 0;
  let failed = 0;

  const write = async (lineNumbers: readonly number[], results: readonly LineResult[]): Promise<void> => {
    for (let i = 0; i < results.length; i++) {
      const result = results[i] as LineResult;
      if (result.ok) {
        evaluated++;
        if (!out.write(result.output + '\n')) await once(out, 'drain');
      } else {
        failed++;
        progress.clear();
        process.stderr.write(`第 ${lineNumbers[i]} 行 (line ${lineNumbers[i]}): ${result.error}\n`);
      }
    }
    progress.update(evaluated + failed, failed);
  };

  try {
    await runInOrder(workers, readLineBatches(options.input, BATCH_LINES), write);
    out.end();
    await once(out, 'finish');
    renameSync(temporary, options.output);
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    progress.done(evaluated + failed, failed);
  }
  return { evaluated, failed };
}
