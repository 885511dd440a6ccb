import { describe, expect, it } from 'vitest';
import { budgetStatusOf, overspendingSeverity } from './budget-status';

describe('MFBM budget status codes', () => {
  it.each([
    [100_00n, 0n, 'no_expenditure'],
    [100_00n, 100_01n, 'over_budget'],
    [0n, 1n, 'over_budget'],
    [100_00n, 100_00n, 'on_budget'],
    [100_00n, 95_00n, 'on_budget'], // exactly 5% below
    [100_00n, 94_99n, 'within_tolerance'],
    [100_00n, 90_00n, 'within_tolerance'], // exactly 10% below
    [100_00n, 89_99n, 'under_budget'],
  ] as const)('allocated %s, actual %s → %s', (allocated, actual, status) => {
    expect(budgetStatusOf(allocated, actual)).toBe(status);
  });

  it('classifies overspending: over by more than 20% is critical, else high', () => {
    expect(overspendingSeverity(300_000_00n, 342_500_00n)).toBe('high');
    expect(overspendingSeverity(100_00n, 120_00n)).toBe('high'); // exactly 20%
    expect(overspendingSeverity(100_00n, 120_01n)).toBe('critical');
    expect(overspendingSeverity(0n, 1n)).toBe('critical');
    expect(overspendingSeverity(100_00n, 100_00n)).toBeNull();
  });
});
