// The main job until the service lands: check the bundled 榆林 policy and explain an example subject against it.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderDiagnostics } from '../../dsl/index.js';
import { evaluate, renderExplanation } from '../../engine/index.js';
import { BUNDLED_POLICIES, loadPolicy } from '../files.js';
import { openPolicy, readSubject, requireDate } from '../session.js';

export function runDemo(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { at: { type: 'string', default: '2025-06-01' }, matter: { type: 'string', default: '政府采购' } },
  });
  const policyFile = join(BUNDLED_POLICIES, 'yulin', 'yulin.xy');
  const subjectFile = join(BUNDLED_POLICIES, '..', 'examples', 'yulin-subject.json');
  const at = requireDate(values.at, '--at');
  process.stdout.write(`== 检查政策 ${policyFile}\n`);
  const loaded = loadPolicy(policyFile);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const warnings = loaded.diagnostics.length - errors.length;
  if (errors.length > 0 || !loaded.ir) {
    process.stdout.write(renderDiagnostics(errors, loaded.texts) + '\n');
    return 1;
  }
  process.stdout.write(
    `✓ 检查通过，${warnings} 条警告（待填参数、过惩相当提示等；\`xinyong check ${policyFile}\` 可查看），政策版本 ${loaded.hash}\n`,
  );
  process.stdout.write(`  合并的层: ${loaded.ir.layers.map((l) => l.id).join(' → ')}\n\n`);
  const session = openPolicy(policyFile);
  const subject = readSubject(subjectFile, session.ir);
  process.stdout.write(`== 评价 ${subject.name ?? subject.id}，评价日期 ${at}，事项 ${values.matter}\n\n`);
  const decision = evaluate(session.compiled, subject, { at, matter: values.matter, explain: true });
  process.stdout.write(renderExplanation(decision, session.ir) + '\n');
  return 0;
}
