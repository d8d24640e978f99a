// Turns a policy IR and population options into decisions/second in a worker thread, for the all-cores figure.
//
// The worker regenerates the seeded population itself rather than receiving 100,000 subjects by structured
// clone, and validates it as a batch does (the evaluator reads the validated copies, whose layout matters for
// speed), warms up, then on each `go` evaluates its contiguous part `part` of `parts` — as a batch hands each
// worker a run of lines — `passes` times, and reports how many decisions it made and how long they took.
import { parentPort, workerData } from 'node:worker_threads';
import type { PolicyIr } from '../dsl/ir.js';
import { compilePolicy, evaluate } from '../engine/index.js';
import { generatePopulation } from './population.js';

export interface WorkerInput {
  readonly ir: PolicyIr;
  readonly hash: string;
  readonly size: number;
  readonly seed: number;
  readonly at: string;
}

export interface Go {
  readonly part: number;
  readonly parts: number;
  readonly passes: number;
}

export interface Done {
  readonly n: number;
  readonly ms: number;
  readonly sink: number;
}

const input = workerData as WorkerInput;
const port = parentPort!;
const compiled = compilePolicy(input.ir, input.hash);
const subjects = generatePopulation(input.ir, { size: input.size, seed: input.seed, at: input.at });
const opts = { at: input.at, explain: false } as const;
let sink = 0;
for (let i = 0; i < Math.min(subjects.length, 20_000); i++) sink += evaluate(compiled, subjects[i]!, opts).lists.length;

port.on('message', (go: Go) => {
  const t0 = performance.now();
  let n = 0;
  for (let p = 0; p < go.passes; p++) {
    const from = Math.floor((go.part * subjects.length) / go.parts);
    const to = Math.floor(((go.part + 1) * subjects.length) / go.parts);
    for (let i = from; i < to; i++) {
      sink += evaluate(compiled, subjects[i]!, opts).lists.length;
      n++;
    }
  }
  const done: Done = { n, ms: performance.now() - t0, sink };
  port.postMessage(done);
});
port.postMessage('ready');
