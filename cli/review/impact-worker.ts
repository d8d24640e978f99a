// An impact worker: compiles both versions once, then turns batches of JSONL lines into impact results.
import { parentPort, workerData } from 'node:worker_threads';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy } from '../../engine/index.js';
import type { ImpactJob, ImpactLine, Versions } from './impact-line.js';
import { impactLine } from './impact-line.js';

interface Data {
  readonly old: { readonly ir: PolicyIr; readonly hash: string };
  readonly new: { readonly ir: PolicyIr; readonly hash: string };
  readonly job: ImpactJob;
}

const data = (workerData as { data: Data }).data;
const versions: Versions = {
  old: { ir: data.old.ir, compiled: compilePolicy(data.old.ir, data.old.hash) },
  new: { ir: data.new.ir, compiled: compilePolicy(data.new.ir, data.new.hash) },
};

parentPort?.on('message', (message: { id: number; lines: (string | undefined)[] }) => {
  const results: ImpactLine[] = message.lines.map((text) => impactLine(text, versions, data.job));
  parentPort?.postMessage({ id: message.id, results });
});
