// Turns the bench's figures into the targets of issues 2 and 3 and a readable table.
import type { Agreement } from './agreement.js';
import type { CoreFigures } from './cores.js';
import type { Latency, Pauses, PeerFigures } from './measure.js';
import type { MemoryFigures } from './memory-child.js';

export interface Figures {
  bench: 'xinyong';
  machine: { cpu: string; cores: number; node: string; loadAverageBefore: number[]; loadAverageAfter?: number[] };
  policy: {
    file: string;
    id: string;
    hash: string;
    lists: number;
    listingRules: number;
    measures: number;
    gradings: number;
  };
  population?: {
    size: number;
    seed: number;
    at: string;
    records: number;
    recordsPerSubject: number;
    validated: number;
    onAnyList: number;
    generationAndValidationMs: number;
    sample: number;
  };
  agreement?: {
    handwritten: Agreement;
    handwrittenBytes: Agreement;
    reference: Agreement;
    jsonRulesEngine: { subjects: number; sameLists: number; sameListsBuiltOnce: number };
  };
  throughput?: { rounds: number; budgetMs: number; peers: PeerFigures[] };
  ratios?: {
    compiledOverHandwritten: number;
    compiledExplainOverHandwritten: number;
    compiledOverJsonRulesEngine: number;
    compiledOverJsonRulesEngineOracleRunner: number;
    compiledOverReference: number;
  };
  latencyNs?: {
    compiledExplainOff: Latency;
    handwritten: Latency;
    /** fixed arithmetic as long as the compiled evaluator's median decision, timed the same way */
    fixedWork: Latency;
    /**
     * each subject's own cost (fastest of the passes) replayed as arithmetic in one more pass, next to the compiled
     * evaluator's figures of that pass: the floor the machine puts under this cost distribution's p99
     */
    costReplay: { replay: Latency; compiledSameRun: Latency };
    /**
     * the machine's pauses (measure.ts `machinePauses`), probed before and after the passes, and the share of
     * decisions that cannot finish within 10 µs here (measure.ts `overLimitShare`): their own cost is that long, or
     * they are expected to contain a pause of 10 µs or more. Above 0.01 together, the first-pass p99 is over 10 µs.
     */
    pauses: {
      before: Pauses;
      after: Pauses;
      over10usPerSecond: number;
      compiledOver10us: { ownCost: number; paused: number };
      handwrittenOver10us: { ownCost: number; paused: number };
    };
  };
  cores?: CoreFigures & { vsMainThread?: number };
  compileMs?: {
    city: { parseCheck: number; compile: number; total: number };
    synthetic: {
      lines: number;
      listingRules: number;
      rules: number;
      warnings: number;
      check: number;
      compile: number;
      cliCheckNewProcess: number;
      cliExit: number | null;
    };
  };
  memory?: { city: MemoryFigures; synthetic: MemoryFigures };
  targets?: Target[];
  sink?: number;
  durationMs?: number;
}

