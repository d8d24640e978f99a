// Turns evaluators into throughput and latency figures: interleaved timed rounds, medians, per-call percentiles.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Subject } from '../engine/contract.js';

// A young-generation collection between two peers' slices, so one peer's short-lived garbage is not collected
// in the next one's time. Not a full collection: that would also discard optimised code whose embedded maps
// died ("weak objects" deoptimisations) and make every slice re-warm. `npm run bench` runs node without
// --expose-gc; the flag can still be set at run time for new contexts.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
const collect = (): void => gc({ type: 'minor' });

/** A full collection (untimed), before a timed phase. */
export function collectGarbage(): void {
  gc({ type: 'major' });
}

/** Something that decides one subject; its result feeds a sink so the work cannot be optimised away. */
export interface Peer {
  readonly name: string;
  readonly subjects: readonly Subject[];
  readonly decide: (s: Subject) => unknown;
  /** async peers (json-rules-engine) are awaited one decision at a time */
  readonly async?: boolean;
}

export interface PeerFigures {
  readonly name: string;
  readonly subjects: number;
  /** decisions per second of each measured round */
  readonly rounds: readonly number[];
  readonly median: number;
  readonly decisions: number;
}

let sinkValue = 0;
/** Read by the report so that no decision is dead code. */
export function sink(): number {
  return sinkValue;
}

function consume(d: unknown): void {
  // Touch the result: a number derived from it reaches a module-level variable.
  if (d !== null && typeof d === 'object')
    sinkValue = (sinkValue + ((d as { lists?: unknown[] }).lists?.length ?? 1)) | 0;
  else sinkValue = (sinkValue + 1) | 0;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const CHECK_EVERY = 32;

/** Runs `peer` for about `budgetMs` from its cursor on; returns decisions done and the time they took. */
async function slice(peer: Peer, cursor: { i: number }, budgetMs: number): Promise<{ n: number; ms: number }> {
  const subjects = peer.subjects;
  const len = subjects.length;
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  if (peer.async === true) {
    while (t - t0 < budgetMs) {
      for (let k = 0; k < CHECK_EVERY; k++) {
        consume(await peer.decide(subjects[cursor.i]!));
        cursor.i = cursor.i + 1 === len ? 0 : cursor.i + 1;
      }
      n += CHECK_EVERY;
      t = performance.now();
    }
  } else {
    const decide = peer.decide;
    while (t - t0 < budgetMs) {
      for (let k = 0; k < CHECK_EVERY; k++) {
        consume(decide(subjects[cursor.i]!));
        cursor.i = cursor.i + 1 === len ? 0 : cursor.i + 1;
      }
      n += CHECK_EVERY;
      t = performance.now();
    }
  }
  return { n, ms: t - t0 };
}

/**
 * Round-robin over the peers: in each round every peer runs for its budget, the starting peer rotating so
 * no peer always follows the same neighbour. The first round warms the JIT and is not counted.
 */
export async function interleave(
  peers: readonly Peer[],
  rounds: number,
  budgetMs: (p: Peer) => number,
  onRound?: (round: number) => void,
): Promise<PeerFigures[]> {
  const cursors = peers.map(() => ({ i: 0 }));
  const rates: number[][] = peers.map(() => []);
  const done = peers.map(() => 0);
  for (let r = 0; r <= rounds; r++) {
    for (let k = 0; k < peers.length; k++) {
      const j = (k + r) % peers.length;
      const peer = peers[j]!;
      collect();
      const { n, ms } = await slice(peer, cursors[j]!, r === 0 ? Math.min(300, budgetMs(peer)) : budgetMs(peer));
      if (r > 0) {
        rates[j]!.push((n / ms) * 1000);
        done[j]! += n;
      }
    }
    onRound?.(r);
  }
  return peers.map((p, j) => ({
    name: p.name,
    subjects: p.subjects.length,
    rounds: rates[j]!,
    median: median(rates[j]!),
    decisions: done[j]!,
  }));
}

export interface Latency {
  readonly samples: number;
  /** nanoseconds, as measured (timer overhead included) */
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  /** median cost of one pair of hrtime reads, ns */
  readonly timerOverhead: number;
  /**
   * The same quantiles of each subject's fastest time over `passes` passes: what the decision itself costs once
   * interrupts, collections and other tenants of the machine are filtered out. A diagnostic: the target is the
   * single-pass figure above.
   */
  readonly bestOf: { readonly passes: number; readonly p50: number; readonly p99: number; readonly p999: number };
}

function quantile(sorted: BigInt64Array | Float64Array, q: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!);
}

