// A batch worker: compiles the policy once, then turns batches of JSONL lines into decision record lines.
import { parentPort, workerData } from 'node:worker_threads';
import type { PolicyIr } from '../dsl/ir.js';
import { compilePolicy } from '../engine/index.js';
import type { LineJob, LineResult } from './evaluate-line.js';
import { evaluateLine } from './evaluate-line.js';

const { ir, hash, job } = workerData as { ir: PolicyIr; hash: string; job: LineJob };
const compiled = compilePolicy(ir, hash);

parentPort?.on('message', (message: { id: number; lines: (string | undefined)[] }) => {
  const results: LineResult[] = message.lines.map((text) => {
    try {
      return evaluateLine(text, ir, compiled, job);
    } catch (error) {
      // One subject that trips the engine must not take the other 255 in its batch down with it.
      return {
        ok: false,
        error: `评价失败 (evaluation failed): ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  });
  parentPort?.postMessage({ id: message.id, results });
});
