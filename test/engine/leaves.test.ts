// Simple record tests inside `and` / `or` run as data (engine/compile/leaves.ts); alone they run as closures
// (engine/compile/expr.ts). Both must give the same verdict for every record: `x and x` and `x or x` are `x`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompareOp } from '../../dsl/ast.js';
import type { IrExpr } from '../../dsl/ir.js';
import type { SubjectRecord } from '../../engine/index.js';
import { compilePolicy } from '../../engine/index.js';
import { compile, variant } from '../diff/base-policy.js';

const { ir, hash } = compile(variant());
const plan = compilePolicy(ir, hash).plan;
const ctx = plan.ctx;

const OPS: readonly CompareOp[] = ['<', '<=', '>', '>=', '==', '!='];
const KEYS = ['a', 'b'] as const;
const DATES = ['2024-01-01', '2025-06-30', '2025-07-01'] as const;

const scalar = fc.oneof(
  fc.constantFrom(...DATES),
  fc.constantFrom('x', 'y', '甲'),
  fc.integer({ min: -2, max: 2 }),
  fc.boolean(),
);
const attrValue = fc.oneof(scalar, fc.constant(null), fc.array(fc.constantFrom('x', 'y', '甲'), { maxLength: 3 }));

const field = (key: string, builtin = false): IrExpr => ({ op: 'field', key, builtin });
const lit = (value: string | number | boolean): IrExpr => ({
  op: 'lit',
  type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string',
  value,
});

const leaf: fc.Arbitrary<IrExpr> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...OPS), fc.constantFrom(...KEYS), scalar)
    .map(([cmp, key, v]) => ({ op: 'cmp', cmp, type: 'number', left: field(key), right: lit(v) }) as IrExpr),
  fc.tuple(fc.constantFrom(...OPS), fc.constantFrom('一般', '较重')).map(
    ([cmp, v]) =>
      ({
        op: 'cmp',
        cmp,
        type: 'severity',
        left: field('severity', true),
        right: { op: 'lit', type: 'severity', value: v },
      }) as IrExpr,
  ),
  fc
    .tuple(fc.constantFrom(...OPS), fc.constantFrom('a', 'repairedOn', 'date'))
    .map(
      ([cmp, key]) => ({ op: 'cmp', cmp, type: 'date', left: field(key, key !== 'a'), right: { op: 'at' } }) as IrExpr,
    ),
  fc
    .tuple(fc.boolean(), fc.constantFrom(...KEYS), fc.array(fc.constantFrom('x', 'y', 1, 2), { maxLength: 12 }))
    .map(
      ([negated, key, vs]) =>
        ({ op: 'in', negated, left: field(key), values: { op: 'array', items: vs.map(lit) } }) as IrExpr,
    ),
  fc
    .tuple(fc.constantFrom('any', 'all'), fc.constantFrom(...KEYS), fc.array(fc.constantFrom('x', 'y', '甲')))
    .map(
      ([mode, key, vs]) =>
        ({ op: 'has', mode, left: field(key), values: { op: 'array', items: vs.map(lit) } }) as IrExpr,
    ),
);
const contextual: fc.Arbitrary<IrExpr> = fc.oneof(
  fc.constantFrom<IrExpr>({ op: 'onList', list: '严重失信名单' }, { op: 'onList', list: '诚信典型' }),
  fc
    .tuple(fc.boolean(), fc.constantFrom(field('a'), field('b'), field('repairedOn', true), field('severity', true)))
    .map(([negated, arg]) => ({ op: 'isSet', negated, arg }) as IrExpr),
);
const maybeNot = fc
  .tuple(fc.boolean(), fc.oneof(leaf, contextual))
  .map(([not, e]) => (not ? ({ op: 'not', arg: e } as IrExpr) : e));

const record: fc.Arbitrary<SubjectRecord | null> = fc.option(
  fc.record(
    {
      id: fc.constant('R1'),
      type: fc.constant('administrative_penalty'),
      date: fc.constantFrom(...DATES),
      severity: fc.constantFrom('轻微', '一般', '较重', '严重', '未知'),
      repairedOn: fc.constantFrom(...DATES),
      attrs: fc.dictionary(fc.constantFrom(...KEYS), attrValue),
    },
    { requiredKeys: ['id', 'type', 'date'] },
  ) as fc.Arbitrary<SubjectRecord>,
);

describe('leaf tests in a table', () => {
  it('give the verdict of the same test compiled alone', () => {
    fc.assert(
      fc.property(maybeNot, record, fc.constantFrom(...DATES), fc.array(fc.boolean()), (e, rec, at, on) => {
        ctx.at = at;
        for (let i = 0; i < ctx.listOn.length; i++) ctx.listOn[i] = on[i] === true ? 1 : 0;
        const alone = plan.fnOf(e, false)(ctx, rec) === true;
        const both = plan.fnOf({ op: 'and', args: [e, e] }, false)(ctx, rec);
        const either = plan.fnOf({ op: 'or', args: [e, e] }, false)(ctx, rec);
        const mixed = plan.fnOf({ op: 'and', args: [e, { op: 'lit', type: 'boolean', value: true }] }, false)(ctx, rec);
        expect([both, either, mixed]).toEqual([alone, alone, alone]);
      }),
      { numRuns: 5000 },
    );
  });
});