export interface Target {
  readonly name: string;
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

export function targetsOf(f: Figures): Target[] {
  const t: Target[] = [];
  const add = (name: string, value: number, goal: string, met: boolean): void => {
    t.push({ name, value: round(value), goal, met });
  };
  if (f.ratios !== undefined) {
    const r = f.ratios;
    add('compiled (explain off) / hand-written', r.compiledOverHandwritten, '≥ 0.30', r.compiledOverHandwritten >= 0.3);
    add(
      'compiled (explain on) / hand-written',
      r.compiledExplainOverHandwritten,
      '≥ 0.10',
      r.compiledExplainOverHandwritten >= 0.1,
    );
    add(
      'compiled / json-rules-engine (engines built once)',
      r.compiledOverJsonRulesEngine,
      '≥ 100',
      r.compiledOverJsonRulesEngine >= 100,
    );
  }
  if (f.latencyNs !== undefined) {
    const p99 = f.latencyNs.compiledExplainOff.p99;
    add('p99 latency, µs (explain off)', p99 / 1000, '< 10', p99 < 10_000);
  }
  if (f.cores !== undefined) {
    const c = f.cores;
    add(
      `all cores / one (${c.workers} workers)`,
      c.speedup,
      c.workers >= 2 ? '≥ 1.7 on 2 cores' : 'n/a',
      c.workers < 2 || c.speedup >= 1.7,
    );
  }
  if (f.compileMs !== undefined) {
    const s = f.compileMs.synthetic;
    add(`compile ${s.lines}-line policy (IR → evaluator), ms`, s.compile, '< 200', s.compile < 200);
    add(`check ${s.lines}-line policy (warm), ms`, s.check, '< 300', s.check < 300);
  }
  if (f.memory !== undefined) {
    const worst = Math.max(f.memory.city.bytesPer1000Rules, f.memory.synthetic.bytesPer1000Rules);
    add('memory per 1,000 rules, MB (worst of city, synthetic)', worst / 1e6, '< 1', worst < 1e6);
  }
  return t;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const us = (ns: number): string => (ns / 1000).toFixed(2);

/** Pads to a terminal width: CJK characters take two columns. */
function pauseLines(p: NonNullable<Figures['latencyNs']>['pauses']): string[] {
  const rate = (x: Pauses): string =>
    `≥5 µs ${fmt(x.perSecond.over5us)}/s, ≥10 µs ${fmt(x.perSecond.over10us)}/s (median ${us(x.medianOver10usNs)} µs, ${(100 * x.shareOfTime).toFixed(1)}% of the time), ≥20 µs ${fmt(x.perSecond.over20us)}/s`;
  const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
  const share = (name: string, x: { ownCost: number; paused: number }): string =>
    `  ${pad(name, 22)} ${pct(x.ownCost + x.paused)} of decisions over 10 µs at the least: ${pct(x.ownCost)} by their own cost (fastest of the passes), ${pct(x.paused)} more expected to contain a pause — ${x.ownCost + x.paused > 0.01 ? 'over 1%: the p99 cannot be under 10 µs here' : 'under 1%'}`;
  return [
    `  machine pauses, the clock read back to back for 1 s — before the passes: ${rate(p.before)}; after: ${rate(p.after)}`,
    `  at ${fmt(p.over10usPerSecond)} pauses of ≥10 µs a second (a decision of cost c contains one with probability about c × that rate; fewer than 1% of decisions paused needs a mean cost under ${(1e4 / Math.max(1, p.over10usPerSecond)).toFixed(2)} µs):`,
    share('compiled, explain off', p.compiledOver10us),
    share('hand-written', p.handwrittenOver10us),
  ];
}

function pad(s: string, n: number): string {
  let width = 0;
  for (const ch of s) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return s + ' '.repeat(Math.max(0, n - width));
}

export function renderTable(f: Figures): string {
  const out: string[] = [];
  const load = (xs: number[] | undefined): string => (xs ?? []).map((x) => x.toFixed(1)).join(' ');
  out.push(
    `xinyong bench — ${f.policy.id} (${f.policy.lists} lists, ${f.policy.listingRules} listing rules, ${f.policy.measures} measures, ${f.policy.gradings} gradings)`,
    `machine: ${f.machine.cpu}, ${f.machine.cores} cores, node ${f.machine.node}; load average ${load(f.machine.loadAverageBefore)} → ${load(f.machine.loadAverageAfter)}`,
  );
  const p = f.population;
  if (p !== undefined) {
    out.push(
      `population: ${fmt(p.size)} subjects, ${p.recordsPerSubject} records each, seed ${p.seed}, at ${p.at}; all valid (validateSubject, ${fmt(p.generationAndValidationMs)} ms); ${(100 * p.onAnyList).toFixed(1)}% on some list`,
    );
  }
  const a = f.agreement;
  if (a !== undefined) {
    out.push(
      `agreement with the compiled evaluator: hand-written ${fmt(a.handwritten.sameSets)}/${fmt(a.handwritten.subjects)} same lists+measures+grades (${fmt(a.handwrittenBytes.identical)}/${fmt(a.handwrittenBytes.subjects)} byte-identical); reference ${a.reference.identical}/${a.reference.subjects} identical; json-rules-engine ${a.jsonRulesEngine.sameLists}/${a.jsonRulesEngine.subjects} same lists (engines built once: ${a.jsonRulesEngine.sameListsBuiltOnce}/${a.jsonRulesEngine.subjects})`,
    );
    const d = a.handwritten.firstDifference;
    if (d !== undefined) {
      out.push(
        `WARNING: the hand-written evaluator disagrees with the engine (did the policy's logic move?): subject ${d.subject}`,
        `  engine:       ${d.a}`,
        `  hand-written: ${d.b}`,
      );
    }
    const byteDiff = a.handwrittenBytes.firstByteDifference;
    if (byteDiff !== undefined && d === undefined) {
      out.push(
        `WARNING: the hand-written evaluator's decisions differ in their dates, records or notes: subject ${byteDiff}`,
      );
    }
  }
  const t = f.throughput;
  if (t !== undefined) {
    out.push('', `single-threaded, ${t.rounds} interleaved rounds × ${t.budgetMs} ms, median:`);
    for (const x of t.peers) {
      out.push(
        `  ${pad(x.name, 38)} ${fmt(x.median).padStart(10)} decisions/s   (${fmt(x.subjects)} subjects; rounds ${x.rounds.map(fmt).join(' ')})`,
      );
    }
  }
  const r = f.ratios;
  if (r !== undefined) {
    out.push(
      `  ratios (median of per-round ratios): compiled/hand-written ${r.compiledOverHandwritten.toFixed(3)}, compiled-explain/hand-written ${r.compiledExplainOverHandwritten.toFixed(3)}, compiled/json-rules-engine ${r.compiledOverJsonRulesEngine.toFixed(0)}× (engines built once; ${r.compiledOverJsonRulesEngineOracleRunner.toFixed(0)}× against the oracle runner), compiled/reference ${r.compiledOverReference.toFixed(0)}×`,
    );
  }
  const l = f.latencyNs;
  if (l !== undefined) {
    const line = (name: string, x: Latency): string =>
      `  ${pad(name, 22)} p50 ${us(x.p50)} µs   p99 ${us(x.p99)} µs   p99.9 ${us(x.p999)} µs   max ${us(x.max)} µs`;
    const bestLine = (name: string, x: Latency): string =>
      `  ${pad(name, 22)} p50 ${us(x.bestOf.p50)} µs   p99 ${us(x.bestOf.p99)} µs   p99.9 ${us(x.bestOf.p999)} µs`;
    out.push(
      '',
      `latency per decision (${fmt(l.compiledExplainOff.samples)} decisions each timed, the peers alternating in batches; first pass; timer overhead ${l.compiledExplainOff.timerOverhead} ns, included):`,
      line('compiled, explain off', l.compiledExplainOff),
      line('hand-written', l.handwritten),
      line('fixed work (median)', l.fixedWork),
      `  fixed work is integer arithmetic as long as the compiled median, every call: no memory, no data (${(l.fixedWork.p99 / l.fixedWork.p50).toFixed(2)}× its p50 at p99)`,
      `  one more pass, each decision's own cost (fastest of ${l.compiledExplainOff.bestOf.passes}) replayed as that much arithmetic — the machine's floor under this cost distribution:`,
      line('compiled, same pass', l.costReplay.compiledSameRun),
      line('cost replay (floor)', l.costReplay.replay),
      `  each subject's fastest of ${l.compiledExplainOff.bestOf.passes} passes (the decision's own cost, machine noise filtered out; diagnostic, not the target):`,
      bestLine('compiled, explain off', l.compiledExplainOff),
      bestLine('hand-written', l.handwritten),
      ...pauseLines(l.pauses),
    );
  }
  const c = f.cores;
  if (c !== undefined) {
    out.push(
      '',
      `all cores (worker threads, compiled, explain off): 1 worker ${fmt(c.oneWorker)}/s, ${c.workers} workers ${fmt(c.allWorkers)}/s → ${c.speedup.toFixed(2)}× (rounds 1: ${c.rounds.one.map(fmt).join(' ')}; ${c.workers}: ${c.rounds.all.map(fmt).join(' ')})`,
      `  CPU the process got: ${c.coresUsed.one.toFixed(2)} cores with 1 worker, ${c.coresUsed.all.toFixed(2)} with ${c.workers}; decisions per CPU-second, ${c.workers} workers vs 1: ${c.cpuEfficiency.toFixed(2)} (1.00 = no contention inside the process)`,
    );
  }
  const m = f.compileMs;
  if (m !== undefined) {
    const s = m.synthetic;
    out.push(
      '',
      `compile (warm medians): ${f.policy.id} parse+check ${m.city.parseCheck.toFixed(1)} ms, IR → evaluator ${m.city.compile.toFixed(2)} ms`,
      `  synthetic ${s.lines} lines (${s.listingRules} listing rules, ${s.rules} rules, ${s.warnings} warnings): check ${s.check.toFixed(1)} ms, IR → evaluator ${s.compile.toFixed(1)} ms; \`xinyong check\` as a new process ${fmt(s.cliCheckNewProcess)} ms (exit ${s.cliExit})`,
    );
  }
  const mem = f.memory;
  if (mem !== undefined) {
    out.push(
      `memory per evaluator (heap growth, --expose-gc): ${f.policy.id} ${(mem.city.bytesPerEvaluator / 1e3).toFixed(0)} kB for ${mem.city.rules} rules = ${(mem.city.bytesPer1000Rules / 1e6).toFixed(2)} MB/1,000 rules; synthetic ${(mem.synthetic.bytesPerEvaluator / 1e6).toFixed(2)} MB for ${mem.synthetic.rules} rules = ${(mem.synthetic.bytesPer1000Rules / 1e6).toFixed(2)} MB/1,000 rules (${(mem.synthetic.bytesPer1000ListingRules / 1e6).toFixed(2)} MB/1,000 listing rules)`,
    );
  }
  const targets = f.targets ?? [];
  if (targets.length > 0) {
    out.push('', 'targets (issue 3; the check time is issue 2):');
    for (const x of targets)
      out.push(`  ${x.met ? 'met   ' : 'MISSED'} ${pad(x.name, 56)} ${String(x.value).padStart(10)}   goal ${x.goal}`);
  }
  if (f.durationMs !== undefined) out.push('', `bench took ${(f.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n') + '\n';
}
