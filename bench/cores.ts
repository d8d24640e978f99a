// Turns a policy and population options into decisions/second on 1 and on N worker threads, interleaved.
import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../cli/workers.js';
import { median } from './measure.js';
import type { Done, Go, WorkerInput } from './throughput-worker.js';

export interface CoreFigures {
  readonly workers: number;
  /** decisions/s with one worker thread (same harness as the N-worker figure) */
  readonly oneWorker: number;
  readonly allWorkers: number;
  /** median over rounds of (N workers / 1 worker), wall clock */
  readonly speedup: number;
  /**
   * median over rounds of (decisions per CPU second with N workers / with 1): 1.0 means the workers cost no more
   * per decision together than alone (no contention inside the process), so the wall-clock speedup is bounded
   * only by the cores the machine actually gives
   */
  readonly cpuEfficiency: number;
  /** CPU seconds per wall second the process got (median): ~1 with one worker, ~N with N if the cores are free */
  readonly coresUsed: { readonly one: number; readonly all: number };
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

interface Run {
  /** decisions per wall-clock second */
  readonly rate: number;
  /** decisions per CPU second of the whole process (all threads): what the run cost, whatever else ran */
  readonly perCpuSecond: number;
  /** CPU seconds used per wall second: how many cores the run actually got */
  readonly coresUsed: number;
}

/** One timed run: the first `k` workers each take a contiguous part of the population; wall time from `go` to the last `done`. */
async function run(workers: readonly Worker[], k: number, passes: number): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = workers.slice(0, k).map((w, part) => {
    const done = next(w) as Promise<Done>;
    const go: Go = { part, parts: k, passes };
    w.postMessage(go);
    return done;
  });
  const all = await Promise.all(results);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const n = all.reduce((s, d) => s + d.n, 0);
  return { rate: (n / wall) * 1000, perCpuSecond: (n / cpuMs) * 1000, coresUsed: cpuMs / wall };
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
    const one: Run[] = [];
    const all: Run[] = [];
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
    const rate = (runs: Run[]): number[] => runs.map((x) => x.rate);
    // Round by round, as the single-threaded ratios: each pair ran back to back.
    const speedup = median(all.map((x, r) => x.rate / (one[r]?.rate ?? NaN)));
    const cpuEfficiency = median(all.map((x, r) => x.perCpuSecond / (one[r]?.perCpuSecond ?? NaN)));
    return {
      workers: count,
      oneWorker: median(rate(one)),
      allWorkers: median(rate(all)),
      speedup,
      cpuEfficiency,
      coresUsed: { one: median(one.map((x) => x.coresUsed)), all: median(all.map((x) => x.coresUsed)) },
      rounds: { one: rate(one), all: rate(all) },
      setupMs,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
