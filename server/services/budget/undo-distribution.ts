import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { budgetDistributions } from '@/db/schema';
import { parsePesos } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { AllocationTreeResponse } from '../../contracts/budget';
import { writeAudit } from '../audit';
import { getAllocationTree } from './allocation-tree';
import { applyChildAllocations, lastDistributionOn, lockParentForDistribution, type AllocationSnapshot } from './distribute-budget';
import { resyncAfterPlanChange } from './sync-from-work-items';
import { assertSignedIn } from '../access';
import { runUseCase } from '../effects/use-case';

/**
 * Undoes the last distribution on a parent, while nothing in it has changed since: the same children with
 * the amounts it gave them. Otherwise it is refused (409) and nothing changes. Returns the tree as this
 * transaction left it.
 */
export async function undoDistribution(options: { db: Database; viewer: Viewer; ppaId: string; parentId: string }): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId, parentId } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const { ppa, parent, children } = await lockParentForDistribution(tx, viewer, ppaId, parentId);
    const last = await lastDistributionOn(tx, parent.id);
    if (!last || last.undoneAt) throw AppError.conflict(`There is no distribution on "${parent.title}" to undo.`);

    const after = last.allocationsAfter as AllocationSnapshot[];
    const current = new Map(children.map((c) => [c.id, parsePesos(c.allocatedBudget)]));
    const unchanged = after.length === children.length && after.every((a) => current.get(a.workItemId) === parsePesos(a.amount));
    if (!unchanged) {
      throw AppError.conflict(`The last distribution on "${parent.title}" cannot be undone: its allocations have changed since.`);
    }
    const before = new Map((last.allocationsBefore as AllocationSnapshot[]).map((b) => [b.workItemId, parsePesos(b.amount)]));
    await applyChildAllocations(
      tx,
      parent,
      children,
      children.map((c) => before.get(c.id)!),
    );
    await tx
      .update(budgetDistributions)
      .set({ undoneAt: sql`clock_timestamp()`, undoneById: viewer.userId })
      .where(eq(budgetDistributions.id, last.id));
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'budget',
      entityId: parent.id,
      action: 'undo_distribution',
      before: after,
      after: last.allocationsBefore,
    });
    await resyncAfterPlanChange(tx, ppa, viewer);
    return getAllocationTree({ db: tx, viewer, ppaId: ppa.id });
  });
}
