// An ordered worker pool: batches of JSONL lines go to whichever worker is idle, results come back in input order.
import type { Worker } from 'node:worker_threads';
import type { LineBatch } from './lines.js';

interface Pending<R> {
  readonly lines: readonly number[];
  results?: readonly R[];
}

/**
 * Each worker answers `{ id, lines }` with `{ id, results }` (one result per line). `onBatch` sees the
 * batches strictly in input order, so a decision log is written in the order of its input whatever
 * worker finished first. Each worker has at most two batches in flight: the second waits in its queue, so
 * the worker never idles while the main thread reads, and memory stays bounded. A worker that dies
 * rejects the run.
 */
export async function runInOrder<R>(
  workers: readonly Worker[],
  input: AsyncIterable<LineBatch>,
  onBatch: (lineNumbers: readonly number[], results: readonly R[]) => Promise<void>,
): Promise<void> {
  const queue: Pending<R>[] = [];
  const inFlight = new Map<number, Pending<R>>();
  // a worker appears once per batch it may still take
  const idle: Worker[] = [...workers, ...workers];
  let sequence = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const sleep = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));

  for (const worker of workers) {
    worker.on('message', (message: { id: number; results: R[] }) => {
      const pending = inFlight.get(message.id);
      if (pending) pending.results = message.results;
      inFlight.delete(message.id);
      idle.push(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
  }

  const flush = async (): Promise<void> => {
    while (queue.length > 0 && queue[0]?.results) {
      const done = queue.shift() as Pending<R>;
      await onBatch(done.lines, done.results ?? []);
    }
  };

  const waitFor = async (ready: () => boolean): Promise<void> => {
    while (!ready()) {
      await sleep();
      if (failure) throw new Error(`工作线程出错 (worker error): ${failure.message}`, { cause: failure });
      await flush();
    }
  };

  for await (const batch of input) {
    await waitFor(() => idle.length > 0);
    const worker = idle.pop() as Worker;
    const id = sequence++;
    const pending: Pending<R> = { lines: batch.numbers };
    queue.push(pending);
    inFlight.set(id, pending);
    worker.postMessage({ id, lines: batch.texts });
  }
  await waitFor(() => inFlight.size === 0);
  await flush();
}
