// Worker threads start without the CLI's TypeScript hook; this plain-JS entry registers it, then loads the real worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
