import { budgetStatusOf, type BudgetStatus } from './budget-status';
import { ledgerFigures } from './ledger';
import { percentOf, type Centavos } from './money';
import { combineProgress, type ProgressMode, type ProgressResult } from './progress';
import type { WorkStatus, WorkType } from './types';

/** One work item as read from the database, with the ledger sums recorded on it directly (reversals netted in). */
export interface FlatWorkItem {
  id: string;
  parentId: string | null;
  title: string;
  workType: WorkType;
  status: WorkStatus;
  progress: number;
  allocated: Centavos;
  /** The disbursements recorded on the item itself: its own part of "actual". */
  ownActual: Centavos;
  /** The obligations recorded on the item itself; absent counts as none. */
  ownObligations?: Centavos;
  sortOrder: number;
}

/** A node of the allocation tree with its figures (docs/domain-rules.md, "Money"). */
export interface RolledUpNode<T extends FlatWorkItem = FlatWorkItem> {
  item: T;
  /** The item's own figure: its children's allocations are parts of it, never added to it. */
  allocated: Centavos;
  /** The disbursements on the item and on all its descendants (obligations are never actual spending). */
  actual: Centavos;
  /** The obligations on the item and on all its descendants. */
  obligations: Centavos;
  /** obligations ÷ allocated and disbursements (actual) ÷ obligations, percentages with two decimals. */
  obligationRate: number | null;
  disbursementRate: number | null;
  /** allocated − obligations. */
  unobligated: Centavos;
  remaining: Centavos;
  /** actual − allocated: positive means over budget. */
  variance: Centavos;
  variancePercent: number | null;
  utilisationPercent: number | null;
  budgetStatus: BudgetStatus;
  /** Allocated to the children, and what is left of this item's allocation. */
  childrenAllocated: Centavos;
  unallocated: Centavos;
  /** Computed from the children by the PPA's progress mode; a leaf's own. */
  progress: number;
  /** The item's status as that progress leaves it (server/domain/progress.ts, statusForProgress). */
  status: WorkStatus;
  children: RolledUpNode<T>[];
}

/**
 * Builds the tree from a flat read and rolls everything up in one post-order pass. Children come in sort
 * order (then id, so the order is total). Returns the roots: one, the project, for a tracked PPA.
 */
export function rollUpTree<T extends FlatWorkItem>(items: readonly T[], mode: ProgressMode): RolledUpNode<T>[] {
  const childrenOf = new Map<string | null, T[]>();
  for (const item of items) {
    const list = childrenOf.get(item.parentId);
    if (list) list.push(item);
    else childrenOf.set(item.parentId, [item]);
  }
  for (const list of childrenOf.values()) {
    list.sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const known = new Set(items.map((i) => i.id));
  const roots = items.filter((i) => i.parentId === null || !known.has(i.parentId));

  const progressResults = new Map<string, ProgressResult>();
  const build = (item: T): RolledUpNode<T> => {
    const children = (childrenOf.get(item.id) ?? []).map(build);
    const actual = children.reduce((sum, c) => sum + c.actual, item.ownActual);
    const obligations = children.reduce((sum, c) => sum + c.obligations, item.ownObligations ?? 0n);
    const childrenAllocated = children.reduce((sum, c) => sum + c.allocated, 0n);
    const progress = combineProgress(
      { status: item.status, progress: item.progress, allocated: item.allocated },
      children.map((c) => progressResults.get(c.item.id)!),
      mode,
    );
    progressResults.set(item.id, progress);
    return {
      item,
      allocated: item.allocated,
      actual,
      obligations,
      ...ledgerFigures({ allocated: item.allocated, obligations, disbursements: actual }),
      remaining: item.allocated - actual,
      variance: actual - item.allocated,
      variancePercent: percentOf(actual - item.allocated, item.allocated, 2),
      utilisationPercent: percentOf(actual, item.allocated, 2),
      budgetStatus: budgetStatusOf(item.allocated, actual),
      childrenAllocated,
      unallocated: item.allocated - childrenAllocated,
      progress: progress.progress,
      status: progress.status,
      children,
    };
  };
  return roots.sort((a, b) => a.sortOrder - b.sortOrder).map(build);
}

/** Every node of a rolled-up tree, parents before children. */
export function* walkTree<T extends FlatWorkItem>(nodes: readonly RolledUpNode<T>[]): Generator<RolledUpNode<T>> {
  for (const node of nodes) {
    yield node;
    yield* walkTree(node.children);
  }
}

export interface ProgressOverview {
  total: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  blocked: number;
}

/** The "Progress Overview" cards: the project's work items by status (at risk counts as in progress; cancelled only in the total). */
export function progressOverview(root: RolledUpNode): ProgressOverview {
  const overview: ProgressOverview = { total: 0, completed: 0, inProgress: 0, notStarted: 0, blocked: 0 };
  // A stack, not walkTree's generator: this visits every node of every tree answer.
  const stack: RolledUpNode[] = [...root.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of node.children) stack.push(child);
    overview.total += 1;
    const status = node.item.status;
    if (status === 'completed') overview.completed += 1;
    else if (status === 'in_progress' || status === 'at_risk') overview.inProgress += 1;
    else if (status === 'not_started') overview.notStarted += 1;
    else if (status === 'blocked') overview.blocked += 1;
  }
  return overview;
}
