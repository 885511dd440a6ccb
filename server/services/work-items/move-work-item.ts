import { and, eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { workItems } from '@/db/schema';
import { overAllocationProblem } from '../../domain/allocation';
import { centavosOf } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { childTypeProblem } from '../../domain/work-item-types';
import { AppError } from '../../errors';
import type { MoveWorkItemRequest, WorkItemResponse } from '../../contracts/work-item';
import { writeAudit } from '../audit';
import { resyncAfterPlanChange } from '../budget/sync-from-work-items';
import { setWorkItemColumn } from './bulk-update';
import { assertBudgetUnlocked, childrenOf, lockWorkItem, subtreeIds, type WorkItemRow } from './load';
import { toWorkItemResponse } from './work-item-response';
import { assertSignedIn, loadWorkItemForEdit, lockPpaForBudgetChange } from '../access';
import { runUseCase } from '../effects/use-case';

/** Gives a parent's children the sort orders 0, 1, 2… in the order given. */
function renumber(tx: Queryable, ordered: WorkItemRow[]): Promise<void> {
  const changed = ordered.flatMap((item, index) => (item.sortOrder === index ? [] : [{ id: item.id, value: index }]));
  return setWorkItemColumn(tx, { name: 'sort_order', cast: 'int' }, changed);
}

/**
 * Moves a work item (with its subtree) under another parent of the same PPA, or to another place among
 * its siblings (a reorder). Refused: moving the project, under itself or its own sub-items, under a
 * parent whose type is not shallower, or money into a parent that cannot hold it.
 */
export async function moveWorkItem(options: { db: Database; viewer: Viewer; input: MoveWorkItemRequest }): Promise<WorkItemResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const { item: found, ppa: foundPpa } = await loadWorkItemForEdit(tx, viewer, input.id);
    if (!found.parentId) throw AppError.conflict('The execution project is the root of the plan and cannot be moved.');
    const [target] = await tx
      .select()
      .from(workItems)
      .where(and(eq(workItems.id, input.parentId), eq(workItems.ppaId, foundPpa.id)));
    if (!target) throw AppError.badField('parentId', 'Choose a new parent in the same PPA.');
    if ((await subtreeIds(tx, found.id)).includes(target.id)) {
      throw AppError.badField('parentId', 'An item cannot move under itself or one of its own sub-items.');
    }
    const typeProblem = childTypeProblem(found.workType, target.workType);
    if (typeProblem) throw AppError.badField('parentId', typeProblem);

    const ppa = await lockPpaForBudgetChange(tx, foundPpa.id);
    const parentIds = [...new Set([found.parentId, target.id])].sort();
    const lockedParents = new Map<string, WorkItemRow>();
    for (const parentId of parentIds) lockedParents.set(parentId, await lockWorkItem(tx, parentId));
    const item = await lockWorkItem(tx, found.id);
    if (item.parentId !== found.parentId) throw AppError.conflict('This work item was just moved by someone else; reload and try again.');

    const newParent = lockedParents.get(target.id)!;
    const siblings = (await childrenOf(tx, newParent.id)).filter((s) => s.id !== item.id);
    const changesParent = newParent.id !== item.parentId;
    if (changesParent && centavosOf(item.allocatedBudget) > 0n) {
      assertBudgetUnlocked(ppa);
      const problem = overAllocationProblem(newParent.title, centavosOf(newParent.allocatedBudget), [
        ...siblings.map((s) => centavosOf(s.allocatedBudget)),
        centavosOf(item.allocatedBudget),
      ]);
      if (problem) throw AppError.conflict(problem);
    }

    const position = Math.min(input.position, siblings.length);
    const ordered = [...siblings.slice(0, position), item, ...siblings.slice(position)];
    await tx.update(workItems).set({ parentId: newParent.id, sortOrder: position }).where(eq(workItems.id, item.id));
    await renumber(
      tx,
      ordered.map((row) => (row.id === item.id ? { ...row, sortOrder: position } : row)),
    );
    if (changesParent)
      await renumber(
        tx,
        (await childrenOf(tx, item.parentId!)).filter((s) => s.id !== item.id),
      );

    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'work_item',
      entityId: item.id,
      action: changesParent ? 'move' : 'reorder',
      before: { parentId: item.parentId, sortOrder: item.sortOrder },
      after: { parentId: newParent.id, sortOrder: position },
    });
    // Both parents' rollups change with the item (a reorder changes none).
    if (changesParent) await resyncAfterPlanChange(tx, ppa, viewer);
    const [moved] = await tx.select().from(workItems).where(eq(workItems.id, item.id));
    return toWorkItemResponse(moved!);
  });
}
