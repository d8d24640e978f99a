// Turns a checked policy into a proportionality report: fast-check subjects from its vocabulary against each law.
//
// One generated subject is checked against every law still standing; the first law it breaks becomes the
// target, and fast-check shrinks the subject against that law alone. The law is then set aside and the run
// repeats with the same seed for the others, so each failing law gets its own shrunk counterexample and the
// same seed and runs always give the same report.
import fc from 'fast-check';
import type { PolicyIr } from '../../dsl/ir.js';
import { compilePolicy } from '../compile/index.js';
import { evaluate } from '../evaluate.js';
import { renderExplanation } from '../explain/render.js';
import { arbCaseFromVocabulary, vocabularyOf } from '../generate/index.js';
import { adverseRecordTypes } from './adverse.js';
import { cumulativeCap } from './laws/cap.js';
import { exclusivity } from './laws/exclusivity.js';
import type { CheckResult, Law } from './laws/law.js';
import { leniency } from './laws/leniency.js';
import { monotonicity } from './laws/monotonicity.js';
import { time } from './laws/time.js';
import type { VerifyContext } from './probe.js';
import { Probe } from './probe.js';
import type { Counterexample, Evaluated, LawName, LawOutcome, VerifyOptions, VerifyReport } from './types.js';

export type * from './types.js';
export { LAW_NAMES } from './types.js';
export { adverseRecordTypes } from './adverse.js';
export { renderVerifyReport } from './render.js';

export const LAWS: readonly Law[] = [monotonicity, leniency, time, exclusivity, cumulativeCap];

interface Sample {
  readonly subject: Parameters<typeof evaluate>[1];
  readonly at: string;
  readonly pick: number;
}

function safeCheck(law: Law, probe: Probe): CheckResult {
  try {
    return law.check(probe);
  } catch (error) {
    return {
      clause: 'engine-error',
      message: `评价出错：${error instanceof Error ? error.message : String(error)}`,
      subject: { label: '生成的主体', subject: probe.subject, at: probe.at, decision: probe.base().decision },
    };
  }
}

/** The counterexample's decisions again, now with the Chinese explanation the report shows. */
function explained(ctx: VerifyContext, e: Evaluated): Evaluated & { readonly explanation: string } {
  try {
    const decision = evaluate(ctx.compiled, e.subject, { at: e.at, explain: true });
    return { ...e, explanation: renderExplanation(decision, ctx.ir) };
  } catch (error) {
    return { ...e, explanation: `（无法生成说明：${error instanceof Error ? error.message : String(error)}）` };
  }
}

function withExplanations(ctx: VerifyContext, c: Counterexample): Counterexample {
  return {
    ...c,
    subject: explained(ctx, c.subject),
    ...(c.compared ? { compared: explained(ctx, c.compared) } : {}),
  };
}

export function verifyPolicy(ir: PolicyIr, hash: string, options: VerifyOptions = {}): VerifyReport {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? 1;
  const adverse = adverseRecordTypes(ir);
  const ctx: VerifyContext = {
    ir,
    compiled: compilePolicy(ir, hash),
    adverse: new Set(adverse),
    vocabulary: vocabularyOf(ir),
  };
  const wanted = LAWS.filter((l) => options.laws === undefined || options.laws.includes(l.name));
  const outcomes = new Map<LawName, LawOutcome>();
  const base = (law: Law): Pick<LawOutcome, 'law' | 'title' | 'statement'> => ({
    law: law.name,
    title: law.title,
    statement: law.statement,
  });
  let active: Law[] = [];
  for (const law of wanted) {
    const reason = law.applicable(ctx);
    if (reason === null) active.push(law);
    else outcomes.set(law.name, { ...base(law), status: 'not-applicable', checked: 0, reason });
  }

  const arb: fc.Arbitrary<Sample> = fc
    .tuple(arbCaseFromVocabulary(ir), fc.nat({ max: 1_000_000 }))
    .map(([c, pick]) => ({ subject: c.subject, at: c.at, pick }));

  while (active.length > 0) {
    const standing = active;
    const checked = new Map<LawName, number>(standing.map((l) => [l.name, 0]));
    let target: Law | null = null;
    const property = fc.property(arb, (s) => {
      const probe = new Probe(ctx, s.subject, s.at, s.pick);
      if (target !== null) {
        const r = safeCheck(target, probe);
        return r === null || r === 'skip';
      }
      for (const law of standing) {
        const r = safeCheck(law, probe);
        if (r === 'skip') continue;
        checked.set(law.name, (checked.get(law.name) ?? 0) + 1);
        if (r !== null) {
          target = law;
          return false;
        }
      }
      return true;
    });
    const details = fc.check(property, { numRuns: runs, seed });
    const failed: Law | null = target;
    if (!details.failed || failed === null || details.counterexample === null) {
      for (const law of standing) {
        outcomes.set(law.name, { ...base(law), status: 'holds', checked: checked.get(law.name) ?? 0 });
      }
      break;
    }
    const [s] = details.counterexample;
    const found = safeCheck(failed, new Probe(ctx, s.subject, s.at, s.pick));
    const law: Law = failed;
    outcomes.set(
      law.name,
      found === null || found === 'skip'
        ? { ...base(law), status: 'error', checked: checked.get(law.name) ?? 0, reason: '反例在缩减后无法复现' }
        : {
            ...base(law),
            status: 'violated',
            checked: checked.get(law.name) ?? 0,
            counterexample: withExplanations(ctx, found),
            shrinks: details.numShrinks,
          },
    );
    active = standing.filter((l) => l !== law);
  }

  const laws = wanted.map((l) => outcomes.get(l.name)!);
  return {
    policy: { id: ir.id, version: ir.version, hash },
    seed,
    runs,
    adverseTypes: adverse,
    laws,
    ok: laws.every((l) => l.status === 'holds' || l.status === 'not-applicable'),
  };
}
