import type { Database } from '@/db';
import { workItems } from '@/db/schema';
import { overAllocationProblem } from '../../domain/allocation';
import { centavosOf, parsePesos, toPesoString } from '../../domain/money';
import { settleStatusAndProgress } from '../../domain/progress';
import type { Viewer } from '../../domain/types';
import { childTypeProblem } from '../../domain/work-item-types';
import { AppError } from '../../errors';
import type { AddWorkItemRequest, WorkItemResponse } from '../../contracts/work-item';
import { writeAudit } from '../audit';
import { resyncAfterPlanChange } from '../budget/sync-from-work-items';
import { assertBudgetUnlocked, childrenOf, lockWorkItem } from './load';
import { toWorkItemResponse } from './work-item-response';
import { assertSignedIn, loadWorkItemForEdit, lockPpaForBudgetChange } from '../access';
import { runUseCase } from '../effects/use-case';

/**
 * Adds a child under a work item, last in its parent's order; any allocation comes out of the parent's. Its
 * status and progress are settled to agree, and the plan is re-synced: a new open item under a completed
 * parent reopens it.
 */
export async function addWorkItem(options: { db: Database; viewer: Viewer; input: AddWorkItemRequest }): Promise<WorkItemResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  const { parentId, allocatedBudget, ...fields } = input;
  return runUseCase(db, async (tx, after) => {
    const { ppa: found } = await loadWorkItemForEdit(tx, viewer, parentId);
    const ppa = await lockPpaForBudgetChange(tx, found.id);
    const parent = await lockWorkItem(tx, parentId);
    const typeProblem = childTypeProblem(fields.workType, parent.workType);
    if (typeProblem) throw AppError.badField('workType', typeProblem);

    const siblings = await childrenOf(tx, parent.id);
    const amount = allocatedBudget ? parsePesos(allocatedBudget) : 0n;
    if (amount > 0n) {
      assertBudgetUnlocked(ppa);
      const problem = overAllocationProblem(parent.title, centavosOf(parent.allocatedBudget), [...siblings.map((s) => centavosOf(s.allocatedBudget)), amount]);
      if (problem) throw AppError.conflict(problem);
    }
    const [created] = await tx
      .insert(workItems)
      .values({
        ...fields,
        ...settleStatusAndProgress({ status: 'not_started', progress: 0 }, fields),
        ppaId: ppa.id,
        parentId: parent.id,
        allocatedBudget: toPesoString(amount),
        sortOrder: siblings.reduce((max, s) => Math.max(max, s.sortOrder + 1), 0),
      })
      .returning();
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'work_item', entityId: created!.id, action: 'add', after: toWorkItemResponse(created!) });
    await resyncAfterPlanChange(tx, ppa, viewer);
    if (created!.status !== 'not_started') {
      await after.event({ name: 'work-item/status-changed', data: { ppaId: ppa.id, workItemId: created!.id, status: created!.status } });
    }
    return toWorkItemResponse(created!);
  });
}