/**
 * A computation that takes the same time on every call, about `targetNs`: integer arithmetic on registers, no
 * memory, no allocation. Timed like a decision, its p99 over its p50 is what the machine itself adds to any
 * computation of that length (interrupts, the hypervisor taking the vCPU away): the floor no evaluator's p99
 * can go under on this machine. Calibrated here on a run of calls; the loop's result feeds the sink.
 */
export function fixedWork(targetNs: number): (s: Subject) => number {
  const { spin, medianNs } = arithmetic();
  const probe = 1_000;
  for (let i = 0; i < 20_000; i++) spin(probe);
  const iterations = Math.max(1, Math.round((probe * targetNs) / Math.max(1, medianNs(probe, 20_000))));
  return () => spin(iterations);
}

/**
 * `spin(n)`: n iterations of integer arithmetic on registers (no memory, no allocation), its result kept so it is
 * not dead code; `medianNs(n, runs)`: the median time of `spin(n)`, each run timed like a decision.
 */
function arithmetic(): { spin: (n: number) => number; medianNs: (n: number, runs: number) => number } {
  let state = 1;
  const spin = (n: number): number => {
    let x = state;
    for (let i = 0; i < n; i++) x = (Math.imul(x, 31) + i) | 0;
    state = x;
    return x;
  };
  const medianNs = (n: number, runs: number): number => {
    const d = new Float64Array(runs);
    for (let i = 0; i < runs; i++) {
      const a = process.hrtime.bigint();
      spin(n);
      d[i] = Number(process.hrtime.bigint() - a);
    }
    d.sort();
    return quantile(d, 0.5);
  };
  return { spin, medianNs };
}

export interface Pauses {
  /** how long the clock was read in a tight loop, ms */
  readonly ms: number;
  /** stretches between two consecutive clock reads at least this long, per second of wall time */
  readonly perSecond: { readonly over5us: number; readonly over10us: number; readonly over20us: number };
  /** median length of the stretches of at least 10 µs, ns */
  readonly medianOver10usNs: number;
  /** share of the wall time lost in stretches of at least 10 µs */
  readonly shareOfTime: number;
}

/**
 * The machine taking the CPU away: the clock read back to back for `ms` (one read costs well under a microsecond),
 * every gap of 5 µs or more counted. On a VM most of these are the host running something else on this vCPU —
 * invisible to the guest (no context switch, no interrupt, no steal time shows them). A decision that contains one
 * of 10 µs or more takes more than 10 µs however cheap its own work, so at `perSecond.over10us` = r, a decision of
 * cost c is paused with probability about r·c: the share of a population's decisions no evaluator of those costs
 * can bring under 10 µs on this machine (`pausedShare`).
 */
export function machinePauses(ms = 1000): Pauses {
  const gaps = new Float64Array(1 << 17);
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let previous = start;
  while (previous < end) {
    const now = process.hrtime.bigint();
    const gap = Number(now - previous);
    if (gap >= 5_000 && count < gaps.length) gaps[count++] = gap;
    previous = now;
  }
  const seconds = Number(previous - start) / 1e9;
  const over = (ns: number): number => {
    let n = 0;
    for (let i = 0; i < count; i++) if (gaps[i]! >= ns) n++;
    return n;
  };
  const long = gaps
    .subarray(0, count)
    .filter((g) => g >= 10_000)
    .sort();
  let lost = 0;
  for (const g of long) lost += g;
  return {
    ms: seconds * 1000,
    perSecond: { over5us: over(5_000) / seconds, over10us: long.length / seconds, over20us: over(20_000) / seconds },
    medianOver10usNs: long.length === 0 ? 0 : quantile(long, 0.5),
    shareOfTime: lost / (seconds * 1e9),
  };
}

/**
 * Of a population's decisions, each at its own cost (`costsNs`, e.g. the fastest of the passes), the share that
 * cannot finish within `limitNs` here: `ownCost`, those whose own work already takes that long; `paused`, those of
 * the rest expected to contain a pause of 10 µs or more (measure.ts `machinePauses`), pauses arriving at
 * `over10usPerSecond` independently of the work — Σ min(1, r·cᵢ) / n. When the two add up to more than 1%, the
 * first-pass p99 is over `limitNs` whatever the timing luck (a lower bound: a first pass costs no less than the
 * fastest, and shorter pauses and cold memory only add).
 */
export function overLimitShare(
  costsNs: Float64Array,
  over10usPerSecond: number,
  limitNs = 10_000,
): { ownCost: number; paused: number } {
  const perNs = over10usPerSecond / 1e9;
  let own = 0;
  let paused = 0;
  for (const c of costsNs) {
    if (c >= limitNs) own++;
    else paused += Math.min(1, perNs * c);
  }
  const n = Math.max(1, costsNs.length);
  return { ownCost: own / n, paused: paused / n };
}

