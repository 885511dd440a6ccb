import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { ppas, workItems } from '@/db/schema';
import { canEditPpa } from '../../domain/access';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { findVisiblePpa, visiblePpasCondition, type PpaRow, type RowLockOption } from '../ppa/scope';

export type WorkItemRow = typeof workItems.$inferSelect;

/** Planners of the PPA's MOA and admins change a PPA's tree, money and spending; others are told so. */
export function assertCanEditPpa(viewer: Viewer, ppa: PpaRow): void {
  if (!canEditPpa(viewer, ppa.moaId)) {
    throw AppError.forbidden('Only planners of this PPA’s MOA or an admin can change its work items and budget.');
  }
}

/** A locked budget (after budget review) refuses every change of an allocation. */
export function assertBudgetUnlocked(ppa: PpaRow): void {
  if (ppa.budgetLockedAt) {
    throw AppError.conflict('The budget of this PPA is locked after budget review; an admin must unlock it before allocations change.');
  }
}

/**
 * A work item and its PPA, for a change by this viewer: not found unless the viewer may see the PPA,
 * forbidden unless they may edit it. `lock` takes the item's row lock for the rest of the transaction.
 */
export async function loadWorkItemForEdit(
  q: Queryable,
  viewer: Viewer,
  workItemId: string,
  options: RowLockOption = {},
): Promise<{ item: WorkItemRow; ppa: PpaRow }> {
  const row = await loadWorkItem(q, viewer, workItemId, options);
  assertCanEditPpa(viewer, row.ppa);
  return row;
}

/** A work item and its PPA, if the viewer may see the PPA. */
export async function loadWorkItem(
  q: Queryable,
  viewer: Viewer,
  workItemId: string,
  options: RowLockOption = {},
): Promise<{ item: WorkItemRow; ppa: PpaRow }> {
  const query = q
    .select({ item: workItems, ppa: ppas })
    .from(workItems)
    .innerJoin(ppas, eq(ppas.id, workItems.ppaId))
    .where(and(eq(workItems.id, workItemId), visiblePpasCondition(viewer)));
  const [row] = options.lock ? await query.for(options.lock, { of: workItems }) : await query;
  if (!row) throw AppError.notFound('That work item');
  return row;
}

/** A PPA the viewer may edit; `lock: 'no key update'` for a change of its plan (see lockPpaForBudgetChange). */
export async function loadPpaForEdit(q: Queryable, viewer: Viewer, ppaId: string, options: RowLockOption = {}): Promise<PpaRow> {
  const ppa = await findVisiblePpa(q, viewer, ppaId, options);
  assertCanEditPpa(viewer, ppa);
  return ppa;
}

/** The children of an item in sort order, optionally locked. */
export async function childrenOf(q: Queryable, parentId: string, options: RowLockOption = {}): Promise<WorkItemRow[]> {
  const query = q.select().from(workItems).where(eq(workItems.parentId, parentId)).orderBy(workItems.sortOrder, workItems.id);
  return options.lock ? query.for(options.lock) : query;
}

/** Locks a row and reads it again: the values another transaction committed while we waited. */
export async function lockWorkItem(q: Queryable, workItemId: string): Promise<WorkItemRow> {
  const [row] = await q.select().from(workItems).where(eq(workItems.id, workItemId)).for('update');
  if (!row) throw AppError.notFound('That work item');
  return row;
}

/** The ids of an item and all its descendants (one recursive query). */
export async function subtreeIds(q: Queryable, rootId: string): Promise<string[]> {
  const result = await q.execute(sql`
    with recursive subtree as (
      select id from ${workItems} where id = ${rootId}
      union all
      select w.id from ${workItems} w join subtree s on w.parent_id = s.id
    )
    select id from subtree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/**
 * Takes the PPA row's lock and reads it fresh, first thing in any change of the PPA's plan (its work items,
 * their money, progress or status): an admin's budget lock waits for the change, or the change sees the lock.
 * The lock is exclusive because every such change ends by re-syncing the plan, which writes the PPA's row and
 * its items' rollups: changes of one plan queue here, whole, before any of them locks a work item. After it
 * locks go parent → children, so nothing waits in a circle.
 */
export async function lockPpaForBudgetChange(q: Queryable, ppaId: string): Promise<PpaRow> {
  const [ppa] = await q.select().from(ppas).where(eq(ppas.id, ppaId)).for('no key update');
  if (!ppa) throw AppError.notFound('That PPA');
  return ppa;
}
