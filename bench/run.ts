// `npm run bench`: throughput, latency, all-cores, compile time and memory of the engine against its peers.
//
//   npm run bench                          readable table on stdout (progress on stderr)
//   npm run bench -- --json                the same, plus every figure as one JSON object on the last line
//   npm run bench -- --size 20000          a smaller population (quicker, noisier)
//   npm run bench -- --only cores,memory   some sections only: throughput, latency, cores, compile, memory
//
// Peers run in one process, interleaved round-robin (median of the rounds): the compiled evaluator with
// explanation off and on, a hand-written TypeScript evaluator of the same policy (bench/handwritten.ts,
// checked against the engine on the whole population first), json-rules-engine on the exported listing
// rules — through the oracle's runner (cli/run-json-rules-engine.ts, a new Engine per rule and subject) and
// with engines built once (prebuiltJre in cli/run-json-rules-engine.ts); lists only, on a 2,000-subject sample, because it is slow —
// and the reference interpreter on the same sample.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../cli/files.js';
import { prebuiltJre, runJreListing } from '../cli/run-json-rules-engine.js';
import { compileSource, renderDiagnostics } from '../dsl/index.js';
import type { Decision, Subject } from '../engine/contract.js';
import { exportJsonRulesEngine } from '../engine/export/json-rules-engine.js';
import { compilePolicy, evaluate } from '../engine/index.js';
import { evaluateReference } from '../engine/reference/index.js';
import { compareDecisions } from './agreement.js';
import { measureCores } from './cores.js';
import { handwrittenYulin } from './handwritten.js';

import {
  collectGarbage,
  costReplay,
  fixedWork,
  interleave,
  latencies,
  machinePauses,
  median,
  overLimitShare,
  sink,
  timeMedian,
} from './measure.js';
import type { Peer } from './measure.js';
import type { MemoryFigures } from './memory-child.js';
import { generatePopulation } from './population.js';
import { renderTable, targetsOf } from './report.js';
import type { Figures } from './report.js';
import { shapeForLines, syntheticPolicy } from './synthetic-policy.js';

const SECTIONS = ['throughput', 'latency', 'cores', 'compile', 'memory'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    policy: { type: 'string', default: 'policies/yulin/yulin.xy' },
    size: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20250630' },
    at: { type: 'string', default: '2025-06-30' },
    rounds: { type: 'string', default: '5' },
    'budget-ms': { type: 'string', default: '500' },
    lines: { type: 'string', default: '5000' },
  },
});
const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s}`);
const wants = (s: Section): boolean => only.has(s);

const started = performance.now();
const AT = values.at;
const SIZE = Number(values.size);
const SAMPLE = Math.min(SIZE, Number(values.sample));
const SEED = Number(values.seed);
const ROUNDS = Number(values.rounds);
const BUDGET = Number(values['budget-ms']);
const progress = (s: string): void =>
  void process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${s}\n`);
const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ the city policy
progress(`compiling ${values.policy}`);
const loaded = loadPolicy(values.policy);
if (loaded.ir === undefined || loaded.hash === undefined) throw new Error(`${values.policy} does not check`);
const ir = loaded.ir;
const hash = loaded.hash;
const compiled = compilePolicy(ir, hash);
const figures: Figures = {
  bench: 'xinyong',
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    loadAverageBefore: loadavg().map((x) => round(x, 2)),
  },
  policy: {
    file: values.policy,
    id: ir.id,
    hash,
    lists: Object.keys(ir.lists).length,
    listingRules: Object.values(ir.lists).reduce((n, l) => n + l.rules.length, 0),
    measures: Object.keys(ir.measures).length,
    gradings: Object.keys(ir.gradings).length,
  },
};

