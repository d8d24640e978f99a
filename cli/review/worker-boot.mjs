// Worker bootstrap: registers the TypeScript loader inside the worker thread, then loads the worker module given.
// (A worker does not inherit the loader the CLI entry registered, and `--import` in execArgv is not honoured.)
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
