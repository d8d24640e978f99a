// Throughput of the compiled evaluator against the hand-written city evaluator, interleaved in one process:
//   node --import tsx test/engine/perf-smoke.ts
import fc from 'fast-check';
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject } from '../../engine/index.js';
import { CITY } from '../fixtures/ir/city.js';
import { handCity } from './hand-city.js';
import { cityRecords } from './arbitraries.js';

const c = compilePolicy(CITY, 'sha256:test');
const subjects: Subject[] = fc
  .sample(cityRecords, { numRuns: 2000, seed: 42 })
  .map((records, i) => ({ id: 'S' + i, kind: 'enterprise', records: records.slice(0, 5) }));
const AT = '2024-02-02';

function run(label: string, f: (s: Subject) => unknown, ms: number): { perSec: number; p50: number; p99: number } {
  const lat: number[] = [];
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (const s of subjects) {
      const a = performance.now();
      f(s);
      lat.push(performance.now() - a);
      n++;
    }
  }
  const dt = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const q = (p: number) => Math.round((lat[Math.floor(lat.length * p)] ?? 0) * 1e5) / 100;
  const r = { perSec: Math.round((n / dt) * 1000), p50: q(0.5), p99: q(0.99) };
  console.log(label.padEnd(22), r);
  return r;
}

for (let round = 0; round < 3; round++) {
  const hand = run('hand-written', (s) => handCity(s, AT, null, 'sha256:test'), 1000);
  const off = run('compiled explain=off', (s) => evaluate(c, s, { at: AT, explain: false }), 1000);
  const on = run('compiled explain=on', (s) => evaluate(c, s, { at: AT }), 1000);
  console.log(`ratio off ${(off.perSec / hand.perSec).toFixed(2)}, on ${(on.perSec / hand.perSec).toFixed(2)}`);
}
