import type { Centavos } from './money';
import type { PpaStatus, WorkStatus } from './types';

export type ProgressMode = 'budget_weighted' | 'count_based';

/** What progress needs of an item: its own status and progress, its allocation, its children. */
export interface ProgressNode {
  status: WorkStatus;
  progress: number;
  allocated: Centavos;
  children: ProgressNode[];
}

/** An item's computed progress, with the descendant counts count_based needs from below. */
export interface ProgressResult {
  status: WorkStatus;
  allocated: Centavos;
  progress: number;
  /** Non-cancelled descendants, and how many of them are completed. */
  descendants: bigint;
  completedDescendants: bigint;
}

/** a ÷ b rounded half up; b > 0. */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/**
 * One item's progress from its own fields and its children's results (a post-order step, so a whole tree
 * is one pass). A leaf's progress is its own (completed = 100); cancelled children are left out.
 * budget_weighted: the children's progress weighted by their allocation, the plain average where none
 * has any. count_based (OBCMS): completed descendants ÷ all descendants × 100. Integer, half up.
 */
export function combineProgress(
  own: { status: WorkStatus; progress: number; allocated: Centavos },
  children: readonly ProgressResult[],
  mode: ProgressMode,
): ProgressResult {
  const counted = children.filter((c) => c.status !== 'cancelled');
  const descendants = counted.reduce((n, c) => n + 1n + c.descendants, 0n);
  const completedDescendants = counted.reduce((n, c) => n + (c.status === 'completed' ? 1n : 0n) + c.completedDescendants, 0n);
  const base = { status: own.status, allocated: own.allocated, descendants, completedDescendants };

  if (counted.length === 0) {
    const leaf = own.status === 'completed' ? 100 : Math.min(100, Math.max(0, Math.round(own.progress)));
    return { ...base, progress: leaf };
  }
  if (mode === 'count_based') return { ...base, progress: roundHalfUp(completedDescendants * 100n, descendants) };

  const totalAllocated = counted.reduce((sum, c) => sum + c.allocated, 0n);
  if (totalAllocated === 0n) {
    const sum = counted.reduce((s, c) => s + BigInt(c.progress), 0n);
    return { ...base, progress: roundHalfUp(sum, BigInt(counted.length)) };
  }
  const weighted = counted.reduce((sum, c) => sum + BigInt(c.progress) * c.allocated, 0n);
  return { ...base, progress: roundHalfUp(weighted, totalAllocated) };
}

/** The progress of a whole (sub)tree, by the same rule as every rollup. */
export function progressOf(node: ProgressNode, mode: ProgressMode): number {
  const compute = (n: ProgressNode): ProgressResult => combineProgress(n, n.children.map(compute), mode);
  return compute(node).progress;
}

/** With autoSyncStatus, the execution project's status decides the PPA's. */
export const PPA_STATUS_FOR_PROJECT_STATUS: Record<WorkStatus, PpaStatus> = {
  not_started: 'planning',
  in_progress: 'ongoing',
  at_risk: 'ongoing',
  blocked: 'on_hold',
  completed: 'completed',
  cancelled: 'cancelled',
};
