import { describe, expect, it } from 'vitest';
import { budgetSummaryOf } from './budget-summary-model';

describe('the Budget Allocation summary', () => {
  it('counts against the PPA’s allocation: a plan holding nothing leaves all of it unallocated', () => {
    expect(budgetSummaryOf({ budgetAllocation: '1000000.00', unallocated: '1000000.00' }, { childrenAllocated: '0.00' })).toEqual({
      allocatedToActivities: '0.00',
      allocatedPercent: 0,
      unallocated: '1000000.00',
    });
    expect(budgetSummaryOf({ budgetAllocation: '1000000.00', unallocated: '400000.00' }, { childrenAllocated: '600000.00' }).allocatedPercent).toBe(60);
  });

  it('shows 0% without an allocation rather than dividing by nothing', () => {
    expect(budgetSummaryOf({ budgetAllocation: null, unallocated: '0.00' }, { childrenAllocated: '0.00' }).allocatedPercent).toBe(0);
  });
});
