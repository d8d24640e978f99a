// Turns the working tree and a git revision into one figure: how much faster (or slower) the evaluator got.
//
//   npm run bench:ab                              working tree vs HEAD, 榆林, explain off
//   npm run bench:ab -- --base HEAD~3 --explain   vs an older revision, explanation on
//   npm run bench:ab -- --latency                 p50 / p99 per decision of both, timed batch by batch alternately
//
// On a shared 2-core VM two runs of `npm run bench` differ by 15–20%, more than most single changes gain.
// Here both engines run in one process on one population, in alternating slices, and the figure is the
// median of the per-slice ratios with its quartiles: what the machine does to both, it does to the ratio
// only a little. The base revision is checked out into a temporary git worktree and removed afterwards;
// both engines must give the same bytes on a sample first (a speed-up that changes decisions is a bug).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../cli/files.js';
import { canonicalJson } from '../dsl/canonical.js';
import type { Subject } from '../engine/contract.js';
import * as current from '../engine/index.js';
import * as currentSubject from '../engine/subject/index.js';
import { collectGarbage, latencies, median } from './measure.js';
import { generatePopulation } from './population.js';

type Engine = typeof current;
type SubjectModule = typeof currentSubject;

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'HEAD' },
    policy: { type: 'string', default: 'policies/yulin/yulin.xy' },
    size: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    at: { type: 'string', default: '2025-06-30' },
    rounds: { type: 'string', default: '30' },
    'slice-ms': { type: 'string', default: '150' },
    explain: { type: 'boolean', default: false },
    latency: { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '..');
const at = values.at;
const explain = values.explain;

function checkoutBase(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-ab-'));
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', '--quiet', dir, rev], { stdio: 'inherit' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function removeBase(dir: string): void {
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
}

/** Decisions per millisecond of `engine` over `ms`, starting at `cursor.i` (which moves on). */
function slice(engine: Engine, compiled: unknown, pop: readonly Subject[], cursor: { i: number }, ms: number): number {
  const c = compiled as current.CompiledPolicy;
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let k = 0; k < 64; k++) {
      sink += engine.evaluate(c, pop[cursor.i]!, { at, explain }).lists.length;
      cursor.i = cursor.i + 1 === pop.length ? 0 : cursor.i + 1;
      n++;
    }
  }
  if (sink < 0) throw new Error('unreachable: keeps the decisions alive');
  return n / (performance.now() - t0);
}

const quartile = (xs: readonly number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)]!;

const dir = checkoutBase(values.base);
try {
  const base = (await import(pathToFileURL(join(dir, 'engine', 'index.ts')).href)) as Engine;
  const baseSubject = (await import(pathToFileURL(join(dir, 'engine', 'subject', 'index.ts')).href)) as SubjectModule;
  const loaded = loadPolicy(values.policy);
  if (loaded.ir === undefined || loaded.hash === undefined) throw new Error(`${values.policy} does not check`);
  const cb = base.compilePolicy(loaded.ir, loaded.hash);
  const cc = current.compilePolicy(loaded.ir, loaded.hash);
  const pop = generatePopulation(loaded.ir, {
    size: Number(values.size),
    seed: Number(values.seed),
    at,
    validate: false,
  });
  // Each side evaluates the copies its own validation hands on, as a caller of either version would: the layout
  // of the validated copy is part of what is measured, the cost of validating is not.
  const validatedBy = (v: SubjectModule): Subject[] =>
    pop.map((s, i) => {
      const r = v.validateSubject(s, loaded.ir!);
      if (!r.ok) throw new Error(`subject ${i} does not validate: ${r.problems[0]?.messageEn ?? ''}`);
      return r.subject;
    });
  const popCurrent = validatedBy(currentSubject);
  const popBase = validatedBy(baseSubject);

  let same = 0;
  const sample = Math.min(pop.length, 2000);
  for (let i = 0; i < sample; i++) {
    const a = canonicalJson(base.evaluate(cb as never, popBase[i]!, { at, explain }));
    const b = canonicalJson(current.evaluate(cc, popCurrent[i]!, { at, explain }));
    if (a === b) same++;
  }
  process.stdout.write(`agreement: ${same}/${sample} decisions byte-identical (explain ${explain ? 'on' : 'off'})\n`);

  if (values.latency) {
    // Every decision timed on its own, both engines over the same subjects in alternating batches (measure.ts
    // `latencies`): a p99 moves with the machine by more than most changes move it, and here both see the same
    // stretches of it. The first pass is the figure `npm run bench` reports; the fastest of three is the
    // decision's own cost.
    const opts = { at, explain };
    const warm = Math.min(pop.length, 20_000);
    for (let i = 0; i < warm; i++) {
      base.evaluate(cb as never, popBase[i]!, opts);
      current.evaluate(cc, popCurrent[i]!, opts);
    }
    collectGarbage();
    const timed = latencies(
      popCurrent,
      [(s: Subject) => current.evaluate(cc, s, opts), (s: Subject) => base.evaluate(cb as never, s, opts)],
      3,
      10_000,
      [popCurrent, popBase],
    );
    const [now, before] = timed.figures;
    const us = (ns: number): string => (ns / 1000).toFixed(2);
    for (const [name, f] of [
      ['working tree', now!],
      [values.base, before!],
    ] as const) {
      process.stdout.write(
        `${name.padEnd(12)} first pass p50 ${us(f.p50)} µs  p99 ${us(f.p99)} µs  p99.9 ${us(f.p999)} µs; ` +
          `fastest of 3 p50 ${us(f.bestOf.p50)} µs  p99 ${us(f.bestOf.p99)} µs\n`,
      );
    }
    process.stdout.write(
      `p99 working tree / ${values.base}: first pass ${(now!.p99 / before!.p99).toFixed(3)}, ` +
        `fastest of 3 ${(now!.bestOf.p99 / before!.bestOf.p99).toFixed(3)}\n`,
    );
  } else {
    throughput();
  }
  if (same !== sample) process.exitCode = 1;

  function throughput(): void {
    const warmup = 3;
    const ratios: number[] = [];
    const baseRates: number[] = [];
    const currentRates: number[] = [];
    const cursorBase = { i: 0 };
    const cursorCurrent = { i: 0 };
    const ms = Number(values['slice-ms']);
    for (let r = 0; r < Number(values.rounds) + warmup; r++) {
      const b = slice(base, cb, popBase, cursorBase, ms);
      const c = slice(current, cc, popCurrent, cursorCurrent, ms);
      if (r < warmup) continue;
      ratios.push(c / b);
      baseRates.push(b * 1000);
      currentRates.push(c * 1000);
    }
    process.stdout.write(
      `${values.base}: ${Math.round(median(baseRates)).toLocaleString('en')} decisions/s; ` +
        `working tree: ${Math.round(median(currentRates)).toLocaleString('en')} decisions/s\n` +
        `working tree / ${values.base}: ${median(ratios).toFixed(3)} ` +
        `(quartiles ${quartile(ratios, 0.25).toFixed(3)}–${quartile(ratios, 0.75).toFixed(3)}, ${ratios.length} slices)\n`,
    );
  }
} finally {
  removeBase(dir);
}