// ------------------------------------------------------------------ population, agreement, throughput, latency
if (wants('throughput') || wants('latency')) {
  progress(`generating and validating ${SIZE} subjects`);
  const t0 = performance.now();
  const subjects = generatePopulation(ir, { size: SIZE, seed: SEED, at: AT });
  const generationMs = performance.now() - t0;
  const records = subjects.reduce((n, s) => n + s.records.length, 0);
  // An even spread over the population, not its head, for the slow peers.
  const sample: Subject[] = [];
  for (let i = 0; i < SAMPLE; i++) sample.push(subjects[Math.floor((i * SIZE) / SAMPLE)]!);

  const offOpts = { at: AT, explain: false } as const;
  const onOpts = { at: AT, explain: true } as const;
  const compiledOff = (s: Subject): Decision => evaluate(compiled, s, offOpts);
  const compiledOn = (s: Subject): Decision => evaluate(compiled, s, onOpts);
  const hand = handwrittenYulin(ir, hash);
  const handwritten = (s: Subject): Decision => hand(s, AT, null);

  let onAnyList = 0;
  for (const s of subjects) if (compiledOff(s).lists.length > 0) onAnyList++;
  figures.population = {
    size: SIZE,
    seed: SEED,
    at: AT,
    records,
    recordsPerSubject: round(records / SIZE, 2),
    validated: SIZE,
    onAnyList: round(onAnyList / SIZE, 4),
    generationAndValidationMs: round(generationMs),
    sample: SAMPLE,
  };

  if (wants('throughput')) {
    const reference = (s: Subject): Decision => evaluateReference(ir, hash, s, offOpts);
    const exported = exportJsonRulesEngine(ir);
    const jre = (s: Subject): Promise<Set<string>> => runJreListing(exported, s, AT);
    const jreOnce = prebuiltJre(exported);
    const jreBuiltOnce = (s: Subject): Promise<Set<string>> => jreOnce(s, AT);

    // Agreement first: a comparison with a peer that decides differently would mean nothing.
    progress('checking the peers agree with the compiled evaluator');
    const jreSample = sample.slice(0, 500);
    let sameLists = 0;
    let sameListsBuiltOnce = 0;
    for (const s of jreSample) {
      const a = compiledOff(s)
        .lists.map((l) => l.list)
        .join(',');
      if (a === [...(await jre(s))].sort().join(',')) sameLists++;
      if (a === [...(await jreBuiltOnce(s))].sort().join(',')) sameListsBuiltOnce++;
    }
    figures.agreement = {
      handwritten: compareDecisions(subjects, compiledOff, handwritten, false),
      handwrittenBytes: compareDecisions(subjects.slice(0, 5_000), compiledOff, handwritten),
      reference: compareDecisions(sample.slice(0, 500), compiledOff, reference),
      jsonRulesEngine: { subjects: jreSample.length, sameLists, sameListsBuiltOnce },
    };

    progress(`throughput: ${ROUNDS} interleaved rounds of ${BUDGET} ms per peer`);
    const peers: Peer[] = [
      { name: 'compiled, explain off', subjects, decide: compiledOff },
      { name: 'compiled, explain on', subjects, decide: compiledOn },
      { name: 'hand-written TypeScript', subjects, decide: handwritten },
      { name: 'json-rules-engine, oracle runner', subjects: sample, decide: jre, async: true },
      { name: 'json-rules-engine, engines built once', subjects: sample, decide: jreBuiltOnce, async: true },
      { name: 'reference interpreter', subjects: sample, decide: reference },
    ];
    const results = await interleave(
      peers,
      ROUNDS,
      () => BUDGET,
      (r) => progress(r === 0 ? 'warm-up round done' : `round ${r}/${ROUNDS} done`),
    );
    figures.throughput = { rounds: ROUNDS, budgetMs: BUDGET, peers: results };
    // Ratios are taken round by round (both peers ran within the same few seconds), then the median: a change
    // in machine load between rounds moves both sides of a ratio alike.
    const ratio = (a: number, b: number): number =>
      median(results[a]!.rounds.map((x, r) => x / (results[b]!.rounds[r] ?? NaN)));
    figures.ratios = {
      compiledOverHandwritten: ratio(0, 2),
      compiledExplainOverHandwritten: ratio(1, 2),
      compiledOverJsonRulesEngine: ratio(0, 4),
      compiledOverJsonRulesEngineOracleRunner: ratio(0, 3),
      compiledOverReference: ratio(0, 5),
    };
  }

  if (wants('latency')) {
    progress('latency: every decision timed on its own, 3 passes, the peers alternating batch by batch');
    for (let i = 0; i < Math.min(SIZE, 20_000); i++) {
      compiledOff(subjects[i]!);
      handwritten(subjects[i]!);
    }
    // The machine's own floor, timed alongside: fixed work as long as the compiled evaluator's median decision
    // (measured here on a stretch of the population, alone, as the first pass will time it).
    const calibration: number[] = [];
    for (let i = 0; i < Math.min(SIZE, 10_000); i++) {
      const a = process.hrtime.bigint();
      compiledOff(subjects[SIZE - 1 - i]!);
      calibration.push(Number(process.hrtime.bigint() - a));
    }
    const fixed = fixedWork(median(calibration));
    collectGarbage();
    // The machine's pauses, probed before and after the timed passes (they come and go over minutes).
    const pausesBefore = machinePauses(1000);
    const timed = latencies(subjects, [compiledOff, handwritten, fixed]);
    const [compiledLatency, handwrittenLatency, fixedLatency] = timed.figures;
    // Each decision's own cost replayed as arithmetic, timed in one more pass alongside the evaluator.
    progress("latency: each decision's own cost replayed as fixed arithmetic, alongside one more pass");
    const replay = costReplay(subjects, timed.fastest[0]!, compiledLatency!.timerOverhead);
    collectGarbage();
    const [again, replayed] = latencies(subjects, [compiledOff, replay], 1).figures;
    const pausesAfter = machinePauses(1000);
    const over10usPerSecond =
      (pausesBefore.perSecond.over10us * pausesBefore.ms + pausesAfter.perSecond.over10us * pausesAfter.ms) /
      (pausesBefore.ms + pausesAfter.ms);
    const ownCost = (fastest: Float64Array): Float64Array =>
      fastest.map((ns) => Math.max(0, ns - compiledLatency!.timerOverhead));
    figures.latencyNs = {
      compiledExplainOff: compiledLatency!,
      handwritten: handwrittenLatency!,
      fixedWork: fixedLatency!,
      costReplay: { replay: replayed!, compiledSameRun: again! },
      pauses: {
        before: pausesBefore,
        after: pausesAfter,
        over10usPerSecond,
        compiledOver10us: overLimitShare(ownCost(timed.fastest[0]!), over10usPerSecond),
        handwrittenOver10us: overLimitShare(ownCost(timed.fastest[1]!), over10usPerSecond),
      },
    };
  }
}

