// A quick throughput smoke of the evaluator on the city fixture (not the benchmark): node --import tsx test/engine/perf-smoke.ts
import { compilePolicy, evaluate } from '../../engine/index.js';
import type { Subject, SubjectRecord } from '../../engine/index.js';
import { CITY } from '../fixtures/ir/city.js';

const c = compilePolicy(CITY, 'sha256:test');
const recs: SubjectRecord[] = [
  {
    id: 'P1',
    type: 'administrative_penalty',
    date: '2022-03-01',
    severity: '较重',
    attrs: { fineAmount: 1200000, penaltyKinds: ['罚款'] },
  },
  {
    id: 'P2',
    type: 'administrative_penalty',
    date: '2023-03-01',
    severity: '一般',
    attrs: { fineAmount: 1200, penaltyKinds: ['罚款'] },
  },
  {
    id: 'P3',
    type: 'administrative_penalty',
    date: '2023-08-01',
    severity: '一般',
    attrs: { fineAmount: 1200, penaltyKinds: ['罚款'] },
  },
  { id: 'H1', type: 'honor', date: '2023-05-01', attrs: { rank: '国家级' } },
  { id: 'C1', type: 'credit_commitment', date: '2023-05-01', attrs: { kept: true } },
];
const subjects: Subject[] = Array.from({ length: 1000 }, (_, i) => ({
  id: 'S' + i,
  kind: 'enterprise',
  records: recs.slice(0, i % 6),
}));
for (const explain of [false, true, false, true]) {
  let n = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < 1500) {
    for (const s of subjects) {
      const a = performance.now();
      evaluate(c, s, { at: '2024-02-02', explain });
      lat.push(performance.now() - a);
      n++;
    }
  }
  const dt = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const q = (p: number) => ((lat[Math.floor(lat.length * p)] ?? 0) * 1000).toFixed(2);
  console.log({ explain, perSec: Math.round((n / dt) * 1000), p50us: q(0.5), p99us: q(0.99) });
}
