import { eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { workItems } from '@/db/schema';
import { belowChildrenProblem, overAllocationProblem, projectOverPpaProblem } from '../../domain/allocation';
import { centavosOf, parsePesos } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { settleStatusAndProgress } from '../../domain/progress';
import { retypeProblem } from '../../domain/work-item-types';
import type { UpdateWorkItemRequest, WorkItemResponse } from '../../contracts/work-item';
import { writeAudit } from '../audit';
import { resyncAfterPlanChange } from '../budget/sync-from-work-items';
import { assertBudgetUnlocked, childrenOf, lockWorkItem, type WorkItemRow } from './load';
import { toWorkItemResponse } from './work-item-response';
import { assertSignedIn, loadWorkItemForEdit, lockPpaForBudgetChange, type PpaRow } from '../access';
import { runUseCase } from '../effects/use-case';

/** Checks a new allocation for one item against its parent (or the PPA, for the project) and its children. */
async function checkNewAllocation(tx: Queryable, ppa: PpaRow, item: WorkItemRow, amount: bigint): Promise<void> {
  if (item.parentId) {
    const parent = await lockWorkItem(tx, item.parentId);
    const siblings = await childrenOf(tx, parent.id);
    const amounts = siblings.map((s) => (s.id === item.id ? amount : centavosOf(s.allocatedBudget)));
    const problem = overAllocationProblem(parent.title, centavosOf(parent.allocatedBudget), amounts);
    if (problem) throw AppError.conflict(problem);
  } else {
    const overPpa = projectOverPpaProblem(amount, centavosOf(ppa.budgetAllocation));
    if (overPpa) throw AppError.conflict(overPpa);
  }
  const [below] = await tx
    .select({ total: sql<string | null>`sum(${workItems.allocatedBudget})` })
    .from(workItems)
    .where(eq(workItems.parentId, item.id));
  const problem = belowChildrenProblem(item.title, amount, centavosOf(below?.total));
  if (problem) throw AppError.conflict(problem);
}

/**
 * Edits a work item: title, status, priority, progress, dates, weight, notes, and its own allocation (the
 * "Edit" of a row: checked against its parent and its children, refused while the budget is locked).
 * Status and progress are settled to agree (the one changed decides the other); a change of either, or of
 * the allocation, re-syncs the plan's rollups and statuses, and the PPA as its auto-sync flags say.
 * Returns the item as the re-sync left it.
 */
export async function updateWorkItem(options: { db: Database; viewer: Viewer; input: UpdateWorkItemRequest }): Promise<WorkItemResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  const { id, ...changes } = input;
  return runUseCase(db, async (tx, after) => {
    const { item: found, ppa: foundPpa } = await loadWorkItemForEdit(tx, viewer, id);
    const ppa = await lockPpaForBudgetChange(tx, foundPpa.id);
    // Locks go parent before child, as a distribution takes them, so the two queue instead of deadlocking.
    if (changes.allocatedBudget !== undefined && found.parentId) await lockWorkItem(tx, found.parentId);
    const current = await lockWorkItem(tx, id);
    if (current.parentId !== found.parentId) throw AppError.conflict('This work item was just moved by someone else; reload and try again.');
    if (changes.allocatedBudget !== undefined && parsePesos(changes.allocatedBudget) !== centavosOf(current.allocatedBudget)) {
      assertBudgetUnlocked(ppa);
      await checkNewAllocation(tx, ppa, current, parsePesos(changes.allocatedBudget));
    }
    // An item's class and object of expenditure are part of the approved budget: after the lock they change only
    // by an admin's unlock (a modification request moves money, it does not reclassify it).
    const reclassifies =
      (changes.appropriationClass !== undefined && changes.appropriationClass !== current.appropriationClass) ||
      (changes.objectOfExpenditure !== undefined && changes.objectOfExpenditure !== current.objectOfExpenditure);
    if (reclassifies && ppa.budgetLockedAt) {
      throw AppError.conflict('The appropriation class and object of expenditure are part of the locked budget; an admin must unlock it before they change.');
    }
    if (changes.workType !== undefined && changes.workType !== current.workType) {
      if (!current.parentId) throw AppError.badField('workType', 'The execution project stays a project.');
      const [parent] = await tx.select({ workType: workItems.workType }).from(workItems).where(eq(workItems.id, current.parentId));
      const children = await tx.select({ workType: workItems.workType }).from(workItems).where(eq(workItems.parentId, id));
      const problem = retypeProblem(
        changes.workType,
        parent!.workType,
        children.map((c) => c.workType),
      );
      if (problem) throw AppError.badField('workType', problem);
    }
    const dates = {
      startDate: changes.startDate !== undefined ? changes.startDate : current.startDate,
      dueDate: changes.dueDate !== undefined ? changes.dueDate : current.dueDate,
    };
    if (dates.startDate && dates.dueDate && dates.dueDate < dates.startDate) {
      throw AppError.badField('dueDate', 'The due date cannot be before the start date.');
    }
    const touchesProgress = changes.status !== undefined || changes.progress !== undefined;
    const values = { ...changes, ...(touchesProgress ? settleStatusAndProgress(current, changes) : {}) };
    await tx.update(workItems).set(values).where(eq(workItems.id, id));
    const before = Object.fromEntries(Object.keys(values).map((k) => [k, current[k as keyof WorkItemRow]]));
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'work_item', entityId: id, action: 'update', before, after: values });

    // Allocations weigh the children's progress (budget_weighted), so a new amount moves the rollups too.
    if (touchesProgress || changes.allocatedBudget !== undefined) await resyncAfterPlanChange(tx, ppa, viewer);
    const [row] = await tx.select().from(workItems).where(eq(workItems.id, id));
    if (row!.status !== current.status) {
      await after.event({ name: 'work-item/status-changed', data: { ppaId: ppa.id, workItemId: id, status: row!.status } });
    }
    return toWorkItemResponse(row!);
  });
}
