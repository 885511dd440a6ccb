import type { AllocationNodeShape, AllocationTreeResponse } from '@/server/contracts/budget';
import { parsePesos, percentOf } from '@/server/domain/money';

/**
 * The "Budget Allocation" figures of the Execution Tracking section, all over the PPA's budget allocation (the
 * source of truth), never over the project's own figure: a project left at ₱0.00 must not read "Unallocated ₱0.00".
 */
export function budgetSummaryOf(
  ppa: Pick<AllocationTreeResponse['ppa'], 'budgetAllocation' | 'unallocated'>,
  root: Pick<AllocationNodeShape, 'childrenAllocated'>,
) {
  const total = ppa.budgetAllocation === null ? 0n : parsePesos(ppa.budgetAllocation);
  return {
    allocatedToActivities: root.childrenAllocated,
    allocatedPercent: percentOf(parsePesos(root.childrenAllocated), total) ?? 0,
    unallocated: ppa.unallocated,
  };
}
