// The `xinyong` command line: argv → one command → exit code (0 ok, 1 findings, 2 usage or input error).
import { CalendarCoverageError } from '../engine/time/calendar.js';
import { parseArgs } from 'node:util';
import { CliError } from './files.js';
import { runCheck, runConvert, runFmt, runHash } from './commands/language.js';
import { runEval, runExplain, runExport, runReplay } from './commands/evaluate.js';
import { runCases } from './commands/cases.js';
import { runDemo } from './commands/demo.js';
import { runVerify } from './commands/verify.js';
import { runDiff, runImpact } from './commands/review.js';

type Command = (args: string[]) => Promise<number> | number;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: runCheck, usage: 'check FILE... [--format text|json] [--english]        检查政策文件' },
  fmt: { run: runFmt, usage: 'fmt FILE... [--check|--write]                          规范排版' },
  convert: { run: runConvert, usage: 'convert FILE --to yaml|dsl [--out FILE]               转换 DSL / YAML' },
  hash: { run: runHash, usage: 'hash FILE                                             政策内容哈希（版本）' },
  eval: {
    run: runEval,
    usage:
      'eval POLICY --subject FILE --at DATE [--matter M] [--explain] [--format json|text] [--old OLD  从旧兼从轻]\n' +
      '         eval POLICY --subjects FILE.jsonl --at DATE --out decisions.jsonl [--force] [--matter M] [--workers N]',
  },
  explain: { run: runExplain, usage: 'explain POLICY --subject FILE --at DATE [--matter M] [--format text|json]' },
  test: { run: runCases, usage: 'test CASES.yaml... [--format text|json]               运行案例文件' },
  export: { run: runExport, usage: 'export POLICY --to json-rules-engine                  导出名单规则' },
  replay: { run: runReplay, usage: 'replay decisions.jsonl --policy POLICY                复核历史决定' },
  diff: {
    run: runDiff,
    usage: 'diff OLD NEW [--format text|json|md|html] [--witnesses N] [--seed S]   版本实质差异（0 无变化, 1 有变化）',
  },
  impact: {
    run: runImpact,
    usage:
      'impact OLD NEW --subjects FILE.jsonl --at DATE [--matter M] [--format text|json|md|html] [--workers N] [--details K] [--out FILE]\n' +
      '         impact OLD NEW --decisions decisions.jsonl [--format …] [--workers N]   新版本对主体 / 历史决定的影响',
  },
  verify: {
    run: runVerify,
    usage: 'verify POLICY [--runs N] [--seed S] [--format text|json] [--law L,…]   过惩相当规律验证（生成主体）',
  },
  demo: { run: runDemo, usage: 'demo                                                  检查并演示内置榆林政策' },
};

function usage(): string {
  return [
    'xinyong — 社会信用政策即代码 (policy-as-code for social credit)',
    '',
    '用法 (usage):',
    ...Object.values(COMMANDS).map((c) => '  xinyong ' + c.usage),
    '',
    '退出码: 0 正常, 1 发现问题, 2 用法或输入错误',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`未知命令 \`${name}\` (unknown command)\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`错误 (error): ${error.message}\n`);
      return error.exitCode;
    }
    // The subject needs working days of a year the holiday calendar does not cover (SEMANTICS §0).
    if (error instanceof CalendarCoverageError) {
      process.stderr.write(`无法评价 (cannot be evaluated): ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`参数错误 (bad arguments): ${error.message}\n用法: xinyong ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

export { parseArgs };
