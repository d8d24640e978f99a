// Batch evaluation: a JSONL stream of subjects → a JSONL decision log, on every core, in input order.
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LineResult } from './evaluate-line.js';
import { readLines } from './lines.js';
import { Progress } from './progress.js';
import { tsWorker } from './workers.js';
import { openPolicy } from './session.js';

export { tsWorker } from './workers.js';

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

const BATCH_LINES = 256;

interface Pending {
  readonly lines: readonly number[];
  results?: readonly LineResult[];
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
  const queue: Pending[] = [];
  let sequence = 0;
  let evaluated = 0;
  let failed = 0;
  const inFlight = new Map<number, Pending>();
  const idle: Worker[] = [...workers];
  let wake: (() => void) | undefined;

  const flush = async (): Promise<void> => {
    while (queue.length > 0 && queue[0]?.results) {
      const done = queue.shift() as Pending;
      const results = done.results ?? [];
      for (let i = 0; i < results.length; i++) {
        const result = results[i] as LineResult;
        if (result.ok) {
          evaluated++;
          if (!out.write(result.output + '\n')) await once(out, 'drain');
        } else {
          failed++;
          progress.clear();
          process.stderr.write(`第 ${done.lines[i]} 行 (line ${done.lines[i]}): ${result.error}\n`);
        }
      }
      progress.update(evaluated + failed, failed);
    }
  };

  for (const worker of workers) {
    worker.on('message', (message: { id: number; results: LineResult[] }) => {
      const pending = inFlight.get(message.id);
      if (pending) pending.results = message.results;
      inFlight.delete(message.id);
      idle.push(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      process.stderr.write(`工作线程出错 (worker error): ${error.message}\n`);
      wake?.();
    });
  }

  const waitForWorker = async (): Promise<Worker> => {
    while (idle.length === 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      await flush();
    }
    return idle.pop() as Worker;
  };

  let batch: { number: number; text: string | undefined }[] = [];
  const dispatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const worker = await waitForWorker();
    const id = sequence++;
    const pending: Pending = { lines: batch.map((l) => l.number) };
    queue.push(pending);
    inFlight.set(id, pending);
    worker.postMessage({ id, lines: batch.map((l) => l.text) });
    batch = [];
  };

  try {
    for await (const line of readLines(options.input)) {
      batch.push(line);
      if (batch.length >= BATCH_LINES) await dispatch();
    }
    await dispatch();
    while (inFlight.size > 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      await flush();
    }
    await flush();
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
