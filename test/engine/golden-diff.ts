// Prints where the compiled evaluator and the reference interpreter differ on the shipped golden cases:
//   node --import tsx test/engine/golden-diff.ts
import { canonicalJson } from '../../dsl/index.js';
import { readCasesFile } from '../../cli/cases.js';
import { openPolicy } from '../../cli/session.js';
import { evaluate } from '../../engine/index.js';
import { evaluateReference } from '../../engine/reference/index.js';
import { validateSubject } from '../../engine/subject/validate.js';
import { diffLines } from '../oracle/differential.js';
for (const id of [
  'credit_repair',
  'fengxiang',
  'pingdingshan',
  'shaanxi',
  'national',
  'samr_blacklist',
  'yulin',
  'ankang',
  'court_dishonest',
  'samr_penalty_publicity',
  'tax_blacklist',
  'tax_credit',
]) {
  const dsl = `policies/${id}/${id}.xy`;
  const session = openPolicy(dsl);
  for (const spec of readCasesFile(`policies/${id}/${id}.cases.yaml`).cases) {
    const checked = validateSubject(spec.subject, session.ir);
    if (!checked.ok) continue;
    const options = { at: String(spec.at), ...(spec.matter !== undefined ? { matter: String(spec.matter) } : {}) };
    const a = JSON.parse(canonicalJson(evaluate(session.compiled, checked.subject, { ...options, explain: false })));
    const b = JSON.parse(canonicalJson(evaluateReference(session.ir, session.hash, checked.subject, options)));
    const d = diffLines(b, a, '$');
    if (d.length) {
      console.log(id, '|', spec.name);
      for (const l of d.slice(0, 4)) console.log('   ', l.slice(0, 400));
    }
  }
}
