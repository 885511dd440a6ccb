import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { budgetDistributions, workItems } from '@/db/schema';
import { overAllocationProblem, projectOverPpaProblem } from '../../domain/allocation';
import { centavosOf, parsePesos, toPesoString, type Centavos } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { setWorkItemColumn } from '../work-items/bulk-update';
import { assertBudgetUnlocked } from '../work-items/load';
import { resyncAfterPlanChange } from './sync-from-work-items';
import { assertSignedIn, loadPpaForEdit } from '../access';
import { runUseCase } from '../effects/use-case';

/**
 * Saves the co-edited allocation form: the amounts of any items of one PPA, re-checked as a whole in one
 * transaction (each parent holds its children, the project fits the PPA). Each parent whose children
 * changed gets a manual distribution record, so the save can be undone parent by parent. The PPA row is
 * locked exclusively, so a save and any distribution on the PPA never interleave.
 */
export async function saveAllocationDraft(options: {
  db: Database;
  viewer: Viewer;
  ppaId: string;
  amounts: { workItemId: string; amount?: string; weight?: string; note?: string }[];
}): Promise<{ changed: number; savedAt: string }> {
  const { db, viewer, ppaId } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx, after) => {
    const ppa = await loadPpaForEdit(tx, viewer, ppaId, { lock: 'update' });
    assertBudgetUnlocked(ppa);
    const items = await tx.select().from(workItems).where(eq(workItems.ppaId, ppa.id)).orderBy(workItems.sortOrder, workItems.id);
    const byId = new Map(items.map((i) => [i.id, i]));
    const next = new Map<string, Centavos>(items.map((i) => [i.id, centavosOf(i.allocatedBudget)]));
    for (const { workItemId, amount } of options.amounts) {
      if (!byId.has(workItemId)) throw AppError.badField('amounts', 'The draft names a work item that is not in this PPA any more; reload the form.');
      if (amount !== undefined) next.set(workItemId, parsePesos(amount));
    }

    const children = new Map<string | null, typeof items>();
    for (const item of items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
    for (const item of items) {
      const kids = children.get(item.id) ?? [];
      // Every parent against its children's new amounts covers both directions of the invariant.
      const problem = overAllocationProblem(
        item.title,
        next.get(item.id)!,
        kids.map((k) => next.get(k.id)!),
      );
      if (problem) throw AppError.conflict(problem);
      const overPpa = item.parentId ? null : projectOverPpaProblem(next.get(item.id)!, centavosOf(ppa.budgetAllocation));
      if (overPpa) throw AppError.conflict(overPpa);
    }

    const changed = items.filter((i) => next.get(i.id) !== centavosOf(i.allocatedBudget));
    await setWorkItemColumn(
      tx,
      { name: 'allocated_budget', cast: 'numeric' },
      changed.map((i) => ({ id: i.id, value: toPesoString(next.get(i.id)!) })),
    );
    // Weights and notes ride along with the amounts (they are no budget figures: no invariant to check).
    for (const { workItemId, weight, note } of options.amounts) {
      const item = byId.get(workItemId)!;
      const changes = {
        ...(weight !== undefined && weight !== item.weight ? { weight } : {}),
        ...(note !== undefined && note !== item.budgetNotes ? { budgetNotes: note } : {}),
      };
      if (Object.keys(changes).length > 0) await tx.update(workItems).set(changes).where(eq(workItems.id, workItemId));
    }
    const parents = new Set(changed.map((i) => i.parentId).filter((p): p is string => p !== null));
    for (const parentId of parents) {
      const kids = children.get(parentId)!;
      await tx.insert(budgetDistributions).values({
        ppaId: ppa.id,
        parentId,
        mode: 'manual',
        distributedAmount: toPesoString(kids.reduce((sum, k) => sum + next.get(k.id)!, 0n)),
        allocationsBefore: kids.map((k) => ({ workItemId: k.id, amount: k.allocatedBudget })),
        allocationsAfter: kids.map((k) => ({ workItemId: k.id, amount: toPesoString(next.get(k.id)!) })),
        distributedById: viewer.userId,
        distributedAt: sql`clock_timestamp()`,
      });
    }
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'budget',
      entityId: ppa.id,
      action: 'save_allocation_draft',
      before: changed.map((i) => ({ workItemId: i.id, amount: i.allocatedBudget })),
      after: changed.map((i) => ({ workItemId: i.id, amount: toPesoString(next.get(i.id)!) })),
    });
    if (changed.length > 0) await resyncAfterPlanChange(tx, ppa, viewer);
    const savedAt = new Date().toISOString();
    // The co-editors' forms show who saved, and reload the saved amounts.
    after.collab({ type: 'saved', ppaId, savedBy: viewer.name, savedAt });
    return { changed: changed.length, savedAt };
  });
}
