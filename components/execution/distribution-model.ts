import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';

export type DistributionMode = 'equal' | 'weighted' | 'manual';

/** A stored or typed peso amount as planners read it: "₱1,234,567.89". */
export const peso = (amount: string) => formatPesos(parsePesos(amount));

/** Manual amounts start at each child's current allocation. */
export function initialManualAmounts(parent: AllocationNodeShape): Record<string, string> {
  return Object.fromEntries(parent.children.map((c) => [c.id, c.allocated]));
}

/**
 * The budget.previewDistribution / budget.distribute request. Manual mode sends every child's amount (a child
 * left without one gets ₱0); the server checks the amounts and the over-allocation, not the dialog.
 */
export function distributionRequest(ppaId: string, parent: AllocationNodeShape, mode: DistributionMode, manual: Record<string, string>) {
  return {
    id: ppaId,
    parentId: parent.id,
    mode,
    ...(mode === 'manual' ? { allocations: parent.children.map((c) => ({ workItemId: c.id, amount: manual[c.id] ?? '0' })) } : {}),
  };
}
