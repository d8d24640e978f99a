// Measures `xinyong impact` on a generated population: wall time and peak memory (RSS) of the whole process.
//
//   node --import tsx bench/impact.ts [--old FILE] [--new FILE] [--n 1000000] [--workers 2] [--at 2025-06-01] [--marginal]
//
// Without --new, the new version is derived from the old file by two textual edits (the first listing period one
// year longer, the first 万元 threshold halved) and written beside the generated subjects. Subjects come from
// engine/generate (the policy's own vocabulary), generated once per (policy pair, n) and reused.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { arbSubjectFromVocabulary } from '../engine/generate/index.js';
import { loadPolicy } from '../cli/files.js';

const { values } = parseArgs({
  options: {
    old: { type: 'string', default: 'policies/yulin/yulin.xy' },
    new: { type: 'string' },
    n: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '2' },
    at: { type: 'string', default: '2025-06-01' },
    dir: { type: 'string', default: '/tmp/xinyong-bench' },
    /** reuse a subjects file (e.g. the first lines of a bigger one) instead of generating */
    subjects: { type: 'string' },
    trusted: { type: 'boolean', default: false },
    /** also time a one-subject run, and report the CPU per subject without startup (both policies checked, workers started) */
    marginal: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const dir = values.dir;
mkdirSync(dir, { recursive: true });

function derive(oldFile: string): string {
  const id = basename(oldFile).replace(/\.(xy|ya?ml)$/, '');
  let text = readFileSync(oldFile, 'utf8');
  text = text.replace(/duration (\d+) years?/, (_, y: string) => `duration ${Number(y) + 1} years`);
  text = text.replace(/(\d+(?:\.\d+)?)万元/, (_, m: string) => `${Number(m) / 2}万元`);
  const target = join(dir, 'new', id, `${id}.xy`);
  mkdirSync(join(dir, 'new', id), { recursive: true });
  writeFileSync(target, text);
  return target;
}

const oldFile = values.old;
const newFile = values.new ?? derive(oldFile);
const oldIr = loadPolicy(oldFile).ir;
const newIr = loadPolicy(newFile).ir;
if (!oldIr || !newIr) throw new Error('both versions must check clean: run `xinyong check` on them');

const subjects = values.subjects ?? join(dir, `subjects-${oldIr.id}-${n}.jsonl`);
if (!existsSync(subjects)) {
  const started = performance.now();
  const out = createWriteStream(subjects);
  const arb = arbSubjectFromVocabulary([newIr, oldIr], { at: values.at });
  const chunk = 10_000;
  for (let i = 0; i < n; i += chunk) {
    const batch = fc.sample(arb, { numRuns: Math.min(chunk, n - i), seed: 1000 + i / chunk });
    if (!out.write(batch.map((s) => JSON.stringify(s)).join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  process.stderr.write(
    `generated ${n} subjects in ${((performance.now() - started) / 1000).toFixed(1)} s → ${subjects}\n`,
  );
}
process.stderr.write(`subjects file: ${(statSync(subjects).size / 1e6).toFixed(0)} MB\n`);

const report = join(dir, 'impact-report.json');
const command = (input: string): string[] => [
  'node',
  'bin/xinyong.js',
  'impact',
  oldFile,
  newFile,
  '--subjects',
  input,
  '--at',
  values.at,
  '--workers',
  values.workers,
  '--details',
  '20',
  '--format',
  'json',
  '--out',
  report,
  ...(values.trusted ? ['--trusted'] : []),
];

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly seconds: number;
  readonly rssKb: number | undefined;
  /** CPU seconds of the whole process (all threads), NaN without /usr/bin/time */
  readonly cpu: number;
}

function run(args: readonly string[]): Run {
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const child = spawnSync(timed ? '/usr/bin/time' : args[0]!, timed ? ['-v', ...args] : args.slice(1), {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1];
  const cpu = ['User', 'System']
    .map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(child.stderr)?.[1] ?? NaN))
    .reduce((a, b) => a + b, 0);
  return {
    status: child.status,
    stderr: child.stderr,
    seconds: (performance.now() - started) / 1000,
    rssKb: rss === undefined ? undefined : Number(rss),
    cpu,
  };
}

// The startup run goes first: the report file then holds the main run's report.
let startupCpu: number | undefined;
if (values.marginal) {
  const one = join(dir, 'one-subject.jsonl');
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(subjects, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  writeFileSync(one, head.subarray(0, got).toString('utf8').split('\n')[0] + '\n');
  startupCpu = run(command(one)).cpu;
}
const args = command(subjects);
const main = run(args);
const { seconds, cpu } = main;
const rss = main.rssKb;
const summary = JSON.parse(
  readFileSync(report, 'utf8').slice(0, readFileSync(report, 'utf8').indexOf(',"details":')) + '}',
) as {
  summary: { counts: Record<string, number> };
};
console.log(
  JSON.stringify(
    {
      command: args.join(' '),
      subjects: n,
      workers: Number(values.workers),
      exit: main.status,
      seconds: Number(seconds.toFixed(1)),
      subjectsPerSecond: Math.round(n / seconds),
      peakRssMb: rss === undefined ? null : Math.round(rss / 1024),
      // CPU seconds of the whole process (all threads): what the run costs regardless of other load
      cpuSeconds: Number.isNaN(cpu) ? null : Number(cpu.toFixed(1)),
      cpuMicrosPerSubject: Number.isNaN(cpu) ? null : Math.round((cpu * 1e6) / n),
      ...(startupCpu !== undefined && !Number.isNaN(startupCpu)
        ? {
            // what one more subject costs: the run less a one-subject run (checking, compiling, starting workers)
            startupCpuSeconds: Number(startupCpu.toFixed(1)),
            marginalCpuMicrosPerSubject: Math.round(((cpu - startupCpu) * 1e6) / n),
          }
        : {}),
      counts: summary.summary.counts,
    },
    null,
    2,
  ),
);
if (main.status !== 0 && main.status !== 1) process.stderr.write(main.stderr.slice(-4000));