// ------------------------------------------------------------------ all cores
if (wants('cores')) {
  const workers = availableParallelism();
  progress(`all cores: ${workers} worker threads (each regenerates the population)`);
  const cores = await measureCores({ ir, hash, size: SIZE, seed: SEED, at: AT }, workers, 5, 1);
  const single = figures.throughput?.peers[0]?.median;
  figures.cores = single === undefined ? cores : { ...cores, vsMainThread: cores.allWorkers / single };
}

// ------------------------------------------------------------------ compile time of a 5,000-line policy
if (wants('compile')) {
  progress(`compile time: ${ir.id}, and a synthetic ${values.lines}-line policy`);
  const cityParseCheck = timeMedian(() => loadPolicy(values.policy), 20);
  const cityCompile = timeMedian(() => compilePolicy(ir, hash), 20);
  const syn = syntheticPolicy(shapeForLines(Number(values.lines)));
  const dir = join(tmpdir(), 'xinyong-bench');
  mkdirSync(dir, { recursive: true });
  const synFile = join(dir, 'synthetic.xy');
  writeFileSync(synFile, syn.text);
  const synChecked = compileSource(syn.text, synFile, () => undefined);
  if (synChecked.ir === undefined) throw new Error('the synthetic policy does not check');
  const synIr = synChecked.ir;
  // What `xinyong check FILE` does, minus writing to stdout: read, parse, check, render the diagnostics.
  const synCheck = timeMedian(() => {
    const r = loadPolicy(synFile, { hash: false });
    return renderDiagnostics(r.diagnostics, r.texts);
  }, 10);
  const synCompile = timeMedian(() => compilePolicy(synIr, 'h'), 20);
  const cliStart = performance.now();
  const cli = spawnSync(process.execPath, ['bin/xinyong.js', 'check', synFile], { encoding: 'utf8' });
  const cliMs = performance.now() - cliStart;
  figures.compileMs = {
    city: {
      parseCheck: round(cityParseCheck.median, 2),
      compile: round(cityCompile.median, 3),
      total: round(cityParseCheck.median + cityCompile.median, 2),
    },
    synthetic: {
      lines: syn.lines,
      listingRules: syn.listingRules,
      rules: syn.rules,
      warnings: synChecked.diagnostics.length,
      check: round(synCheck.median, 1),
      compile: round(synCompile.median, 2),
      cliCheckNewProcess: round(cliMs),
      cliExit: cli.status,
    },
  };
}

// ------------------------------------------------------------------ memory per 1,000 rules
if (wants('memory')) {
  progress('memory: compiled evaluators in a child process with --expose-gc');
  const memoryOf = (args: string[]): MemoryFigures => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory-child.ts', ...args], {
      encoding: 'utf8',
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`memory child failed: ${r.stderr}`);
    return JSON.parse(line) as MemoryFigures;
  };
  // Enough copies that what a process pays once (optimised code for call sites that every new evaluator's
  // closures make polymorphic) is small against what each evaluator keeps.
  figures.memory = {
    city: memoryOf(['--policy', values.policy, '--copies', '100']),
    synthetic: memoryOf(['--lines', values.lines, '--copies', '6']),
  };
}

figures.machine.loadAverageAfter = loadavg().map((x) => round(x, 2));
figures.targets = targetsOf(figures);
figures.sink = sink();
figures.durationMs = round(performance.now() - started);
process.stdout.write(renderTable(figures));
if (values.json) process.stdout.write(JSON.stringify(figures) + '\n');
