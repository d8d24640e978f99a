// Long differential run of the compiled evaluator against the reference: `--runs N` cases from `--seed S`.
//   node --import tsx scripts/nightly-oracle.ts --runs 1000000 --seed 1 [--per-policy 20] [--out failure.txt]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { arbLayeredPolicyIr, arbPolicyIr } from '../test/arbitraries/ir.js';
import { arbCaseFor } from '../test/arbitraries/subject.js';
import { disagreement, knownEngineIssue } from '../test/oracle/differential.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    'per-policy': { type: 'string', default: '20' },
    out: { type: 'string', default: 'oracle-failure.txt' },
    'skip-known': { type: 'boolean', default: false },
  },
});
const perPolicy = Math.max(1, Number(values['per-policy']));
const policies = Math.max(1, Math.ceil(Number(values.runs) / perPolicy));
const seed = Number(values.seed);

let last: string | null = null;
let cases = 0;
let skipped = 0;
const started = performance.now();
const result = fc.check(
  fc.property(
    // One policy in four merges base layers that take effect later or end earlier (SEMANTICS §5).
    fc
      .oneof({ arbitrary: arbPolicyIr(), weight: 3 }, { arbitrary: arbLayeredPolicyIr(), weight: 1 })
      .chain((ir) =>
        fc.array(arbCaseFor(ir), { minLength: perPolicy, maxLength: perPolicy }).map((cs) => ({ ir, cs })),
      ),
    ({ ir, cs }) => {
      if (values['skip-known'] && knownEngineIssue(ir) !== null) {
        skipped++;
        return true;
      }
      cases += cs.length;
      const problem = disagreement(ir, cs);
      if (problem !== null) last = problem;
      return problem === null;
    },
  ),
  { numRuns: policies, seed },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (!result.failed) {
  const skip = skipped > 0 ? `, ${skipped} policies skipped as known engine issues` : '';
  console.log(`oracle: ${policies} policies, ${cases} cases, no disagreement (seed ${seed}, ${seconds} s${skip})`);
} else {
  // `last` is the smallest failing input fast-check reached while shrinking.
  writeFileSync(values.out, `${last ?? 'unknown failure'}\n`);
  console.log(
    `oracle: DISAGREEMENT after ${result.numRuns} policies (seed ${seed}, ${seconds} s), shrunk ${result.numShrinks}×`,
  );
  console.log(
    (last ?? '')
      .split('\n')
      .filter((l) => !l.startsWith('IR: '))
      .join('\n'),
  );
  console.log(`full input and decisions in ${values.out}`);
  process.exitCode = 1;
}
