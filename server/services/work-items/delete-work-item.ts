import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { expenditureEntries, workItems } from '@/db/schema';
import { centavosOf, formatPesos, type Centavos } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { resyncAfterPlanChange } from '../budget/sync-from-work-items';
import { assertBudgetUnlocked, lockWorkItem, subtreeIds } from './load';
import { toWorkItemResponse } from './work-item-response';
import { assertSignedIn, loadWorkItemForEdit, lockPpaForBudgetChange } from '../access';
import { runUseCase } from '../effects/use-case';

/** Why an item with a ledger in its subtree stays, naming what was spent (disbursed) and committed (obligated). */
function ledgerKeepsItem(title: string, disbursed: Centavos, obligated: Centavos): string {
  const amounts = [
    disbursed !== 0n ? `${formatPesos(disbursed)} of recorded expenditure` : null,
    obligated !== 0n ? `${formatPesos(obligated)} of obligations` : null,
  ].filter(Boolean);
  const what = amounts.length ? amounts.join(' and ') : 'reversed ledger entries';
  return `"${title}" has ${what} in its subtree; work items with spending cannot be deleted.`;
}

/**
 * Deletes a work item and its subtree; their money returns to the parent's unallocated part, and the plan
 * is re-synced. Refused for the project, for a subtree with recorded spending (the ledger is kept), and for
 * funded items while the budget is locked.
 */
export async function deleteWorkItem(options: { db: Database; viewer: Viewer; workItemId: string }): Promise<{ deletedIds: string[] }> {
  const { db, viewer, workItemId } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const { item: found, ppa: foundPpa } = await loadWorkItemForEdit(tx, viewer, workItemId);
    if (!found.parentId) throw AppError.conflict('The execution project cannot be deleted; it is the root of the PPA’s plan.');
    const ppa = await lockPpaForBudgetChange(tx, foundPpa.id);
    await lockWorkItem(tx, found.parentId);
    const item = await lockWorkItem(tx, workItemId);
    const ids = await subtreeIds(tx, item.id);
    const subtree = await tx.select().from(workItems).where(inArray(workItems.id, ids));
    // Any money in the subtree, not only the item's own, would leave the plan with it.
    if (subtree.some((row) => centavosOf(row.allocatedBudget) !== 0n)) assertBudgetUnlocked(ppa);

    // Any ledger entry keeps the subtree, even a reversed pair that nets to zero: the ledger is never deleted.
    const [ledger] = await tx
      .select({
        entries: sql<number>`count(*)::int`,
        disbursed: sql<string | null>`sum(${expenditureEntries.amount}) filter (where ${expenditureEntries.kind} = 'disbursement')`,
        obligated: sql<string | null>`sum(${expenditureEntries.amount}) filter (where ${expenditureEntries.kind} = 'obligation')`,
      })
      .from(expenditureEntries)
      .where(inArray(expenditureEntries.workItemId, ids));
    if (ledger && ledger.entries > 0) throw AppError.conflict(ledgerKeepsItem(item.title, centavosOf(ledger.disbursed), centavosOf(ledger.obligated)));
    await tx.delete(workItems).where(eq(workItems.id, item.id));
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'work_item', entityId: item.id, action: 'delete', before: subtree.map(toWorkItemResponse) });
    await resyncAfterPlanChange(tx, ppa, viewer);
    return { deletedIds: ids };
  });
}
