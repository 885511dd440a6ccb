import { describe, expect, it } from 'vitest';
import { allowance } from './allowance';

describe('an allowance (token bucket)', () => {
  it('allows a burst up to its cap at once, then refuses, and spends nothing on a refusal', () => {
    const budget = allowance({ perSecond: 100, burst: 300 }, 0);
    expect([budget.spend(200, 0), budget.spend(100, 0), budget.spend(1, 0)]).toEqual([true, true, false]);
    expect(budget.spend(0, 0)).toBe(true);
  });

  it('refills at its rate, never past its cap, and a clock going back refills nothing', () => {
    const budget = allowance({ perSecond: 100, burst: 300 }, 0);
    budget.spend(300, 0);
    expect(budget.spend(60, 500)).toBe(false); // 50 back after half a second
    expect(budget.spend(50, 500)).toBe(true);
    expect(budget.spend(1, 400)).toBe(false);
    // An hour later: full again, and no more than full.
    expect(budget.spend(301, 3_600_000)).toBe(false);
    expect(budget.spend(300, 3_600_000)).toBe(true);
  });
});
