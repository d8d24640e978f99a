// Prints a decision and its explanation for the city fixture: node --import tsx test/engine/show.ts [at]
import { evaluate, renderExplanation } from '../../engine/index.js';
import { CITY } from '../fixtures/ir/city.js';
import type { ExplainNode } from '../../engine/index.js';
import { compiled, heavy, honor, light, subject } from './helpers.js';

const at = process.argv[2] ?? '2024-02-02';
const d = evaluate(
  compiled(),
  subject([
    heavy('P1', '2023-03-01', { fulfilledOn: '2023-05-01', attrs: { discretion: '从重' } }),
    light('P2', '2023-06-01'),
    light('P3', '2023-08-01', { objection: 'pending' }),
    honor('H1', '2023-05-01', '国家级'),
    light('F1', '2030-01-01'),
  ]),
  { at, matter: '政府采购' },
);
const show = (n: ExplainNode, depth = 0): void => {
  const extra = [
    n.records?.length ? `records=${n.records.join(',')}` : '',
    n.dates ? `dates=${JSON.stringify(n.dates)}` : '',
    n.values ? `values=${JSON.stringify(n.values)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  console.log(`${'  '.repeat(depth)}[${n.kind}/${n.outcome}] ${n.text} ${extra}`);
  for (const c of n.children ?? []) show(c, depth + 1);
};
show(d.explanation!);
console.log('\n' + renderExplanation(d, CITY));
const p = evaluate(
  compiled(),
  subject([heavy('P1', '2024-03-01', { attrs: { discretion: '从重' } })], {
    id: '610802199001011234',
    kind: 'natural_person',
    name: '张三',
  }),
  { at: '2024-06-01' },
);
console.log('\n' + renderExplanation(p, CITY));
