// Greedy reducer of a failing differential case: drops declarations, keys and subexpressions while it still fails.
//   node --import tsx test/oracle/minimize.ts failure.txt [substring of the compiled error to keep]
import { readFileSync } from 'node:fs';
import type { PolicyIr } from '../../dsl/ir.js';
import type { Case } from '../arbitraries/subject.js';
import { disagreement } from './differential.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const text = readFileSync(process.argv[2] ?? 'oracle-failure.txt', 'utf8');
const keep = process.argv[3] ?? '';
const grab = (prefix: string): Json =>
  JSON.parse(
    text
      .split('\n')
      .find((l) => l.startsWith(prefix))!
      .slice(prefix.length),
  ) as Json;
let ir = grab('IR: ');
const theCase = grab('case: ') as unknown as Case;

function fails(candidate: Json): boolean {
  try {
    const p = disagreement(candidate as unknown as PolicyIr, [theCase]);
    return p !== null && p.includes(keep);
  } catch {
    return false;
  }
}

/** Every way to make `node` smaller by one step. */
function* smaller(node: Json): Generator<Json> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield [...node.slice(0, i), ...node.slice(i + 1)];
    for (let i = 0; i < node.length; i++)
      for (const s of smaller(node[i]!)) yield node.map((x, j) => (j === i ? s : x));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (typeof node['op'] === 'string' && node['op'] !== 'lit') {
    yield { op: 'lit', type: 'boolean', value: true };
    yield { op: 'lit', type: 'boolean', value: false };
    for (const k of ['arg', 'left', 'right', 'where']) if (node[k] !== undefined) yield node[k]!;
    if (Array.isArray(node['args'])) for (const a of node['args']) yield a;
  }
  for (const k of Object.keys(node)) {
    const { [k]: _drop, ...rest } = node;
    yield rest;
  }
  for (const k of Object.keys(node)) for (const s of smaller(node[k]!)) yield { ...node, [k]: s };
}

if (keep === '-') {
  const p = disagreement(ir as unknown as PolicyIr, [theCase]);
  console.log(
    p === null
      ? 'agree'
      : p
          .split('\n')
          .filter((l) => l.startsWith('diff') || l.includes('threw'))
          .join('\n'),
  );
  process.exit(0);
}
if (!fails(ir)) {
  console.log('the input does not fail');
  process.exit(1);
}
let progress = true;
while (progress) {
  progress = false;
  for (const candidate of smaller(ir)) {
    if (fails(candidate)) {
      ir = candidate;
      progress = true;
      break;
    }
  }
}
const {
  bases: _b,
  layers: _l,
  enums: _e,
  severity: _s,
  levels: _v,
  categorySets: _c,
  ...core
} = ir as Record<string, Json>;
console.log(JSON.stringify(core));
console.log(
  disagreement(ir as unknown as PolicyIr, [theCase])
    ?.split('\n')
    .filter((l) => !l.startsWith('IR: '))
    .join('\n'),
);
