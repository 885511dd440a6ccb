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
  /** The item's status as its progress leaves it (statusForProgress): what count_based counts and the sync stores. */
  status: WorkStatus;
  allocated: Centavos;
  progress: number;
  /** Non-cancelled descendants, and how many of them are completed (count_based only; 0 otherwise). */
  descendants: bigint;
  completedDescendants: bigint;
}

/**
 * Status follows progress (docs/domain-rules.md, "Progress and status sync"): an item that is not started
 * but has progress is in progress, and one marked completed whose progress is below 100% (a parent whose
 * children are not all done) is in progress again. At risk, blocked and cancelled are a person's call and
 * progress never changes them.
 */
export function statusForProgress(status: WorkStatus, progress: number): WorkStatus {
  if (status === 'not_started' && progress > 0) return 'in_progress';
  if (status === 'completed' && progress < 100) return 'in_progress';
  return status;
}

/**
 * The status and progress a person's edit of an item leaves, agreeing with each other: the field they changed
 * decides the other. Setting completed makes it 100% and setting not started 0%; changing progress alone moves
 * the status (statusForProgress). With neither changed the status decides, as for any leaf (completed = 100%).
 */
export function settleStatusAndProgress(
  current: { status: WorkStatus; progress: number },
  change: { status?: WorkStatus; progress?: number },
): { status: WorkStatus; progress: number } {
  const status = change.status ?? current.status;
  const progress = change.progress ?? current.progress;
  const statusSet = status !== current.status;
  if (statusSet && status === 'not_started') return { status, progress: 0 };
  if (!statusSet && progress !== current.progress) return { status: statusForProgress(status, progress), progress };
  return leafStatusAndProgress(status, progress);
}

/** A leaf's own figures: completed counts as 100%, and its status follows its progress. */
function leafStatusAndProgress(status: WorkStatus, progress: number): { status: WorkStatus; progress: number } {
  const own = status === 'completed' ? 100 : Math.min(100, Math.max(0, Math.round(progress)));
  return { status: statusForProgress(status, own), progress: own };
}

/** a ÷ b rounded half up; b > 0. */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/**
 * One item's progress and status from its own fields and its children's results (a post-order step, so a
 * whole tree is one pass). A leaf's progress is its own (completed = 100); cancelled children are left out;
 * the status follows the progress (statusForProgress), and count_based counts the statuses so settled.
 * budget_weighted: the children's progress weighted by their allocation, the plain average where none
 * has any. count_based (OBCMS): completed descendants ÷ all descendants × 100. Integer, half up.
 */
export function combineProgress(
  own: { status: WorkStatus; progress: number; allocated: Centavos },
  children: readonly ProgressResult[],
  mode: ProgressMode,
): ProgressResult {
  // Plain loops, and only the sums the mode needs: this runs once per node of trees of 10,000 items.
  let counted = 0;
  let descendants = 0n;
  let completedDescendants = 0n;
  let totalAllocated = 0n;
  let weighted = 0n;
  let progressSum = 0;
  for (const c of children) {
    if (c.status === 'cancelled') continue;
    counted += 1;
    if (mode === 'count_based') {
      descendants += 1n + c.descendants;
      completedDescendants += c.status === 'completed' ? 1n + c.completedDescendants : c.completedDescendants;
    } else {
      totalAllocated += c.allocated;
      if (c.progress !== 0 && c.allocated !== 0n) weighted += BigInt(c.progress) * c.allocated;
      progressSum += c.progress;
    }
  }
  if (counted === 0) return { ...leafStatusAndProgress(own.status, own.progress), allocated: own.allocated, descendants, completedDescendants };
  let progress: number;
  if (mode === 'count_based') progress = roundHalfUp(completedDescendants * 100n, descendants);
  else if (totalAllocated === 0n) progress = roundHalfUp(BigInt(progressSum), BigInt(counted));
  else progress = roundHalfUp(weighted, totalAllocated);
  return { status: statusForProgress(own.status, progress), allocated: own.allocated, progress, descendants, completedDescendants };
}

/** What the progress of one item of a flat tree needs (a lighter read than the allocation tree's). */
export interface ProgressItem {
  id: string;
  parentId: string | null;
  status: WorkStatus;
  progress: number;
  allocated: Centavos;
}

/**
 * Every item's progress and status (combineProgress) from a flat read of one PPA's tree, by id, in one
 * post-order pass: the figures rollUpTree gives, without the money figures a sync does not need.
 */
export function progressOfTree(items: readonly ProgressItem[], mode: ProgressMode): Map<string, ProgressResult> {
  const childrenOf = new Map<string, ProgressItem[]>();
  for (const item of items) {
    if (item.parentId === null) continue;
    const list = childrenOf.get(item.parentId);
    if (list) list.push(item);
    else childrenOf.set(item.parentId, [item]);
  }
  const results = new Map<string, ProgressResult>();
  const compute = (item: ProgressItem): ProgressResult => {
    const result = combineProgress(item, (childrenOf.get(item.id) ?? []).map(compute), mode);
    results.set(item.id, result);
    return result;
  };
  const known = new Set(items.map((i) => i.id));
  for (const item of items) if (item.parentId === null || !known.has(item.parentId)) compute(item);
  return results;
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
