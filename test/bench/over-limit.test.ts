// The p99 lower bound the bench prints: decisions over 10 µs by their own cost, plus those expected to be paused.
import { describe, expect, it } from 'vitest';
import { machinePauses, overLimitShare } from '../../bench/measure.js';

describe('overLimitShare', () => {
  it('counts decisions at or over the limit by their own cost and adds each other one paused with probability cost × rate', () => {
    const costs = Float64Array.from([2_000, 4_000, 10_000, 12_000]);
    // 1,000 pauses a second = one per 1,000,000 ns: a 2 µs decision is paused with probability 0.002.
    const share = overLimitShare(costs, 1_000);
    expect(share.ownCost).toBe(0.5);
    expect(share.paused).toBeCloseTo((0.002 + 0.004) / 4, 12);
  });

  it('never counts a decision as more than certainly paused', () => {
    const share = overLimitShare(Float64Array.from([9_000]), 1e9);
    expect(share).toEqual({ ownCost: 0, paused: 1 });
  });

  it('gives zero for an empty population rather than NaN', () => {
    expect(overLimitShare(new Float64Array(0), 1_000)).toEqual({ ownCost: 0, paused: 0 });
  });
});

describe('machinePauses', () => {
  it('reads the clock for about the time asked and reports consistent rates', () => {
    const p = machinePauses(30);
    expect(p.ms).toBeGreaterThanOrEqual(30);
    expect(p.perSecond.over5us).toBeGreaterThanOrEqual(p.perSecond.over10us);
    expect(p.perSecond.over10us).toBeGreaterThanOrEqual(p.perSecond.over20us);
    expect(p.shareOfTime).toBeGreaterThanOrEqual(0);
    expect(p.shareOfTime).toBeLessThanOrEqual(1);
  });
});
