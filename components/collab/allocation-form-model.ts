import { overAllocationProblem } from '@/server/domain/allocation';
import { formatPesos, toPesoString, type Centavos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { formatManilaDayAndTime } from '../format';

export interface DraftProblems {
  /** One message per parent whose children hold too much, shown once for the group. */
  byGroup: Map<string, string>;
  /** The rows to mark (every child of such a parent; the project itself when it exceeds the PPA). */
  flagged: Set<string>;
}

/**
 * The live check of the shared draft: the same invariant the budget service checks on save, per parent (one
 * message for the group, not one under every sibling), and the project against the PPA's budget allocation.
 */
export function draftProblems(root: AllocationNodeShape, amountOf: (node: AllocationNodeShape) => Centavos, ppaBudget: Centavos | null): DraftProblems {
  const byGroup = new Map<string, string>();
  const flagged = new Set<string>();
  const visit = (node: AllocationNodeShape) => {
    const problem = overAllocationProblem(node.title, amountOf(node), node.children.map(amountOf));
    if (problem) {
      byGroup.set(node.id, problem);
      for (const child of node.children) flagged.add(child.id);
    }
    node.children.forEach(visit);
  };
  visit(root);
  if (ppaBudget !== null && amountOf(root) > ppaBudget) {
    byGroup.set(`${root.id}:ppa`, `The project cannot hold more than the PPA’s ${formatPesos(ppaBudget)}.`);
    flagged.add(root.id);
  }
  return { byGroup, flagged };
}

/** An amount box shows "₱2,400,000.00" while it is only read, and the raw "2400000.00" while being typed in. */
export function amountText(amount: Centavos, editing: boolean): string {
  return editing ? toPesoString(amount) : formatPesos(amount);
}

/** "Saved by Norhaya Planner on Nov 27, 2026 at 07:30" (Manila time; a draft may be reopened days later). */
export function savedLine(savedBy: string | undefined, savedAt: string): string {
  return `Saved by ${savedBy ?? 'someone'} on ${formatManilaDayAndTime(savedAt)}`;
}
