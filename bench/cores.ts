// Turns a policy and population options into decisions/second on 1 and on N worker threads, interleaved.
import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../cli/batch.js';
import { median } from './measure.js';
import type { Done, Go, WorkerInput } from './throughput-worker.js';

export interface CoreFigures {
  readonly workers: number;
  /** decisions/s with one worker thread (same harness as the N-worker figure) */
  readonly oneWorker: number;
  readonly allWorkers: number;
  readonly speedup: number;
  readonly rounds: { readonly one: readonly number[]; readonly all: readonly number[] };
  /** time the workers took to regenerate the population and warm up, ms */
  readonly setupMs: number;
}

function next(w: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      w.off('error', onError);
      resolve(m);
    };
    const onError = (e: Error): void => {
      w.off('message', onMessage);
      reject(e);
    };
    w.once('message', onMessage);
    w.once('error', onError);
  });
}

/** One timed run: the first `k` workers split the population by stride; wall time from `go` to the last `done`. */
async function run(workers: readonly Worker[], k: number, passes: number): Promise<number> {
  const t0 = performance.now();
  const results = workers.slice(0, k).map((w, offset) => {
    const done = next(w) as Promise<Done>;
    const go: Go = { offset, stride: k, passes };
    w.postMessage(go);
    return done;
  });
  const all = await Promise.all(results);
  const wall = performance.now() - t0;
  const n = all.reduce((s, d) => s + d.n, 0);
  return (n / wall) * 1000;
}

export async function measureCores(
  input: WorkerInput,
  count: number,
  rounds: number,
  passes: number,
): Promise<CoreFigures> {
  const t0 = performance.now();
  const url = new URL('./throughput-worker.ts', import.meta.url);
  const workers = Array.from({ length: count }, () => tsWorker(url, { ...input }));
  try {
    await Promise.all(workers.map((w) => next(w)));
    const setupMs = performance.now() - t0;
    const one: number[] = [];
    const all: number[] = [];
    await run(workers, count, 1); // warm-up of the message path, not counted
    for (let r = 0; r < rounds; r++) {
      // Alternate which configuration goes first, so a drift in machine load hits both alike.
      if (r % 2 === 0) {
        one.push(await run(workers, 1, passes));
        all.push(await run(workers, count, passes));
      } else {
        all.push(await run(workers, count, passes));
        one.push(await run(workers, 1, passes));
      }
    }
    const oneWorker = median(one);
    const allWorkers = median(all);
    return { workers: count, oneWorker, allWorkers, speedup: allWorkers / oneWorker, rounds: { one, all }, setupMs };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
