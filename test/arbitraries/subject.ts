// fast-check arbitraries of subjects whose records fit an IR's vocabulary, dated to hit period boundaries.
import fc from 'fast-check';
import type { Duration, IrField, PolicyIr } from '../../dsl/ir.js';
import type { AttrValue, Objection, Subject, SubjectRecord } from '../../engine/contract.js';
import { addDays } from '../../engine/time/dates.js';
import { CalendarCoverageError } from '../../engine/time/calendar.js';
import { shiftDate } from '../../engine/time/period.js';
import { arbDateBetween, arbPolicyIr, DISCRETION, DOMAINS, MATTERS, PENALTY_KINDS, SUBJECT_KINDS_USED } from './ir.js';

// Inside the holiday calendar with room for workday arithmetic on both sides.
const FIRST = '2019-02-01';
const LAST = '2026-11-30';

function clamp(date: string): string {
  return date < FIRST ? FIRST : date > LAST ? LAST : date;
}

export function arbAt(): fc.Arbitrary<string> {
  return arbDateBetween('2019-03-01', '2026-10-31');
}

/** Every duration literal or duration-valued parameter version in the IR, so records land on period ends. */
export function durationsOf(ir: PolicyIr): Duration[] {
  const found = new Map<string, Duration>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (typeof o['amount'] === 'number' && typeof o['unit'] === 'string') {
      const d = { amount: o['amount'], unit: o['unit'] } as Duration;
      found.set(`${d.amount}${d.unit}`, d);
      return;
    }
    for (const y of Object.values(o)) walk(y);
  };
  walk(ir);
  for (const d of [
    { amount: 1, unit: 'year' },
    { amount: 3, unit: 'year' },
    { amount: 6, unit: 'month' },
  ] as const) {
    found.set(`${d.amount}${d.unit}`, d);
  }
  return [...found.values()].sort((a, b) => (`${a.amount}${a.unit}` < `${b.amount}${b.unit}` ? -1 : 1));
}

/** `anchor ± d`, or the edge of the range when a working-day count would leave the holiday calendar (30 working days from late November reach into a year it does not cover). */
function shiftWithin(anchor: string, sign: 1 | -1, d: Duration): string {
  try {
    return shiftDate(anchor, sign, d);
  } catch (e) {
    if (e instanceof CalendarCoverageError) return sign > 0 ? LAST : FIRST;
    throw e;
  }
}

/** A date near `anchor − d` or `anchor + d` for a duration of the policy: the day before, of, or after. */
function arbNear(anchor: string, durations: readonly Duration[], sign: 1 | -1): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...durations), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 9 }))
    .map(([d, off, holiday]) => clamp(addDays(shiftWithin(anchor, sign, d), off + (off > 2 ? holiday : 0))));
}

function arbAttr(f: IrField, date: string, durations: readonly Duration[]): fc.Arbitrary<AttrValue> {
  switch (f.type.t) {
    case 'money':
      return fc.constantFrom(0, 2999, 3000, 10000, 50000, 50001, 1200000);
    case 'integer':
    case 'decimal':
      return fc.integer({ min: 0, max: 4 });
    case 'enum':
      return fc.constantFrom(...(f.type.values.length > 0 ? f.type.values : DISCRETION));
    case 'list':
      return fc.subarray([...(f.type.values.length > 0 ? f.type.values : PENALTY_KINDS)]);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return arbNear(date, durations, 1);
    case 'string':
      return fc.constantFrom(...DOMAINS);
    case 'duration':
      // as subjects write them (validateSubject's forms), a few that are not durations (refused by validation,
      // and read as no term by the evaluators), and terms of the policy's own durations, so ends coincide
      return fc.oneof(
        fc.constantFrom('1年', '3年', '6个月', '15日', '7个工作日', '2 years', '1 month'),
        ...(durations.length > 0
          ? [fc.constantFrom(...durations).map((d) => `${d.amount} ${d.unit}${d.amount === 1 ? '' : 's'}`)]
          : []),
        fc.constant('P1Y'),
      );
  }
}

