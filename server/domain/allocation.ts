import { formatPesos, type Centavos } from './money';

/**
 * The allocation invariant: the children of any item sum to at most its allocation, and the project's
 * allocation is at most the PPA's budget allocation. Returns the planner's message, or null when it holds.
 */
export function overAllocationProblem(parentTitle: string, parentAllocated: Centavos, childAllocations: readonly Centavos[]): string | null {
  if (childAllocations.some((a) => a < 0n)) return 'Allocations cannot be negative.';
  const total = childAllocations.reduce((a, b) => a + b, 0n);
  if (total <= parentAllocated) return null;
  return `This would allocate ${formatPesos(total)} under "${parentTitle}", which has only ${formatPesos(parentAllocated)}: ${formatPesos(total - parentAllocated)} too much.`;
}

/** An item's own allocation may not drop below what its children already hold. */
export function belowChildrenProblem(itemTitle: string, newAllocated: Centavos, childrenTotal: Centavos): string | null {
  if (newAllocated >= childrenTotal) return null;
  return `"${itemTitle}" cannot get ${formatPesos(newAllocated)}: its own sub-items already hold ${formatPesos(childrenTotal)}.`;
}

/** The project is the PPA's budget in the tree: it may hold at most the PPA's allocation (the source of truth). */
export function projectOverPpaProblem(projectAllocated: Centavos, ppaAllocation: Centavos): string | null {
  if (projectAllocated <= ppaAllocation) return null;
  return `The execution project cannot hold more than the PPA’s budget allocation of ${formatPesos(ppaAllocation)}.`;
}
