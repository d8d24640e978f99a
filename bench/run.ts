// `npm run bench`: throughput, latency, all-cores, compile time and memory of the engine against its peers.
//
//   npm run bench                      readable table on stdout (progress on stderr)
//   npm run bench -- --json            the same, plus every figure as one JSON object on the last line
//   npm run bench -- --size 20000      a smaller population (quicker, noisier)
//
// Peers run in one process, interleaved round-robin (median of the rounds): the compiled evaluator with
// explanation off and on, a hand-written TypeScript evaluator of the same policy (bench/handwritten.ts,
// checked against the engine on the whole population first), json-rules-engine on the exported listing
// rules — through the oracle's runner (cli/run-json-rules-engine.ts, a new Engine per rule and subject) and
// with engines built once (bench/jre-prebuilt.ts); lists only, on a 2,000-subject sample, because it is slow —
// and the reference interpreter on the same sample.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../cli/files.js';
import { runJreListing } from '../cli/run-json-rules-engine.js';
import { compileSource, renderDiagnostics } from '../dsl/index.js';
import type { Decision, Subject } from '../engine/contract.js';
import { exportJsonRulesEngine } from '../engine/export/json-rules-engine.js';
import { compilePolicy, evaluate } from '../engine/index.js';
import { evaluateReference } from '../engine/reference/index.js';
import { compareDecisions } from './agreement.js';
import { measureCores } from './cores.js';
import { handwrittenYulin } from './handwritten.js';
import { prebuiltJre } from './jre-prebuilt.js';
import { collectGarbage, interleave, latency, median, sink, timeMedian } from './measure.js';
import type { Peer } from './measure.js';
import type { MemoryFigures } from './memory-child.js';
import { generatePopulation } from './population.js';
import { shapeForLines, syntheticPolicy } from './synthetic-policy.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
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
const started = performance.now();
const AT = values.at;
const SIZE = Number(values.size);
const SAMPLE = Math.min(SIZE, Number(values.sample));
const ROUNDS = Number(values.rounds);
const BUDGET = Number(values['budget-ms']);
const progress = (s: string): void =>
  void process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${s}\n`);
const load0 = loadavg();

// ------------------------------------------------------------------ the city policy
progress(`compiling ${values.policy}`);
const loaded = loadPolicy(values.policy);
if (loaded.ir === undefined || loaded.hash === undefined) throw new Error(`${values.policy} does not check`);
const ir = loaded.ir;
const hash = loaded.hash;
if (ir.id !== 'yulin') throw new Error('the hand-written peer implements policies/yulin only');
const compiled = compilePolicy(ir, hash);
const listingRules = Object.values(ir.lists).reduce((n, l) => n + l.rules.length, 0);

const cityParseCheck = timeMedian(() => loadPolicy(values.policy), 20);
const cityCompile = timeMedian(() => compilePolicy(ir, hash), 20);

// ------------------------------------------------------------------ population
progress(`generating and validating ${SIZE} subjects`);
const tGen = performance.now();
const subjects = generatePopulation(ir, { size: SIZE, seed: Number(values.seed), at: AT });
const generationMs = performance.now() - tGen;
const records = subjects.reduce((n, s) => n + s.records.length, 0);
// An even spread over the population, not its head, for the slow peers.
const sample: Subject[] = [];
for (let i = 0; i < SAMPLE; i++) sample.push(subjects[Math.floor((i * SIZE) / SAMPLE)]!);

const offOpts = { at: AT, explain: false } as const;
const onOpts = { at: AT, explain: true } as const;
const refOpts = { at: AT, explain: false } as const;
const compiledOff = (s: Subject): Decision => evaluate(compiled, s, offOpts);
const compiledOn = (s: Subject): Decision => evaluate(compiled, s, onOpts);
const hand = handwrittenYulin(ir, hash);
const handwritten = (s: Subject): Decision => hand(s, AT, null);
const reference = (s: Subject): Decision => evaluateReference(ir, hash, s, refOpts);
const exported = exportJsonRulesEngine(ir);
const jre = (s: Subject): Promise<Set<string>> => runJreListing(exported, s, AT);
const jreOnce = prebuiltJre(exported);
const jreBuiltOnce = (s: Subject): Promise<Set<string>> => jreOnce(s, AT);

// ------------------------------------------------------------------ agreement (fairness of the comparison)
progress('checking the peers agree with the compiled evaluator');
let onAnyList = 0;
for (const s of subjects) if (compiledOff(s).lists.length > 0) onAnyList++;
const handSets = compareDecisions(subjects, compiledOff, handwritten);
const handBytes = compareDecisions(subjects.slice(0, 5_000), compiledOff, handwritten);
const refAgreement = compareDecisions(sample.slice(0, 500), compiledOff, reference);
const jreSample = sample.slice(0, 500);
let jreSame = 0;
let jreOnceSame = 0;
for (const s of jreSample) {
  const a = compiledOff(s)
    .lists.map((l) => l.list)
    .join(',');
  if (a === [...(await jre(s))].sort().join(',')) jreSame++;
  if (a === [...(await jreBuiltOnce(s))].sort().join(',')) jreOnceSame++;
}

// ------------------------------------------------------------------ single-threaded throughput, interleaved
progress(`throughput: ${ROUNDS} interleaved rounds of ${BUDGET} ms per peer`);
const peers: Peer[] = [
  { name: 'compiled, explain off', subjects, decide: compiledOff },
  { name: 'compiled, explain on', subjects, decide: compiledOn },
  { name: 'hand-written TypeScript', subjects, decide: handwritten },
  { name: 'json-rules-engine, oracle runner', subjects: sample, decide: jre, async: true },
  { name: 'json-rules-engine, engines built once', subjects: sample, decide: jreBuiltOnce, async: true },
  { name: 'reference interpreter', subjects: sample, decide: reference },
];
const throughput = await interleave(
  peers,
  ROUNDS,
  () => BUDGET,
  (r) => progress(r === 0 ? 'warm-up round done' : `round ${r}/${ROUNDS} done`),
);
const rate = (i: number): number => throughput[i]!.median;

// ------------------------------------------------------------------ latency
progress('latency: every decision timed on its own');
collectGarbage();
const lat = latency(subjects, compiledOff);
collectGarbage();
const latHand = latency(subjects, handwritten);

// ------------------------------------------------------------------ all cores
const workers = availableParallelism();
progress(`all cores: ${workers} worker threads (each regenerates the population)`);
const cores = await measureCores({ ir, hash, size: SIZE, seed: Number(values.seed), at: AT }, workers, 5, 1);

// ------------------------------------------------------------------ compile time of a 5,000-line policy
progress(`compile time: synthetic ${values.lines}-line policy`);
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
  const r = loadPolicy(synFile);
  return renderDiagnostics(r.diagnostics, r.texts);
}, 10);
const synCompile = timeMedian(() => compilePolicy(synIr, 'h'), 20);
const cliStart = performance.now();
const cli = spawnSync(process.execPath, ['bin/xinyong.js', 'check', synFile], { encoding: 'utf8' });
const cliColdMs = performance.now() - cliStart;

// ------------------------------------------------------------------ memory per 1,000 rules
progress('memory: compiled evaluators in a child process with --expose-gc');
const memoryOf = (args: string[]): MemoryFigures => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory-child.ts', ...args], {
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`memory child failed: ${r.stderr}`);
  return JSON.parse(line) as MemoryFigures;
};
const memCity = memoryOf(['--policy', values.policy, '--copies', '20']);
const memSyn = memoryOf(['--lines', values.lines, '--copies', '6']);

// ------------------------------------------------------------------ report
const load1 = loadavg();
const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;
const us = (ns: number): number => round(ns / 1000, 2);
// Ratios are taken round by round (both peers ran within the same few seconds) and then the median: a change
// in machine load between rounds moves both sides of a ratio alike.
const ratioOf = (a: number, b: number): number =>
  median(throughput[a]!.rounds.map((x, r) => x / (throughput[b]!.rounds[r] ?? NaN)));
const ratios = {
  compiledOverHandwritten: ratioOf(0, 2),
  compiledExplainOverHandwritten: ratioOf(1, 2),
  compiledOverJsonRulesEngine: ratioOf(0, 4),
  compiledOverJsonRulesEngineOracleRunner: ratioOf(0, 3),
  compiledOverReference: ratioOf(0, 5),
};
const target = (
  name: string,
  value: number,
  goal: string,
  met: boolean,
): { name: string; value: number; goal: string; met: boolean } => ({
  name,
  value: round(value, 3),
  goal,
  met,
});
const perThousand = Math.max(memCity.bytesPer1000Rules, memSyn.bytesPer1000Rules);
const targets = [
  target(
    'compiled (explain off) / hand-written',
    ratios.compiledOverHandwritten,
    '≥ 0.30',
    ratios.compiledOverHandwritten >= 0.3,
  ),
  target(
    'compiled (explain on) / hand-written',
    ratios.compiledExplainOverHandwritten,
    '≥ 0.10',
    ratios.compiledExplainOverHandwritten >= 0.1,
  ),
  target(
    'compiled / json-rules-engine (engines built once)',
    ratios.compiledOverJsonRulesEngine,
    '≥ 100',
    ratios.compiledOverJsonRulesEngine >= 100,
  ),
  target('p99 latency, µs (explain off)', us(lat.p99), '< 10', lat.p99 < 10_000),
  target(
    `all cores / one (${workers} workers)`,
    cores.speedup,
    workers >= 2 ? '≥ 1.7 on 2 cores' : 'n/a (1 core)',
    workers < 2 || cores.speedup >= 1.7,
  ),
  target(`compile ${syn.lines}-line policy (IR → evaluator), ms`, synCompile.median, '< 200', synCompile.median < 200),
  target(`check ${syn.lines}-line policy (warm), ms`, synCheck.median, '< 300', synCheck.median < 300),
  target('memory per 1,000 rules, MB (worst of city, synthetic)', perThousand / 1e6, '< 1', perThousand < 1e6),
];

const figures = {
  bench: 'xinyong',
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    loadAverageBefore: load0.map((x) => round(x, 2)),
    loadAverageAfter: load1.map((x) => round(x, 2)),
  },
  policy: {
    file: values.policy,
    id: ir.id,
    hash,
    lists: Object.keys(ir.lists).length,
    listingRules,
    measures: Object.keys(ir.measures).length,
    gradings: Object.keys(ir.gradings).length,
  },
  population: {
    size: SIZE,
    seed: Number(values.seed),
    at: AT,
    records,
    recordsPerSubject: round(records / SIZE, 2),
    validated: SIZE,
    onAnyList: round(onAnyList / SIZE, 4),
    generationAndValidationMs: round(generationMs),
    sample: SAMPLE,
  },
  agreement: {
    handwritten: {
      subjects: handSets.subjects,
      sameListsMeasuresGrades: handSets.sameSets,
      rate: handSets.sameSets / handSets.subjects,
    },
    handwrittenBytes: { subjects: handBytes.subjects, identical: handBytes.identical },
    reference: { subjects: refAgreement.subjects, identical: refAgreement.identical },
    jsonRulesEngine: { subjects: jreSample.length, sameLists: jreSame, sameListsBuiltOnce: jreOnceSame },
    ...(handSets.firstDifference ? { firstDifference: handSets.firstDifference } : {}),
  },
  throughput: Object.fromEntries(
    throughput.map((t) => [
      t.name,
      {
        decisionsPerSecond: round(t.median),
        rounds: t.rounds.map((x) => round(x)),
        subjects: t.subjects,
        decisions: t.decisions,
      },
    ]),
  ),
  ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 3)])),
  latencyNs: {
    compiledExplainOff: { samples: lat.samples, p50: lat.p50, p99: lat.p99, p999: lat.p999, max: lat.max },
    handwritten: { samples: latHand.samples, p50: latHand.p50, p99: latHand.p99, p999: latHand.p999, max: latHand.max },
    timerOverhead: lat.timerOverhead,
  },
  cores: {
    workers: cores.workers,
    oneWorker: round(cores.oneWorker),
    allWorkers: round(cores.allWorkers),
    speedup: round(cores.speedup, 3),
    cpuEfficiency: round(cores.cpuEfficiency, 3),
    coresUsed: { one: round(cores.coresUsed.one, 2), all: round(cores.coresUsed.all, 2) },
    rounds: { one: cores.rounds.one.map((x) => round(x)), all: cores.rounds.all.map((x) => round(x)) },
    vsMainThread: round(cores.allWorkers / rate(0), 3),
  },
  compileMs: {
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
      cliCheckColdProcess: round(cliColdMs),
      cliExit: cli.status,
    },
  },
  memory: { city: memCity, synthetic: memSyn },
  targets,
  sink: sink(),
  durationMs: round(performance.now() - started),
};

// ------------------------------------------------------------------ table
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
/** Pads to a terminal width: CJK characters take two columns. */
const pad = (s: string, n: number): string => {
  let width = 0;
  for (const ch of s) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return s + ' '.repeat(Math.max(0, n - width));
};
const lines: string[] = [];
lines.push(
  `xinyong bench — ${ir.id} (${figures.policy.lists} lists, ${listingRules} listing rules, ${figures.policy.measures} measures, ${figures.policy.gradings} gradings)`,
  `machine: ${figures.machine.cpu}, ${workers} cores, node ${process.version}; load average ${load0.map((x) => x.toFixed(1)).join(' ')} → ${load1.map((x) => x.toFixed(1)).join(' ')}`,
  `population: ${fmt(SIZE)} subjects, ${figures.population.recordsPerSubject} records each, seed ${values.seed}, at ${AT}; all valid (validateSubject); ${(100 * figures.population.onAnyList).toFixed(1)}% on some list`,
  `agreement with the compiled evaluator: hand-written ${fmt(handSets.sameSets)}/${fmt(handSets.subjects)} same lists+measures+grades (${fmt(handBytes.identical)}/${fmt(handBytes.subjects)} byte-identical); reference ${refAgreement.identical}/${refAgreement.subjects} identical; json-rules-engine ${jreSame}/${jreSample.length} same lists (engines built once: ${jreOnceSame}/${jreSample.length})`,
  '',
  `single-threaded, ${ROUNDS} interleaved rounds × ${BUDGET} ms, median:`,
);
for (const t of throughput) {
  lines.push(
    `  ${pad(t.name, 34)} ${fmt(t.median).padStart(12)} decisions/s   (${fmt(t.subjects)} subjects; rounds ${t.rounds.map(fmt).join(' ')})`,
  );
}
lines.push(
  `  ratios: compiled/hand-written ${ratios.compiledOverHandwritten.toFixed(3)}, compiled-explain/hand-written ${ratios.compiledExplainOverHandwritten.toFixed(3)}, compiled/json-rules-engine ${ratios.compiledOverJsonRulesEngine.toFixed(0)}× (engines built once; ${ratios.compiledOverJsonRulesEngineOracleRunner.toFixed(0)}× against the oracle runner), compiled/reference ${ratios.compiledOverReference.toFixed(0)}×`,
  '',
  `latency per decision (${fmt(lat.samples)} decisions each timed, timer overhead ${lat.timerOverhead} ns included):`,
  `  compiled, explain off   p50 ${us(lat.p50)} µs   p99 ${us(lat.p99)} µs   p99.9 ${us(lat.p999)} µs   max ${us(lat.max)} µs`,
  `  hand-written            p50 ${us(latHand.p50)} µs   p99 ${us(latHand.p99)} µs   p99.9 ${us(latHand.p999)} µs   max ${us(latHand.max)} µs`,
  '',
  `all cores (worker threads, compiled, explain off): 1 worker ${fmt(cores.oneWorker)}/s, ${workers} workers ${fmt(cores.allWorkers)}/s → ${cores.speedup.toFixed(2)}× (rounds 1: ${cores.rounds.one.map(fmt).join(' ')}; ${workers}: ${cores.rounds.all.map(fmt).join(' ')})`,
  `  CPU the process got: ${cores.coresUsed.one.toFixed(2)} cores with 1 worker, ${cores.coresUsed.all.toFixed(2)} with ${workers}; decisions per CPU-second ${workers} vs 1: ${cores.cpuEfficiency.toFixed(2)} (1.00 = no contention inside the process)`,
  '',
  `compile (warm medians): ${ir.id} parse+check ${cityParseCheck.median.toFixed(1)} ms, IR → evaluator ${cityCompile.median.toFixed(2)} ms`,
  `  synthetic ${syn.lines} lines (${syn.listingRules} listing rules, ${syn.rules} rules, ${synChecked.diagnostics.length} warnings): check ${synCheck.median.toFixed(1)} ms, IR → evaluator ${synCompile.median.toFixed(1)} ms; \`xinyong check\` as a new process ${fmt(cliColdMs)} ms (exit ${cli.status})`,
  `memory per evaluator (heap, --expose-gc): ${ir.id} ${(memCity.bytesPerEvaluator / 1e3).toFixed(0)} kB for ${memCity.rules} rules = ${(memCity.bytesPer1000Rules / 1e6).toFixed(2)} MB/1,000 rules; synthetic ${(memSyn.bytesPerEvaluator / 1e6).toFixed(2)} MB for ${memSyn.rules} rules = ${(memSyn.bytesPer1000Rules / 1e6).toFixed(2)} MB/1,000 rules (${(memSyn.bytesPer1000ListingRules / 1e6).toFixed(2)} MB/1,000 listing rules)`,
  '',
  'targets (issue 3, issue 2):',
);
if (handSets.firstDifference !== undefined) {
  const d = handSets.firstDifference;
  lines.splice(
    4,
    0,
    `WARNING: the hand-written evaluator disagrees with the engine (the policy's logic moved?): subject ${d.subject}`,
    `  engine:       ${d.a}`,
    `  hand-written: ${d.b}`,
  );
}
for (const t of targets)
  lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${pad(t.name, 58)} ${String(t.value).padStart(10)}   goal ${t.goal}`);
lines.push('', `bench took ${(figures.durationMs / 1000).toFixed(1)} s`);
process.stdout.write(lines.join('\n') + '\n');
if (values.json) process.stdout.write(JSON.stringify(figures) + '\n');