function arbRecord(
  ir: PolicyIr,
  at: string,
  durations: readonly Duration[],
  index: number,
): fc.Arbitrary<SubjectRecord> {
  const types = Object.values(ir.records);
  const date = fc.oneof(
    { weight: 5, arbitrary: arbNear(at, durations, -1) },
    { weight: 2, arbitrary: arbDateBetween(FIRST, at) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => clamp(addDays(at, n))) },
    { weight: 1, arbitrary: fc.constant(at) },
  );
  return fc.tuple(fc.constantFrom(...types), date).chain(([type, d]) => {
    const attrs = fc.record(
      Object.fromEntries(Object.entries(type.fields).map(([k, f]) => [k, arbAttr(f, d, durations)])),
      { requiredKeys: [] },
    );
    const near = fc.oneof(
      arbNear(d, durations, 1),
      fc.integer({ min: -2, max: 2 }).map((n) => clamp(addDays(at, n))),
      fc.integer({ min: 0, max: 40 }).map((n) => clamp(addDays(d, n))),
    );
    return fc
      .record(
        {
          attrs,
          severity: type.hasSeverity ? fc.constantFrom(...ir.severity) : fc.constant(undefined),
          authority: fc.constantFrom('榆林市市场监督管理局', '国家税务总局'),
          fulfilledOn: fc.oneof({ weight: 2, arbitrary: near }, { weight: 1, arbitrary: fc.constant(null) }),
          repairedOn: fc.oneof({ weight: 1, arbitrary: near }, { weight: 3, arbitrary: fc.constant(null) }),
          revokedOn: fc.oneof({ weight: 1, arbitrary: near }, { weight: 6, arbitrary: fc.constant(null) }),
          objection: fc.constantFrom<Objection>(null, null, null, 'pending', 'upheld', 'rejected'),
        },
        { requiredKeys: ['attrs'] },
      )
      .map((r): SubjectRecord => {
        const out: Record<string, unknown> = { id: `R${index + 1}`, type: type.key, date: d, attrs: r.attrs };
        for (const k of ['severity', 'authority', 'fulfilledOn', 'repairedOn', 'revokedOn', 'objection'] as const) {
          if (r[k] !== undefined) out[k] = r[k];
        }
        return out as unknown as SubjectRecord;
      });
  });
}

/** A subject for `ir`; when `at` is given, record dates cluster around `at − duration` for the policy's durations. */
export function arbSubjectFor(ir: PolicyIr, at?: string): fc.Arbitrary<Subject> {
  const durations = durationsOf(ir);
  const anchor = at === undefined ? arbAt() : fc.constant(at);
  return anchor.chain((a) =>
    fc
      .record(
        {
          n: fc.integer({ min: 0, max: 8 }),
          kind: fc.constantFrom(...SUBJECT_KINDS_USED),
          name: fc.constantFrom('榆林市某某能源有限公司', '张三'),
          region: fc.constantFrom('610800', '110000'),
        },
        { requiredKeys: ['n', 'kind'] },
      )
      .chain(({ n, kind, name, region }) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => arbRecord(ir, a, durations, i))).map((records): Subject => ({
          id: 'S1',
          kind,
          ...(name === undefined ? {} : { name }),
          ...(region === undefined ? {} : { region }),
          records,
        })),
      ),
  );
}

export interface Case {
  readonly subject: Subject;
  readonly at: string;
  readonly matter?: string;
}

/** An evaluation input for `ir`: mostly dated while the policy is in force, sometimes not. */
export function arbCaseFor(ir: PolicyIr): fc.Arbitrary<Case> {
  const from = ir.effective > '2019-03-01' ? ir.effective : '2019-03-01';
  const to = ir.until !== undefined && ir.until < '2026-10-31' ? ir.until : '2026-10-31';
  const inForce = from <= to ? arbDateBetween(from, to) : arbAt();
  const at = fc.oneof({ weight: 6, arbitrary: inForce }, { weight: 1, arbitrary: arbAt() });
  return at.chain((a) =>
    fc
      .record(
        { subject: arbSubjectFor(ir, a), matter: fc.constantFrom(...MATTERS, '其他事项') },
        { requiredKeys: ['subject'] },
      )
      .map(({ subject, matter }): Case => (matter === undefined ? { subject, at: a } : { subject, at: a, matter })),
  );
}

/** A policy with `n` evaluation inputs for it. */
export function arbPolicyIrAndSubjects(
  n = 5,
  policies: fc.Arbitrary<PolicyIr> = arbPolicyIr(),
): fc.Arbitrary<{ ir: PolicyIr; cases: Case[] }> {
  return policies.chain((ir) =>
    fc.array(arbCaseFor(ir), { minLength: 1, maxLength: n }).map((cases) => ({ ir, cases })),
  );
}
