// Worker threads that run TypeScript sources: the one place that knows how to start them.
import { Worker } from 'node:worker_threads';

/**
 * A worker does not inherit the tsx hook the CLI entry registered, and Node 20 ignores `--import` in a
 * worker's execArgv for module hooks; so a plain-JS bootstrap registers the hook, then imports `url`.
 * The worker module reads its own data from `workerData` as usual (`entry` is the bootstrap's).
 */
export function tsWorker(url: URL, workerData: Record<string, unknown>): Worker {
  return new Worker(new URL('./worker-bootstrap.js', import.meta.url), {
    workerData: { ...workerData, entry: url.href },
  });
}