/** The cost of reading the clock twice, which every per-decision figure below includes once. */
export function timerOverhead(n = 200_000): number {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    const b = process.hrtime.bigint();
    d[i] = Number(b - a);
  }
  d.sort();
  return quantile(d, 0.5);
}

/** Times `decide` on subjects [from, from + times.length), each on its own, into `times`. */
function timeBatch(
  subjects: readonly Subject[],
  from: number,
  decide: (s: Subject) => unknown,
  times: Float64Array,
): void {
  for (let k = 0; k < times.length; k++) {
    const s = subjects[from + k]!;
    const a = process.hrtime.bigint();
    const d = decide(s);
    const b = process.hrtime.bigint();
    times[k] = Number(b - a);
    consume(d);
  }
}

/**
 * Times every decision on its own (two hrtime reads around it) for each peer, `passes` times over the
 * population. The peers alternate batch by batch, so a noisy stretch of the machine falls on both rather than
 * on whichever ran then. Timings go into preallocated arrays: nothing is allocated between the reads but the
 * decision. The first pass gives the figures as measured; all passes together give each subject's fastest time
 * (also returned per subject, in `fastest`, for `costReplay`).
 */
export function latencies(
  subjects: readonly Subject[],
  peers: readonly ((s: Subject) => unknown)[],
  passes = 3,
  batch = 10_000,
  /** one population per peer, in the same order (`bench:ab`: each engine's own validated copies); else `subjects` */
  populations: readonly (readonly Subject[])[] = peers.map(() => subjects),
): { figures: Latency[]; fastest: Float64Array[] } {
  const n = subjects.length;
  const first = peers.map(() => new Float64Array(n));
  const best = peers.map(() => new Float64Array(n).fill(Infinity));
  const times = new Float64Array(batch);
  for (let pass = 0; pass < passes; pass++) {
    for (let from = 0; from < n; from += batch) {
      const size = Math.min(batch, n - from);
      const view = times.subarray(0, size);
      for (let j = 0; j < peers.length; j++) {
        // Rotate which peer goes first, as the throughput rounds do.
        const p = (j + pass + from / batch) % peers.length;
        timeBatch(populations[p]!, from, peers[p]!, view);
        if (pass === 0) first[p]!.set(view, from);
        const b = best[p]!;
        for (let k = 0; k < size; k++) if (view[k]! < b[from + k]!) b[from + k] = view[k]!;
      }
    }
  }
  const overhead = timerOverhead();
  const fastest = best.map((b) => Float64Array.from(b));
  const figures = peers.map((_, p) => {
    const all = first[p]!.sort();
    const sorted = best[p]!.sort();
    return {
      samples: n,
      p50: quantile(all, 0.5),
      p99: quantile(all, 0.99),
      p999: quantile(all, 0.999),
      max: all[n - 1] ?? 0,
      timerOverhead: overhead,
      bestOf: {
        passes,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        p999: quantile(sorted, 0.999),
      },
    };
  });
  return { figures, fastest };
}

/**
 * Each subject's own decision cost (`fastest[i]`, ns, the clock's overhead taken off) replayed as integer arithmetic
 * of that length: no memory, no allocation, no data. Timed like the evaluator, its p99 is the floor this machine puts
 * under a p99 of this cost distribution — interrupts fall on a longer computation more often (on the 2-vCPU VM a
 * fixed 7 µs computation measures p99 7.1 µs, a fixed 9 µs one 25 µs), so the floor depends on the distribution's
 * tail, not on its median.
 */
export function costReplay(
  subjects: readonly Subject[],
  fastest: Float64Array,
  overheadNs: number,
): (s: Subject) => number {
  const { spin, medianNs } = arithmetic();
  // Warm the loop at the lengths it will run, then take ns per iteration from a 10,000-iteration run.
  for (let i = 0; i < 2_000; i++) spin(1 + (i % 50) * 400);
  const probe = 10_000;
  const nsPerIteration = Math.max(1e-3, (medianNs(probe, 4_001) - overheadNs) / probe);
  const iterations = new Map<Subject, number>();
  subjects.forEach((s, i) => iterations.set(s, Math.max(0, Math.round((fastest[i]! - overheadNs) / nsPerIteration))));
  return (s) => spin(iterations.get(s) ?? 0);
}

/** Median wall time of `runs` calls of `f` after `warmup` unmeasured calls, in milliseconds. */
export function timeMedian(f: () => unknown, runs: number, warmup = 2): { median: number; min: number; runs: number } {
  for (let i = 0; i < warmup; i++) consume(f());
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    consume(f());
    t.push(performance.now() - a);
  }
  return { median: median(t), min: Math.min(...t), runs };
}
