import { formatPesos, parsePesos, percentOf } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { zWeight } from '@/server/contracts/work-item';
import { displayWeight } from './item-dialogs-model';

export type DistributionMode = 'equal' | 'weighted' | 'manual';

/** A stored or typed peso amount as planners read it: "₱1,234,567.89". */
export const peso = (amount: string) => formatPesos(parsePesos(amount));

/** Manual amounts start at each child's current allocation. */
export function initialManualAmounts(parent: AllocationNodeShape): Record<string, string> {
  return Object.fromEntries(parent.children.map((c) => [c.id, c.allocated]));
}

/** Weights start at each child's stored weight, as typed ("1.5", not "1.5000"). */
export function initialWeights(parent: AllocationNodeShape): Record<string, string> {
  return Object.fromEntries(parent.children.map((c) => [c.id, displayWeight(c.weight)]));
}

/**
 * Why the typed weights cannot be previewed yet (the server's own weight rule), or null. All zero is the
 * server's to say: the preview reports it as the distribution's problem.
 */
export function weightsProblem(parent: AllocationNodeShape, weights: Record<string, string>): string | null {
  for (const child of parent.children) {
    const parsed = zWeight.safeParse(weights[child.id] ?? '');
    if (!parsed.success) return `${child.title}: ${parsed.error.issues[0]!.message}`;
  }
  return null;
}

/**
 * The budget.previewDistribution / budget.distribute request. Manual mode sends every child's amount (a child
 * left without one gets ₱0); weighted mode sends every child's weight (saved with the distribution). The
 * server checks the amounts, the weights and the over-allocation, not the dialog.
 */
export function distributionRequest(
  ppaId: string,
  parent: AllocationNodeShape,
  mode: DistributionMode,
  manual: Record<string, string>,
  weights: Record<string, string> = {},
) {
  return {
    id: ppaId,
    parentId: parent.id,
    mode,
    ...(mode === 'manual' ? { allocations: parent.children.map((c) => ({ workItemId: c.id, amount: manual[c.id] ?? '0' })) } : {}),
    ...(mode === 'weighted' ? { weights: parent.children.map((c) => ({ workItemId: c.id, weight: (weights[c.id] ?? displayWeight(c.weight)).trim() })) } : {}),
  };
}

/** A previewed amount's share of the parent's allocation, "37.5%" ("—" when the parent holds nothing). */
export function shareOfParent(amount: string, parentAllocated: string): string {
  const share = percentOf(parsePesos(amount), parsePesos(parentAllocated), 2);
  return share === null ? '—' : `${share}%`;
}
