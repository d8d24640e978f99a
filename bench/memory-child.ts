// Turns a policy into the heap its compiled evaluator holds: run with --expose-gc, prints one JSON line.
//
//   node --expose-gc --import tsx bench/memory-child.ts --policy policies/yulin/yulin.xy --copies 50
//   node --expose-gc --import tsx bench/memory-child.ts --lines 5000 --copies 10
//
// The memory of one more evaluator, as a slope: `copies` warm-up evaluators are compiled and run first and kept
// alive, then `copies` more are measured. The warm-up pays what a process pays once, whatever the number of
// evaluators: the process-wide date memo tables (keyed by duration values and dates, bounded, shared by every
// policy) and the optimised code of the engine's functions, which V8 reoptimises while new evaluators' closures
// turn its call sites polymorphic (measured with yulin: code space grows 6 kB per evaluator over the first 50,
// 2 kB over the first 150). Every evaluator compiles its own IR and evaluates the same subjects (so its scratch
// buffers reach working size); the measured batch's heap growth divided by `copies` is one evaluator.
import { parseArgs } from 'node:util';
import type { PolicyIr } from '../dsl/ir.js';
import { compileSource } from '../dsl/index.js';
import { compilePolicy, evaluate } from '../engine/index.js';
import type { CompiledPolicy } from '../engine/index.js';
import { loadPolicy } from '../cli/files.js';
import { generatePopulation } from './population.js';
import { shapeForLines, syntheticPolicy } from './synthetic-policy.js';

export interface MemoryFigures {
  readonly policy: string;
  readonly listingRules: number;
  /** listing rules + measures + score items + direct / cap rules */
  readonly rules: number;
  /** evaluators measured, after as many warm-up ones (compiled, run and kept alive before the baseline) */
  readonly copies: number;
  readonly warmUpCopies: number;
  readonly bytesPerEvaluator: number;
  readonly bytesPer1000Rules: number;
  readonly bytesPer1000ListingRules: number;
}

const { values } = parseArgs({
  options: {
    policy: { type: 'string' },
    lines: { type: 'string' },
    copies: { type: 'string', default: '10' },
    at: { type: 'string', default: '2025-06-30' },
  },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

let name: string;
let build: () => PolicyIr;
if (values.policy !== undefined) {
  const path = values.policy;
  name = path;
  build = () => {
    const loaded = loadPolicy(path);
    if (loaded.ir === undefined) throw new Error(`${path} does not check`);
    return loaded.ir;
  };
} else {
  const syn = syntheticPolicy(shapeForLines(Number(values.lines ?? 5000)));
  name = `synthetic ${syn.lines} lines`;
  build = () => {
    const checked = compileSource(syn.text, 'synthetic.xy', () => undefined);
    if (checked.ir === undefined) throw new Error('the synthetic policy does not check');
    return checked.ir;
  };
}
const ir = build();
const lists = Object.values(ir.lists);
const listingRules = lists.reduce((n, l) => n + l.rules.length, 0);
const gradings = Object.values(ir.gradings);
const rules =
  listingRules +
  Object.keys(ir.measures).length +
  gradings.reduce((n, g) => n + g.items.length + g.direct.length + g.caps.length, 0);

const at = values.at;
const subjects = generatePopulation(ir, { size: 500, seed: 7, at, validate: false });
const use = (c: CompiledPolicy): void => {
  for (const s of subjects) evaluate(c, s, { at, explain: false });
};

const settle = (): number => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
};
const copies = Number(values.copies);
// Each copy compiles its own IR, built before the baseline: whatever an evaluator keeps per IR (caches keyed by
// IR objects) is counted, and the IRs themselves are not.
const compileAndUse = (irs: readonly PolicyIr[], label: string): CompiledPolicy[] =>
  irs.map((x, k) => {
    const c = compilePolicy(x, `${label}-${k}`);
    use(c);
    return c;
  });
const warm = compileAndUse(Array.from({ length: copies }, build), 'warm-up');
const irs = Array.from({ length: copies }, build);
const before = settle();
const keep = compileAndUse(irs, 'copy');
const after = settle();
const perEvaluator = (after - before) / keep.length;
const out: MemoryFigures = {
  policy: name,
  listingRules,
  rules,
  copies: keep.length,
  // read after the measurement: the warm-up batch stays alive through it
  warmUpCopies: warm.length,
  bytesPerEvaluator: Math.round(perEvaluator),
  bytesPer1000Rules: Math.round(perEvaluator / (rules / 1000)),
  bytesPer1000ListingRules: Math.round(perEvaluator / (listingRules / 1000)),
};
process.stdout.write(JSON.stringify(out) + '\n');
